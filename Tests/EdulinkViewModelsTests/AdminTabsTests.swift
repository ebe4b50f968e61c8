import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

/// The error toasts among `events`.
private func errors(_ events: [AppEvent]) -> [String] {
    events.compactMap { event in
        if case .toast(let toast) = event, toast.kind == .error { return toast.text }
        return nil
    }
}

@Suite("Admin Users tab", .timeLimit(.minutes(10)))
struct AdminUsersTests {
    @Test func searchesAsYouTypeAndFiltersByRole() async throws {
        try await withWorld { world in
            var model = UsersViewModel(repository: world.admin)
            await send(&model, .load)
            #expect(model.state.users.count == 4)
            let typed = model.handle(.setQuery("uon"))
            #expect(typed.first?.delay ?? .zero > .zero)  // waits for a pause in typing
            await settle(&model, typed)
            #expect(Set(model.state.users.map(\.email)) == ["student@uon.example", "newcomer@uon.example"])
            await send(&model, .setQuery(""))
            await send(&model, .setRoleFilter(.employer))
            #expect(model.state.users.map(\.email) == ["employer@kusi.example"])
            #expect(model.state.selected?.email == "employer@kusi.example")
        }
    }

    @Test func locksAndUnlocksOnlyAfterConfirmation() async throws {
        try await withWorld { world in
            var model = UsersViewModel(repository: world.admin)
            await send(&model, .setQuery("student@uon"))
            #expect(model.handle(.request(.lock)).isEmpty)  // asks first
            #expect(model.state.pending?.action == .lock)
            await send(&model, .cancel)
            #expect(model.state.users.first?.status == .active)
            await send(&model, .request(.lock))
            let events = await send(&model, .confirm)
            #expect(model.state.users.first?.status == .locked)
            #expect(events.contains(.toast(Toast("student@uon.example: locked"))))
            await send(&model, .request(.unlock))
            await send(&model, .confirm)
            #expect(model.state.users.first?.status == .active)
            await send(&model, .request(.setRole(.supervisor)))
            await send(&model, .confirm)
            #expect(model.state.users.first?.role == .supervisor)
            await send(&model, .request(.disable))
            await send(&model, .confirm)
            #expect(model.state.users.first?.status == .disabled)
        }
    }

    @Test("an admin cannot lock their own account (the service says why); a student sees no users")
    func ownAccountAndStudent() async throws {
        try await withWorld { world in
            var model = UsersViewModel(repository: world.admin)
            await send(&model, .setRoleFilter(.admin))
            await send(&model, .request(.lock))
            let events2 = await send(&model, .confirm)
            #expect(model.state.users.first?.status == .active)
            #expect(errors(events2).contains { $0.contains("your own account") })

            var student = UsersViewModel(repository: world.student)
            await send(&student, .load)
            #expect(student.state.users.isEmpty)
            #expect(student.state.message?.isEmpty == false)
        }
    }

    @Test func aResetPasswordIsShownOnceAndNeverAsAnEvent() async throws {
        try await withWorld { world in
            var model = UsersViewModel(repository: world.admin)
            await send(&model, .setQuery("newcomer@uon"))
            await send(&model, .request(.resetPassword))
            #expect(model.state.revealed == nil)
            let events3 = await send(&model, .confirm)
            let revealed = try #require(model.state.revealed)
            #expect(revealed.email == "newcomer@uon.example")
            #expect(revealed.password.count >= 12)
            let events = events3
            #expect(!events.contains { "\($0)".contains(revealed.password) })
            await send(&model, .dismissPassword)
            #expect(model.state.revealed == nil)
            // The password works, and the old one no longer does.
            let session = world.newSession()
            _ = try await session.login(email: "newcomer@uon.example", password: revealed.password)
            await #expect(throws: (any Error).self) {
                _ = try await world.newSession().login(email: "newcomer@uon.example", password: Fixture.password)
            }
        }
    }

    @Test func showsAnEmployersOrganizationAndVerifiesItAfterConfirmation() async throws {
        try await withWorld { world in
            let op = Principal.localOperator()
            let organizationID = try #require(await world.employer.currentUser()?.organizationID)
            try await world.service.acting(as: op).setOrganizationVerified(organizationID, verified: false)
            var model = UsersViewModel(repository: world.admin)
            await send(&model, .setRoleFilter(.employer))
            let organization = try #require(model.state.selectedOrganization)
            #expect(organization.name == "Kusi Payments")
            #expect(!organization.verified)
            #expect(model.handle(.requestVerifyOrganization).isEmpty)  // asks first
            #expect(model.state.pending?.action == .verifyOrganization(organization.id, name: "Kusi Payments"))
            await send(&model, .cancel)
            #expect(try await world.admin.organization(organization.id).verified == false)
            await send(&model, .requestVerifyOrganization)
            let events4 = await send(&model, .confirm)
            #expect(model.state.selectedOrganization?.verified == true)
            #expect(try await world.admin.organization(organization.id).verified)
            #expect(events4.contains(.toast(Toast("employer@kusi.example: Kusi Payments verified"))))
            #expect(model.handle(.requestVerifyOrganization).isEmpty)  // nothing more to verify
            #expect(model.state.pending == nil)

            // Another account has no organization to verify.
            await send(&model, .setRoleFilter(.admin))
            #expect(model.state.selectedOrganization == nil)
            #expect(model.handle(.requestVerifyOrganization).isEmpty)
            #expect(model.state.pending == nil)
        }
    }
}

