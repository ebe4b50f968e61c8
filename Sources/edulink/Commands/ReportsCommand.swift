import ArgumentParser
import EdulinkCore
import EdulinkViewModels
import Foundation

/// `edulink reports`: an institution's figures, for scripts and spreadsheets.
struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "An institution's placement figures.",
        subcommands: [ReportsPlacementsCommand.self])
}

/// `edulink reports placements --institution UON [--from DAY] [--to DAY] [--json | --csv [--table T]]`.
struct ReportsPlacementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placements",
        abstract: "Placement rate by course and year, days to placement, logbook compliance, evaluations, grades.",
        discussion: """
            The period runs from --from (included) to --to (included), days in the local time zone; \
            without them, the last 365 days. A placement counts in the period its offer was accepted, an \
            application when it was sent, a logbook week when it was due. Text shows every table; \
            --csv prints one (--table, rates by default) as the Reports tab exports it; --json the whole \
            report.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var institution: InstitutionOption

    @Option(help: ArgumentHelp("The first day (YYYY-MM-DD).", valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("The last day (YYYY-MM-DD).", valueName: "day"))
    var to: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print one table as CSV.")
    var csv = false

    @Option(
        help: ArgumentHelp(
            "The table --csv prints: \(ReportTable.Kind.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "table"))
    var table: String = ReportTable.Kind.rates.rawValue

    func validate() throws {
        if json && csv { throw ValidationError("Choose --json or --csv, not both.") }
        if ReportTable.Kind(rawValue: table) == nil {
            throw ValidationError(
                "No table \"\(table)\"; choose one of \(ReportTable.Kind.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
    }

    static func day(_ text: String, _ option: String) throws -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        if parts.count == 3 { (components.year, components.month, components.day) = (parts[0], parts[1], parts[2]) }
        guard parts.count == 3, components.isValidDate(in: .current), let date = Calendar.current.date(from: components)
        else { throw CommandFailure("\(option) \(text) is not a day; write it as YYYY-MM-DD.", exitCode: 64) }
        return date
    }

    func run() async throws {
        let now = Date()
        let end = try to.map { try Self.day($0, "--to").addingTimeInterval(86_400) } ?? now
        let start = try from.map { try Self.day($0, "--from") } ?? end.addingTimeInterval(-365 * 86_400)
        let environment = try await LocalEnvironment.open(database)
        let target = try await institution.resolve(environment.asOperator)
        let report = try await environment.asOperator.placementReport(
            ReportPeriod(from: start, to: end), institution: target.id)
        if json {
            try JSONOutput.print(report)
        } else if csv, let kind = ReportTable.Kind(rawValue: table) {
            print(try CSV.text(report.table(kind).records), terminator: "")
        } else {
            let last = end.addingTimeInterval(-1)
            print("\(report.institutionName): placements from \(Format.day(start)) to \(Format.day(last))")
            for table in report.tables {
                print("")
                print(table.title)
                var text = TextTable(table.header, rightAligned: Set(1..<table.header.count))
                for row in table.rows { text.append(row) }
                print(table.rows.isEmpty ? "  (none in this period)" : text.render())
            }
        }
    }
}
