import EdulinkCore
import Foundation
import Testing

@Suite("Contract: ownership and permissions", .timeLimit(.minutes(10)))
struct AccessContractTests {
    @Test("a student never reads or changes another student's application", arguments: ContractBackend.all)
    func studentIDOR(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application(by: 0)
            let other = w.students[1]
            #expect(await edulinkError { try await other.application(application.id) } == .notFound("Application"))
            #expect(
                await edulinkError { try await other.withdraw(application.id, note: nil) } == .notFound("Application"))
            #expect(try await other.myApplications().isEmpty)
            #expect(try await w.student.application(application.id).application.status == .pending)
        }
    }

    @Test("an employer sees only applicants to their own organization's listings", arguments: ContractBackend.all)
    func employerIDOR(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            let outsider = try await w.rivalEmployer()
            #expect(await edulinkError { try await outsider.application(application.id) } == .notFound("Application"))
            #expect(
                await edulinkError {
                    try await outsider.applicants(listing: w.listing.id, status: nil, after: nil, limit: 10)
                }
                    == .notFound("Listing"))
            #expect(
                await edulinkError { try await outsider.move(application.id, .shortlist) } == .notFound("Application"))
            #expect(
                await edulinkError { try await outsider.changeListing(w.listing.id, .close, reason: nil) }
                    == .notFound("Listing"))
            #expect(
                await edulinkError { try await outsider.setNotes(application.id, notes: "x") }
                    == .notFound("Application"))
        }
    }

    @Test(
        "saving a draft, a pending or another institution's listing is as missing as an unknown id; saved lists show only what may be seen",
        arguments: ContractBackend.all)
    func savingFollowsVisibility(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let draft = try await w.employer.createListing(ContractFixture.draft("Draft Data Intern", at: w.now))
            let pending = try await w.employer.createListing(ContractFixture.draft("Pending Data Intern", at: w.now))
            _ = try await w.employer.changeListing(pending.id, .submit, reason: nil)
            let (_, otherDraft) = try await SearchContractTests.otherInstitutionDraft(w, "Campus Systems Intern")
            let elsewhere = try await w.publish(otherDraft)
            let missing = await edulinkError { try await w.student.setSaved(ListingID(9_999_999), saved: true) }
            #expect(missing == .notFound("Listing"))
            for id in [draft.id, pending.id, elsewhere.id] {
                #expect(await edulinkError { try await w.student.setSaved(id, saved: true) } == missing)
            }
            #expect(try await w.student.savedListings().isEmpty)

            // A saved listing that closes stays in the list (closed listings are seen); unsaving works.
            try await w.student.setSaved(w.listing.id, saved: true)
            #expect(try await w.student.savedListings().map(\.id) == [w.listing.id])
            _ = try await w.employer.changeListing(w.listing.id, .close, reason: nil)
            #expect(try await w.student.savedListings().map(\.id) == [w.listing.id])  // closed is still seen
            try await w.student.setSaved(w.listing.id, saved: false)
            #expect(try await w.student.savedListings().isEmpty)
            try await w.student.setSaved(ListingID(9_999_999), saved: false)  // unsaving is idempotent
        }
    }

    @Test(
        "a listing's pipeline counts are its owner's: another employer sees only how many applied",
        arguments: ContractBackend.all)
    func pipelineCountsAreTheOwners(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let first = try await w.application(by: 0)
            _ = try await w.application(by: 1)
            _ = try await w.employer.move(first.id, .shortlist)
            #expect(try await w.employer.listing(w.listing.id).applicationCounts == [.pending: 1, .shortlisted: 1])
            #expect(try await w.admin.listing(w.listing.id).applicationCounts == [.pending: 1, .shortlisted: 1])
            let rival = try await w.rivalEmployer(verified: true)
            #expect(try await rival.listing(w.listing.id).applicationCounts == [.pending: 2])
            #expect(try await w.students[2].listing(w.listing.id).applicationCounts == [.pending: 2])
        }
    }

    @Test("employer notes and ratings never reach the student", arguments: ContractBackend.all)
    func redaction(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            try await w.employer.setNotes(application.id, notes: "Strong SQL; weak on stats")
            try await w.employer.rate(application.id, rating: 4)
            let employerView = try await w.employer.application(application.id).application
            #expect(employerView.notes == "Strong SQL; weak on stats")
            #expect(employerView.rating == 4)
            let studentView = try await w.student.application(application.id).application
            #expect(studentView.notes == nil)
            #expect(studentView.rating == nil)
            #expect(try await w.student.myApplications().first?.application.notes == nil)
            #expect(
                await edulinkError { try await w.employer.rate(application.id, rating: 6) }?.fieldErrors.first?.field
                    == "rating")
        }
    }

    @Test("only admins read users, audit and security events; refusals are recorded", arguments: ContractBackend.all)
    func adminOnly(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            for session in [w.student, w.employer] {
                #expect(
                    await edulinkError { try await session.auditEvents(AuditQuery()) }.map {
                        if case .forbidden = $0 { true } else { false }
                    } == true)
                #expect(
                    await edulinkError { try await session.users(matching: nil, role: nil, after: nil, limit: 10) }
                        != nil)
                #expect(
                    await edulinkError { try await session.securityEvents(kind: nil, user: nil, since: nil, limit: 10) }
                        != nil)
            }
            let denials = try await w.admin.securityEvents(kind: .permissionDenied, user: nil, since: nil, limit: 50)
            #expect(denials.count == 6)
        }
    }

    @Test("every change writes an audit event with actor, action and entity", arguments: ContractBackend.all)
    func audit(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            _ = try await w.employer.move(application.id, .shortlist)
            let events = try await w.admin.auditEvents(AuditQuery(entity: "application"))
            #expect(events.map(\.action) == ["application.move", "application.create"])
            #expect(events.first?.actorRole == .employer)
            #expect(events.first?.entityID == application.id.rawValue)
            #expect(events.first?.origin == backend.origin)
            let listingEvents = try await w.admin.auditEvents(AuditQuery(action: "listing."))
            #expect(Set(listingEvents.map(\.action)) == ["listing.create", "listing.submit", "listing.verify"])
        }
    }
}

