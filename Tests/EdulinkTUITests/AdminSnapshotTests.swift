import EdulinkCore
import TerminalKit
import Testing

@testable import EdulinkTUI

/// The admin's screens at 80×24 and 140×40, in colour and as under NO_COLOR, over the seeded demo
/// database with a fixed clock.
@Suite("Admin screen snapshots", .timeLimit(.minutes(10)))
struct AdminSnapshotTests {
    static let admin = "admin@edulink.demo"

    /// `prepare` runs on the harness before the admin signs in, `steps` on the signed-in app.
    private func check(
        _ name: String, _ steps: (AppDriver<EdulinkApp>) async -> Void = { _ in },
        prepare: (Harness) async throws -> Void = { _ in }
    ) async throws {
        for size in ScreenSnapshotTests.sizes {
            for monochrome in [false, true] {
                let harness = try await Harness.make()
                try await prepare(harness)
                let driver = await harness.signedIn(size, monochrome: monochrome, as: Self.admin)
                await steps(driver)
                await driver.settle()
                assertScreen(
                    driver.terminal, named: "\(name)-\(size.width)x\(size.height)\(monochrome ? "-nocolor" : "")")
            }
        }
    }

    @Test("Users shows the search line, the role filter and the accounts with role, status and last login")
    func users() async throws {
        try await check("admin-users") { driver in driver.press("2") }
    }

    @Test("Users searches as you type, filtered by role")
    func usersSearch() async throws {
        try await check("admin-users-search") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("f", "f")
            await driver.settle()
            driver.press("/")
            driver.type("hr@")
        }
    }

    @Test("changing a role asks for the new role from a list")
    func rolePicker() async throws {
        try await check("admin-users-role") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("j", "r")
        }
    }

    @Test("an employer's organization shows whether it is verified, and V asks before verifying it")
    func verifyOrganization() async throws {
        try await check("admin-users-verify") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("/")
            driver.type("hr@kaskazi")
            await driver.settle()
            driver.press("enter", "V")
        }
    }

    @Test("a reset password is shown once in a box of its own")
    func resetPassword() async throws {
        try await check("admin-users-password") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("f")
            await driver.settle()
            driver.press("P", "y")
        }
    }

    @Test("Listings shows the verification queue and the selected listing")
    func verification() async throws {
        try await check("admin-verification") { driver in driver.press("3") }
    }

    @Test("sending a listing back asks for the reason")
    func sendBack() async throws {
        try await check("admin-verification-send-back") { driver in
            driver.press("3")
            await driver.settle()
            driver.press("b")
        }
    }

    @Test("Security shows failed logins by account and origin, locked accounts and the events")
    func security() async throws {
        try await check("admin-security", { driver in driver.press("4") }) { harness in
            for (email, attempts) in [("ghost@example.com", 4), ("student@edulink.demo", 2)] {
                for _ in 0..<attempts {
                    _ = try? await harness.repository.login(email: email, password: "not the password")
                }
            }
        }
    }

    @Test("Audit shows the filter line and every change, newest first")
    func audit() async throws {
        try await check("admin-audit") { driver in driver.press("5") }
    }

    @Test("Orgs shows the organizations with industry, size, location and verification beside the selected one")
    func organizations() async throws {
        try await check("admin-orgs") { driver in driver.press("7") }
    }

    @Test("i switches Orgs to the institutions, narrowed with / as you type")
    func institutions() async throws {
        try await check("admin-orgs-institutions") { driver in
            driver.press("7")
            await driver.settle()
            driver.press("i", "/")
            driver.type("uni")
        }
    }

    @Test("the new-organization form shows the service's errors under their fields")
    func organizationFormErrors() async throws {
        try await check("admin-orgs-form-errors") { driver in
            driver.press("7")
            await driver.settle()
            driver.press("n")
            driver.type("Mvua Pumps")
            driver.press("tab")
            driver.type("Agriculture")
            driver.press("tab", "right", "tab")
            driver.type("mvua dot example")
            driver.press("tab")
            driver.type("Nakuru")
            driver.press("tab")
            driver.type("Pumps.")
            driver.press("ctrl-s")
        }
    }
}
