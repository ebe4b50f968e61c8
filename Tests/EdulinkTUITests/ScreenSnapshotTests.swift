import EdulinkCore
import TerminalKit
import Testing

@testable import EdulinkTUI

/// Every screen at 80×24 and 140×40, in colour and as under NO_COLOR, over the seeded demo database
/// with a fixed clock.
@Suite("Screen snapshots", .timeLimit(.minutes(10)))
struct ScreenSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 140, height: 40)]

    /// Runs `steps` on a fresh signed-in app for each size and colour mode and compares the screen.
    private func check(
        _ name: String, signIn: Bool = true, as email: String = Harness.student,
        _ steps: (AppDriver<EdulinkApp>) async -> Void = { _ in }
    ) async throws {
        for size in Self.sizes {
            for monochrome in [false, true] {
                let harness = try await Harness.make()
                let driver =
                    signIn
                    ? await harness.signedIn(size, monochrome: monochrome, as: email)
                    : harness.driver(size, monochrome: monochrome)
                await steps(driver)
                await driver.settle()
                assertScreen(
                    driver.terminal, named: "\(name)-\(size.width)x\(size.height)\(monochrome ? "-nocolor" : "")")
            }
        }
    }

    @Test(":password opens the change-your-password form over any role's tab (here the admin's)")
    func shellPassword() async throws {
        try await check("password-form", as: "admin@edulink.demo") { driver in
            await driver.settle()
            driver.press(":")
            driver.type("password")
            driver.press("enter")
            driver.type("secret")
        }
    }

    @Test("Health shows checks, gauges, request sparklines, alerts and KPIs coloured by threshold")
    func adminHealth() async throws {
        try await check("admin-health", as: "admin@edulink.demo")
    }

    @Test("Data shows the database status and the backups; a backup and an integrity check end in toasts")
    func adminData() async throws {
        try await check("admin-data", as: "admin@edulink.demo") { driver in
            driver.press("6")
            await driver.settle()
            driver.press("b")
            await driver.settle()
            driver.press("c")
        }
    }

    @Test("the login screen lists the demo accounts")
    func login() async throws {
        try await check("login", signIn: false)
    }

    @Test("create account: the form with a wrong confirmation and a bad code's one message")
    func createAccount() async throws {
        try await check("login-create-account", signIn: false) { driver in
            driver.press("ctrl-n")
            for (text, next) in [
                ("EDUUON26-99", true), ("Baraka Otieno", true), ("baraka@uon.example", true),
                ("a long new password", true), ("another one", true), ("P15/9000/2026", true),
                ("Computer Science", true), ("2", false),
            ] {
                driver.type(text)
                if next { driver.press("tab") }
            }
            driver.press("ctrl-s")
            await driver.settle()
        }
    }

    @Test("Browse shows the results beside or above the selected listing")
    func browse() async throws {
        try await check("browse")
    }

    @Test("a query that does not parse underlines its term and says why")
    func browseQueryError() async throws {
        try await check("browse-query-error") { driver in
            driver.press("/")
            driver.type("data remote:maybe")
        }
    }

    @Test("the filters panel shows every filter")
    func filters() async throws {
        try await check("browse-filters") { driver in
            driver.press("f", "space")
        }
    }

    @Test("the listing detail shows the skill match and whether one can apply")
    func detail() async throws {
        try await check("listing-detail") { driver in
            driver.press("enter")
        }
    }

    @Test("the apply form shows each problem next to its field")
    func applyErrors() async throws {
        try await check("apply-errors") { driver in
            await openApplyForm(driver)
            driver.type("Too short.")
            driver.press("ctrl-s", "enter")
        }
    }

    @Test("Saved lists saved listings and searches with new matches")
    func saved() async throws {
        try await check("saved") { driver in driver.press("2") }
    }

    @Test("Applications shows status badges and the timeline")
    func applications() async throws {
        try await check("applications") { driver in driver.press("3") }
    }

    @Test("/ narrows Applications as you type; the timeline is the shown application's")
    func applicationsNarrowed() async throws {
        try await check("applications-narrowed") { driver in
            driver.press("3")
            await driver.settle()
            driver.press("/")
            driver.type("offer")
            driver.press("enter")
            await driver.settle()
        }
    }

    @Test("Notifications lists unread first")
    func notifications() async throws {
        try await check("notifications") { driver in driver.press("4") }
    }

    @Test("Profile shows the fields and what is missing")
    func profile() async throws {
        try await check("profile") { driver in driver.press("5") }
    }

    @Test("the help overlay lists the screen's keys and the global ones")
    func help() async throws {
        try await check("help") { driver in driver.press("?") }
    }

    @Test("below 80×24 the size notice shows instead of a broken layout")
    func tooSmall() async throws {
        let harness = try await Harness.make()
        let driver = harness.driver(Size(width: 60, height: 20))
        assertScreen(driver.terminal, named: "too-small-60x20")
    }
}

/// Moves to the first listing the demo student may apply to (eligible filter on) and presses `a`.
func openApplyForm(_ driver: AppDriver<EdulinkApp>) async {
    driver.press("e")
    await driver.settle()
    let rows = driver.app.browse?.model.state.rows ?? []
    for (index, row) in rows.enumerated() {
        guard let detail = try? await driver.app.environment.repository.listing(row.id), detail.canApply else {
            continue
        }
        for _ in 0..<index { driver.press("j") }
        await driver.settle()
        break
    }
    driver.press("a")
    await driver.settle()
}
