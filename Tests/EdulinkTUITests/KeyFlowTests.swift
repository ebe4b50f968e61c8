import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import EdulinkViewModels
import Foundation
import TerminalKit
import Testing

@testable import EdulinkTUI

/// The app driven by keys as a person would, over a real repository.
@Suite("Key flows", .timeLimit(.minutes(10)))
struct KeyFlowTests {
    let size = Size(width: 100, height: 30)

    @Test("the demo student signs in and lands on Browse with results")
    func signIn() async throws {
        let driver = try await Harness.make().signedIn(size)
        let text = screenText(driver.terminal)
        #expect(text.contains("1 Browse"))
        #expect(text.contains("results"))
        #expect(text.contains("Amani"))
        #expect((driver.app.browse?.model.state.rows.count ?? 0) > 0)
    }

    @Test(
        "Browse counts a search's matches up to ListingCount.limit and says \"1,000+\" past it; all open listings exactly"
    )
    func totalPastTheCap() async throws {
        let harness = try await Harness.make()
        let store = try SQLiteStore(
            path: harness.directory.appendingPathComponent("edulink.sqlite").path, clock: harness.clock)
        _ = try await SyntheticDataGenerator(batchSize: 500).generate(
            listings: ListingCount.limit + 100, seed: 7, into: store)
        let driver = await harness.signedIn(size)
        let open = try await harness.repository.count(ListingFilter())
        #expect(open > ListingCount.limit + 100)
        #expect(screenText(driver.terminal).contains("\(DisplayFormat.count(open)) results"))
        driver.press("/")
        driver.type("intern")
        await driver.settle()
        #expect(try await harness.repository.count(ListingFilter(query: "intern")) == ListingCount.limit + 1)
        #expect(screenText(driver.terminal).contains("1,000+ results"))
    }

    @Test("a wrong password says so and clears the password")
    func wrongPassword() async throws {
        let driver = try await Harness.make().driver(size)
        driver.type(Harness.student)
        driver.press("tab")
        driver.type("not-the-password")
        driver.press("enter")
        await driver.settle()
        #expect(driver.app.user == nil)
        #expect(driver.app.login.model.state.message != nil)
        #expect(driver.app.login.password.text.isEmpty)
    }

    @Test("esc stops waiting for a sign-in: its answer is dropped, the form stays filled in, Enter tries again")
    func cancelSignIn() async throws {
        let driver = try await Harness.make().driver(size)
        driver.type(Harness.student)
        driver.press("tab")
        driver.type(DemoSeeder.demoPassword)
        driver.press("enter")
        #expect(screenText(driver.terminal).contains("Signing in… (esc stops waiting)"))
        driver.press("esc")
        #expect(screenText(driver.terminal).contains("Sign-in cancelled."))
        await driver.settle()
        #expect(driver.app.user == nil)
        #expect(driver.app.login.password.text == DemoSeeder.demoPassword)
        driver.press("enter")
        await driver.settle()
        #expect(driver.app.user?.email == Harness.student)
    }

    @Test("Enter on a demo account signs in as it")
    func demoAccount() async throws {
        let driver = try await Harness.make().driver(size)
        driver.press("tab", "tab", "down", "enter")
        await driver.settle()
        #expect(driver.app.user?.email == "employer@edulink.demo")
        #expect(screenText(driver.terminal).contains("My listings"))
    }

    @Test("typing a search narrows the results and a bad term is underlined, keeping the results")
    func search() async throws {
        let driver = try await Harness.make().signedIn(size)
        let all = driver.app.browse?.model.state.total ?? 0
        driver.press("/")
        driver.type("data")
        await driver.settle()
        let narrowed = driver.app.browse?.model.state.total ?? 0
        #expect(narrowed > 0 && narrowed < all)
        driver.type(" stipend>=lots")
        await driver.settle()
        #expect(driver.app.browse?.model.state.queryProblem != nil)
        #expect((driver.app.browse?.model.state.rows.count ?? 0) > 0)
        let row = driver.terminal.screen
        let underlined = (0..<row.size.width).contains { row[$0, 1]?.style.role.name == "field.error" }
        #expect(underlined)
    }

    @Test("applying: a short letter shows its message, a good one sends, and the application is pending")
    func applyAndWithdraw() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        await openApplyForm(driver)
        #expect(driver.app.apply != nil)
        driver.type("Too short.")
        driver.press("ctrl-s", "enter")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Cover letter must be at least 100 characters"))
        #expect(driver.app.apply?.model.state.submittedApplicationID == nil)

