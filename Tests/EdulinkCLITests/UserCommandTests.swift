import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink user and init")
struct UserCommandTests {
    func users(_ harness: CommandLineHarness, _ arguments: [String] = []) throws -> [[String: Any]] {
        let json = try #require(try harness.json(["user", "list"] + arguments) as? [String: Any])
        return try #require(json["users"] as? [[String: Any]])
    }

    func create(_ harness: CommandLineHarness, _ email: String, password: String) throws -> CommandResult {
        try harness.run(
            ["user", "create", "--email", email, "--name", "Test Person", "--role", "student"], input: password + "\n")
    }

    @Test("user create reads the password from standard input and user list shows the account")
    func createAndList() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let result = try create(harness, "new.person@example.com", password: "a perfectly fine password")
        #expect(result.succeeded, "\(result.standardError)")
        let found = try users(harness, ["--search", "new.person"])
        #expect(found.count == 1)
        #expect(found.first?["email"] as? String == "new.person@example.com")
        #expect(found.first?["role"] as? String == "student")
        #expect(found.first?["password_hash"] == nil)
        let students = try users(harness, ["--role", "student"])
        #expect(students.allSatisfy { $0["role"] as? String == "student" })
    }

    @Test("a password cannot be given as an argument")
    func noPasswordArgument() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let result = try harness.run(
            [
                "user", "create", "--email", "x@example.com", "--name", "X Person", "--role", "student", "--password",
                "a perfectly fine password",
            ])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("edulink: error: "))
        #expect(result.standardError.contains("--password"))
        #expect(try users(harness, ["--search", "x@example.com"]).isEmpty)
    }

    @Test("common, short and empty passwords are refused with the policy's message")
    func passwordPolicy() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let common = try create(harness, "common@example.com", password: "password123")
        #expect(common.status == 1)
        #expect(
            common.standardError
                == "edulink: error: password: Password is too common; choose one that is harder to guess.\n")
        let short = try create(harness, "short@example.com", password: "short")
        #expect(short.status == 1)
        #expect(short.standardError.contains("at least 10 characters"))
        let empty = try create(harness, "empty@example.com", password: "")
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("no password"))
        #expect(try users(harness, ["--search", "@example.com"]).isEmpty)
    }

    @Test("lock, unlock and reset-password change the account, and the new password works")
    func lockUnlockReset() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try harness.demo()
        let email = "student@edulink.demo"
        #expect(try harness.run(["user", "lock", email, "--minutes", "30"]).succeeded)
        #expect(try users(harness, ["--search", email]).first?["status"] as? String == "locked")
        #expect(try users(harness, ["--search", email]).first?["locked_until"] != nil)
        #expect(try harness.run(["user", "unlock", email]).succeeded)
        #expect(try users(harness, ["--search", email]).first?["status"] as? String == "active")

        let reset = try harness.run(["user", "reset-password", email])
        #expect(reset.succeeded)
        let password = reset.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(password.count == 16)
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let user = try #require(try await store.read { try $0.user(email: email) })
        #expect(BcryptHasher(cost: 4).verify(password, hash: user.passwordHash))
        #expect(!BcryptHasher(cost: 4).verify("demo-password", hash: user.passwordHash))

        let role = try harness.run(["user", "set-role", email, "supervisor"])
        #expect(role.succeeded)
        #expect(try users(harness, ["--search", email]).first?["role"] as? String == "supervisor")
        let unknown = try harness.run(["user", "lock", "nobody@edulink.demo"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "edulink: error: Account nobody@edulink.demo not found.\n")
    }

    @Test("init creates an empty database with its admin, and refuses an existing file")
    func initDatabase() throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let result = try harness.run(
            ["init", "--admin-email", "Root@Example.com", "--name", "Root Admin"], input: "a perfectly fine password\n")
        #expect(result.succeeded, "\(result.standardError)")
        let all = try users(harness)
        #expect(all.count == 1)
        #expect(all.first?["email"] as? String == "root@example.com")
        #expect(all.first?["role"] as? String == "admin")
        let again = try harness.run(["init", "--admin-email", "b@example.com"], input: "a perfectly fine password\n")
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
    }
}
