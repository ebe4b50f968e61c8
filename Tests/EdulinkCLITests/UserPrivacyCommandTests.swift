import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink user export and erase", .timeLimit(.minutes(10)))
struct UserPrivacyCommandTests {
    let email = "student@edulink.demo"

    /// The demo student as stored (read and closed again, so the commands own the file).
    func stored(_ harness: CommandLineHarness, _ email: String) async throws -> User? {
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        return try await store.read { try $0.user(email: email) }
    }

    @Test("export prints the person's document, or writes it to a new file readable by the owner only")
    func export() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let printed = try await harness.run(["user", "export", email])
        #expect(printed.succeeded, "\(printed.standardError)")
        let document = try JSONDecoder.iso8601.decode(PersonalDataExport.self, from: Data(printed.standardOutput.utf8))
        #expect(document.account.email == email && document.account.role == .student)
        #expect(!document.applications.isEmpty)
        #expect(!printed.standardOutput.contains("passwordHash"))

        let out = harness.directory.appendingPathComponent("export.json").path
        let written = try await harness.run(["user", "export", email, "--out", out])
        #expect(written.succeeded, "\(written.standardError)")
        #expect(written.standardOutput.hasPrefix("Wrote the data of \(email) to \(out) ("))
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let file = try JSONDecoder.iso8601.decode(
            PersonalDataExport.self, from: Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(file.account == document.account)

        // Never over an existing file.
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        let again = try await harness.run(["user", "export", email, "--out", out])
        #expect(again.status == 1)
        #expect(again.standardError == "edulink: error: \(out) already exists; nothing was written\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")

        let unknown = try await harness.run(["user", "export", "nobody@edulink.demo"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "edulink: error: Account nobody@edulink.demo not found.\n")
    }

    @Test("erase asks first (refuses without a terminal or --yes), says why it is refused, and is idempotent")
    func eraseConfirmation() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let unconfirmed = try await harness.run(["user", "erase", email])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.standardError.hasPrefix("edulink: error: refusing to erase \(email) ("))
        #expect(unconfirmed.standardError.hasSuffix("without confirmation; pass --yes to confirm\n"))
        #expect(try await stored(harness, email) != nil)

        let unknown = try await harness.run(["user", "erase", "nobody@edulink.demo", "--yes"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "edulink: error: Account nobody@edulink.demo not found.\n")

        // A student on an active placement: refused, saying how to go on, and nothing changed.
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let placed = try #require(try await store.read { try $0.placements(.active).first?.studentID })
        let user = try #require(try await store.read { try $0.user(placed) })
        let refused = try await harness.run(["user", "erase", user.email, "--yes"])
        #expect(refused.status == 1)
        #expect(refused.standardError.hasPrefix("edulink: error: The account has a placement in progress: #"))
        #expect(refused.standardError.hasSuffix("(Pass --force to erase anyway.)\n"))
        #expect(try await stored(harness, user.email) == user)
        let result = try await harness.run(["user", "erase", user.email, "--yes", "--force"])
        #expect(result.succeeded, "\(result.standardError)")
        let placeholder = "erased-\(user.id.rawValue)@erased.invalid"
        #expect(
            result.standardOutput.hasPrefix("Erased account \(user.id.rawValue): it is now \(placeholder), disabled; "))
        #expect(try await stored(harness, user.email) == nil)
        let erased = try #require(try await stored(harness, placeholder))
        #expect(erased.status == .disabled && erased.displayName == "Erased user \(user.id.rawValue)")

        let twice = try await harness.run(["user", "erase", placeholder, "--yes"])
        #expect(twice.succeeded, "\(twice.standardError)")
        #expect(twice.standardOutput == "Account \(user.id.rawValue) was erased already; nothing more to erase.\n")
    }

    @Test("after an erasure the database file holds none of the person's email, name or phone, and checks out")
    func nothingLeftInTheFile() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        var user = try #require(try await stored(harness, email))
        if user.phone == nil {
            // Give the person a phone to look for.
            user.phone = "+254700123987"
            let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
            try await store.write { [user] in try $0.updateUser(user) }
        }
        let phone = try #require(user.phone)
        let needles = [user.email, user.displayName, phone]
        // The demo's texts do quote the person (audit summaries, notifications): there is something to find.
        #expect(try fileContains(harness, needles).contains(user.email))

        let erased = try await harness.run(["user", "erase", email, "--yes", "--force"])
        #expect(erased.succeeded, "\(erased.standardError)")
        let check = try await harness.run(["db", "check"])
        #expect(check.succeeded, "\(check.standardOutput)\(check.standardError)")

        #expect(try fileContains(harness, needles) == [])
    }

    /// Which of `needles` occur in the bytes of the database file and its write-ahead log.
    func fileContains(_ harness: CommandLineHarness, _ needles: [String]) throws -> [String] {
        var bytes = try Data(contentsOf: harness.databaseURL)
        let wal = URL(fileURLWithPath: harness.databaseURL.path + "-wal")
        if FileManager.default.fileExists(atPath: wal.path) { bytes += try Data(contentsOf: wal) }
        return needles.filter { bytes.range(of: Data($0.utf8)) != nil }
    }
}

extension JSONDecoder {
    fileprivate static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
