import EdulinkCore
import EdulinkDemo
import Foundation
import TerminalKit
import Testing

@testable import EdulinkTUI

/// The placement screens at 80×24 and 140×40, in colour and as under NO_COLOR, over the seeded demo
/// database with a fixed clock: the supervisor's Interns, Logbooks and Evaluations (with the rubric
/// form), the employer's Placements and the student's Placement with the entry editor.
@Suite("Placement screen snapshots", .timeLimit(.minutes(10)))
struct PlacementSnapshotTests {
    static let supervisor = "supervisor@edulink.demo"
    static let employer = "employer@edulink.demo"

    /// `placed`: the demo student is placed first (see `placeDemoStudent`), before the app signs in as
    /// `email`.
    private func check(
        _ name: String, as email: String, placed: Bool = false,
        _ steps: (AppDriver<EdulinkApp>) async -> Void = { _ in }
    ) async throws {
        for size in ScreenSnapshotTests.sizes {
            for monochrome in [false, true] {
                let harness = try await Harness.make()
                if placed { try await Self.placeDemoStudent(harness) }
                let driver = await harness.signedIn(size, monochrome: monochrome, as: email)
                await steps(driver)
                await driver.settle()
                assertScreen(
                    driver.terminal, named: "\(name)-\(size.width)x\(size.height)\(monochrome ? "-nocolor" : "")")
            }
        }
    }

