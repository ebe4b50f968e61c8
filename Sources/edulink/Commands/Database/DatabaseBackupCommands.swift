import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink db backup`.
struct DatabaseBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a verified snapshot of the database and prune old ones.",
        discussion: "The snapshot is checked with an integrity check before it counts as a backup.")

    static let defaultKeepDays = OperationsEnvironment.defaultKeepDays

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: ArgumentHelp(
            "Where snapshots go (default: backups/ beside the database file; for PostgreSQL in the server state folder).",
            valueName: "dir"))
    var dir: String?

    @Option(help: ArgumentHelp("Delete snapshots older than this many days.", valueName: "days"))
    var keepDays = defaultKeepDays

    func validate() throws {
        guard keepDays >= 1 else { throw ValidationError("--keep-days must be at least 1.") }
    }

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let directory =
            dir.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? DatabaseOptions.backupDirectory(for: environment.location)
        try EdulinkPaths.createPrivateDirectory(directory)
        let backup = try await environment.store.backup(into: directory, keepDays: keepDays)
        print(
            "Backed up to \(backup.path) (\(Format.bytes(backup.sizeBytes)), integrity \(backup.integrityOK ? "ok" : "FAILED"))"
        )
        if !backup.integrityOK { throw ExitCode.failure }
    }
}

/// `edulink db restore FILE`.
struct DatabaseRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup.",
        discussion: """
            Verifies FILE, backs up the current database into the backups folder, then swaps \
            the files atomically. Asks first on a terminal; scripts must pass --yes.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The backup file to restore.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp(
            "Where the current database is saved first (default: as for db backup).", valueName: "dir"))
    var dir: String?

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() async throws {
        let source = URL(fileURLWithPath: file)
        guard DatabaseFile.exists(source) else { throw CommandFailure("no backup file at \(source.path)") }
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let target = environment.location.described
        try Confirmation.require("replace the database at \(target) with \(source.path)", yes: yes)
        let directory =
            dir.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? DatabaseOptions.backupDirectory(for: environment.location)
        try EdulinkPaths.createPrivateDirectory(directory)
        let previous = try await environment.asOperator.restore(
            from: source, backupDirectory: directory)
        print("Restored \(target) from \(source.path)")
        print("Every sign-in session has ended: everyone signs in again.")
        print(
            "The database as it was is saved in \(previous.path)"
                + (previous.integrityOK ? "" : " (it failed its integrity check; kept as it was)"))
    }
}