@Suite("Contract: signing in", .timeLimit(.minutes(10)))
struct LoginContractTests {
    @Test("five failures in 15 minutes lock the account; each failure counts once", arguments: ContractBackend.all)
    func lockout(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let session = w.world.newSession()
            for _ in 0..<5 {
                let error = await edulinkError {
                    try await session.login(email: "student0@uon.example", password: "wrong password")
                }
                #expect(error == .unauthenticated(EdulinkService.loginRefusedMessage))
            }
            let user = try await w.admin.users(matching: "student0@", role: nil, after: nil, limit: 1).first
            #expect(user?.status == .locked)
            let failures = try await w.admin.securityEvents(kind: .loginFailed, user: user?.id, since: nil, limit: 50)
            #expect(failures.count == 5)
            #expect(
                try await w.admin.securityEvents(kind: .accountLocked, user: user?.id, since: nil, limit: 5).count == 1)
            // The right password is refused with the same message while locked.
            let locked = await edulinkError {
                try await session.login(email: "student0@uon.example", password: ContractFixture.password)
            }
            #expect(locked == .unauthenticated(EdulinkService.loginRefusedMessage))
            #expect(
                try await w.student.notifications(unreadOnly: true, limit: 5).contains { $0.kind == .accountLocked })
            w.clock.advance(by: 16 * 60)
            _ = try await session.login(email: "student0@uon.example", password: ContractFixture.password)
        }
    }

    @Test("failures spread over more than 15 minutes do not lock", arguments: ContractBackend.all)
    func window(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let session = w.world.newSession()
            for _ in 0..<8 {
                _ = await edulinkError {
                    try await session.login(email: "student0@uon.example", password: "nope nope nope")
                }
                w.clock.advance(by: 4 * 60)
            }
            let user = try await session.login(email: "Student0@UON.example ", password: ContractFixture.password)
            #expect(user.email == "student0@uon.example")
            #expect(user.status == .active)
            let account = try await w.admin.users(matching: "student0@uon.example", role: nil, after: nil, limit: 1)
            #expect(account.first?.status == .active)
        }
    }

    @Test("unknown, disabled and locked accounts get the same message", arguments: ContractBackend.all)
    func noEnumeration(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let session = w.world.newSession()
            let unknown = await edulinkError {
                try await session.login(email: "nobody@uon.example", password: "whatever123")
            }
            try await w.admin.disableUser(w.studentIDs[1])
            let disabled = await edulinkError {
                try await session.login(email: "student1@uon.example", password: ContractFixture.password)
            }
            try await w.admin.lockUser(w.studentIDs[0], until: nil)
            let locked = await edulinkError {
                try await session.login(email: "student0@uon.example", password: ContractFixture.password)
            }
            #expect(unknown == disabled)
            #expect(disabled == locked)
            try await w.admin.unlockUser(w.studentIDs[0])
            _ = try await session.login(email: "student0@uon.example", password: ContractFixture.password)
        }
    }

    @Test(
        "an admin resets a password: the new one works once shown, the old one does not", arguments: ContractBackend.all
    )
    func resetPassword(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let temporary = try await w.admin.resetPassword(w.studentIDs[0])
            #expect(temporary.count == 16)
            let session = w.world.newSession()
            #expect(
                await edulinkError {
                    try await session.login(email: "student0@uon.example", password: ContractFixture.password)
                } != nil)
            _ = try await session.login(email: "student0@uon.example", password: temporary)
            let weak = await edulinkError { try await session.changePassword(current: temporary, new: "password123") }
            #expect(weak?.fieldErrors.first?.field == "password")
            try await session.changePassword(current: temporary, new: "another long passphrase")
        }
    }

    @Test(
        "the idle lock's password check: a wrong one is a field error and the session stays; the fifth locks the account and ends it",
        arguments: ContractBackend.all)
    func reauthenticate(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            try await w.student.reauthenticate(password: ContractFixture.password)
            let wrong = await edulinkError { try await w.student.reauthenticate(password: "not my password at all") }
            #expect(wrong?.fieldErrors.map(\.field) == ["password"])
            #expect(wrong?.fieldErrors.first?.message == EdulinkService.wrongPasswordMessage)
            // Still signed in: the next call works, and the right password unlocks.
            _ = try await w.student.myApplications()
            w.clock.advance(by: 1)  // a success starts a new count of failures from its instant on
            try await w.student.reauthenticate(password: ContractFixture.password)
            for _ in 0..<(EdulinkService.lockoutThreshold - 1) {
                _ = await edulinkError { try await w.student.reauthenticate(password: "not my password at all") }
            }
            let locked = await edulinkError { try await w.student.reauthenticate(password: "not my password at all") }
            #expect(locked == .unauthenticated(EdulinkService.loginRefusedMessage))
            let after = await edulinkError { try await w.student.myApplications() }
            if case .unauthenticated = after {
            } else {
                Issue.record("the session should have ended, got \(String(describing: after))")
            }
        }
    }

    @Test(
        "an admin's lock, disable, role change or reset ends the user's open session at its next call; a lockout does not",
        arguments: ContractBackend.all)
    func adminChangesEndSessions(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 3) { w in
            for student in w.students { _ = try await student.myApplications() }
            w.clock.advance(by: 1)

            // Someone else guessing a password locks the account; the person signed in keeps working.
            let guesser = w.world.newSession()
            let email = try #require(await w.students[2].currentUser()).email
            for _ in 0..<EdulinkService.lockoutThreshold {
                _ = await edulinkError { try await guesser.login(email: email, password: "not the password at all") }
            }
            let lockedOut = try #require(
                try await w.admin.users(matching: email, role: nil, after: nil, limit: 1).first)
            #expect(lockedOut.status == .locked)
            _ = try await w.students[2].myApplications()

            try await w.admin.lockUser(w.studentIDs[0], until: nil)
            try await w.admin.disableUser(w.studentIDs[1])
            _ = try await w.admin.resetPassword(w.studentIDs[2])
            let locked = await edulinkError { try await w.students[0].setSaved(w.listing.id, saved: true) }
            #expect(locked == .unauthenticated("An admin locked your account, which ended this session."))
            // Browse's keystroke (the page and its first detail in one call) is refused too.
            let disabled = await edulinkError { try await w.students[1].browse(ListingFilter(), limit: 5) }
            #expect(disabled == .unauthenticated("Your account has been disabled. Ask an admin if this is a mistake."))
            let reset = await edulinkError { try await w.students[2].myApplications() }
            #expect(reset?.isUnauthenticated == true)
            // Nothing was saved by the locked account's call.
            try await w.admin.unlockUser(w.studentIDs[0])
            w.clock.advance(by: 1)
            _ = try await w.students[0].login(email: "student0@uon.example", password: ContractFixture.password)
            #expect(try await w.students[0].savedListings().isEmpty)

            // A demoted admin loses the admin's powers at once.
            let (second, secondUser) = try await w.secondAdmin()
            _ = try await second.auditEvents(AuditQuery(limit: 1))
            w.clock.advance(by: 1)
            try await w.admin.setRole(secondUser.id, to: .student)
            #expect(
                await edulinkError { try await second.auditEvents(AuditQuery(limit: 1)) }?.isUnauthenticated == true)
            #expect(await second.currentUser() == nil)
        }
    }

    @Test(
        "a wrong current password on a password change counts like a failed sign-in: the fifth locks the account",
        arguments: ContractBackend.all)
    func passwordChangeGuesses(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            for _ in 1..<EdulinkService.lockoutThreshold {
                let wrong = await edulinkError {
                    try await w.student.changePassword(current: "a guess at it", new: "a brand new passphrase 7")
                }
                #expect(wrong?.fieldErrors.map(\.field) == ["current_password"])
            }
            let last = await edulinkError {
                try await w.student.changePassword(current: "a guess at it", new: "a brand new passphrase 7")
            }
            #expect(last?.isUnauthenticated == true)
            let account = try await w.admin.users(matching: "student0@uon.example", role: nil, after: nil, limit: 1)
            #expect(account.first?.status == .locked)
            // Locked: not even the right password changes it now.
            w.clock.advance(by: 60)
            let right = await edulinkError {
                try await w.students[0].changePassword(
                    current: ContractFixture.password, new: "a brand new passphrase 7")
            }
            #expect(right != nil)
        }
    }

    @Test(
        "an admin cannot demote, lock or disable their own account; another admin can", arguments: ContractBackend.all)
    func ownAccount(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let me = try #require(await w.admin.currentUser())
            #expect(await edulinkError { try await w.admin.setRole(me.id, to: .student) }?.refusalCode == .ownAccount)
            #expect(await edulinkError { try await w.admin.lockUser(me.id, until: nil) }?.refusalCode == .ownAccount)
            #expect(await edulinkError { try await w.admin.disableUser(me.id) }?.refusalCode == .ownAccount)
            let unchanged = try #require(
                try await w.admin.users(matching: me.email, role: nil, after: nil, limit: 5).first)
            #expect(unchanged.role == .admin)
            #expect(unchanged.status == .active)
            // Still an admin: the next admin action goes through.
            _ = try await w.admin.auditEvents(AuditQuery(limit: 1))

            let (second, _) = try await w.secondAdmin()
            try await second.lockUser(me.id, until: nil)
            let locked = try #require(try await second.users(matching: me.email, role: nil, after: nil, limit: 5).first)
            #expect(locked.status == .locked)
        }
    }

    @Test(
        "the last active admin cannot be demoted, locked or disabled, not even by the operator",
        arguments: ContractBackend.all)
    func lastAdmin(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let me = try #require(await w.admin.currentUser())
            let op = Principal.localOperator()
            #expect(
                await edulinkError { try await w.world.setup.acting(as: op).setRole(me.id, to: .student) }?.refusalCode
                    == .lastAdmin)
            #expect(
                await edulinkError { try await w.world.setup.acting(as: op).lockUser(me.id) }?.refusalCode == .lastAdmin
            )
            #expect(
                await edulinkError { try await w.world.setup.acting(as: op).disableUser(me.id) }?.refusalCode
                    == .lastAdmin)
        }
    }
}

extension Seeded {
    /// Another admin account, signed in.
    func secondAdmin() async throws -> (any EdulinkRepository, UserSummary) {
        _ = try await world.setup.acting(as: .localOperator()).createUser(
            NewAccount(
                email: "second@edulink.test", displayName: "Second Admin", role: .admin,
                password: ContractFixture.password))
        let session = world.newSession()
        return (session, try await session.login(email: "second@edulink.test", password: ContractFixture.password))
    }
}