        driver.press("ctrl-u")
        driver.type(String(repeating: "I build dashboards and clean data for my campus club every week. ", count: 3))
        for (index, question) in (driver.app.apply?.model.state.questions ?? []).enumerated() {
            driver.press("tab")
            switch question.kind {
            case .yesNo: driver.press("y")
            case .choice: driver.press("space")
            case .text, .longText: driver.type("Yes, from January.")
            }
            _ = index
        }
        driver.press("ctrl-s", "enter")
        await driver.settle()
        #expect(driver.app.apply == nil)
        #expect(driver.app.tab == .applications)
        let detail = try #require(driver.app.applications?.model.state.detail)
        #expect(detail.application.status == .pending)
        #expect(screenText(driver.terminal).contains("pending"))

        driver.press("w")
        #expect(driver.app.dialog != nil)
        driver.press("y")
        await driver.settle()
        #expect(driver.app.applications?.model.state.detail?.application.status == .withdrawn)
        #expect(screenText(driver.terminal).contains("withdrawn"))
    }

    @Test("Esc leaves the apply form and the draft comes back")
    func draftKept() async throws {
        let driver = try await Harness.make().signedIn(size)
        await openApplyForm(driver)
        driver.type("A draft that must survive leaving the form.")
        driver.press("esc")
        await driver.settle()
        #expect(driver.app.apply == nil)
        driver.press("a")
        await driver.settle()
        #expect(driver.app.apply?.model.state.coverLetter == "A draft that must survive leaving the form.")
        #expect(screenText(driver.terminal).contains("draft restored"))
    }

    @Test("Enter typed ahead of a search's results opens the first of them, unless another tab came to the front first")
    func typedAheadEnter() async throws {
        let harness = try await Harness.make()
        for switchesTab in [false, true] {
            let driver = await harness.signedIn(size)
            // A search that finds nothing leaves no row on screen for Enter to open at once.
            driver.press("/")
            driver.type("zzzz")
            await driver.settle()
            #expect(driver.app.browse?.model.state.rows.isEmpty == true)
            driver.press("backspace", "backspace", "backspace", "backspace")
            driver.type("data")
            driver.press("enter", "enter")
            #expect(driver.app.browse?.model.state.searching == true, "the Enter is typed ahead of the results")
            if switchesTab { driver.press("4") }
            await driver.settle()
            #expect((driver.app.detail != nil) == !switchesTab, "switched tab: \(switchesTab)")
            #expect(driver.app.tab == (switchesTab ? .notifications : .browse))
        }
    }

    @Test("number keys switch tabs; Enter on a notification marks it read")
    func notifications() async throws {
        let driver = try await Harness.make().signedIn(size)
        driver.press("4")
        await driver.settle()
        #expect(driver.app.tab == .notifications)
        let unread = driver.app.notifications?.model.state.unreadCount ?? 0
        #expect(unread > 0)
        driver.press("r")
        await driver.settle()
        #expect(driver.app.notifications?.model.state.unreadCount == unread - 1)
        #expect(driver.app.session.state.unreadCount == unread - 1)
    }

    @Test(
        "/ narrows Notifications as you type (q is a letter there, not quit); Enter keeps the search; keys act on what is shown"
    )
    func notificationsNarrowed() async throws {
        let driver = try await Harness.make().signedIn(size)
        driver.press("4")
        await driver.settle()
        func state() -> NotificationsViewModel.State? { driver.app.notifications?.model.state }
        let all = state()?.items.count ?? 0
        driver.press("/")
        driver.type("offer")
        let offers = state()?.list.shown ?? []
        #expect(!offers.isEmpty && offers.count < all)
        #expect(offers.allSatisfy { "\($0.title) \($0.body)".lowercased().contains("offer") })
        #expect(screenText(driver.terminal).contains("\(offers.count) of \(all)"))
        driver.type("q")
        #expect(!driver.quitRequested)
        #expect(state()?.list.shown.isEmpty == true)
        #expect(screenText(driver.terminal).contains("No notification matches the search."))
        driver.press("backspace", "enter")
        #expect(state()?.list.shown.count == offers.count)
        #expect(driver.app.notifications?.search.active == false)
        // The keys are the list's again, and act on the row shown: r marks the first offer read.
        let first = try #require(state()?.selected)
        #expect(first.id == offers.first?.id && !first.isRead)
        let unread = state()?.unreadCount ?? 0
        driver.press("r")
        await driver.settle()
        #expect(state()?.unreadCount == unread - 1)
        #expect(state()?.items.first { $0.id == first.id }?.isRead == true)
        #expect(state()?.list.query == "offer")
    }

    @Test(
        "Enter on a notification opens its application: the student's own on Applications, an applicant on Applicants")
    func notificationOpensApplication() async throws {
        let student = try await Harness.make().signedIn(size)
        student.press("4")
        await student.settle()
        let offer = try #require(
            student.app.notifications?.model.state.items.first { $0.kind == .offerMade && $0.applicationID != nil })
        student.press("/")
        student.type("offer")
        student.press("enter")
        while student.app.notifications?.model.state.selected?.id != offer.id, !student.quitRequested {
            let before = student.app.notifications?.model.state.list.selectedIndex
            student.press("j")
            if student.app.notifications?.model.state.list.selectedIndex == before { break }
        }
        #expect(student.app.notifications?.model.state.selected?.id == offer.id)
        student.press("enter")
        await student.settle()
        #expect(student.app.tab == .applications)
        #expect(student.app.applications?.model.state.selectedID == offer.applicationID)
        #expect(student.app.applications?.model.state.detail?.application.status == .offered)

        let employer = try await Harness.make().signedIn(size, as: "employer@edulink.demo")
        employer.press("4")
        await employer.settle()
        let first = try #require(employer.app.notifications?.model.state.selected)
        let id = try #require(first.applicationID, "the employer's newest notification is about an applicant")
        employer.press("enter")
        await employer.settle()
        #expect(employer.app.tab == .applicants)
        let applicants = try #require(employer.app.employer?.applicants.model.state)
        #expect(applicants.selectedID == id && applicants.detail?.application.id == id)
        #expect(applicants.stage == nil && applicants.query == applicants.detail?.student.displayName)
        #expect(screenText(employer.terminal).contains("/ \(applicants.query)"))
    }

    @Test("PgDn and PgUp move by the rows the list shows, g and G to its ends, at any terminal height")
    func pageKeysFollowTheHeight() async throws {
        var steps: [Int] = []
        for size in [Size(width: 80, height: 24), Size(width: 140, height: 40)] {
            let driver = try await Harness.make().signedIn(size)
            driver.press("4")
            await driver.settle()
            func selected() -> Int? { driver.app.notifications?.model.state.list.selectedIndex }
            let count = driver.app.notifications?.model.state.items.count ?? 0
            driver.press("pgdn")
            let step = selected() ?? 0
            #expect(step > 1 && step < count)
            // The row PgDn lands on is the first one below the page it left, so it is the table's
            // first row now.
            driver.press("pgup")
            #expect(selected() == 0)
            driver.press("G")
            #expect(selected() == count - 1)
            driver.press("g")
            #expect(selected() == 0)
            steps.append(step)

            // The employer's applicants, a long list beside a detail pane: the same rule.
            let employer = try await Harness.make().signedIn(size, as: "employer@edulink.demo")
            employer.press("2")
            await employer.settle()
            func applicant() -> Int? {
                guard let state = employer.app.employer?.applicants.model.state else { return nil }
                return state.rows.firstIndex { $0.id == state.selectedID }
            }
            #expect(applicant() == 0)
            employer.press("pgdn")
            await employer.settle()
            steps.append(applicant() ?? 0)
        }
        // 80×24 then 140×40, notifications then applicants: a taller terminal, a longer page.
        #expect(steps[0] < steps[2] && steps[1] < steps[3])
        #expect(steps.allSatisfy { $0 > 1 })
    }

    @Test("the admin's accounts and the institution's students page by the rows shown; G reaches the last loaded")
    func pageKeysOnLongLists() async throws {
        for size in [Size(width: 80, height: 24), Size(width: 140, height: 40)] {
            let admin = try await Harness.make().signedIn(size, as: "admin@edulink.demo")
            admin.press("2")
            await admin.settle()
            func account() -> Int? { admin.app.admin?.users.model.state.selectedIndex }
            admin.press("pgdn")
            let page = Table<TableRows>.visibleRows(in: UsersScreen.listArea(admin.app.contentArea(size: size)))
            #expect(account() == page && page > 1)
            let before = admin.app.admin?.users.model.state.users.count ?? 0
            admin.press("G")
            #expect(before > page && account() == before - 1)
            // At the last loaded row the next page comes, and the selection stays on its row.
            await admin.settle()
            #expect((admin.app.admin?.users.model.state.users.count ?? 0) > before && account() == before - 1)

            let institution = try await Harness.make().signedIn(size, as: "institution@edulink.demo")
            await institution.settle()
            func student() -> Int? { institution.app.hosted(StudentsScreen.self)?.model.state.selected }
            institution.press("pgdn")
            let rows = Table<TableRows>.visibleRows(
                in: StudentsScreen.studentsTable(institution.app.contentArea(size: size), detailOpen: false))
            #expect(student() == rows && rows > 1)
            institution.press("pgup")
            #expect(student() == 0)
        }
    }

    @Test("s saves the selected listing and it shows under Saved")
    func save() async throws {
        let driver = try await Harness.make().signedIn(size)
        let id = try #require(driver.app.browse?.model.state.selectedID)
        let saved = driver.app.browse?.model.state.detail?.isSaved ?? false
        driver.press("s")
        await driver.settle()
        driver.press("2")
        await driver.settle()
        let listings = driver.app.saved?.model.state.listings.map(\.id) ?? []
        #expect(listings.contains(id) != saved)
    }

    @Test("30 minutes without a key locks the app; the password unlocks it")
    func idleLock() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        harness.clock.advance(by: 30 * 60 + 1)
        driver.advance(by: .seconds(1))
        #expect(driver.app.session.isLocked)
        #expect(screenText(driver.terminal).contains("Locked"))
        driver.type(DemoSeeder.demoPassword)
        driver.press("enter")
        await driver.settle()
        #expect(!driver.app.session.isLocked)
    }

    @Test(
        "at the lock a wrong password may be retyped; when the lockout ends the session, typing goes to the hidden password"
    )
    func lockRetriesThenLockout() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        harness.clock.advance(by: 30 * 60 + 1)
        driver.advance(by: .seconds(1))
        #expect(screenText(driver.terminal).contains("Locked after 30 minutes idle"))
        driver.type("not the password")
        driver.press("enter")
        await driver.settle()
        #expect(driver.app.session.isLocked)
        #expect(screenText(driver.terminal).contains(EdulinkService.wrongPasswordMessage))
        for _ in 1..<EdulinkService.lockoutThreshold {
            driver.type("not the password")
            driver.press("enter")
            await driver.settle()
        }
        #expect(driver.app.session.state.user == nil)
        driver.type("typed-after-signout")
        let screen = screenText(driver.terminal)
        #expect(!screen.contains("typed-after-signout"))
        #expect(screen.contains("student@edulink.demo"))
    }

    @Test("after a wrong password at the lock the field is empty again, and the right password unlocks")
    func lockRetypes() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        harness.clock.advance(by: 30 * 60 + 1)
        driver.advance(by: .seconds(1))
        driver.type("not the password")
        driver.press("enter")
        await driver.settle()
        #expect(driver.app.lock.password.text.isEmpty)
        driver.type(DemoSeeder.demoPassword)
        driver.press("enter")
        await driver.settle()
        #expect(!driver.app.session.isLocked)
        #expect(driver.app.user?.email == Harness.student)
    }

    @Test("an institution admin pressing a or s on a listing is told why nothing happens")
    func studentKeysForOtherRoles() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size, as: "institution@edulink.demo")
        await driver.settle()
        driver.press("6")
        await driver.settle()
        driver.press("a")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Only students apply to listings"))
        driver.press("enter")
        await driver.settle()
        driver.press("s")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Only students save listings"))
    }

    @Test(":theme switches the theme and :quit quits; q quits from a tab, Esc never does")
    func commandLine() async throws {
        let driver = try await Harness.make().signedIn(size)
        driver.press(":")
        driver.type("theme light")
        driver.press("enter")
        #expect(driver.terminal.theme.name == "light")
        driver.press(":")
        driver.type("theme nosuch")
        driver.press("enter")
        #expect(driver.terminal.theme.name == "light")
        let names = driver.app.environment.themes.availableNames()
        #expect(screenText(driver.terminal).contains("No theme nosuch · one of \(names.joined(separator: ", "))"))
        driver.press("esc")
        #expect(!driver.quitRequested)
        driver.press(":")
        driver.type("qu")
        driver.press("tab", "enter")
        #expect(driver.quitRequested)
    }

    @Test(":password: an employer changes their own password; a wrong current one is said under its field")
    func shellPassword() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size, as: "employer@edulink.demo")
        await driver.settle()
        driver.press(":")
        driver.type("password")
        driver.press("enter")
        #expect(screenText(driver.terminal).contains("Change your password"))
        // Typed letters are the form's, not the tabs' or the shell's (q does not quit).
        driver.type("not the password q")
        driver.press("tab")
        driver.type("a new long passphrase 42")
        driver.press("tab")
        driver.type("a new long passphrase 42")
        driver.press("enter")
        await driver.settle()
        #expect(!driver.quitRequested)
        #expect(screenText(driver.terminal).contains("Current password is incorrect."))
        // The form keeps what was typed; the current password is retyped.
        driver.press("esc")
        driver.press(":")
        driver.type("password")
        driver.press("enter")
        driver.type(DemoSeeder.demoPassword)
        driver.press("tab")
        driver.type("a new long passphrase 42")
        driver.press("tab")
        driver.type("a new long passphrase 42")
        driver.press("enter")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Password changed."))
        #expect(!screenText(driver.terminal).contains("Change your password"))
        await harness.repository.logout()
        let signedIn = try await harness.repository.login(
            email: "employer@edulink.demo", password: "a new long passphrase 42")
        #expect(signedIn.role == .employer)
    }

    @Test(":export-my-data (any role) and x on a Profile write the person's data to a private file; a toast says where")
    func exportMyData() async throws {
        let harness = try await Harness.make()
        let employer = await harness.signedIn(size, as: "employer@edulink.demo")
        employer.press(":")
        employer.type("export-my-data")
        employer.press("enter")
        await employer.settle()
        let name = MyDataExport.fileName(at: Harness.now, calendar: Harness.calendar)
        let first = harness.directory.appendingPathComponent("\(name).json").path
        #expect(screenText(employer.terminal).contains("Your data is in"), "\(screenText(employer.terminal))")
        let attributes = try FileManager.default.attributesOfItem(atPath: first)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let document = try decoder.decode(PersonalDataExport.self, from: Data(contentsOf: URL(fileURLWithPath: first)))
        #expect(document.account.email == "employer@edulink.demo" && document.organization != nil)

        let student = await harness.signedIn(size)
        student.press("5")
        await student.settle()
        student.press("x")
        await student.settle()
        let second = harness.directory.appendingPathComponent("\(name)-2.json").path
        let mine = try decoder.decode(PersonalDataExport.self, from: Data(contentsOf: URL(fileURLWithPath: second)))
        #expect(mine.account.email == Harness.student && !mine.applications.isEmpty)
        #expect(student.app.myDataExport.writtenTo == second)
    }

    @Test("Profile edits survive switching tabs; q, ctrl-c and :logout ask before losing them")
    func unsavedProfile() async throws {
        let driver = try await Harness.make().signedIn(size)
        driver.press("5")
        await driver.settle()
        let saved = try #require(driver.app.profile?.model.state.form.displayName)
        driver.press("enter")
        driver.type(" Jr")
        driver.press("enter")
        driver.press("1")
        await driver.settle()
        driver.press("5")
        await driver.settle()
        #expect(driver.app.profile?.model.state.form.displayName == saved + " Jr")

        driver.press("q")
        #expect(!driver.quitRequested)
        #expect(screenText(driver.terminal).contains("Quit without saving?"))
        driver.press("n")
        #expect(driver.app.dialog == nil)
        #expect(!driver.quitRequested)
        driver.press(":")
        driver.type("logout")
        driver.press("enter")
        #expect(screenText(driver.terminal).contains("Sign out without saving?"))
        driver.press("esc")
        await driver.settle()
        #expect(driver.app.user != nil)
        driver.press("ctrl-c")
        #expect(!driver.quitRequested)
        driver.press("ctrl-c")
        #expect(driver.quitRequested)
    }

    @Test("signing out at the idle lock asks first when Profile edits are not saved, and keeps the lock on no")
    func lockSignOutAsks() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        driver.press("5")
        await driver.settle()
        driver.press("enter")
        driver.type(" Jr")
        driver.press("enter")
        harness.clock.advance(by: 30 * 60 + 1)
        driver.advance(by: .seconds(1))
        #expect(driver.app.session.isLocked)
        driver.press("ctrl-q")
        #expect(screenText(driver.terminal).contains("Sign out without saving?"))
        driver.press("n")
        await driver.settle()
        #expect(driver.app.session.isLocked)
        #expect(driver.app.user != nil)
        driver.press("ctrl-q")
        driver.press("y")
        await driver.settle()
        #expect(driver.app.user == nil)
    }

    @Test("Esc on the employer's listing form asks before dropping changes, and closes at once without any")
    func unsavedListingForm() async throws {
        let driver = try await Harness.make().signedIn(size, as: "employer@edulink.demo")
        driver.press("n")
        await driver.settle()
        #expect(driver.app.employer?.listings.form != nil)
        driver.press("esc")
        #expect(driver.app.employer?.listings.form == nil)

        driver.press("n")
        await driver.settle()
        driver.type("Junior Data Analyst")
        driver.press("esc")
        #expect(screenText(driver.terminal).contains("Discard changes?"))
        driver.press("n")
        #expect(driver.app.employer?.listings.form?.value("title") == "Junior Data Analyst")
        driver.press("q")
        #expect(!driver.quitRequested)
        #expect(driver.app.employer?.listings.form?.value("title") == "Junior Data Analystq")
        driver.press("esc", "y")
        #expect(driver.app.employer?.listings.form == nil)
        driver.press("q")
        #expect(driver.quitRequested)
    }

    @Test("a save held up by another program's lock shows the wait in the status bar")
    func lockWaitShown() async throws {
        var harness = try await Harness.make()
        let wait = LockWait(quiet: .seconds(3600))
        harness.lockWait = wait
        let driver = await harness.signedIn(size)
        driver.press("ctrl-l")
        #expect(!screenText(driver.terminal).contains("database busy"))
        let now = ContinuousClock.now
        wait.retrying(at: now - .seconds(3))
        wait.retrying(at: now)
        driver.press("ctrl-l")
        #expect(screenText(driver.terminal).contains("⧗ database busy (another program) 3 s"))
    }

    @Test("warnings found before the app started show on the sign-in screen")
    func startupWarnings() async throws {
        var harness = try await Harness.make()
        harness.startupWarnings = ["config.toml:3: idle_lock_minutes must be a whole number of minutes"]
        let driver = harness.driver(size)
        driver.press("ctrl-l")
        #expect(screenText(driver.terminal).contains("⚠ config.toml:3: idle_lock_minutes must be a whole number"))
    }

    @Test("the offline banner wraps to two rows at 80 columns, so the reason after the server's address shows whole")
    func offlineBannerWraps() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(Size(width: 80, height: 24))
        let reason =
            "The Edulink server at http://127.0.0.1:8080 refused the connection (is edulink serve running there?)."
        driver.send(.result(.session(.unread(.failure(Failure(EdulinkError.unavailable(reason)))))))
        let lines = driver.lines
        #expect(lines[1].hasPrefix(" ⚠ Offline — drafts are kept, retrying every 3 s · The Edulink server at"))
        #expect(lines[2].hasPrefix("http://127.0.0.1:8080 refused the connection (is edulink serve running there?)."))
        // The screen moves down a row for the second, and comes back up when the answer does.
        #expect(lines[3].hasPrefix("/ search:"))
        driver.send(.result(.session(.unread(.success(0)))))
        #expect(!driver.lines.joined().contains("Offline"))
        #expect(driver.lines[1].hasPrefix("/ search:"))
    }

    @Test("a list whose first load failed says it is not loaded, not that there is nothing; the next answer fills it")
    func notLoadedIsNotEmpty() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size)
        driver.press("2")
        let offline = Failure(EdulinkError.unavailable("The database cannot be reached."))
        driver.send(.result(.saved(.listingsLoaded(.failure(offline)))))
        driver.send(.result(.saved(.searchesLoaded(.failure(offline)))))
        let screen = screenText(driver.terminal)
        #expect(screen.components(separatedBy: "Not loaded — ctrl-r tries again.").count == 3, "\(screen)")
        #expect(!screen.contains("No saved listings yet"))
        await driver.settle()
        let saved = try await harness.repository.savedListings()
        #expect(!saved.isEmpty)
        #expect(!screenText(driver.terminal).contains("Not loaded"))
        #expect(screenText(driver.terminal).contains(try #require(saved.first).title.prefix(12)))
    }

    @Test("Orgs: institutions whose load failed are not loaded, not \"none yet\", while the organizations show")
    func orgsNotLoaded() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size, as: "admin@edulink.demo")
        driver.press("7")
        let offline = Failure(EdulinkError.unavailable("The database cannot be reached."))
        driver.send(.result(.adminOrganizations(.institutionsLoaded(.failure(offline)))))
        driver.send(
            .result(
                .adminOrganizations(.organizationsLoaded(.success(try await harness.repository.allOrganizations())))))
        let organizations = screenText(driver.terminal)
        #expect(!organizations.contains("Not loaded"))
        // The other list's figure is left out rather than shown as 0.
        #expect(organizations.contains("· i institutions ─"), "\(organizations)")
        driver.press("i")
        let screen = screenText(driver.terminal)
        #expect(screen.contains(EmptyText.notLoaded), "\(screen)")
        #expect(!screen.contains("No institutions yet"))
        #expect(screen.contains("─ i organizations ("), "\(screen)")
    }

    @Test(":logout returns to the login screen")
    func logout() async throws {
        let driver = try await Harness.make().signedIn(size)
        driver.press(":")
        driver.type("logout")
        driver.press("enter")
        await driver.settle()
        #expect(driver.app.user == nil)
        #expect(screenText(driver.terminal).contains("sign in"))
    }

    @Test("Orgs: a bad website is said under its field; fixed, it saves; v verifies, u undoes; Esc asks first")
    func adminOrganizations() async throws {
        let harness = try await Harness.make()
        let driver = await harness.signedIn(size, as: "admin@edulink.demo")
        driver.press("7")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("7 Orgs"))
        #expect((driver.app.organizations?.model.state.organizations.count ?? 0) > 5)

        driver.press("n")
        // Typed letters are the form's: q, 1 and v do not quit, switch tabs or verify.
        driver.type("Mvua Pumps q1v")
        driver.press("tab")
        driver.type("Agriculture")
        driver.press("tab", "tab")
        driver.type("mvua dot example")
        driver.press("tab")
        driver.type("Nakuru")
        driver.press("tab")
        driver.type("Solar water pumps for smallholder farms across the Rift Valley.")
        driver.press("ctrl-s")
        await driver.settle()
        #expect(!driver.quitRequested)
        #expect(screenText(driver.terminal).contains("✗ Website must be a web address like https://example.com."))
        #expect(driver.app.organizations?.form?.fields.first { $0.id == "website" }?.error != nil)
        #expect(try await harness.repository.allOrganizations().contains { $0.name == "Mvua Pumps q1v" } == false)

        // The focus is on the field in error.
        driver.press("end", "ctrl-u")
        driver.type("https://mvua.example")
        driver.press("ctrl-s")
        await driver.settle()
        #expect(driver.app.organizations?.form == nil)
        #expect(screenText(driver.terminal).contains("Created Mvua Pumps q1v (not verified yet: v verifies it)."))
        let created = try #require(
            try await harness.repository.allOrganizations().first { $0.name == "Mvua Pumps q1v" })
        #expect(created.website == "https://mvua.example")
        #expect(!created.verified)
        #expect(driver.app.organizations?.model.state.selectedOrganization?.id == created.id)

        driver.press("v")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Mvua Pumps q1v verified · u undoes"))
        #expect(try await harness.repository.organization(created.id).verified)
        driver.press("u")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Undone: Mvua Pumps q1v is no longer verified"))
        #expect(try await harness.repository.organization(created.id).verified == false)

        // Esc on a changed form asks; no keeps it, yes drops the change.
        driver.press("e")
        driver.type(" Ltd")
        driver.press("esc")
        #expect(screenText(driver.terminal).contains("Discard changes?"))
        driver.press("n")
        #expect(driver.app.organizations?.form?.value("name") == "Mvua Pumps q1v Ltd")
        driver.press("q")
        #expect(!driver.quitRequested)
        driver.press("esc", "y")
        #expect(driver.app.organizations?.form == nil)
        #expect(try await harness.repository.organization(created.id).name == "Mvua Pumps q1v")
        // Unchanged, Esc closes at once.
        driver.press("e", "esc")
        #expect(driver.app.organizations?.form == nil)
        #expect(driver.app.dialog == nil)
    }
}
