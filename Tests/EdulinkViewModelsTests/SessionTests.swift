import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

@Suite("Session and login", .timeLimit(.minutes(10)))
struct SessionTests {
    @Test("the app locks after 30 minutes without input and unlocks with the password")
    func idleLock() async throws {
        try await withWorld { world in
            let repository = world.newSession()
            let user = try await repository.login(email: "student@uon.example", password: Fixture.password)
            var session = SessionViewModel(repository: repository, clock: world.clock)
            await send(&session, .signedIn(user))
            world.clock.advance(by: 29 * 60)
            _ = session.handle(.tick)
            #expect(!session.isLocked)
            _ = session.handle(.input)
            world.clock.advance(by: 29 * 60 + 59)
            _ = session.handle(.tick)
            #expect(!session.isLocked)
            world.clock.advance(by: 1)
            _ = session.handle(.tick)
            #expect(session.isLocked)

            _ = session.handle(.input)
            _ = session.handle(.selectTab(number: 3))
            #expect(session.isLocked)
            #expect(session.state.selectedTab == .browse)
            _ = session.handle(.unlock)
            #expect(session.state.lock?.message == "Enter your password to unlock.")
            _ = session.handle(.setLockPassword(Fixture.password))
            await send(&session, .unlock)
            #expect(!session.isLocked)
            #expect(session.state.user == user)
            world.clock.advance(by: 29 * 60)
            _ = session.handle(.tick)
            #expect(!session.isLocked)
        }
    }

    @Test("the lock says its own idle limit; a wrong password keeps the lock for another try")
    func lockRetries() async throws {
        try await withWorld { world in
            let repository = world.newSession()
            let user = try await repository.login(email: "student@uon.example", password: Fixture.password)
            var session = SessionViewModel(repository: repository, clock: world.clock, idleLimit: 5 * 60)
            await send(&session, .signedIn(user))
            world.clock.advance(by: 5 * 60)
            _ = session.handle(.tick)
            #expect(session.state.lock?.afterMinutes == 5)
            _ = session.handle(.setLockPassword("a wrong password entirely"))
            await send(&session, .unlock)
            #expect(session.isLocked)
            #expect(session.state.user == user)
            #expect(session.state.lock?.message == EdulinkService.wrongPasswordMessage)
            #expect(session.state.lock?.password == "")
            _ = session.handle(.setLockPassword(Fixture.password))
            await send(&session, .unlock)
            #expect(!session.isLocked)
            #expect(session.state.user == user)
        }
    }

