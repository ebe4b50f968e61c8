import EdulinkCore
import Testing

/// Who may do what, written out from PRODUCT.md and DOMAIN.md: "always", "own" (the resource is
/// theirs: own user, own organization or own institution), or absent (never).
private let expected: [Role: [Action: String]] = [
    .student: [
        .browseListings: "always", .viewListing: "always", .apply: "always", .viewApplication: "own",
        .withdrawApplication: "own", .answerOffer: "own", .manageSavedItems: "own", .viewProfile: "own",
        .editProfile: "own", .viewOrganization: "always", .readNotifications: "own", .changeOwnPassword: "own",
    ],
    .employer: [
        .browseListings: "always", .viewListing: "always", .createListing: "own", .editListing: "own",
        .submitListing: "own", .closeListing: "own", .viewApplication: "own", .viewApplicants: "own",
        .moveApplication: "own", .annotateApplication: "own", .exportApplicants: "own", .viewProfile: "always",
        .viewOrganization: "always", .editOrganization: "own", .readNotifications: "own",
        .changeOwnPassword: "own",
    ],
    .institutionAdmin: [
        .browseListings: "always", .viewListing: "always", .verifyListing: "own", .viewApplication: "own",
        .viewProfile: "own", .viewOrganization: "always", .readNotifications: "own", .changeOwnPassword: "own",
    ],
    .supervisor: [
        .browseListings: "always", .viewListing: "always", .viewOrganization: "always", .readNotifications: "own",
        .changeOwnPassword: "own",
    ],
    .admin: [
        .browseListings: "always", .viewListing: "always", .verifyListing: "always", .viewApplication: "always",
        .viewApplicants: "always", .viewProfile: "always", .viewOrganization: "always", .editOrganization: "always",
        .readNotifications: "own", .changeOwnPassword: "own", .manageUsers: "always", .viewAudit: "always",
        .viewSecurity: "always", .viewHealth: "always", .manageAlerts: "always", .manageDatabase: "always",
        .exportApplicants: "always",
    ],
]

private struct Case: CustomTestStringConvertible, Sendable {
    let role: Role
    let action: Action
    var testDescription: String { "\(role.rawValue) \(action.rawValue)" }
}

private let everyCase = Role.allCases.flatMap { role in Action.allCases.map { Case(role: role, action: $0) } }

private let me = Principal(userID: 10, role: .student, organizationID: 20, institutionID: 30, origin: .tui)
/// The resource belongs to the principal in every sense that applies.
private let mine = Ownership(userID: 10, organizationID: 20, institutionID: 30)
/// The resource belongs to somebody else in every sense.
private let theirs = Ownership(userID: 11, organizationID: 21, institutionID: 31)

@Suite("Permission policy")
struct PermissionPolicyTests {
    @Test("every role × action × ownership matches the product's table", arguments: everyCase)
    fileprivate func matrix(_ c: Case) {
        var principal = me
        principal.role = c.role
        let rule = expected[c.role]?[c.action]
        let onMine = PermissionPolicy.allows(principal, c.action, on: mine)
        let onTheirs = PermissionPolicy.allows(principal, c.action, on: theirs)
        switch rule {
        case "always":
            #expect(onMine && onTheirs)
        case "own":
            #expect(onMine && !onTheirs)
        default:
            #expect(!onMine && !onTheirs)
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
