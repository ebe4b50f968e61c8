import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink db and demo", .timeLimit(.minutes(10)))
struct DatabaseCommandTests {
    @Test("a command on a missing database prints one error line naming the path and exits 1")
    func missingDatabase() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let result = try await harness.run(["user", "list"])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "edulink: error: no database at \(harness.databaseURL.path) — create one with 'edulink demo' or 'edulink init'\n"
        )
        #expect(!FileManager.default.fileExists(atPath: harness.databaseURL.path))
    }

    @Test("the terminal app on a mistyped --db path says how to create a database and creates nothing")
    func terminalAppOnMissingPath() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let mistyped = harness.directory.appendingPathComponent("typo/edulnk.sqlite")
        for arguments in [["--db", mistyped.path], []] {
            let environment = arguments.isEmpty ? ["EDULINK_DB": mistyped.path] : [:]
            let result = try await harness.run(arguments, environment: environment)
            #expect(result.status == 1)
            #expect(
                result.standardError
                    == "edulink: error: no database at \(mistyped.path) — create one with 'edulink demo' or 'edulink init'\n"
            )
            #expect(!FileManager.default.fileExists(atPath: mistyped.deletingLastPathComponent().path))
        }
    }

    @Test(
        "an empty file or another program's SQLite database is refused and left as it was",
        arguments: ["empty", "foreign"])
    func notAnEdulinkDatabase(kind: String) async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let file = harness.directory.appendingPathComponent("\(kind).sqlite")
        if kind == "empty" {
            #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        } else {
            let made = try await harness.runTool(
                "sqlite3", [file.path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"])
            try #require(made == 0)
        }
        let before = try Data(contentsOf: file)
        for arguments in [
            ["db", "status", "--db", file.path], ["user", "list", "--db", file.path],
            ["db", "migrate", "--db", file.path],
        ] {
            let result = try await harness.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.standardOutput)")
            #expect(
                result.standardError.contains(
                    kind == "empty" ? "is an empty file, not an Edulink database" : "not an Edulink database"),
                "\(arguments): \(result.standardError)")
        }
        #expect(try Data(contentsOf: file) == before)
        #expect(!FileManager.default.fileExists(atPath: file.path + "-wal") || kind == "foreign")
    }

    @Test("demo refuses an existing database without --reset, and replaces it with --reset --yes")
    func demoRefusesExisting() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let again = try await harness.run(["demo"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
        #expect(again.standardError.contains("--reset"))
        let noConfirmation = try await harness.run(["demo", "--reset"])
        #expect(noConfirmation.status == 1)
        #expect(noConfirmation.standardError.contains("--yes"))
        let reset = try await harness.run(["demo", "--reset", "--yes"])
        #expect(reset.succeeded)
        #expect(reset.standardOutput.contains("student@edulink.demo"))
    }

    @Test("db check passes on a fresh demo database and db status --json parses")
    func checkAndStatus() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let check = try await harness.run(["db", "check"])
        #expect(check.succeeded)
        #expect(check.standardOutput.hasPrefix("ok"))
        let status = try #require(try await harness.json(["db", "status"]) as? [String: Any])
        #expect(status["schema_version"] as? String != nil)
        #expect((status["pending_migrations"] as? [Any])?.isEmpty == true)
        let counts = try #require(status["row_counts"] as? [String: Int])
        #expect((counts["listings"] ?? 0) > 100)
        let report = try #require(try await harness.json(["db", "check"]) as? [String: Any])
        #expect(report["ok"] as? Bool == true)
    }

    @Test("a backup restored with --yes brings back the data as it was and keeps a pre-restore backup")
    func backupAndRestore() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let backup = try await harness.run(["db", "backup"])
        #expect(backup.succeeded, "\(backup.standardError)")
        let backups = try await backupFiles(harness)
        let snapshot = try #require(backups.first)
        #expect(backups.count == 1)

        let created = try await harness.run(
            ["user", "create", "--email", "later@example.com", "--name", "Written Later", "--role", "student"],
            input: "a perfectly fine password\n")
        #expect(created.succeeded, "\(created.standardError)")
        #expect(try await listedEmails(harness).contains("later@example.com"))

        let refused = try await harness.run(["db", "restore", snapshot.path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--yes"))
        #expect(try await listedEmails(harness).contains("later@example.com"))

        let restored = try await harness.run(["db", "restore", snapshot.path, "--yes"])
        #expect(restored.succeeded, "\(restored.standardError)")
        #expect(try await !listedEmails(harness).contains("later@example.com"))
        #expect(restored.standardOutput.contains("Every sign-in session has ended: everyone signs in again."))
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let admin = try #require(try await store.read { try $0.user(email: "admin@edulink.demo") })
        #expect(admin.sessionsEndedAt != nil)
        #expect(try await backupFiles(harness).count == 2)
        #expect(try await harness.run(["db", "check"]).succeeded)
    }

    @Test(
        "a new demo has had its jobs run (their messages are files in the outbox folder); jobs run delivers what is due since"
    )
    func jobsRun() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo(fresh: true)
        func files(_ folder: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        }
        let seeded = try files(harness.outboxDirectory)
        #expect(!seeded.isEmpty)
        // Seeded as of now with the jobs run: nothing left to close, remind or deliver (once backed
        // up: a database never backed up raises the backup alert, told to the admins).
        try #require(try await harness.run(["db", "backup"]).succeeded)
        let first = try #require(try await harness.json(["jobs", "run"]) as? [String: Int])
        for key in [
            "listings_closed", "offers_expired", "reminders_sent", "saved_search_alerts", "placements_started",
            "placements_completed", "placement_reminders", "messages_failed", "rows_pruned",
        ] {
            #expect(first[key] == 0, "\(key): \(first[key] ?? -1)")
        }
        // The health checks read this machine (CPU, memory, load, the database's round trip): a busy
        // one may raise an alert, told to the admins by mail. That is all that may be delivered.
        let afterFirst = try files(harness.outboxDirectory)
        #expect(afterFirst.count == seeded.count + (first["messages_delivered"] ?? -1))
        if first["alerts_raised"] == 0 { #expect(first["messages_delivered"] == 0) }
        for name in Set(afterFirst).subtracting(seeded) {
            let mail = try String(contentsOf: harness.outboxDirectory.appendingPathComponent(name), encoding: .utf8)
            #expect(mail.contains("Health alert"), "\(name): \(mail.prefix(300))")
        }
        let text = try await harness.run(["jobs", "run"])
        #expect(text.standardOutput.contains("saved-search alerts"))
        #expect(text.standardOutput.contains("health alerts raised"))

        // A listing verified since: its employer's message is delivered as a file.
        let before = try files(harness.outboxDirectory).count
        try await verifyQueuedListing(harness)
        let report = try #require(try await harness.json(["jobs", "run"]) as? [String: Int])
        let delivered = try #require(report["messages_delivered"])
        #expect(delivered > 0)
        #expect(try files(harness.outboxDirectory).count == before + delivered)

        // Another database keeps its own outbox beside it.
        let other = harness.directory.appendingPathComponent("campus/edulink.sqlite")
        try #require(try await harness.run(["demo", "--db", other.path]).succeeded)
        let otherOutbox = other.deletingLastPathComponent().appendingPathComponent("outbox")
        let otherSeeded = try files(otherOutbox).count
        try await verifyQueuedListing(harness, database: other.path)
        let otherReport = try #require(try await harness.json(["jobs", "run", "--db", other.path]) as? [String: Int])
        #expect(try files(otherOutbox).count == otherSeeded + (otherReport["messages_delivered"] ?? -1))
        #expect(otherReport["messages_delivered"] ?? 0 > 0)
        #expect(try files(harness.outboxDirectory).count == before + delivered)
    }

    @Test("config.toml's [retention] is what jobs run prunes by")
    func retentionFromConfiguration() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        // The demo's own run pruned by the standard retention: nothing more to delete.
        let standard = try #require(try await harness.json(["jobs", "run"]) as? [String: Int])
        #expect(standard["rows_pruned"] == 0)
        let config = harness.directory.appendingPathComponent("config/edulink")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "[retention]\nread_notifications_days = 1\n".write(
            to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let shorter = try #require(try await harness.json(["jobs", "run"]) as? [String: Int])
        #expect(shorter["rows_pruned", default: 0] > 0)
    }

    /// Verifies the first listing waiting for review (`internships verify`): its employer is told.
    func verifyQueuedListing(_ harness: CommandLineHarness, database: String? = nil) async throws {
        let db = database.map { ["--db", $0] } ?? []
        let queue = try #require(try await harness.json(["internships", "queue"] + db) as? [[String: Any]])
        let id = try #require(queue.first?["id"] as? Int)
        try #require(try await harness.run(["internships", "verify", String(id)] + db).succeeded)
    }

    @Test("jobs run sends through the sendmail command of EDULINK_SENDMAIL; a failing one keeps the messages queued")
    func jobsRunThroughSendmail() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        // A sendmail stand-in: each message (its arguments, then standard input) into a file of its own.
        let sent = harness.directory.appendingPathComponent("sent", isDirectory: true)
        try FileManager.default.createDirectory(at: sent, withIntermediateDirectories: true)
        let script = harness.directory.appendingPathComponent("fake-sendmail")
        try """
        #!/bin/sh
        if [ -e "\(sent.path)/fail" ]; then echo "relay refused: mailbox unavailable" >&2; exit 75; fi
        file=$(mktemp "\(sent.path)/message.XXXXXX")
        echo "ARGS $*" > "$file"
        cat >> "$file"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let mail = [
            "EDULINK_SENDMAIL": "\(script.path) -t -i", "EDULINK_MAIL_FROM": "Edulink <noreply@campus.example>",
        ]

        // Working: each due message goes through the command, headers first; no files in the outbox
        // (beside those of the demo's own run of the jobs).
        let seeded = try FileManager.default.contentsOfDirectory(atPath: harness.outboxDirectory.path)
        try await verifyQueuedListing(harness)
        let report = try #require(
            try await harness.json(["jobs", "run"], environment: mail) as? [String: Int])
        let delivered = try #require(report["messages_delivered"])
        #expect(delivered > 0)
        let messages = try FileManager.default.contentsOfDirectory(at: sent, includingPropertiesForKeys: nil)
        #expect(messages.count == delivered)
        let texts = try messages.map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(texts.allSatisfy { $0.hasPrefix("ARGS -t -i\nFrom: Edulink <noreply@campus.example>\nTo: ") })
        #expect(
            texts.allSatisfy {
                $0.contains("\nSubject: ") && $0.contains("\nContent-Type: text/plain; charset=utf-8\n")
            })
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.outboxDirectory.path) == seeded)

        // Failing, on another demo database: nothing is lost, the messages stay queued for a retry.
        let other = harness.directory.appendingPathComponent("campus/edulink.sqlite")
        try #require(try await harness.run(["demo", "--db", other.path]).succeeded)
        try await verifyQueuedListing(harness, database: other.path)
        try Data().write(to: sent.appendingPathComponent("fail"))
        let failed = try #require(
            try await harness.json(["jobs", "run", "--db", other.path], environment: mail) as? [String: Int])
        #expect(failed["messages_delivered"] == 0)
        let status = try #require(try await harness.json(["db", "status", "--db", other.path]) as? [String: Any])
        #expect(((status["row_counts"] as? [String: Int])?["outbox"] ?? 0) > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sent.path).count == delivered + 1)
    }

    func backupFiles(_ harness: CommandLineHarness) async throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: harness.backupDirectory, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "sqlite" }.sorted { $0.path < $1.path }
    }

    func listedEmails(_ harness: CommandLineHarness) async throws -> [String] {
        let json = try #require(try await harness.json(["user", "list"]) as? [String: Any])
        let users = try #require(json["users"] as? [[String: Any]])
        return users.compactMap { $0["email"] as? String }
    }
}

@Suite("edulink db migrate and generate", .timeLimit(.minutes(10)))
struct DatabaseMigrateAndGenerateTests {
    @Test("db migrate on an up-to-date database says so and changes nothing")
    func migrateUpToDate() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await harness.run(["db", "migrate"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("The database is up to date"))
        #expect(!FileManager.default.fileExists(atPath: harness.backupDirectory.path))
    }

    /// A file at the schema before the last step SQLite runs (the steps after it SQLite only records,
    /// and those alone back up nothing): the steps it needs, in the words the notices use
    /// (`2 migrations (v17-…, v18-…)`), and the newest.
    private func olderDatabase(_ harness: CommandLineHarness) throws -> (steps: String, pending: String, last: String) {
        let identifiers = SQLiteStore.migrationIdentifiers
        let changing = try #require(identifiers.lastIndex { !SQLiteStore.recordedOnlyMigrations.contains($0) })
        let pending = identifiers[changing...]
        let last = try #require(identifiers.last)
        try FileManager.default.createDirectory(
            at: harness.databaseURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try SQLiteStore.createFile(at: harness.databaseURL.path, migratedUpTo: identifiers[changing - 1])
        let steps = "\(pending.count) migration\(pending.count == 1 ? "" : "s") (\(pending.joined(separator: ", ")))"
        return (steps, pending.joined(separator: ", "), last)
    }

    @Test("db migrate says what it does before each wait, and backs up once, into its --dir")
    func migrateSaysWhatItDoes() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let (steps, pending, last) = try olderDatabase(harness)
        let result = try await harness.run(["db", "migrate", "--dir", "before"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let folder = harness.directory.appendingPathComponent("before").path
        try #require(lines.count == 4, "\(result.standardOutput)")
        #expect(lines[0].hasPrefix("Backing up ") && lines[0].hasSuffix(" into \(folder), then checking the copy…"))
        #expect(lines[1].hasPrefix("Backed up to \(folder)/edulink-"))
        #expect(
            lines[2]
                == "Applying \(steps)… On a large database this can take many minutes. Stopping it "
                + "loses nothing: an unfinished step is rolled back and runs again next time.")
        #expect(lines[3].hasPrefix("Applied \(pending) in ") && lines[3].hasSuffix(" s; schema is now \(last)."))
        // One backup, the one asked for: opening the database to migrate it made no second copy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        #expect(!FileManager.default.fileExists(atPath: harness.backupDirectory.path))
        let again = try await harness.run(["db", "migrate"])
        #expect(again.standardOutput == "The database is up to date (schema \(last)).\n")
    }

    @Test("any other command on an older file says on standard error that it upgrades it, and how long it took")
    func implicitUpgradeIsAnnounced() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let (steps, _, _) = try olderDatabase(harness)
        let result = try await harness.run(["user", "list"])
        #expect(result.succeeded, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(result.standardError)")
        #expect(
            lines[0]
                == "edulink: upgrading \(harness.databaseURL.path) to this release's schema: a verified backup into "
                + "\(harness.backupDirectory.path), then \(steps). On a large database this can take "
                + "many minutes. Stopping it loses nothing: an unfinished step is rolled back and runs again next time."
        )
        #expect(lines[1].hasPrefix("edulink: upgraded in ") && lines[1].hasSuffix(" s."))
        #expect(!result.standardOutput.contains("upgrad"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.backupDirectory.path).count == 1)
        // Up to date now: nothing more to say.
        let again = try await harness.run(["user", "list"])
        #expect(again.succeeded)
        #expect(again.standardError.isEmpty)
    }

    @Test("db generate adds searchable synthetic listings, the same for the same seed")
    func generate() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let created = try await harness.run(
            ["init", "--admin-email", "root@example.com"], input: "a perfectly fine password\n")
        #expect(created.succeeded, "\(created.standardError)")
        let result = try await harness.run(["db", "generate", "--listings", "300", "--seed", "42"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Added 300 listings"))
        #expect(result.standardError.isEmpty)  // no progress when standard error is not a terminal
        let status = try #require(try await harness.json(["db", "status"]) as? [String: Any])
        #expect((status["row_counts"] as? [String: Int])?["listings"] == 300)
        let search = try #require(try await harness.json(["internships", "search", "--limit", "5"]) as? [String: Any])
        #expect((search["results"] as? [Any])?.count == 5)
    }

    @Test("the dev commands are hidden from the help")
    func hiddenDev() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let help = try await harness.run(["--help"])
        #expect(help.succeeded)
        #expect(help.standardOutput.contains("internships"))
        #expect(!help.standardOutput.contains("dev "))
        let usage = try await harness.run(["user", "lock"])
        #expect(usage.status == 64)
        #expect(usage.standardError.hasPrefix("edulink: error: "))
        #expect(usage.standardError.split(separator: "\n").count == 1)
    }
}
