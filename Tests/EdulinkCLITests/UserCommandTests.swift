import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink user and init", .timeLimit(.minutes(10)))
struct UserCommandTests {
    func users(_ harness: CommandLineHarness, _ arguments: [String] = []) async throws -> [[String: Any]] {
        let json = try #require(try await harness.json(["user", "list"] + arguments) as? [String: Any])
        return try #require(json["users"] as? [[String: Any]])
    }

    func create(_ harness: CommandLineHarness, _ email: String, password: String) async throws -> CommandResult {
        try await harness.run(
            ["user", "create", "--email", email, "--name", "Test Person", "--role", "student"], input: password + "\n")
    }

    @Test("user create reads the password from standard input and user list shows the account")
    func createAndList() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await create(harness, "new.person@example.com", password: "a perfectly fine password")
        #expect(result.succeeded, "\(result.standardError)")
        let found = try await users(harness, ["--search", "new.person"])
        #expect(found.count == 1)
        #expect(found.first?["email"] as? String == "new.person@example.com")
        #expect(found.first?["role"] as? String == "student")
        #expect(found.first?["password_hash"] == nil)
        let students = try await users(harness, ["--role", "student"])
        #expect(students.allSatisfy { $0["role"] as? String == "student" })
    }

    @Test("a password cannot be given as an argument")
    func noPasswordArgument() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await harness.run(
            [
                "user", "create", "--email", "x@example.com", "--name", "X Person", "--role", "student", "--password",
                "a perfectly fine password",
            ])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("edulink: error: "))
        #expect(result.standardError.contains("--password"))
        #expect(try await users(harness, ["--search", "x@example.com"]).isEmpty)
    }

    @Test("common, short and empty passwords are refused with the policy's message")
    func passwordPolicy() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let common = try await create(harness, "common@example.com", password: "password123")
        #expect(common.status == 1)
        #expect(
            common.standardError
                == "edulink: error: password: Password is too common; choose one that is harder to guess.\n")
        let short = try await create(harness, "short@example.com", password: "short")
        #expect(short.status == 1)
        #expect(short.standardError.contains("at least 10 characters"))
        let empty = try await create(harness, "empty@example.com", password: "")
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("no password"))
        #expect(try await users(harness, ["--search", "@example.com"]).isEmpty)
    }

    @Test("lock, unlock and reset-password change the account, and the new password works")
    func lockUnlockReset() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let email = "student@edulink.demo"
        #expect(try await harness.run(["user", "lock", email, "--minutes", "30"]).succeeded)
        #expect(try await users(harness, ["--search", email]).first?["status"] as? String == "locked")
        #expect(try await users(harness, ["--search", email]).first?["locked_until"] != nil)
        #expect(try await harness.run(["user", "unlock", email]).succeeded)
        #expect(try await users(harness, ["--search", email]).first?["status"] as? String == "active")

        let reset = try await harness.run(["user", "reset-password", email])
        #expect(reset.succeeded)
        let password = reset.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(password.count == 16)
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let user = try #require(try await store.read { try $0.user(email: email) })
        #expect(BcryptHasher(cost: 4).verify(password, hash: user.passwordHash))
        #expect(!BcryptHasher(cost: 4).verify("demo-password", hash: user.passwordHash))

        // The institution is the admin's to set (the student's profile edit cannot).
        #expect(try await harness.run(["user", "set-institution", email, "none"]).succeeded)
        #expect(try await store.read { try $0.user(email: email) }?.institutionID == nil)
        let first = try #require(try await store.read { try $0.institutions() }.first)
        let tied = try await harness.run(["user", "set-institution", email, String(first.id.rawValue)])
        #expect(tied.standardOutput == "\(email) belongs to institution \(first.id.rawValue).\n")
        #expect(try await store.read { try $0.profile(user.id) }?.institutionID == first.id)
        let missing = try await harness.run(["user", "set-institution", email, "999999"])
        #expect(missing.status == 1)
        #expect(missing.standardError == "edulink: error: institution: No such institution.\n")
        let employer = try await harness.run(["user", "set-institution", "employer@edulink.demo", "none"])
        #expect(employer.status == 1)

        let role = try await harness.run(["user", "set-role", email, "supervisor"])
        #expect(role.succeeded)
        #expect(try await users(harness, ["--search", email]).first?["role"] as? String == "supervisor")
        let unknown = try await harness.run(["user", "lock", "nobody@edulink.demo"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "edulink: error: Account nobody@edulink.demo not found.\n")
    }

    @Test("init creates an empty database with its admin, and refuses an existing file")
    func initDatabase() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let result = try await harness.run(
            ["init", "--admin-email", "Root@Example.com", "--name", "Root Admin"], input: "a perfectly fine password\n")
        #expect(result.succeeded, "\(result.standardError)")
        let all = try await users(harness)
        #expect(all.count == 1)
        #expect(all.first?["email"] as? String == "root@example.com")
        #expect(all.first?["role"] as? String == "admin")
        let again = try await harness.run(
            ["init", "--admin-email", "b@example.com"], input: "a perfectly fine password\n")
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
    }
}
