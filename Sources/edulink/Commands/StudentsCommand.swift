import ArgumentParser
import EdulinkCore
import EdulinkViewModels
import Foundation

/// `edulink students`: an institution's students, in bulk.
struct StudentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "students",
        abstract: "Import an institution's students from a CSV file.",
        subcommands: [StudentsImportCommand.self])
}

/// The institution a command is about: its id or its short code.
struct InstitutionOption: ParsableArguments {
    @Option(help: ArgumentHelp("The institution: its id or short code (e.g. UON).", valueName: "institution"))
    var institution: String

    /// The institution named, or a failure listing the ones there are.
    func resolve(_ repository: any EdulinkRepository) async throws -> Institution {
        try await Self.resolve(institution, in: repository)
    }

    /// The institution whose id or short code (letter case aside) is `typed`.
    static func resolve(_ typed: String, in repository: any EdulinkRepository) async throws -> Institution {
        let all = try await repository.institutions()
        let typed = typed.trimmingCharacters(in: .whitespaces)
        if let found = all.first(where: {
            String($0.id.rawValue) == typed || $0.shortCode.caseInsensitiveCompare(typed) == .orderedSame
        }) {
            return found
        }
        let known = all.prefix(12).map { "\($0.shortCode) (\($0.id.rawValue))" }.joined(separator: ", ")
        throw CommandFailure(
            "No institution \"\(typed)\"."
                + (known.isEmpty
                    ? " This database has none yet." : " Institutions: \(known)\(all.count > 12 ? ", …" : "")."))
    }
}

/// `edulink students import FILE --institution UON [--dry-run] [--codes FILE] [--json]`.
struct StudentsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import students from a CSV file: a report on every row, then all of them or none.",
        discussion: """
            The file has a header line and the columns name, email and registration number; course and \
            year are optional. --dry-run only reports. Without it, a file with a refused row imports \
            nothing (the rows are listed by line); otherwise every new student is created in one \
            transaction with a one-time sign-in code. A registration number the institution already has \
            is left as it is, so importing the same file again changes nothing.

            The codes are shown once: they go to --codes FILE (a CSV readable only by you) or, without \
            it, to standard output after the report.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var institution: InstitutionOption

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Flag(help: "Report only; change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write the new students' one-time codes to this CSV file.", valueName: "file"))
    var codes: String?

    @Flag(help: "Print the report as JSON (one-time codes included when applied).")
    var json = false

    func run() async throws {
        let text: String
        let codesURL: URL?
        do {
            text = try StudentImportFile.read(file)
            codesURL = try codes.map(StudentImportFile.newFile)
        } catch {
            throw CommandFailure(error.description)
        }
        let environment = try await LocalEnvironment.open(database)
        let target = try await institution.resolve(environment.asOperator)
        let report = try await environment.asOperator.importStudents(
            StudentImportRequest(csv: text, apply: !dryRun, institutionID: target.id))
        let created = report.rows.filter { $0.oneTimeCode != nil }
        var written = false
        if let codesURL, !created.isEmpty {
            do {
                try StudentImportFile.writeCodes(created, to: codesURL)
                written = true
            } catch {
                // The students exist now: the codes go to standard output rather than nowhere.
                Self.note("Could not write \(codesURL.path) (\(error)); the codes follow on standard output.")
            }
        }
        if json {
            try JSONOutput.print(report)
        } else {
            print(Self.describe(report, institution: target))
            if !written, !created.isEmpty {
                print("")
                print(try CSV.text(StudentImportFile.codeRows(created)), terminator: "")
            }
        }
        if written, let codesURL {
            Self.note("One-time codes of \(created.count) students written to \(codesURL.path).")
        }
        if !report.canApply { throw ExitCode(1) }
    }

    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    static func describe(_ report: StudentImportReport, institution: Institution) -> String {
        var lines = ["\(institution.name): \(report.summary)"]
        for row in report.rows where row.outcome == .refused {
            lines.append("  line \(row.line): \(row.problems.joined(separator: "; "))")
        }
        for row in report.rows where row.outcome != .refused && !row.notes.isEmpty {
            lines.append("  line \(row.line) (note): \(row.notes.joined(separator: "; "))")
        }
        if !report.newCourses.isEmpty {
            let courses = report.newCourses.map { "\($0.course) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }
            lines.append("  Courses none of your students has yet: \(courses.joined(separator: ", ")).")
        }
        return lines.joined(separator: "\n")
    }
}
