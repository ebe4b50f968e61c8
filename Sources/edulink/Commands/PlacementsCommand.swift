import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink placements`: placements after the offer, their completion records and verification.
struct PlacementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placements",
        abstract: "List placements; print a completion record; verify one's code.",
        subcommands: [PlacementsListCommand.self, PlacementsCertificateCommand.self, PlacementsVerifyCommand.self])
}

/// `edulink placements list`.
struct PlacementsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every placement with its status and logbook progress.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let placements = try await environment.asOperator.placements()
        if json {
            try JSONOutput.print(placements)
            return
        }
        guard !placements.isEmpty else {
            print("No placements yet: one starts when a student accepts an offer.")
            return
        }
        var table = TextTable(
            ["id", "student", "organization", "status", "start", "end", "week", "approved", "overdue"],
            rightAligned: [0, 6, 7, 8])
        for summary in placements {
            let progress = summary.progress
            table.append([
                String(summary.id.rawValue), Format.truncated(summary.studentName, 24),
                Format.truncated(summary.organizationName, 24), summary.placement.status.label,
                Format.day(summary.placement.startDate), Format.day(summary.placement.endDate),
                "\(progress.currentWeek)/\(progress.weekCount)", String(progress.approved), String(progress.overdue),
            ])
        }
        print(table.render())
    }
}

/// `edulink placements certificate ID [--out FILE]`.
struct PlacementsCertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Write the completion record of a completed placement as printable HTML.",
        discussion: """
            The record carries a verification code; anyone can check it with
            `edulink placements verify CODE` or GET /api/v1/completions/CODE on the server.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The placement's id (see `edulink placements list`).", valueName: "id"))
    var id: Int64

    @Option(help: ArgumentHelp("Where to write the HTML (default: standard output).", valueName: "file"))
    var out: String?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let record = try await environment.asOperator.completionRecord(PlacementID(id))
        let html = CompletionCertificate.html(record, timeZone: .current)
        guard let out else {
            print(html, terminator: "")
            return
        }
        let url = URL(fileURLWithPath: (out as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure("\(out) is a folder; give a file name, like \(out)/certificate-\(id).html.")
        }
        do {
            try Data(html.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("Could not write \(url.path): \(error.localizedDescription)")
        }
        print("Wrote the completion record of placement \(id) to \(url.path) (code \(record.code)).")
    }
}

/// `edulink placements verify CODE`.
struct PlacementsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a completion record's verification code.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The code printed on the record, like EDU-ABCD-EFGH-JKLM.", valueName: "code"))
    var code: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let record: CompletionRecord
        do {
            record = try await environment.asOperator.verifyCompletion(code: code)
        } catch EdulinkError.notFound {
            throw CommandFailure("No completion record has the code \(code).")
        }
        if json {
            try JSONOutput.print(record)
            return
        }
        print("Valid: \(record.studentName) completed \(record.listingTitle) at \(record.organizationName)")
        print(
            "\(Format.day(record.startDate)) – \(Format.day(record.endDate)); \(record.weeksApproved) of "
                + "\(record.weekCount) weeks approved, \(record.weeksExcused) excused; "
                + "\(record.hours.formatted()) hours")
        if let result = record.result {
            print("Final score \(result.score.formatted()) (\(result.grade.label))")
        }
    }
}

/// The completion record as a printable HTML page.
enum CompletionCertificate {
    static func html(_ record: CompletionRecord, timeZone: TimeZone) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var style = Date.FormatStyle(date: .long, time: .omitted)
        style.timeZone = timeZone
        let rows = record.evaluations.map { evaluation in
            let score =
                evaluation.grade.map { "Grade: \($0.label)" } ?? evaluation.overall.map { "Overall: \($0)/5" } ?? ""
            return
                "<tr><th>\(escape(evaluation.kind.label.capitalized))</th><td>\(escape(score))</td>"
                + "<td>\(escape(evaluation.comment))</td></tr>"
        }.joined(separator: "\n")
        let result =
            record.result.map {
                "<p class=\"result\">Final score <b>\($0.score.formatted())</b> — <b>\(escape($0.grade.label))</b> "
                    + "(logbook \(Int($0.logbook)), workplace \(Int($0.workplace)), academic \(Int($0.academic)))</p>"
            } ?? "<p class=\"result\">The academic assessment is not in yet.</p>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Completion record \(escape(record.code))</title>
            <style>
            body { font-family: Georgia, serif; max-width: 44rem; margin: 3rem auto; color: #111; }
            h1 { font-size: 1.6rem; } table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; vertical-align: top; padding: .4rem; border-bottom: 1px solid #ccc; }
            .code { font-family: monospace; font-size: 1.1rem; } .result { font-size: 1.1rem; }
            @media print { body { margin: 1cm; } }
            </style></head>
            <body>
            <h1>Internship completion record</h1>
            <p><b>\(escape(record.studentName))</b>\(record.registrationNumber.map { " (\(escape($0)))" } ?? "")\(record.institutionName.map { ", \(escape($0))" } ?? "")</p>
            <p>completed <b>\(escape(record.listingTitle))</b> at <b>\(escape(record.organizationName))</b>,
            \(record.startDate.formatted(style)) to \(record.endDate.formatted(style)).</p>
            <p>\(record.weeksApproved) of \(record.weekCount) logbook weeks approved, \(record.weeksExcused) excused;
            \(record.hours.formatted()) hours recorded. Completed \(record.completedAt.formatted(style)).</p>
            \(result)
            <table>
            \(rows)
            </table>
            <p>Verification code: <span class="code">\(escape(record.code))</span> — check it with
            <code>edulink placements verify \(escape(record.code))</code>.</p>
            </body></html>

            """
    }
}
