import Foundation
import Testing

@Suite("edulink keys rotate")
struct KeysCommandTests {
    struct KeyFile: Decodable {
        struct Key: Decodable {
            var kid: String
            var retiredAt: Date?
        }
        var keys: [Key]
    }

    func keys(in harness: CommandLineHarness) throws -> [KeyFile.Key] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let url = harness.directory.appendingPathComponent("state/signing-keys.json")
        return try decoder.decode(KeyFile.self, from: Data(contentsOf: url)).keys
    }

    @Test("rotating replaces the key file in place: the new key signs, the old ones stay, nothing left beside it")
    func rotateTwice() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let first = try await harness.run(["keys", "rotate", "--state-dir", "state"])
        #expect(first.status == 0, "\(first.standardError)")
        let afterFirst = try keys(in: harness)
        // A missing file gets its first key, which the rotation retires at once.
        #expect(afterFirst.count == 2)
        #expect(afterFirst.filter { $0.retiredAt == nil }.count == 1)

        let second = try await harness.run(["keys", "rotate", "--state-dir", "state"])
        #expect(second.status == 0, "\(second.standardError)")
        let afterSecond = try keys(in: harness)
        #expect(afterSecond.count == 3)
        #expect(Array(afterSecond.prefix(2)).map(\.kid) == afterFirst.map(\.kid))
        #expect(afterSecond.filter { $0.retiredAt == nil }.map(\.kid) == [afterSecond[2].kid])
        #expect(second.standardOutput.contains("New signing key \(afterSecond[2].kid)"))

        let folder = harness.directory.appendingPathComponent("state")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["signing-keys.json"])
        let mode =
            try FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent("signing-keys.json").path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}
