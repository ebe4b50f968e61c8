import ArgumentParser
import EdulinkCore
import Foundation

/// The `edulink` command: the root of every subcommand.
@main
struct Edulink: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "edulink",
        abstract: "Internship management in the terminal.",
        discussion: """
            Students find internships and apply; employers run applicants through a hiring \
            pipeline; admins keep the platform healthy and backed up.

            The database is a SQLite file or a PostgreSQL database (postgres://user@host/db): \
            --db, else $EDULINK_DB, else config.toml's database, else \
            $XDG_DATA_HOME/edulink/edulink.sqlite. Start with 'edulink demo' for a database \
            full of sample data, or 'edulink init' for an empty one. 'edulink --server URL' opens \
            the terminal app on an Edulink server ('edulink serve') instead.

            Passwords are read from standard input, never from arguments. Destructive commands \
            ask on a terminal and need --yes in scripts. --json output is stable for scripts.
            """,
        version: version,
        subcommands: [
            TerminalAppCommand.self, DemoCommand.self, InitCommand.self, DatabaseCommand.self, UserCommand.self,
            InternshipsCommand.self, JobsCommand.self, DevCommand.self, ServeCommand.self, KeysCommand.self,
            DoctorCommand.self, PlacementsCommand.self, SignUpCommand.self, StudentsCommand.self, ReportsCommand.self,
            OrganizationCommand.self, InstitutionCommand.self, PasswdCommand.self,
        ],
        defaultSubcommand: TerminalAppCommand.self
    )

    /// Parses, runs, and reports failures the Edulink way: one line on standard error,
    /// `edulink: error: <message>`, exit 1 for failures and 64 for usage errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            await OpenStores.shared.closeAll()
        } catch {
            await OpenStores.shared.closeAll()
            let report = ErrorReport(error)
            if let message = report.message {
                Terminal.writeError(message + "\n")
            }
            if let standardOutput = report.standardOutput {
                print(standardOutput)
            }
            Terminal.flushStandardOutput()
            Foundation.exit(report.exitCode)
        }
    }
}

/// How one error is shown and which exit code it gives.
struct ErrorReport {
    var message: String?
    var standardOutput: String?
    var exitCode: Int32

    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self.init(line: failure.message, exitCode: failure.exitCode)
        case let error as EdulinkError:
            self.init(line: error.message, exitCode: 1)
        case let error as ExitCode:
            self.init(message: nil, standardOutput: nil, exitCode: error.rawValue)
        default:
            let code = Edulink.exitCode(for: error)
            let full = Edulink.fullMessage(for: error)
            if code == .success {
                // --help and --version: their text belongs on standard output.
                self.init(message: nil, standardOutput: full, exitCode: 0)
            } else {
                let firstLine = full.split(separator: "\n").first.map(String.init) ?? String(describing: error)
                let trimmed = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
                self.init(line: trimmed, exitCode: code.rawValue)
            }
        }
    }

    private init(line: String, exitCode: Int32) {
        let oneLine = line.split(whereSeparator: \.isNewline).joined(separator: " ")
        self.init(message: "edulink: error: \(oneLine)", standardOutput: nil, exitCode: exitCode)
    }

    private init(message: String?, standardOutput: String?, exitCode: Int32) {
        self.message = message
        self.standardOutput = standardOutput
        self.exitCode = exitCode
    }

}
