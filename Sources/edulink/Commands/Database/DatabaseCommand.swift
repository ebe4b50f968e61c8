import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink db`: the database as a whole.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Inspect, check, back up, restore and maintain the database.",
        subcommands: [
            DatabaseStatusCommand.self, DatabaseMigrateCommand.self, DatabaseCheckCommand.self,
            DatabaseBackupCommand.self, DatabaseRestoreCommand.self, DatabaseVacuumCommand.self,
            DatabaseAnalyzeCommand.self, DatabaseReindexCommand.self, DatabaseGenerateCommand.self,
        ])
}

/// `edulink db status`.
struct DatabaseStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the schema version, size, row counts and last backup.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let status = try await environment.store.status()
        if json {
            try JSONOutput.print(status)
            return
        }
        var table = TextTable(["", ""])
        table.append(["database", status.location])
        table.append(["engine", status.engine])
        let pending =
            status.pendingMigrations.isEmpty
            ? "none pending" : "pending: \(status.pendingMigrations.joined(separator: ", ")) — run 'edulink db migrate'"
        table.append(["schema", "\(status.schemaVersion) (\(status.appliedMigrations.count) applied, \(pending))"])
        table.append([
            "size",
            Format.bytes(status.sizeBytes)
                + (status.measuredWriteAheadLogBytes.map { " (write-ahead log \(Format.bytes($0)))" } ?? ""),
        ])
        if let segments = status.searchIndexSegments {
            let tidy = segments > 1 ? " (the scheduled jobs keep them few; 'edulink db vacuum' makes one)" : ""
            table.append(["search index", HealthFormat.segments(segments) + tidy])
        }
        if let check = status.lastIntegrityCheck {
            table.append(["integrity", "\(check.ok ? "ok" : "PROBLEMS"), checked \(Format.time(check.checkedAt))"])
        } else {
            table.append(["integrity", "never checked — run 'edulink db check'"])
        }
        if let backup = status.lastBackup {
            table.append(["last backup", "\(Format.time(backup.createdAt)) \(backup.path)"])
        } else {
            table.append(["last backup", "none — run 'edulink db backup'"])
        }
        print(table.render().split(separator: "\n").dropFirst().joined(separator: "\n"))
        print("")
        var rows = TextTable(["table", "rows"], rightAligned: [1])
        for (name, count) in status.rowCounts.sorted(by: { $0.key < $1.key }) {
            rows.append([name, String(count)])
        }
        print(rows.render())
    }
}

/// `edulink db migrate`.
struct DatabaseMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Back up the database, then apply pending migrations.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Where the backup goes (default: as for db backup).", valueName: "dir"))
    var dir: String?

    func run() async throws {
        let current = try await LocalEnvironment.open(database, migrate: false)
        let status = try await current.store.status()
        guard !status.pendingMigrations.isEmpty else {
            print("The database is up to date (schema \(status.schemaVersion)).")
            return
        }
        let directory =
            dir.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? DatabaseOptions.backupDirectory(for: current.location)
        try EdulinkPaths.createPrivateDirectory(directory)
        // Each line is out before the wait it announces (a pipe would hold it until the end).
        Self.say("Backing up \(Format.bytes(status.sizeBytes)) into \(directory.path), then checking the copy…")
        let backup = try await current.store.backup(into: directory, keepDays: DatabaseBackupCommand.defaultKeepDays)
        guard backup.integrityOK else {
            throw CommandFailure("the backup \(backup.path) failed its check; nothing was migrated")
        }
        Self.say("Backed up to \(backup.path)")
        Self.say("Applying \(MigrationNotice.steps(status.pendingMigrations))… \(MigrationNotice.patience)")
        let started = ContinuousClock.now
        let migrated = try await current.applyingMigrations()
        let took = MigrationNotice.elapsed(.now - started)
        let after = try await migrated.store.status()
        Self.say(
            "Applied \(status.pendingMigrations.joined(separator: ", ")) in \(took); schema is now \(after.schemaVersion)."
        )
    }

    private static func say(_ line: String) {
        print(line)
        Terminal.flushStandardOutput()
    }
}

/// `edulink db check`.
struct DatabaseCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Run the integrity and foreign-key checks; exit 1 on problems.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let report = try await environment.store.checkIntegrity()
        if json {
            try JSONOutput.print(report)
        } else if report.ok {
            print("ok: integrity and foreign keys check out (\(environment.location.described))")
        } else {
            print("The database has problems:")
            for problem in report.problems { print("  \(problem)") }
        }
        if !report.ok { throw ExitCode.failure }
    }
}
