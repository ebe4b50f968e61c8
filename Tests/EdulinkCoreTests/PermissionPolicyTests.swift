import EdulinkCore
import Testing

private let me = Principal(userID: 10, role: .student, organizationID: 20, institutionID: 30, origin: .tui)
/// The resource belongs to the principal in every sense that applies.
private let mine = Ownership(userID: 10, organizationID: 20, institutionID: 30, supervisorIDs: [10])
/// The resource belongs to somebody else in every sense.
private let theirs = Ownership(userID: 11, organizationID: 21, institutionID: 31, supervisorIDs: [11])

/// What a sentence of PRODUCT.md or DOMAIN.md says a role may do: on anything (`anyone's`), on its
/// own user, organization or institution only (`ownOnly`), or never.
private enum Says { case anyones, ownOnly, never }

/// One statement of the documents, as a case: who, what, and what the sentence says.
private struct Statement: CustomTestStringConvertible, Sendable {
    let role: Role
    let actions: [Action]
    let says: Says
    let sentence: String
    var testDescription: String { "\(role.rawValue): \(sentence)" }
}

/// The statements, each from the documents' own words (PRODUCT.md "Who uses it, and how" and
/// "Rules that matter"; DOMAIN.md's listing lifecycle and roles). Not a copy of the policy table:
/// the policy must agree with each sentence, and grant nothing that no sentence grants.
private let statements: [Statement] =
    [
        // student: browse, search, filter, save internships; apply; track and withdraw applications;
        // answer offers; profile
        Statement(
            role: .student, actions: [.browseListings, .viewListing, .apply], says: .anyones,
            sentence: "a student browses, searches and applies to listings"),
        Statement(
            role: .student, actions: [.viewApplication, .withdrawApplication, .answerOffer], says: .ownOnly,
            sentence: "a student never sees another student's application; tracks, withdraws and answers their own"),
        Statement(
            role: .student, actions: [.manageSavedItems, .viewProfile, .editProfile], says: .ownOnly,
            sentence: "a student saves internships and keeps their own profile"),
        Statement(
            role: .student, actions: [.createListing, .moveApplication, .viewApplicants, .verifyListing],
            says: .never, sentence: "a student neither posts listings nor decides on applicants"),
        // employer: post, edit, close listings; review applicants; move them through the pipeline;
        // notes, ratings; export
        Statement(
            role: .employer, actions: [.browseListings, .viewListing], says: .anyones,
            sentence: "an employer sees the published listings"),
        Statement(
            role: .employer, actions: [.createListing, .editListing, .submitListing, .closeListing], says: .ownOnly,
            sentence: "an employer posts, edits, submits and closes their own organization's listings"),
        Statement(
            role: .employer,
            actions: [.viewApplicants, .viewApplication, .moveApplication, .annotateApplication, .exportApplicants],
            says: .ownOnly,
            sentence:
                "an employer sees only applicants to their own listings, and decides, notes, rates and exports them"),
        Statement(
            role: .employer, actions: [.editOrganization], says: .ownOnly,
            sentence: "an employer belongs to one organization and edits its profile"),
        Statement(
            role: .employer, actions: [.viewProfile], says: .anyones,
            sentence: "an employer reads the profiles of the students who apply"),
        Statement(
            role: .employer, actions: [.apply, .verifyListing, .manageUsers], says: .never,
            sentence: "an employer neither applies nor verifies listings nor manages accounts"),
        // institution admin: own students, their applications; institution-only listings
        Statement(
            role: .institutionAdmin, actions: [.browseListings, .viewListing], says: .anyones,
            sentence: "an institution admin sees the published listings"),
        Statement(
            role: .institutionAdmin, actions: [.verifyListing], says: .ownOnly,
            sentence: "the institution admin verifies institution-only listings of their own institution"),
        Statement(
            role: .institutionAdmin, actions: [.viewApplication, .viewProfile], says: .ownOnly,
            sentence: "an institution admin sees their own students and their applications"),
        Statement(
            role: .institutionAdmin, actions: [.apply, .moveApplication, .createListing], says: .never,
            sentence: "an institution admin neither applies nor hires"),
        // supervisor: interns assigned to them (PLACEMENTS.md)
        Statement(
            role: .supervisor, actions: [.browseListings, .viewListing], says: .anyones,
            sentence: "a supervisor sees the published listings"),
        Statement(
            role: .supervisor, actions: [.apply, .viewApplicants, .moveApplication, .verifyListing], says: .never,
            sentence: "a supervisor takes no part in applying or hiring"),
        // placements (PLACEMENTS.md)
        Statement(
            role: .student, actions: [.viewPlacement, .writeLogbook], says: .ownOnly,
            sentence: "only the placement's student writes its logbook; a student sees their own placement"),
        Statement(
            role: .student, actions: [.reviewLogbook, .evaluatePlacement, .terminatePlacement, .assignSupervisor],
            says: .never, sentence: "a student neither reviews, evaluates, ends nor staffs a placement"),
        Statement(
            role: .employer,
            actions: [
                .viewPlacement, .terminatePlacement, .movePlacementDates, .assignSupervisor, .manageSupervisors,
            ],
            says: .ownOnly,
            sentence:
                "the employer assigns the workplace supervisor from their organization, creates supervisor accounts, "
                + "moves dates and terminates their own organization's placements"),
        Statement(
            role: .employer, actions: [.writeLogbook, .reviewLogbook, .evaluatePlacement], says: .never,
            sentence: "an employer account neither writes nor reviews logbooks (its supervisors do)"),
        Statement(
            role: .supervisor, actions: [.viewPlacement, .reviewLogbook, .evaluatePlacement], says: .ownOnly,
            sentence: "a supervisor sees only the placements assigned to them, and reviews and evaluates them"),
        Statement(
            role: .supervisor,
            actions: [.writeLogbook, .terminatePlacement, .movePlacementDates, .assignSupervisor, .manageSupervisors],
            says: .never, sentence: "a supervisor neither writes the student's logbook nor ends or staffs a placement"),
        Statement(
            role: .institutionAdmin,
            actions: [.viewPlacement, .terminatePlacement, .assignSupervisor, .manageSupervisors], says: .ownOnly,
            sentence:
                "the institution admin sees their students' placements, terminates them, creates and assigns "
                + "academic supervisors"),
        Statement(
            role: .institutionAdmin, actions: [.writeLogbook, .reviewLogbook, .movePlacementDates], says: .never,
            sentence: "an institution admin neither writes nor reviews logbooks nor moves dates"),
        Statement(
            role: .institutionAdmin, actions: [.viewStudents, .manageRegistrationCodes, .importStudents, .viewReports],
            says: .ownOnly,
            sentence:
                "the institution admin lists their own institution's students, makes, revokes and reads the "
                + "registration codes their students sign up with, imports students and reads its reports"),
        Statement(
            role: .admin, actions: [.viewStudents, .manageRegistrationCodes, .importStudents, .viewReports],
            says: .anyones,
            sentence:
                "the admin sees any institution's students, codes and reports and imports into it (naming the "
                + "institution)"),
        Statement(
            role: .student, actions: [.viewStudents, .manageRegistrationCodes, .importStudents, .viewReports],
            says: .never,
            sentence: "a student sees no list of students and makes no codes"),
        Statement(
            role: .employer, actions: [.viewStudents, .manageRegistrationCodes, .importStudents, .viewReports],
            says: .never,
            sentence: "an employer sees students only as applicants, and makes no codes"),
        Statement(
            role: .supervisor, actions: [.viewStudents, .manageRegistrationCodes, .importStudents, .viewReports],
            says: .never,
            sentence: "a supervisor sees their interns only through their placements"),
        Statement(
            role: .admin, actions: [.viewPlacement], says: .anyones, sentence: "the admin sees every placement"),
        Statement(
            role: .admin, actions: [.writeLogbook, .reviewLogbook, .evaluatePlacement, .assignSupervisor],
            says: .never, sentence: "the admin takes no part in a placement's supervision"),
        // admin: health panels, alerts, users, listing verification, security events, audit log,
        // database, backups, KPIs
        Statement(
            role: .admin,
            actions: [
                .viewHealth, .manageAlerts, .manageUsers, .verifyListing, .viewSecurity, .viewAudit, .manageDatabase,
            ],
            says: .anyones,
            sentence:
                "the admin watches health and alerts, manages users, verifies listings, reads security and audit, runs the database"
        ),
        Statement(
            role: .admin,
            actions: [
                .browseListings, .viewListing, .viewApplication, .viewApplicants, .viewProfile, .editOrganization,
                .exportApplicants,
            ],
            says: .anyones,
            sentence: "the admin sees every listing, application and profile, verifies employers and exports for audits"
        ),
        Statement(
            role: .admin, actions: [.apply, .moveApplication, .createListing], says: .never,
            sentence: "the admin neither applies nor decides on an employer's applicants"),
        Statement(
            role: .admin, actions: [.exportPersonalData, .erasePersonalData], says: .anyones,
            sentence: "the admin exports anyone's data and erases a person (PLACEMENTS.md, Privacy)"),
        // everyone signed in
    ]
    + Role.allCases.filter { $0 != .admin }.map { role in
        Statement(
            role: role, actions: [.exportPersonalData], says: .ownOnly,
            sentence: "everyone exports the data stored about themselves (PLACEMENTS.md, Privacy)")
    }
    + Role.allCases.flatMap { role in
        [
            Statement(
                role: role, actions: [.readNotifications, .changeOwnPassword], says: .ownOnly,
                sentence: "everyone reads their own notifications and changes their own password"),
            Statement(
                role: role, actions: [.viewOrganization], says: .anyones,
                sentence: "everyone sees the employers' public profiles"),
        ]
    }

