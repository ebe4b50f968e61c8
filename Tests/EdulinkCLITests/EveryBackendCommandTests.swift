import EdulinkCore
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@testable import EdulinkPostgres

/// Every command works on `--db postgres://…` as it does on a SQLite file: the same steps, from
/// `init` on, print the same and leave the same rows behind.
@Suite("every command on SQLite and on PostgreSQL", .timeLimit(.minutes(10)))
struct EveryBackendCommandTests {
    let password = "a perfectly fine password\n"

    /// What one run of the script printed, with the database's name replaced by `<db>`.
    struct Transcript {
        var lines: [String] = []
        var rowCounts: [String: Int] = [:]
        var jobs: [String: Int] = [:]
        var doctor: [String: String] = [:]
    }

    func script(_ harness: CommandLineHarness, described: String) async throws -> Transcript {
        var transcript = Transcript()
        func step(_ arguments: [String], input: String? = nil) async throws {
            let result = try await harness.run(arguments, input: input)
            let output = (result.standardOutput + result.standardError).replacingOccurrences(
                of: described, with: "<db>")
            transcript.lines.append("$ \(arguments.joined(separator: " ")) → \(result.status)\n\(output)")
        }
        try await step(["init", "--admin-email", "ops@campus.example"], input: password)
        try await step(["init", "--admin-email", "ops@campus.example"], input: password)
        try await step([
            "org", "create", "--name", "Kilimo Data Ltd", "--industry", "Agritech", "--size", "11-50",
            "--location", "Nakuru", "--description", "Soil sensors and yield forecasts for smallholder farmers.",
        ])
        try await step(["org", "verify", "1"])
        try await step(
            [
                "user", "create", "--email", "hr@kilimo.example", "--name", "Wanjiku Mwangi", "--role", "employer",
                "--organization", "1",
            ], input: password)
        try await step([
            "institution", "create", "--name", "Egerton University", "--short-code", "egu", "--type", "university",
        ])
        try await step(["institution", "verify", "EGU"])
        try await step(
            [
                "user", "create", "--email", "office@egerton.example", "--name", "Career Office", "--role",
                "institution_admin", "--institution", "1",
            ], input: password)
        try await step(["user", "lock", "hr@kilimo.example"])
        try await step(["user", "unlock", "hr@kilimo.example"])
        try await step(["internships", "search", "data"])
        try await step(["internships", "queue"])
        try await step(["reports", "placements", "--institution", "EGU"])
        try await step(["db", "check"])
        try await step(["db", "analyze"])
        try await step(["db", "reindex"])
        try await step(["db", "migrate"])

        let jobs = try #require(try await harness.json(["jobs", "run"]) as? [String: Any])
        transcript.jobs = jobs.compactMapValues { $0 as? Int }.filter { $0.key != "alerts_open" }
        let status = try #require(try await harness.json(["db", "status"]) as? [String: Any])
        transcript.rowCounts = try #require(status["row_counts"] as? [String: Int])
        let doctor = try await harness.run(["doctor", "--json"])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(doctor.standardOutput.utf8)) as? [String: Any])
        for check in report["checks"] as? [[String: Any]] ?? [] {
            guard let name = check["name"] as? String, ["database", "integrity", "queue", "security"].contains(name)
            else { continue }
            transcript.doctor[name] = check["status"] as? String
        }

        let backup = try await harness.run(["db", "backup", "--dir", "snapshots"])
        #expect(backup.succeeded, "\(backup.standardError)")
        let file = try #require(
            backup.standardOutput.split(separator: " ").dropFirst(3).first.map(String.init),
            "\(backup.standardOutput)")
        #expect(FileManager.default.fileExists(atPath: file), "\(backup.standardOutput)")
        try await step(
            ["user", "create", "--email", "late@kilimo.example", "--name", "Late", "--role", "admin"], input: password)
        let restored = try await harness.run(["db", "restore", file, "--yes", "--dir", "before-restore"])
        #expect(restored.succeeded, "\(restored.standardError)")
        transcript.lines.append(
            restored.standardOutput.replacingOccurrences(of: described, with: "<db>")
                .replacingOccurrences(of: file, with: "<backup>").split(separator: "\n").first.map(String.init) ?? "")
        // The account made after the backup is gone with the restore.
        let users = try #require(try await harness.json(["user", "list"]) as? [String: Any])
        transcript.lines.append(
            "users after restore: "
                + ((users["users"] as? [[String: Any]]) ?? []).compactMap { $0["email"] as? String }.sorted()
                .joined(separator: ", "))
        return transcript
    }

    @Test("init, accounts, organizations, jobs, reports, doctor and every db command print the same on both")
    func sameOnBoth() async throws {
        guard TestPostgres.enabled else { return }
        let sqlite = try CommandLineHarness()
        defer { sqlite.remove() }
        let onFile = try await script(sqlite, described: sqlite.databaseURL.path)

        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        let postgres = try CommandLineHarness(database: database.location.redacted)
        defer { postgres.remove() }
        let onServer = try await script(postgres, described: database.location.redacted)
        await database.drop()

        #expect(onFile.lines.count == onServer.lines.count)
        // Every step but the second init (whose refusal names the kind of database) prints the same.
        for (index, (file, server)) in zip(onFile.lines, onServer.lines).enumerated() where index != 1 {
            #expect(file == server)
        }
        for (index, line) in onServer.lines.enumerated() where line.hasPrefix("$ ") && index != 1 {
            #expect(line.contains(" → 0\n"), "\(line)")
        }
        // The second init is refused on both, naming the database.
        #expect(onServer.lines[1].contains("already holds an Edulink database"))
        #expect(onFile.lines[1].contains("a database already exists at <db>"))
        #expect(
            onServer.lines.last == "users after restore: hr@kilimo.example, office@egerton.example, ops@campus.example")
        #expect(onFile.rowCounts == onServer.rowCounts)
        #expect(onServer.rowCounts["users"] == 3)
        #expect(onFile.jobs == onServer.jobs)
        #expect(onFile.doctor == onServer.doctor)
        #expect(onServer.doctor["database"] == "ok")
    }

    @Test(
        "a PostgreSQL database with pending migrations is refused by name until db migrate backs it up and applies them"
    )
    func pendingMigrationsOnPostgres() async throws {
        guard TestPostgres.enabled else { return }
        // The database as the build before the newest migration left it.
        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        let store = try await PostgresStore(
            location: database.location, maximumConnections: 1, connectTimeout: TestPostgres.connectTimeout,
            migrate: false, logger: Logger(label: "test"))
        let last = try #require(PostgresMigrations.all.last?.identifier)
        _ = try await store.transaction(.write) { db in
            try db.execute(PostgresMigrations.createTable)
            for migration in PostgresMigrations.all.dropLast() {
                for statement in migration.statements { try db.execute(statement) }
                try db.execute(
                    "INSERT INTO schema_migrations (identifier) VALUES ($1)", [.text(migration.identifier)])
            }
        }
        let harness = try CommandLineHarness(database: database.location.redacted)
        defer { harness.remove() }

        let refused = try await harness.run(["user", "list"])
        #expect(refused.status == 1)
        #expect(
            refused.standardError
                == "edulink: error: the database needs 1 migration (\(last)); run 'edulink db migrate --db "
                + "\(database.location.redacted)' first (it backs the database up before migrating)\n")
        // Looking and backing up work on the older schema.
        let status = try #require(try await harness.json(["db", "status"]) as? [String: Any])
        #expect(status["pending_migrations"] as? [String] == [last])

        let migrated = try await harness.run(["db", "migrate", "--dir", "before"])
        #expect(migrated.succeeded, "\(migrated.standardError)")
        #expect(migrated.standardOutput.contains("Applied \(last)"))
        let backups = try FileManager.default.contentsOfDirectory(
            atPath: harness.directory.appendingPathComponent("before").path)
        #expect(backups.count == 1)
        #expect(try await store.migrations().pending.isEmpty)
        #expect(try await harness.run(["user", "list"]).succeeded)
        await store.shutdown()
        await database.drop()
    }

    @Test("db vacuum: --full on PostgreSQL needs --yes and a plain one names it; SQLite's vacuum is always full")
    func vacuumFull() async throws {
        let sqlite = try CommandLineHarness()
        defer { sqlite.remove() }
        #expect(try await sqlite.run(["init", "--admin-email", "ops@campus.example"], input: password).succeeded)
        let onFile = try await sqlite.run(["db", "vacuum", "--full"])
        #expect(onFile.succeeded, "\(onFile.standardError)")
        #expect(onFile.standardOutput.hasPrefix("Vacuumed \(sqlite.databaseURL.path): "))
        #expect(!onFile.standardOutput.contains("--full"))

        guard TestPostgres.enabled else { return }
        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        let postgres = try CommandLineHarness(database: database.location.redacted)
        defer { postgres.remove() }
        #expect(try await postgres.run(["init", "--admin-email", "ops@campus.example"], input: password).succeeded)
        let target = database.location.redacted
        let plain = try await postgres.run(["db", "vacuum"])
        #expect(plain.succeeded, "\(plain.standardError)")
        #expect(plain.standardOutput.hasPrefix("Vacuumed \(target): "))
        #expect(plain.standardOutput.contains("'edulink db vacuum --full' gives it back to the file system"))

        let unasked = try await postgres.run(["db", "vacuum", "--full"])
        #expect(unasked.status == 1)
        #expect(
            unasked.standardError
                == "edulink: error: refusing to rewrite every table of \(target), each held while it is rewritten "
                + "(reads wait too) without confirmation; pass --yes to confirm\n")
        let full = try await postgres.run(["db", "vacuum", "--full", "--yes"])
        #expect(full.succeeded, "\(full.standardError)")
        #expect(full.standardOutput.hasPrefix("Vacuumed \(target): "))
        #expect(!full.standardOutput.contains("--full"))
        #expect(try await postgres.run(["user", "list"]).succeeded)
        await database.drop()
    }

    @Test("no Edulink tables, a malformed URL or another scheme: one clear line each")
    func clearRefusals() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let malformed = try await harness.run(["user", "list", "--db", "postgres://"])
        #expect(malformed.status == 64)
        #expect(
            malformed.standardError
                == "edulink: error: --db: postgres:// is not a PostgreSQL URL; write postgres://user@host:5432/database\n"
        )
        let mysql = try await harness.run(
            ["db", "status"], environment: ["EDULINK_DB": "mysql://root:secret@db/edulink"])
        #expect(mysql.status == 64)
        #expect(
            mysql.standardError
                == "edulink: error: EDULINK_DB: mysql URLs are not supported; use a SQLite file (a path or sqlite:PATH) "
                + "or postgres://user@host:5432/database\n")

        guard TestPostgres.enabled else { return }
        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        let empty = try await harness.run(["jobs", "run", "--db", database.location.redacted])
        #expect(empty.status == 1)
        #expect(empty.standardError.hasPrefix("edulink: error: no Edulink database in \(database.location.redacted)"))
        await database.drop()
    }

    @Test("config.toml's database is the database of every command, after --db and EDULINK_DB")
    func configurationFileDecides() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let configured = harness.directory.appendingPathComponent("campus/edulink.sqlite")
        let config = harness.directory.appendingPathComponent("config/edulink")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "database = \"\(configured.path)\"\n".write(
            to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let unset = ["EDULINK_DB": ""]

        let initialized = try await harness.run(
            ["init", "--admin-email", "ops@campus.example"], input: password, environment: unset)
        #expect(initialized.standardOutput == "Created \(configured.path) with admin ops@campus.example (id 1).\n")
        let status = try await harness.run(["db", "status", "--json"], environment: unset)
        #expect(status.standardOutput.contains("\"location\" : \"\(configured.path)\""))
        let jobs = try await harness.run(["jobs", "run"], environment: unset)
        #expect(jobs.succeeded, "\(jobs.standardError)")
        // The environment comes before the file, the option before both.
        let other = try await harness.run(["db", "check"])
        #expect(other.standardError.contains("no database at \(harness.databaseURL.path)"))
        let option = try await harness.run(["db", "check", "--db", configured.path])
        #expect(option.succeeded)
    }
}
