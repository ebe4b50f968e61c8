import EdulinkCore
import Foundation
import Testing

/// The institution admin's registration codes and students, and signing up with a code
/// (PLACEMENTS.md, Institution admin), on every backend.
@Suite("Contract: institutions, registration codes and students", .timeLimit(.minutes(10)))
struct InstitutionContractTests {
    static let day: TimeInterval = 86_400

    /// Signs in a new institution admin of `institution`.
    static func institutionAdmin(_ w: Seeded, _ email: String, of institution: InstitutionID) async throws
        -> any EdulinkRepository
    {
        _ = try await w.world.setup.acting(as: .localOperator()).createUser(
            NewAccount(
                email: email, displayName: "Career Office", role: .institutionAdmin,
                password: ContractFixture.password, institutionID: institution))
        let session = w.world.newSession()
        _ = try await session.login(email: email, password: ContractFixture.password)
        return session
    }

    static func form(_ code: String, _ email: String, number: String? = nil) -> StudentSignUp {
        StudentSignUp(
            code: code, displayName: "Njeri Wambui", email: email, password: "kahawa chungu 2026",
            registrationNumber: number, course: "Computer Science", yearOfStudy: 2)
    }

    @Test(
        "a student signs up with the institution's code, is tied to it, signed in, and listed in Students",
        arguments: ContractBackend.all)
    func signUpWithCode(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let code = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 2, expiresAt: w.now.addingTimeInterval(30 * Self.day)))
            #expect(code.code.wholeMatch(of: /EDUUON\d\d-01/) != nil)
            #expect(code.uses == 0 && code.state(at: w.now) == .open)
            let second = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 1, expiresAt: w.now.addingTimeInterval(Self.day)))
            #expect(second.code.hasSuffix("-02"))

            // Typed in lower case with a space: the code is still recognised.
            let typed = code.code.lowercased().replacingOccurrences(of: "-", with: " -")
            let newcomer = w.world.newSession()
            let user = try await newcomer.signUp(Self.form(typed, " Njeri@Example.COM ", number: "p15/2001/2026"))
            #expect(user.role == .student && user.institutionID == w.institution.id)
            #expect(user.email == "njeri@example.com")
            #expect(await newcomer.currentUser()?.id == user.id)
            let profile = try await newcomer.profile()
            #expect(profile.profile.registrationNumber == "P15/2001/2026")
            #expect(profile.profile.institutionID == w.institution.id)
            // The new password works for the next sign-in.
            let again = w.world.newSession()
            _ = try await again.login(email: "njeri@example.com", password: "kahawa chungu 2026")

            let page = try await office.institutionStudents(StudentQuery(text: "njeri"))
            #expect(page.students.map(\.id) == [user.id])
            #expect(page.students.first?.stage == .notApplied)
            #expect(try await office.registrationCodes().first { $0.id == code.id }?.uses == 1)
            let uses = try await office.registrationCodeUses(code.id)
            #expect(uses.map(\.outcome) == [.success])
            #expect(uses.first?.userID == user.id)
        }
    }

    @Test(
        "a used-up, expired, revoked or unknown code gets the one refusal; the log says which",
        arguments: ContractBackend.all)
    func badCodes(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let once = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 1, expiresAt: w.now.addingTimeInterval(30 * Self.day)))
            let soon = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 10, expiresAt: w.now.addingTimeInterval(Self.day)))
            let revoked = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 10, expiresAt: w.now.addingTimeInterval(30 * Self.day)))
            #expect(try await office.revokeRegistrationCode(revoked.id).revokedAt != nil)
            #expect(try await office.revokeRegistrationCode(revoked.id).revokedAt != nil)

            _ = try await w.world.newSession().signUp(Self.form(once.code, "first@example.com"))
            func refusal(_ code: String, _ email: String) async -> EdulinkError? {
                await edulinkError { try await w.world.newSession().signUp(Self.form(code, email)) }
            }
            for error in [
                await refusal(once.code, "second@example.com"), await refusal(revoked.code, "third@example.com"),
                await refusal("EDUUON26-99", "fourth@example.com"), await refusal("not a code!", "fifth@example.com"),
            ] {
                #expect(error?.refusalCode == .registrationCodeInvalid)
                #expect(error?.message == RegistrationCodeRules.refusal)
            }
            w.clock.advance(by: 2 * Self.day)
            let expired = await refusal(soon.code, "sixth@example.com")
            #expect(expired?.refusalCode == .registrationCodeInvalid)
            #expect(expired?.message == RegistrationCodeRules.refusal)

            let office2 = w.world.newSession()
            _ = try await office2.login(email: "office@uon.example", password: ContractFixture.password)
            #expect(try await office2.registrationCodeUses(once.id).map(\.outcome) == [.usedUp, .success])
            #expect(try await office2.registrationCodeUses(soon.id).map(\.outcome) == [.expired])
            #expect(try await office2.registrationCodeUses(revoked.id).map(\.outcome) == [.revoked])
            // Nobody was created by a refused code.
            let emails = try await office2.institutionStudents(StudentQuery()).students.map(\.email)
            #expect(emails.contains("first@example.com"))
            #expect(
                !emails.contains { ["second", "third", "fourth", "fifth", "sixth"].contains($0.prefix { $0 != "@" }) })
        }
    }

    @Test(
        "with a good code, bad details are refused by field, use nothing up, and are logged",
        arguments: ContractBackend.all)
    func badDetails(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let code = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 1, expiresAt: w.now.addingTimeInterval(30 * Self.day)))
            var weak = Self.form(code.code, "weak@example.com")
            weak.password = "password"
            let weakError = await edulinkError { try await w.world.newSession().signUp(weak) }
            #expect(weakError?.fieldErrors.map(\.field) == ["password"])
            let taken = await edulinkError {
                try await w.world.newSession().signUp(Self.form(code.code, "student1@uon.example"))
            }
            #expect(taken?.fieldErrors.map(\.field) == ["email"])
            let number = await edulinkError {
                try await w.world.newSession().signUp(Self.form(code.code, "dup@example.com", number: "P15/1000/2023"))
            }
            #expect(number?.fieldErrors.map(\.field) == ["registration_number"])
            let outcomes = try await office.registrationCodeUses(code.id).map(\.outcome)
            #expect(outcomes == [.refusedDetails, .refusedDetails, .refusedDetails])
            #expect(try await office.registrationCodes().first?.uses == 0)
            // The code still has its one use.
            _ = try await w.world.newSession().signUp(Self.form(code.code, "fine@example.com"))
        }
    }

    @Test(
        "codes: uses and expiry are checked; only institution admins (and admins) make them",
        arguments: ContractBackend.all)
    func codeRules(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let zero = await edulinkError {
                try await office.createRegistrationCode(
                    NewRegistrationCode(maxUses: 0, expiresAt: w.now.addingTimeInterval(Self.day)))
            }
            #expect(zero?.fieldErrors.map(\.field) == ["max_uses"])
            let past = await edulinkError {
                try await office.createRegistrationCode(
                    NewRegistrationCode(maxUses: 5, expiresAt: w.now.addingTimeInterval(-60)))
            }
            #expect(past?.fieldErrors.map(\.field) == ["expires_at"])
            let far = await edulinkError {
                try await office.createRegistrationCode(
                    NewRegistrationCode(maxUses: 5, expiresAt: w.now.addingTimeInterval(400 * Self.day)))
            }
            #expect(far?.fieldErrors.map(\.field) == ["expires_at"])
            for outsider in [w.student, w.employer] {
                #expect(
                    await edulinkError {
                        try await outsider.createRegistrationCode(
                            NewRegistrationCode(maxUses: 5, expiresAt: w.now.addingTimeInterval(Self.day)))
                    } != nil)
                #expect(await edulinkError { try await outsider.institutionStudents(StudentQuery()) } != nil)
            }
        }
    }

    @Test(
        "an institution admin sees only their own students and codes; another institution's are not found",
        arguments: ContractBackend.all)
    func ownInstitutionOnly(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let op = Principal.localOperator()
            let other = try await w.world.setup.acting(as: op).createInstitution(
                Institution(name: "Kenyatta University", shortCode: "KU", type: .university, verified: true))
            let outsider = try await w.world.setup.acting(as: op).createUser(
                NewAccount(
                    email: "amani@ku.example", displayName: "Amani Outsider", role: .student,
                    password: ContractFixture.password, institutionID: other.id))
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let otherOffice = try await Self.institutionAdmin(w, "office@ku.example", of: other.id)
            let code = try await office.createRegistrationCode(
                NewRegistrationCode(maxUses: 5, expiresAt: w.now.addingTimeInterval(Self.day)))

            let page = try await office.institutionStudents(StudentQuery())
            #expect(page.total == 3)
            #expect(Set(page.students.map(\.id)) == Set(w.studentIDs))
            #expect(page.courses == ["Computer Science"])
            #expect(isNotFound(await edulinkError { try await office.institutionStudent(outsider.id) }))
            #expect(try await otherOffice.institutionStudents(StudentQuery()).students.map(\.id) == [outsider.id])
            #expect(isNotFound(await edulinkError { try await otherOffice.institutionStudent(w.studentIDs[0]) }))
            #expect(isNotFound(await edulinkError { try await otherOffice.revokeRegistrationCode(code.id) }))
            #expect(isNotFound(await edulinkError { try await otherOffice.registrationCodeUses(code.id) }))
            #expect(try await otherOffice.registrationCodes().isEmpty)
            #expect(try await office.registrationCodes().first?.revokedAt == nil)
        }
    }

    @Test(
        "Students: search, filters, stages from applications, pages by name, and a read-only detail",
        arguments: ContractBackend.all)
    func studentsList(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let application = try await w.application(by: 1)
            #expect(
                try await office.institutionStudents(StudentQuery(stage: .applied)).students.map(\.id) == [
                    w.studentIDs[1]
                ])
            _ = try await w.employer.move(application.id, .shortlist)
            _ = try await w.employer.move(application.id, .offer(expiresAt: nil))
            let offered = try await office.institutionStudents(StudentQuery(stage: .offered))
            #expect(offered.students.map(\.id) == [w.studentIDs[1]] && offered.total == 1)
            let notApplied = try await office.institutionStudents(StudentQuery(stage: .notApplied))
            #expect(notApplied.total == 2)
            #expect(try await office.institutionStudents(StudentQuery(yearOfStudy: 3)).total == 3)
            #expect(try await office.institutionStudents(StudentQuery(yearOfStudy: 4)).total == 0)
            #expect(try await office.institutionStudents(StudentQuery(course: "Law")).total == 0)
            #expect(
                try await office.institutionStudents(StudentQuery(text: "p15/1002")).students.map(\.id) == [
                    w.studentIDs[2]
                ])
            // A name outside ASCII, found in any case on both stores (SQLite's own lower() folds ASCII only).
            _ = try await w.students[0].updateProfile(ContractFixture.profile(of: 0, name: "Ngũgĩ Öztürk"))
            #expect(
                try await office.institutionStudents(StudentQuery(text: "ÖZTÜRK")).students.map(\.id) == [
                    w.studentIDs[0]
                ])

            let first = try await office.institutionStudents(StudentQuery(limit: 2))
            #expect(first.students.count == 2 && first.total == 3)
            let rest = try await office.institutionStudents(StudentQuery(after: first.students.last?.cursor, limit: 2))
            #expect(rest.students.count == 1)
            #expect(Set((first.students + rest.students).map(\.id)) == Set(w.studentIDs))

            let detail = try await office.institutionStudent(w.studentIDs[1])
            #expect(detail.student.stage == .offered)
            #expect(detail.applications.map(\.id) == [application.id])
            #expect(detail.applications.first?.application.notes == nil)
            #expect(detail.profile.registrationNumber == "P15/1001/2023")
            #expect(detail.placements.isEmpty)
        }
    }

    @Test(
        "Listings: the institution-only listings waiting for their admin, opened and verified; where its students applied",
        arguments: ContractBackend.all)
    func listings(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let other = try await w.world.setup.acting(as: .localOperator()).createInstitution(
                Institution(name: "Kenyatta University", shortCode: "KU", type: .university, verified: true))
            let otherOffice = try await Self.institutionAdmin(w, "office@ku.example", of: other.id)
            var draft = ContractFixture.draft("Campus Data Fellow", at: w.now)
            draft.visibility = .institutionOnly
            draft.institutionID = w.institution.id
            let ours = try await w.employer.createListing(draft)
            _ = try await w.employer.changeListing(ours.id, .submit, reason: nil)
            let open = try await w.employer.createListing(ContractFixture.draft("Open Analyst", at: w.now))
            _ = try await w.employer.changeListing(open.id, .submit, reason: nil)

            #expect(try await office.verificationQueue().map(\.id) == [ours.id])
            // The institution's admin hears of it; another institution's does not.
            let waiting = try await office.notifications(unreadOnly: true, limit: 20).filter {
                $0.kind == .listingWaiting
            }
            #expect(waiting.map(\.listingID) == [ours.id])
            #expect(
                try await otherOffice.notifications(unreadOnly: true, limit: 20).allSatisfy {
                    $0.kind != .listingWaiting
                })
            #expect(try await office.listing(ours.id).listing.status == .pendingReview)
            #expect(isNotFound(await edulinkError { try await office.listing(open.id) }))
            #expect(try await otherOffice.verificationQueue().isEmpty)
            #expect(isNotFound(await edulinkError { try await otherOffice.listing(ours.id) }))
            #expect(isNotFound(await edulinkError { try await w.student.listing(ours.id) }))
            let verified = try await office.changeListing(ours.id, .verify, reason: nil)
            #expect(verified.status == .published)
            #expect(try await office.verificationQueue().isEmpty)

            _ = try await w.application(by: 1)
            _ = try await w.application(ours.id, by: 0)
            let used = try await office.institutionListings()
            #expect(used.map(\.listing.id).sorted() == [w.listing.id, ours.id].sorted())
            #expect(used.allSatisfy { $0.students == 1 && $0.offers == 0 && $0.accepted == 0 })
            #expect(try await otherOffice.institutionListings().isEmpty)
            #expect(isDenied(await edulinkError { try await w.student.institutionListings() }))
        }
    }

    @Test(
        "institution admins hear of a student placed and of overdue logbooks once a day, not once per entry",
        arguments: ContractBackend.all)
    func institutionNotifications(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let early = try await PlacementWorld.make(w, weeks: 3)
            _ = try await PlacementWorld.accepted(w, weeks: 2, by: 1, title: "Second Placement — Field Desk")
            let placed = try await early.institutionAdmin.notifications(unreadOnly: true, limit: 50)
            #expect(placed.contains { $0.kind == .placementUpdate && $0.title == "Placement created" })
            // Day 18: weeks 1 and 2 are overdue (due on days 10 and 17); nothing was written.
            let p = try await early.advance(toDay: 18)
            _ = try await w.world.setup.sweepPlacements()
            _ = try await w.world.setup.sweepPlacements()
            let inbox = try await p.institutionAdmin.notifications(unreadOnly: true, limit: 50)
            // `compactMap`, not `filter`: in this async closure `inbox.filter { $0.kind == .logbookDue }`
            // returned the last notification (a placement update) on Swift 6.3.1, while the same
            // comparison in `map` and `compactMap` is right; not reproduced outside this closure.
            let digests = inbox.compactMap { $0.kind == .logbookDue ? $0 : nil }
            #expect(digests.count == 1)
            // Weeks 1 and 2 (due on days 10 and 17) of both placements, which start on the same day.
            #expect(digests.first?.body.hasPrefix("4 logbook weeks are overdue across 2 placements") == true)
            // The next day brings the next digest.
            w.clock.advance(by: 86_400)
            _ = try await w.world.setup.sweepPlacements()
            let next = try await p.institutionAdmin.notifications(unreadOnly: true, limit: 50)
            #expect(next.compactMap { $0.kind == .logbookDue ? $0 : nil }.count == 2)
        }
    }

    static let importFile = """
        Name,Email,Registration number,Course,Year
        Achieng Odhiambo,achieng@uon.example,P15/3001/2026,computer science,1
        "Kamau, Brian",brian@uon.example,P15/3002/2026,Actuarial Science,2
        Student Zero Again,student0@uon.example,P15/1000/2023,Computer Science,3
        Not An Email,not-an-email,P15/3003/2026,Law,1
        Twice,twice@uon.example,P15/3001/2026,Law,9
        Taken Email,student1@uon.example,P15/3004/2026,,
        """

    @Test(
        "an import reports every row by line, refuses the whole file while a row is bad, then applies once",
        arguments: ContractBackend.all)
    func importStudents(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            let dryRun = try await office.importStudents(StudentImportRequest(csv: Self.importFile, apply: false))
            #expect(!dryRun.applied && dryRun.fileProblems.isEmpty)
            #expect(dryRun.rows.map(\.line) == [2, 3, 4, 5, 6, 7])
            #expect(dryRun.rows.map(\.outcome) == [.create, .create, .existing, .refused, .refused, .refused])
            // The course takes the spelling the institution's students have; a new one is reported.
            #expect(dryRun.rows[0].course == "Computer Science" && !dryRun.rows[0].notes.isEmpty)
            #expect(dryRun.rows[1].name == "Kamau, Brian")
            #expect(dryRun.rows[2].userID == w.studentIDs[0])
            #expect(dryRun.rows[3].problems.count == 1)
            #expect(dryRun.rows[4].problems.contains { $0.contains("line 2") })
            #expect(dryRun.rows[4].problems.count == 2)  // the number twice, and year 9
            #expect(dryRun.rows[5].problems == ["an account with the email student1@uon.example already exists"])
            #expect(Set(dryRun.newCourses.map(\.course)) == ["Actuarial Science", "Law"])
            #expect(dryRun.rows.allSatisfy { $0.oneTimeCode == nil })

            // Applying a file with refused rows changes nothing.
            let refused = try await office.importStudents(StudentImportRequest(csv: Self.importFile, apply: true))
            #expect(!refused.applied && refused.count(.refused) == 3)
            #expect(try await office.institutionStudents(StudentQuery()).total == 3)

            let fixed = Self.importFile.split(separator: "\n").prefix(4).joined(separator: "\n")
            let applied = try await office.importStudents(StudentImportRequest(csv: fixed, apply: true))
            #expect(applied.applied && applied.count(.create) == 2 && applied.count(.existing) == 1)
            let created = applied.rows.filter { $0.outcome == .create }
            #expect(created.allSatisfy { $0.oneTimeCode?.count == 16 && $0.userID != nil })
            let page = try await office.institutionStudents(StudentQuery(course: "Actuarial Science"))
            #expect(page.students.map(\.displayName) == ["Kamau, Brian"])
            #expect(page.students.first?.yearOfStudy == 2)

            // The one-time code signs the student in once, to set their own password first.
            let student = w.world.newSession()
            let signedIn = try await student.login(
                email: "brian@uon.example", password: created[1].oneTimeCode ?? "")
            #expect(signedIn.mustChangePassword)
            #expect(
                isSignInRefused(
                    await edulinkError {
                        _ = try await w.world.newSession().login(
                            email: "brian@uon.example", password: "not the code at all")
                    }))

            // A second run changes nothing.
            let again = try await office.importStudents(StudentImportRequest(csv: fixed, apply: true))
            #expect(again.applied && again.count(.create) == 0 && again.count(.existing) == 3)
            #expect(again.rows.allSatisfy { $0.oneTimeCode == nil })
            #expect(try await office.institutionStudents(StudentQuery()).total == 5)
        }
    }

    @Test(
        "a file that cannot be read says why; only an institution's admin (or an admin naming it) imports into it",
        arguments: ContractBackend.all)
    func importRefusals(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await Self.institutionAdmin(w, "office@uon.example", of: w.institution.id)
            for file in ["", "name,email\nAda,ada@uon.example", "name,email,reg no\n"] {
                let report = try await office.importStudents(StudentImportRequest(csv: file, apply: true))
                #expect(!report.applied && report.rows.isEmpty && report.fileProblems.count == 1)
            }
            let file = "name,email,reg no\nAda Lovelace,ada@uon.example,P15/4000/2026\n"
            let other = try await w.world.setup.acting(as: .localOperator()).createInstitution(
                Institution(name: "Kenyatta University", shortCode: "KU", type: .university, verified: true))
            #expect(
                isNotFound(
                    await edulinkError {
                        try await office.importStudents(
                            StudentImportRequest(csv: file, apply: true, institutionID: other.id))
                    }))
            #expect(
                isDenied(
                    await edulinkError {
                        try await w.student.importStudents(StudentImportRequest(csv: file, apply: true))
                    }))
            #expect(
                isDenied(
                    await edulinkError {
                        try await w.employer.importStudents(StudentImportRequest(csv: file, apply: false))
                    }))
            let byAdmin = try await w.admin.importStudents(
                StudentImportRequest(csv: file, apply: true, institutionID: other.id))
            #expect(byAdmin.applied && byAdmin.count(.create) == 1)
            #expect(try await office.institutionStudents(StudentQuery(text: "ada")).total == 0)
        }
    }
}

/// Refused for want of permission: forbidden, or not found where the record's existence is hidden.
private func isDenied(_ error: EdulinkError?) -> Bool {
    switch error {
    case .forbidden?, .notFound?: true
    default: false
    }
}

private func isSignInRefused(_ error: EdulinkError?) -> Bool {
    if case .unauthenticated? = error { return true }
    return false
}
