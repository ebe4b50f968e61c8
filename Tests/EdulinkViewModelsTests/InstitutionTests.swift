import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

/// The institution admin's Students tab: the list with its filters, and a CSV import from the dry run
/// to the codes file.
@Suite("Institution admin: students and imports", .timeLimit(.minutes(10)))
struct InstitutionTests {
    /// Signs in a new institution admin of the world's institution.
    static func office(_ world: World) async throws -> ProbeRepository {
        _ = try await world.service.acting(as: .localOperator()).createUser(
            NewAccount(
                email: "office@uon.example", displayName: "Career Office", role: .institutionAdmin,
                password: Fixture.password, institutionID: world.institution.id))
        let office = ProbeRepository(world.newSession())
        _ = try await office.login(email: "office@uon.example", password: Fixture.password)
        return office
    }

    @Test("an import: a dry run lists the refused rows first; the fixed file applies once and its codes go beside it")
    func importFlow() async throws {
        try await withWorld { world in
            let office = try await Self.office(world)
            var model = StudentsViewModel(repository: office, now: { world.now })
            await send(&model, .load)
            #expect(model.state.total == 1)

            let csv = world.directory.appendingPathComponent("term.csv")
            try """
            name,email,registration number,course,year
            Baraka Otieno,baraka@uon.example,UON/2026/001,computer science,2
            Imani Wekesa,imani@@uon,UON/2026/002,Law,3
            Amina Again,student@uon.example,P15/1000/2023,Computer Science,3
            """.write(to: csv, atomically: true, encoding: .utf8)

            // A wrong path says so and calls nothing.
            await send(&model, .importer(.setPath(csv.path + ".missing")))
            await send(&model, .importer(.check))
            #expect(model.importer.state.problem == "No file at \(csv.path).missing.")
            #expect(office.count(of: "importStudents") == 0)

            await send(&model, .importer(.setPath(csv.path)))
            await send(&model, .importer(.check))
            let importer = model.importer.state
            #expect(importer.phase == .reviewed && importer.filter == .refused)
            #expect(importer.rows.map(\.line) == [3])
            #expect(!importer.canApply)
            await send(&model, .importer(.apply))
            #expect(office.count(of: "importStudents") == 1)  // nothing to apply while a row is refused

            try String(contentsOf: csv, encoding: .utf8).replacingOccurrences(
                of: "imani@@uon", with: "imani@uon.example"
            )
            .write(to: csv, atomically: true, encoding: .utf8)
            await send(&model, .importer(.check))
            #expect(model.importer.state.canApply && model.importer.state.filter == .all)
            #expect(model.importer.state.rows.map(\.outcome) == [.create, .create, .existing])
            let events = await send(&model, .importer(.apply))
            let applied = model.importer.state
            #expect(applied.phase == .applied && applied.report?.applied == true)
            let codesPath = world.directory.appendingPathComponent("term-codes.csv").path
            #expect(applied.codesPath == codesPath)
            #expect(events.contains { if case .toast = $0 { true } else { false } })
            let codes = try String(contentsOfFile: codesPath, encoding: .utf8)
            #expect(codes.split(separator: "\r\n").count == 3)  // the header and two students
            let mode = try FileManager.default.attributesOfItem(atPath: codesPath)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // The list shows the new students.
            #expect(model.state.total == 3)
            #expect(!model.importer.state.canApply)

            // A second import of the same file changes nothing, and its codes go to a new file.
            await send(&model, .importer(.reset))
            await send(&model, .importer(.setPath(csv.path)))
            await send(&model, .importer(.check))
            #expect(model.importer.state.rows.map(\.outcome) == [.existing, .existing, .existing])
            #expect(!model.importer.state.canApply)
        }
    }
}

extension InstitutionTests {
    @Test("Reports: a period loads the report; tables move round; the table on screen exports its rows to CSV")
    func reports() async throws {
        try await withWorld { world in
            let office = try await Self.office(world)
            var model = ReportsViewModel(repository: office, now: { world.now }, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            let report = try #require(model.state.report)
            #expect(report.students == 1 && report.institutionName == world.institution.name)
            #expect(model.state.table == .summary)
            await send(&model, .moveTable(-1))
            #expect(model.state.table == .grades)
            await send(&model, .moveTable(1))
            await send(&model, .moveTable(1))
            #expect(model.state.table == .rates)
            await send(&model, .nextSpan)
            #expect(model.state.span == .calendarYear && office.count(of: "placementReport") == 2)
            let year = Fixture.calendar.component(.year, from: world.now)
            #expect(Fixture.calendar.component(.year, from: try #require(model.state.report).period.from) == year)

            let path = world.directory.appendingPathComponent(model.suggestedFileName).path
            #expect(model.suggestedFileName.hasPrefix("placements-rates-\(year)-01-01-to-"))
            let events = await send(&model, .export(path: path))
            #expect(model.state.exportedTo == path)
            #expect(events.contains { if case .toast = $0 { true } else { false } })
            let written = try String(contentsOfFile: path, encoding: .utf8)
            let expected = try CSV.text(try #require(model.state.shown).records)
            #expect(written == expected)
            #expect(written.hasPrefix("course,year,students,placed,rate\r\nComputer Science,3,1,0,0.0 %"))
            // A folder that does not exist: an error toast, nothing recorded as written.
            let failed = await send(&model, .export(path: world.directory.appendingPathComponent("no/such/x.csv").path))
            #expect(model.state.exportedTo == path)
            #expect(failed.contains { if case .toast(let toast) = $0 { toast.kind == .error } else { false } })
        }
    }
}