@Suite("Permission policy")
struct PermissionPolicyTests {
    @Test("the policy agrees with each statement of the documents", arguments: statements)
    fileprivate func statement(_ statement: Statement) {
        var principal = me
        principal.role = statement.role
        for action in statement.actions {
            let onMine = PermissionPolicy.allows(principal, action, on: mine)
            let onTheirs = PermissionPolicy.allows(principal, action, on: theirs)
            switch statement.says {
            case .anyones: #expect(onMine && onTheirs, "\(action)")
            case .ownOnly: #expect(onMine && !onTheirs, "\(action)")
            case .never: #expect(!onMine && !onTheirs, "\(action)")
            }
        }
    }

    @Test("the policy grants nothing that no statement grants", arguments: Role.allCases)
    func nothingElse(_ role: Role) {
        var principal = me
        principal.role = role
        let granted = Set(statements.filter { $0.role == role && $0.says != .never }.flatMap(\.actions))
        for action in Action.allCases where !granted.contains(action) {
            #expect(!PermissionPolicy.allows(principal, action, on: mine), "\(role) \(action)")
        }
    }

    @Test("a student never reads another student's application")
    func studentIDOR() {
        #expect(!PermissionPolicy.allows(me, .viewApplication, on: Ownership(userID: 11)))
        #expect(!PermissionPolicy.allows(me, .withdrawApplication, on: Ownership(userID: 11)))
        #expect(PermissionPolicy.allows(me, .viewApplication, on: Ownership(userID: 10)))
    }

