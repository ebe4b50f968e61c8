import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink placements", .timeLimit(.minutes(10)))
struct PlacementsCommandTests {
    @Test("list, a completed placement's certificate as HTML, and its code verified; wrong input refused")
    func certificate() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let listed = try #require(try await harness.json(["placements", "list", "--json"]) as? [[String: Any]])
        let completed = listed.compactMap { row -> Int64? in
            guard let placement = row["placement"] as? [String: Any], placement["status"] as? String == "completed"
            else { return nil }
            return placement["id"] as? Int64
        }
        let id = try #require(completed.first)
        let text = try await harness.run(["placements", "list"])
        #expect(text.succeeded && text.standardOutput.contains("completed"))

        let out = harness.directory.appendingPathComponent("certificate.html")
        let written = try await harness.run(["placements", "certificate", "\(id)", "--out", out.path])
        #expect(written.succeeded, "\(written.standardError)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains("Internship completion record"))
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let placement = try #require(try await store.read { try $0.placement(PlacementID(id)) })
        let code = try #require(placement.completionCode)
        #expect(html.contains(code))
        #expect(written.standardOutput.contains(code))

        let verified = try await harness.run(["placements", "verify", code.lowercased()])
        #expect(verified.succeeded && verified.standardOutput.hasPrefix("Valid: "))
        let unknown = try await harness.run(["placements", "verify", "EDU-AAAA-BBBB-CCCC"])
        #expect(!unknown.succeeded && unknown.standardError.contains("No completion record has the code"))

        // A placement that is not completed has no record; a folder is not a file.
        let active = try #require(
            listed.compactMap { row -> Int64? in
                guard let placement = row["placement"] as? [String: Any], placement["status"] as? String == "active"
                else { return nil }
                return placement["id"] as? Int64
            }.first)
        let refused = try await harness.run(["placements", "certificate", "\(active)"])
        #expect(!refused.succeeded && refused.standardError.contains("once the placement is completed"))
        let folder = try await harness.run(["placements", "certificate", "\(id)", "--out", harness.directory.path])
        #expect(!folder.succeeded && folder.standardError.contains("is a folder"))
        let missing = try await harness.run(["placements", "certificate", "999999"])
        #expect(!missing.succeeded && missing.standardError.contains("not found"))
    }
}
