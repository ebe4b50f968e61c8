import EdulinkCore
import TerminalKit
import Testing

@testable import EdulinkTUI

/// The employer's screens at 80×24 and 140×40, in colour and as under NO_COLOR, over the seeded demo
/// database with a fixed clock.
@Suite("Employer screen snapshots", .timeLimit(.minutes(10)))
struct EmployerSnapshotTests {
    static let employer = "employer@edulink.demo"

    private func check(_ name: String, _ steps: (AppDriver<EdulinkApp>) async -> Void = { _ in }) async throws {
        for size in ScreenSnapshotTests.sizes {
            for monochrome in [false, true] {
                let harness = try await Harness.make()
                let driver = await harness.signedIn(size, monochrome: monochrome, as: Self.employer)
                await steps(driver)
                await driver.settle()
                assertScreen(
                    driver.terminal, named: "\(name)-\(size.width)x\(size.height)\(monochrome ? "-nocolor" : "")")
            }
        }
    }

    @Test("Listings shows the organization's listings with status and counts")
    func listings() async throws {
        try await check("employer-listings")
    }

    @Test("/ narrows the listings as you type; Enter gives the keys back to the list with the search kept")
    func listingsNarrowed() async throws {
        try await check("employer-listings-narrowed") { driver in
            driver.press("/")
            driver.type("data pub")
            driver.press("enter")
            driver.press("j")
        }
    }

    @Test("the listing form shows the service's errors next to their fields")
    func listingForm() async throws {
        try await check("employer-listing-form") { driver in
            driver.press("n")
            driver.type("SHOUTING TITLE")
            driver.press("ctrl-s")
        }
    }

    @Test("Applicants shows stage tabs with counts, the table and the opened application")
    func applicants() async throws {
        try await check("employer-applicants") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("enter")
        }
    }

    @Test("/ searches the applicants by name as you type: the service answers, the stage counts stay")
    func applicantsSearched() async throws {
        try await check("employer-applicants-searched") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("/")
            driver.type("wan")
            await driver.settle()
        }
    }

    @Test("triage shows one applicant at a time with the decision keys")
    func triage() async throws {
        try await check("employer-triage") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("l")
            await driver.settle()
            driver.press("t")
        }
    }

    @Test("a reject asks for a reason from the list")
    func rejectReason() async throws {
        try await check("employer-reject-reason") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("x")
        }
    }

    @Test("a bulk action previews what changes before it runs")
    func bulkPreview() async throws {
        try await check("employer-bulk-preview") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("l")
            await driver.settle()
            driver.press("space", "space", "s")
        }
    }

    @Test("Dashboard shows the funnel, figures, the 12-week sparkline and per-listing counts")
    func dashboard() async throws {
        try await check("employer-dashboard") { driver in driver.press("3") }
    }

    @Test("Profile shows the organization")
    func organization() async throws {
        try await check("employer-organization") { driver in driver.press("5") }
    }
}