    @Test("an employer sees only applicants to their own organization's listings")
    func employerOwnership() {
        let employer = Principal(userID: 5, role: .employer, organizationID: 7, origin: .api)
        #expect(PermissionPolicy.allows(employer, .viewApplicants, on: Ownership(organizationID: 7)))
        #expect(!PermissionPolicy.allows(employer, .viewApplicants, on: Ownership(organizationID: 8)))
        #expect(!PermissionPolicy.allows(employer, .moveApplication, on: Ownership(organizationID: 8)))
    }

    @Test("an employer without an organization owns nothing, even a resource without one")
    func employerWithoutOrganization() {
        let employer = Principal(userID: 5, role: .employer, origin: .tui)
        #expect(!PermissionPolicy.allows(employer, .createListing, on: Ownership()))
        #expect(!PermissionPolicy.allows(employer, .viewApplicants, on: Ownership()))
    }

    @Test("no role but admin reads health, users, security or audit data")
    func adminOnly() {
        for role in Role.allCases where role != .admin {
            var principal = me
            principal.role = role
            for action in [Action.viewHealth, .manageAlerts, .manageUsers, .viewSecurity, .viewAudit, .manageDatabase] {
                #expect(!PermissionPolicy.allows(principal, action, on: mine), "\(role) \(action)")
            }
        }
    }
}