    /// The demo student accepts the settlement offer (a placement in week 2) and the demo employer
    /// assigns the demo supervisor, as the end-to-end script does through the screens.
    private static func placeDemoStudent(_ harness: Harness) async throws {
        let service = try Harness.service(
            path: harness.directory.appendingPathComponent("edulink.sqlite").path, clock: harness.clock)
        let student = service.localSession(mode: .local(path: "edulink.sqlite"))
        _ = try await student.login(email: Harness.student, password: DemoSeeder.demoPassword)
        let offer = try #require(
            try await student.myApplications().first {
                $0.application.status == .offered && $0.listingTitle.hasPrefix("Settlement Operations")
            })
        _ = try await student.answerOffer(offer.id, accept: true)
        let employer = service.localSession(mode: .local(path: "edulink.sqlite"))
        _ = try await employer.login(email: Self.employer, password: DemoSeeder.demoPassword)
        let placement = try #require(try await employer.placements().first { $0.placement.applicationID == offer.id })
        let grace = try #require(try await employer.supervisors().first { $0.user.email == Self.supervisor })
        _ = try await employer.changePlacement(placement.id, .assign(grace.id))
    }

    @Test("Interns lists the supervisor's placements, active first, with the selected one's week grid")
    func interns() async throws {
        try await check("supervisor-interns", as: Self.supervisor)
    }

    @Test("Logbooks shows the submitted entries oldest first beside the selected one")
    func logbooks() async throws {
        try await check("supervisor-logbooks", as: Self.supervisor) { driver in
            driver.press("2")
        }
    }

    @Test("Evaluations shows a completed placement's evaluations in full")
    func evaluations() async throws {
        try await check("supervisor-evaluations", as: Self.supervisor) { driver in
            driver.press("3")
            await driver.settle()
            for _ in 0..<4 { driver.press("j") }
        }
    }

    @Test("the rubric form opens on an intern whose midpoint evaluation is open")
    func rubric() async throws {
        try await check("supervisor-rubric", as: Self.supervisor, placed: true) { driver in
            driver.press("v")
        }
    }

    @Test("the employer's Placements tab with the actions the selected placement allows")
    func employerPlacements() async throws {
        try await check("employer-placements", as: Self.employer) { driver in
            driver.press("6")
        }
    }

    @Test("/ narrows the employer's placements as you type; the detail follows the selection")
    func employerPlacementsNarrowed() async throws {
        try await check("employer-placements-narrowed", as: Self.employer) { driver in
            driver.press("6")
            await driver.settle()
            driver.press("/")
            driver.type("upcoming y")
            driver.press("enter")
        }
    }

    @Test("the student's Placement tab opens the week's entry editor")
    func studentEditor() async throws {
        try await check("student-placement-editor", as: Harness.student, placed: true) { driver in
            driver.press("6")
            await driver.settle()
            driver.press("e")
            await driver.settle()
            driver.type("Reconciled the settlement files against the ledger.")
        }
    }

    @Test("the supervisor's Profile with the password form open")
    func supervisorProfile() async throws {
        try await check("supervisor-profile", as: Self.supervisor) { driver in
            driver.press("5")
            await driver.settle()
            driver.press("p")
            driver.type("demo-password")
        }
    }

    @Test("the institution admin's Placements, filtered to the unassigned, with the academic supervisor picker")
    func institutionPlacements() async throws {
        try await check("institution-placements", as: "institution@edulink.demo") { driver in
            driver.press("2")
            await driver.settle()
            driver.press("f")
            driver.press("f")
            await driver.settle()
            driver.press("s")
        }
    }

    @Test("the institution admin's Students: the list with stages, filtered to the placed ones")
    func institutionStudents() async throws {
        try await check("institution-students", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("s")
            await driver.settle()
            driver.press("s")
            await driver.settle()
            driver.press("s")
            await driver.settle()
            driver.press("s")
            await driver.settle()
            driver.press("s")
        }
    }

    @Test("a student's read-only detail: profile, applications and placement")
    func institutionStudentDetail() async throws {
        try await check("institution-student", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("/")
            driver.type("sharon barasa")
            await driver.settle()
            driver.press("enter")
            driver.press("enter")
        }
    }

    @Test("registration codes: a code just made, with its (empty) usage log and the new-code form")
    func institutionCodes() async throws {
        try await check("institution-codes", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("r")
            await driver.settle()
            driver.press("n")
            driver.press("ctrl-s")
            await driver.settle()
            driver.press("enter")
            await driver.settle()
            driver.press("n")
        }
    }

    @Test("a student import's dry run: the refused rows first, each with its line and why")
    func institutionImport() async throws {
        // A fixed path, so the snapshots show the same file line on every machine.
        let path = "/tmp/edulink-snapshot-students.csv"
        try """
        name,email,registration number,course,year
        Baraka Otieno,baraka@uon.example,UON/SNAP/001,Computer Science,2
        Imani Wekesa,imani@@uon,UON/SNAP/002,Law,3
        Baraka Twice,baraka@uon.example,UON/SNAP/001,Law,9
        Zawadi Kiprop,zawadi@uon.example,UON/SNAP/003,Computer Science,1
        """.write(toFile: path, atomically: true, encoding: .utf8)
        try await check("institution-import", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("i")
            driver.type(path)
            driver.press("enter")
            await driver.settle()
            driver.press("j")
        }
    }

    @Test("Reports: the period's figures and the placement rates by course and year with their chart")
    func institutionReports() async throws {
        try await check("institution-reports", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("4")
            await driver.settle()
            driver.press("tab")
        }
    }

    @Test("the institution admin's Listings: where their students applied")
    func institutionListings() async throws {
        try await check("institution-listings", as: "institution@edulink.demo") { driver in
            await driver.settle()
            driver.press("3")
            await driver.settle()
            driver.press("a")
        }
    }

    @Test("Esc on a rubric form with a comment asks before dropping it")
    func rubricKeepsWork() async throws {
        let harness = try await Harness.make()
        try await Self.placeDemoStudent(harness)
        let driver = await harness.signedIn(Size(width: 120, height: 40), as: Self.supervisor)
        driver.press("v")
        await driver.settle()
        for _ in 0..<6 { driver.press("tab") }
        driver.type("Careful with the ledger and asks early.")
        driver.press("esc")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Discard changes?"))
        driver.press("n")
        await driver.settle()
        #expect(screenText(driver.terminal).contains("Careful with the ledger"))
        driver.press("esc")
        driver.press("y")
        await driver.settle()
        #expect(!screenText(driver.terminal).contains("Midpoint Evaluation"))
        #expect(screenText(driver.terminal).contains("Amani Wanjiru at Kusi Payments"))
    }

    @Test("the dates typed to move a placement: days that exist only")
    func typedDays() {
        let day = PlacementsScreen.day("2027-01-15")
        #expect(
            day.map { Calendar.current.dateComponents([.year, .month, .day], from: $0) }
                == DateComponents(year: 2027, month: 1, day: 15))
        for typo in ["2027-02-30", "2027-13-01", "2027-1", "15/01/2027", "", "2027--15", "next week"] {
            #expect(PlacementsScreen.day(typo) == nil, "\(typo)")
        }
    }
}
