import Foundation

/// A failure of a command, reported as one line `edulink: error: <message>` and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    /// 1 for failures; 64 (`EX_USAGE`) when the command was used wrongly.
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }

    /// The one message for a database file that is not there, whichever command looked for it.
    static func noDatabase(at url: URL) -> CommandFailure { noDatabase(at: .sqlite(url)) }

    static func noDatabase(at location: DatabaseLocation) -> CommandFailure {
        switch location {
        case .sqlite(let url):
            CommandFailure("no database at \(url.path) — create one with 'edulink demo' or 'edulink init'")
        case .postgres(let postgres):
            CommandFailure(
                "no Edulink database in \(postgres.redacted) (it has none of Edulink's tables) — create one with "
                    + "'edulink init --db \(postgres.redacted) --admin-email EMAIL' or 'edulink demo --db \(postgres.redacted)'"
            )
        }
    }

    static func databaseExists(at location: DatabaseLocation) -> CommandFailure {
        switch location {
        case .sqlite(let url):
            CommandFailure("a database already exists at \(url.path); choose another path with --db")
        case .postgres(let postgres):
            CommandFailure(
                "\(postgres.redacted) already holds an Edulink database; choose another database with --db "
                    + "(create an empty one with createdb)")
        }
    }

    /// A PostgreSQL database is migrated on purpose only (`edulink db migrate`, `serve --migrate`).
    static func pendingMigrations(_ pending: [String], in location: DatabaseLocation) -> CommandFailure {
        CommandFailure(
            "the database needs \(MigrationNotice.steps(pending)); "
                + "run 'edulink db migrate --db \(location.described)' first (it backs the database up before migrating)"
        )
    }

    /// Exit code for a command used wrongly (`EX_USAGE`), the same as ArgumentParser's.
    static let usageExitCode: Int32 = 64
}