@Suite("Admin Listings (verification) tab", .timeLimit(.minutes(10)))
struct AdminVerificationTests {
    @Test func verifiesOrSendsBackWithARequiredReason() async throws {
        try await withWorld { world in
            let first = try await world.employer.createListing(Fixture.draft("Backend Intern", at: world.now))
            _ = try await world.employer.changeListing(first.id, .submit, reason: nil)
            let second = try await world.employer.createListing(Fixture.draft("Design Intern", at: world.now))
            _ = try await world.employer.changeListing(second.id, .submit, reason: nil)

            var model = VerificationViewModel(repository: world.admin)
            await send(&model, .load)
            #expect(Set(model.state.queue.map(\.id)) == [first.id, second.id])
            #expect(model.state.detail?.listing.id == model.state.selected?.id)
            let chosen = try #require(model.state.selected)

            let events5 = await send(&model, .sendBackSelected(reason: ""))
            #expect(!errors(events5).isEmpty)
            #expect(model.state.queue.count == 2)

            await send(&model, .sendBackSelected(reason: "Add the stipend and the weekly hours."))
            #expect(model.state.queue.map(\.id) == [first.id, second.id].filter { $0 != chosen.id })
            #expect(try await world.employer.listing(chosen.id).listing.status == .draft)

            await send(&model, .verifySelected)
            #expect(model.state.queue.isEmpty)
            #expect(model.state.detail == nil)
            let other = chosen.id == first.id ? second.id : first.id
            #expect(try await world.admin.listing(other).listing.status == .published)
        }
    }

    @Test("/ narrows the queue by title or organization as you type; g and G jump to the first and the newest")
    func searchAndJump() async throws {
        try await withWorld { world in
            var ids: [ListingID] = []
            for title in ["Backend Intern", "Design Intern", "Data Intern — Nairobi", "Marketing Intern"] {
                let listing = try await world.employer.createListing(Fixture.draft(title, at: world.now))
                _ = try await world.employer.changeListing(listing.id, .submit, reason: nil)
                ids.append(listing.id)
            }
            var model = VerificationViewModel(repository: world.admin)
            await send(&model, .load)
            #expect(model.state.queue.count == 4)
            await send(&model, .moveToEnd(last: true))
            #expect(model.state.selected?.id == model.state.queue.last?.id)
            #expect(model.state.detail?.listing.id == model.state.queue.last?.id)
            await send(&model, .moveToEnd(last: false))
            #expect(model.state.selected?.id == model.state.queue.first?.id)

            await send(&model, .setQuery("DATA nairo"))
            #expect(model.state.shown.map(\.id) == [ids[2]])
            #expect(model.state.selected?.id == ids[2])
            #expect(model.state.detail?.listing.id == ids[2])
            let organization = try #require(model.state.queue.first?.organizationName)
            await send(&model, .setQuery(String(organization.prefix(4)).lowercased()))
            #expect(model.state.shown.count == 4)
            #expect(model.state.selected?.id == ids[2])  // the selection stays on the listing it was on
            await send(&model, .setQuery("nothing like it"))
            #expect(model.state.shown.isEmpty)
            #expect(model.state.selected == nil)
            #expect(model.state.detail == nil)
            await send(&model, .verifySelected)
            #expect(model.state.queue.count == 4)
        }
    }

    @Test("where an institution's students applied: loading until its own answer, beside the queue's")
    func appliedHasItsOwnLoad() async throws {
        try await withWorld { world in
            var model = VerificationViewModel(repository: world.admin, institution: true)
            let effects = model.handle(.load)
            #expect(effects.contains { $0.key == "applied" })
            #expect(model.state.appliedLoad == .loading)
            _ = model.handle(.loaded(.success([])))
            #expect(model.state.loaded && model.state.appliedLoad == .loading)
            _ = model.handle(.appliedLoaded(.failure(Failure(EdulinkError.unavailable("Gone.")))))
            #expect(model.state.appliedLoad == .failed)
            _ = model.handle(.load)
            #expect(model.state.appliedLoad == .loading)
            _ = model.handle(.appliedLoaded(.success([])))
            #expect(model.state.appliedLoad == .loaded)
        }
    }

    @Test func aStudentHasNoQueue() async throws {
        try await withWorld { world in
            var model = VerificationViewModel(repository: world.student)
            await send(&model, .load)
            #expect(model.state.queue.isEmpty)
            #expect(model.state.message?.isEmpty == false)
        }
    }
}

