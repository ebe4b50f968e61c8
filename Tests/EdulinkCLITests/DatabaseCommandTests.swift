import Foundation
import Testing

@Suite("edulink db and demo")
struct DatabaseCommandTests {
    @Test("a command on a missing database prints one error line naming the path and exits 1")
    func missingDatabase() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let result = try harness.run(["user", "list"])
        #expect(result.status == 1)
        #expect(
            result.standardError
                == "edulink: error: no database at \(harness.databaseURL.path) — create one with 'edulink demo' or 'edulink init'\n"
        )
        #expect(!FileManager.default.fileExists(atPath: harness.databaseURL.path))
    }

    @Test("demo refuses an existing database without --reset, and replaces it with --reset --yes")
    func demoRefusesExisting() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let again = try harness.run(["demo"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
        #expect(again.standardError.contains("--reset"))
        let noConfirmation = try harness.run(["demo", "--reset"])
        #expect(noConfirmation.status == 1)
        #expect(noConfirmation.standardError.contains("--yes"))
        let reset = try harness.run(["demo", "--reset", "--yes"])
        #expect(reset.succeeded)
        #expect(reset.standardOutput.contains("student@edulink.demo"))
    }

    @Test("db check passes on a fresh demo database and db status --json parses")
    func checkAndStatus() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let check = try harness.run(["db", "check"])
        #expect(check.succeeded)
        #expect(check.standardOutput.hasPrefix("ok"))
        let status = try #require(try harness.json(["db", "status"]) as? [String: Any])
        #expect(status["schema_version"] as? String != nil)
        #expect((status["pending_migrations"] as? [Any])?.isEmpty == true)
        let counts = try #require(status["row_counts"] as? [String: Int])
        #expect((counts["listings"] ?? 0) > 100)
        let report = try #require(try harness.json(["db", "check"]) as? [String: Any])
        #expect(report["ok"] as? Bool == true)
    }

    @Test("a backup restored with --yes brings back the data as it was and keeps a pre-restore backup")
    func backupAndRestore() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let backup = try harness.run(["db", "backup"])
        #expect(backup.succeeded, "\(backup.standardError)")
        let backups = try backupFiles(harness)
        let snapshot = try #require(backups.first)
        #expect(backups.count == 1)

        let created = try harness.run(
            ["user", "create", "--email", "later@example.com", "--name", "Written Later", "--role", "student"],
            input: "a perfectly fine password\n")
        #expect(created.succeeded, "\(created.standardError)")
        #expect(try listedEmails(harness).contains("later@example.com"))

        let refused = try harness.run(["db", "restore", snapshot.path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--yes"))
        #expect(try listedEmails(harness).contains("later@example.com"))

        let restored = try harness.run(["db", "restore", snapshot.path, "--yes"])
        #expect(restored.succeeded, "\(restored.standardError)")
        #expect(try !listedEmails(harness).contains("later@example.com"))
        #expect(try backupFiles(harness).count == 2)
        #expect(try harness.run(["db", "check"]).succeeded)
    }

    @Test("jobs run delivers due notifications as files in the outbox folder")
    func jobsRun() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let report = try #require(try harness.json(["jobs", "run"]) as? [String: Int])
        let delivered = try #require(report["messages_delivered"])
        let files = try FileManager.default.contentsOfDirectory(atPath: harness.outboxDirectory.path)
            .filter { $0.hasSuffix(".eml") }
        #expect(files.count == delivered)
    }

    func backupFiles(_ harness: CommandLineHarness) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(
            at: harness.backupDirectory, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "sqlite" }.sorted { $0.path < $1.path }
    }

    func listedEmails(_ harness: CommandLineHarness) throws -> [String] {
        let json = try #require(try harness.json(["user", "list"]) as? [String: Any])
        let users = try #require(json["users"] as? [[String: Any]])
        return users.compactMap { $0["email"] as? String }
    }
}

@Suite("edulink db migrate and generate")
struct DatabaseMigrateAndGenerateTests {
    @Test("db migrate on an up-to-date database says so and changes nothing")
    func migrateUpToDate() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let result = try harness.run(["db", "migrate"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("The database is up to date"))
        #expect(!FileManager.default.fileExists(atPath: harness.backupDirectory.path))
    }

    @Test("db generate adds searchable synthetic listings, the same for the same seed")
    func generate() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let created = try harness.run(
            ["init", "--admin-email", "root@example.com"], input: "a perfectly fine password\n")
        #expect(created.succeeded, "\(created.standardError)")
        let result = try harness.run(["db", "generate", "--listings", "300", "--seed", "42"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Added 300 listings"))
        #expect(result.standardError.isEmpty)  // no progress when standard error is not a terminal
        let status = try #require(try harness.json(["db", "status"]) as? [String: Any])
        #expect((status["row_counts"] as? [String: Int])?["listings"] == 300)
        let search = try #require(try harness.json(["internships", "search", "--limit", "5"]) as? [String: Any])
        #expect((search["results"] as? [Any])?.count == 5)
    }

    @Test("the dev commands are hidden from the help")
    func hiddenDev() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let help = try harness.run(["--help"])
        #expect(help.succeeded)
        #expect(help.standardOutput.contains("internships"))
        #expect(!help.standardOutput.contains("dev "))
        let usage = try harness.run(["user", "lock"])
        #expect(usage.status == 64)
        #expect(usage.standardError.hasPrefix("edulink: error: "))
        #expect(usage.standardError.split(separator: "\n").count == 1)
    }
}
