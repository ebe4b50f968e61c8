import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@Suite("edulink internships search", .timeLimit(.minutes(10)))
struct SearchCommandTests {
    /// Results of `internships search QUERY --json --limit 500`.
    func search(_ harness: CommandLineHarness, _ query: [String]) async throws -> [[String: Any]] {
        let json = try #require(
            try await harness.json(["internships", "search"] + query + ["--limit", "500"]) as? [String: Any])
        #expect(json.keys.contains("next_cursor"))
        return try #require(json["results"] as? [[String: Any]])
    }

    /// Everything the full-text index sees of a listing, lowercased.
    func searchableText(_ store: SQLiteStore, _ id: Int64) async throws -> String {
        let listing = try #require(try await store.read { try $0.listing(ListingID(id)) })
        let organization = try await store.read { try $0.organization(listing.organizationID) }
        return
            ([listing.title, listing.description, listing.location, organization?.name ?? ""]
            + listing.requiredSkills + listing.preferredSkills).joined(separator: " ").lowercased()
    }

    @Test("after demo, a search for data returns ranked results that all mention data")
    func rankedResults() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let results = try await search(harness, ["data"])
        #expect(results.count >= 5)
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores.count == results.count)
        #expect(scores == scores.sorted(by: >))
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        for result in results {
            let id = try #require(result["id"] as? Int64)
            #expect(try await searchableText(store, id).contains("data"))
        }
        let top = try #require(results.first?["title"] as? String)
        #expect(top.lowercased().contains("data"))
    }

    @Test("options after the query belong to the search, --db included")
    func optionsAfterQuery() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await harness.run(
            ["internships", "search", "data", "-sales", "--limit", "2", "--db", harness.databaseURL.path],
            environment: ["EDULINK_DB": harness.databaseURL.path + ".missing"])
        #expect(result.succeeded, "\(result.standardError)")
        #expect(
            result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("1 ") || $0.hasPrefix("2 ") }.count == 2)
    }

    @Test("each filter of the query language narrows the JSON results the way it says")
    func filters() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let all = try await search(harness, [])
        let remote = try await search(harness, ["remote:yes"])
        #expect(!remote.isEmpty && remote.count < all.count)
        #expect(remote.allSatisfy { $0["location_type"] as? String == "remote" })

        let paid = try await search(harness, ["stipend>=20000"])
        #expect(!paid.isEmpty && paid.count < all.count)
        for listing in paid {
            let stipend = try #require(listing["stipend"] as? [String: Any])
            let amount = try #require(stipend["amount"] as? Int)
            let rate = stipend["currency"] as? String == "USD" ? Currency.usd.kesPerUnit : 1
            #expect(amount * rate >= 20_000)
        }

        let technology = try await search(harness, ["category:technology"])
        #expect(!technology.isEmpty && technology.count < all.count)
        #expect(technology.allSatisfy { $0["category"] as? String == "technology" })

        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        let withSales = try await search(harness, ["sales"])
        let withoutSales = try await search(harness, ["-sales"])
        #expect(!withSales.isEmpty)
        #expect(withoutSales.count < all.count)
        for listing in withoutSales.prefix(60) {
            let id = try #require(listing["id"] as? Int64)
            let words = try await searchableText(store, id).split { !$0.isLetter && !$0.isNumber }
            #expect(!words.contains("sales"))
        }
    }

    @Test("a bad query exits with a usage error, the message and a caret under the term")
    func badQuery() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await harness.run(["internships", "search", "data", "colour:red"])
        #expect(result.status == 64)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("edulink: error: unknown filter \"colour\"") == true)
        #expect(lines.count == 3)
        if lines.count == 3 {
            #expect(lines[1] == "  data colour:red")
            #expect(lines[2] == "       ^^^^^^^^^^")
        }
        #expect(result.standardOutput.isEmpty)
    }

    @Test("human output is a table with rank, title, organization, location, stipend and deadline")
    func humanOutput() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let result = try await harness.run(["internships", "search", "data", "--limit", "3"])
        #expect(result.succeeded)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                == ["#", "title", "organization", "location", "stipend", "deadline"])
        #expect(lines.count == 5)  // header, 3 rows, the next-page hint
        #expect(lines.last?.hasPrefix("More: add --cursor ") == true)
    }
}