@Suite("Admin Security tab", .timeLimit(.minutes(10)))
struct AdminSecurityTests {
    @Test func countsFailedLoginsByAccountAndOriginAndFiltersEvents() async throws {
        try await withWorld { world in
            for _ in 0..<3 {
                _ = try? await world.newSession().login(email: "ghost@example.com", password: "wrong password")
            }
            let now = world.clock.now
            var model = SecurityViewModel(repository: world.admin, now: { now() })
            await send(&model, .load)
            let report = try #require(model.state.report)
            #expect(report.byAccount.first { $0.key == "ghost@example.com" }?.count == 3)
            #expect(report.byOrigin.reduce(0) { $0 + $1.count } == 3)
            #expect(report.locked.isEmpty)

            await send(&model, .setKind(.loginFailed))
            #expect(model.state.report?.events.count == 3)
            #expect(model.state.report?.events.allSatisfy { $0.kind == .loginFailed } == true)
            await send(&model, .nextKind)
            #expect(model.state.kind == .accountLocked)

            try await world.admin.lockUser(world.studentID, until: nil)
            world.clock.advance(by: 2 * 3600)
            await send(&model, .load)
            #expect(model.state.report?.byAccount.isEmpty == true)  // the hour has passed
            #expect(model.state.report?.locked.map(\.email) == ["student@uon.example"])
            await send(&model, .toggleWindow)
            #expect(model.state.window == .day)
            #expect(model.state.report?.byAccount.first?.count == 3)
        }
    }

    @Test func aStudentSeesNoSecurityData() async throws {
        try await withWorld { world in
            let now = world.clock.now
            var model = SecurityViewModel(repository: world.student, now: { now() })
            await send(&model, .load)
            #expect(model.state.report == nil)
            #expect(model.state.message?.isEmpty == false)
        }
    }
}

@Suite("Admin Audit tab", .timeLimit(.minutes(10)))
struct AdminAuditTests {
    @Test func readsTheQueryLine() {
        let now = Fixture.start
        let utc = TimeZone(identifier: "UTC") ?? .gmt
        let filter = try? AuditViewModel.Filter.parse(
            "actor:admin@edulink.test action:user. entity:user since:7d until:2026-09-30", now: now, timeZone: utc
        ).get()
        #expect(filter?.actor == "admin@edulink.test")
        #expect(filter?.action == "user.")
        #expect(filter?.entity == "user")
        #expect(filter?.since == now.addingTimeInterval(-7 * 86_400))
        #expect(filter?.until?.ISO8601Format() == "2026-09-30T23:59:59Z")
        for bad in ["who:me", "since:yesterday", "action:"] {
            #expect((try? AuditViewModel.Filter.parse(bad, now: now, timeZone: utc).get()) == nil)
        }
    }

    @Test func filtersPagesAndExports() async throws {
        try await withWorld { world in
            let now = world.clock.now
            for _ in 0..<(AuditViewModel.pageSize / 2 + 1) {
                try await world.admin.lockUser(world.studentID, until: nil)
                try await world.admin.unlockUser(world.studentID)
            }
            var model = AuditViewModel(repository: world.admin, timeZone: .gmt, now: { now() })
            await send(&model, .setQuery("actor:admin@edulink.test action:user."))
            #expect(model.state.events.count == AuditViewModel.pageSize)
            #expect(model.state.hasMore)
            #expect(model.state.events.allSatisfy { $0.action.hasPrefix("user.") })
            await send(&model, .moveSelection(AuditViewModel.pageSize))  // the last row loads the next page
            #expect(model.state.events.count == AuditViewModel.pageSize + 2)
            #expect(!model.state.hasMore)
            #expect(Set(model.state.events.map(\.id)).count == model.state.events.count)

            await send(&model, .setQuery("nonsense"))
            #expect(model.state.message?.contains("key:value") == true)
            #expect(model.state.line == "actor:admin@edulink.test action:user.")

            let path = world.directory.appendingPathComponent("audit.csv").path
            let events6 = await send(&model, .export(path: path))
            #expect(model.state.export == nil)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\r\n")
            #expect(lines.count == 103)
            #expect(lines.first == "id,at,actor_id,actor_role,action,entity,entity_id,summary,origin")
            #expect(events6.contains(.toast(Toast("Exported 102 audit events to \(path)"))))
            let recorded = try await world.service.acting(as: Principal.localOperator()).securityEvents(
                kind: .dataExport)
            #expect(recorded.map(\.detail) == ["102 audit events exported to CSV"])
        }
    }

    @Test func anUnknownActorAndAStudentAreRefused() async throws {
        try await withWorld { world in
            let now = world.clock.now
            var model = AuditViewModel(repository: world.admin, timeZone: .gmt, now: { now() })
            await send(&model, .setQuery("actor:nobody@nowhere.example"))
            #expect(model.state.message == "No account matches \"nobody@nowhere.example\".")
            var student = AuditViewModel(repository: world.student, timeZone: .gmt, now: { now() })
            await send(&student, .load)
            #expect(student.state.events.isEmpty)
            #expect(student.state.message?.isEmpty == false)
        }
    }
}