    @Test("the shell shows the role's tabs, the mode, the unread count, toasts and the offline banner")
    func shell() async throws {
        try await withWorld { world in
            var session = SessionViewModel(repository: world.student, clock: world.clock)
            #expect(session.state.modeLabel == "local \(world.path)")
            let user = try #require(await world.student.currentUser())
            _ = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            await send(&session, .signedIn(user))
            #expect(
                session.state.tabs.map(\.title) == [
                    "Browse", "Saved", "Applications", "Notifications", "Profile", "Placement",
                ])
            #expect(session.state.unreadCount == 1)
            // Told that notifications may have arrived (a raised health alert, for an admin), it counts again.
            let second = try await world.publish(Fixture.draft("Data Intern — Second Team", at: world.now))
            _ = try await world.student.apply(ApplicationDraft(listingID: second.id, coverLetter: Fixture.coverLetter))
            #expect(session.state.unreadCount == 1)
            await send(&session, .received(.notificationsMayHaveChanged))
            #expect(session.state.unreadCount == 2)
            _ = session.handle(.selectTab(number: 5))
            #expect(session.state.selectedTab == .profile)
            #expect(
                ShellTab.tabs(for: .employer).map(\.title) == [
                    "Listings", "Applicants", "Dashboard", "Notifications", "Profile", "Placements",
                ])
            #expect(
                ShellTab.tabs(for: .admin).map(\.title) == [
                    "Health", "Users", "Listings", "Security", "Audit", "Data", "Orgs",
                ])
            #expect(
                ShellTab.tabs(for: .supervisor).map(\.title) == [
                    "Interns", "Logbooks", "Evaluations", "Notifications", "Profile",
                ])

            _ = session.handle(.received(.toast(Toast("Saved."))))
            #expect(session.state.toasts.map(\.toast) == [Toast("Saved.")])
            world.clock.advance(by: SessionViewModel.toastLifetime)
            _ = session.handle(.tick)
            #expect(session.state.toasts.isEmpty)

            world.student.setOffline(true)
            await send(&session, .refreshUnread)
            #expect(session.state.offlineBanner?.contains("The database cannot be reached.") == true)
            world.student.setOffline(false)
            await send(&session, .refreshUnread)
            #expect(session.state.offlineBanner == nil)

            _ = session.handle(.received(.sessionEnded("Sign in again.")))
            #expect(session.state.user == nil)
            #expect(session.state.signedOutMessage == "Sign in again.")
        }
    }

    @Test("while offline a tick asks again every 3 s, without toasts; the first answer clears the banner")
    func offlineProbe() async throws {
        try await withWorld { world in
            var session = SessionViewModel(repository: world.student, clock: world.clock)
            let user = try #require(await world.student.currentUser())
            await send(&session, .signedIn(user))
            world.clock.advance(by: 10)
            #expect(session.handle(.tick).isEmpty)  // online: nothing to probe

            world.student.setOffline(true)
            _ = session.handle(.received(.offline("The database cannot be reached.")))
            let asked = world.student.count(of: "unreadCount")
            world.clock.advance(by: 2)
            #expect(session.handle(.tick).isEmpty)
            world.clock.advance(by: 1)
            await send(&session, .tick)
            #expect(world.student.count(of: "unreadCount") == asked + 1)
            #expect(session.state.offlineBanner?.contains("The database cannot be reached.") == true)
            world.clock.advance(by: 2)
            #expect(session.handle(.tick).isEmpty)  // 3 s from the last probe, not from the banner
            world.clock.advance(by: 1)
            await send(&session, .tick)
            #expect(world.student.count(of: "unreadCount") == asked + 2)
            #expect(session.state.toasts.isEmpty)

            world.student.setOffline(false)
            world.clock.advance(by: 3)
            await send(&session, .tick)
            #expect(session.state.offlineBanner == nil)
            world.clock.advance(by: 30)
            #expect(session.handle(.tick).isEmpty)
        }
    }

    @Test("a wrong password shows the service's one message; the right one signs in")
    func login() async throws {
        try await withWorld { world in
            let accounts = [DemoAccount(email: "student@uon.example", role: .student)]
            var login = LoginViewModel(
                repository: world.newSession(), demoAccounts: accounts, demoPassword: "wrong password")
            _ = login.handle(.submit)
            #expect(login.state.message == "Enter your email and password.")
            _ = login.handle(.pickDemoAccount(0))
            #expect(login.state.email == "student@uon.example")
            let effects = login.handle(.submit)
            #expect(login.state.submitting)
            #expect(login.handle(.setEmail("someone@else.example")).isEmpty)
            #expect(login.state.email == "student@uon.example")
            await settle(&login, effects)
            #expect(!login.state.submitting)
            #expect(login.state.message == EdulinkService.loginRefusedMessage)
            #expect(login.state.password.isEmpty)

            _ = login.handle(.setPassword(Fixture.password))
            let events = await send(&login, .submit)
            #expect(login.state.signedIn?.email == "student@uon.example")
            let roles = events.compactMap { event -> Role? in
                if case .signedIn(let user) = event { return user.role }
                return nil
            }
            #expect(roles == [.student])
        }
    }

    @Test(
        "create account: the form's own checks, the service's field errors, the one message for a bad code, then signed in"
    )
    func signUp() async throws {
        try await withWorld { world in
            let code = try await world.service.acting(as: Principal.localOperator()).createRegistrationCode(
                NewRegistrationCode(maxUses: 2, expiresAt: world.now.addingTimeInterval(7 * Fixture.day)),
                in: world.institution.id)
            var login = LoginViewModel(repository: world.newSession())
            var form = LoginViewModel.SignUpForm(
                code: code.code, name: "Baraka Otieno", email: "baraka@uon.example", password: Fixture.password,
                repeatPassword: "another password", year: "three")
            #expect(login.handle(.signUp(form)).isEmpty)
            #expect(login.state.signUpErrors.map(\.field) == ["repeat", "year_of_study"])
            #expect(!login.state.submitting)

            form.repeatPassword = Fixture.password
            form.year = "3"
            form.email = "student@uon.example"
            _ = await send(&login, .signUp(form))
            #expect(login.state.signUpErrors.map(\.field) == ["email"])
            #expect(login.state.message == nil)
            #expect(login.state.signedIn == nil)

            form.email = "baraka@uon.example"
            form.code = "EDUXXX26-99"
            _ = await send(&login, .signUp(form))
            #expect(login.state.message == RegistrationCodeRules.refusal)
            #expect(login.state.signUpErrors.isEmpty)

            form.code = " \(code.code.lowercased()) "
            form.course = "Computer Science"
            // An account creation on its way is not cancelled (it could be made all the same).
            var waiting = login
            #expect(waiting.handle(.signUp(form)).count == 1)
            #expect(waiting.handle(.cancelSignIn).isEmpty)
            #expect(waiting.state.submitting)
            let events = await send(&login, .signUp(form))
            #expect(login.state.signedIn?.email == "baraka@uon.example")
            #expect(login.state.signedIn?.role == .student)
            #expect(events.contains { if case .signedIn = $0 { true } else { false } })
            let profile = try await world.service.acting(as: Principal.localOperator()).institutionStudents(
                StudentQuery(text: "baraka", institutionID: world.institution.id))
            #expect(profile.students.map(\.course) == ["Computer Science"])
            #expect(profile.students.map(\.yearOfStudy) == [3])
        }
    }
}
