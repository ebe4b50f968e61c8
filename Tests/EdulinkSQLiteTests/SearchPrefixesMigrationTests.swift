import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("v5-search-prefixes: prefix indexes of 5 to 10 characters", .timeLimit(.minutes(10)))
struct SearchPrefixesMigrationTests {
    /// The definition of `listings_fts` as `sqlite_master` keeps it.
    static func ftsDefinition(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read {
            try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'listings_fts'") ?? ""
        }
    }

    @Test("a v3 database is upgraded: the index is recreated with the new prefixes, rebuilt, and still finds")
    func upgradeFromV3() async throws {
        try await withTemporaryStore { store, _, clock in
            let (organization, employer) = try await Fixtures.employer(store)
            let ids = try await store.write { session in
                try ["Marketing Intern", "Market Research Intern", "Software Engineering Intern"].map { title in
                    try session.insertListing(
                        Fixtures.listing(organization: organization, createdBy: employer, title: title)
                    ).id
                }
            }
            // Back to v3: v2's table (prefixes 2, 3 and 4), no facets, and neither v5 nor v16 in the
            // migration record.
            try await store.oldSearchIndex(
                prefixes: "2 3 4", forgetting: ["v5-search-prefixes", "v16-search-facets", "v17-search-organizations"])
            let old = try SQLiteStore(path: store.path, migrate: false, clock: clock)
            #expect(
                try await old.status().pendingMigrations == [
                    "v5-search-prefixes", "v16-search-facets", "v17-search-organizations",
                ])
            #expect(try Self.ftsDefinition(store.path).contains("prefix='2 3 4'"))

            let upgraded = try SQLiteStore(path: store.path, clock: clock)
            #expect(try await upgraded.status().pendingMigrations.isEmpty)
            #expect(try Self.ftsDefinition(store.path).contains("prefix='2 3 4 5 6 7 8 9 10'"))
            #expect(try await upgraded.checkIntegrity().ok)
            // Prefixes of every length find the same listings as before (the index was rebuilt).
            #expect(Set(try await upgraded.search("marke").map(\.id)) == [ids[0], ids[1]])
            #expect(try await upgraded.search("marketing").map(\.id) == [ids[0]])
            #expect(try await upgraded.search("software engineeri").map(\.id) == [ids[2]])
            #expect(Set(try await upgraded.search("intern").map(\.id)) == Set(ids))
            // The triggers keep the recreated index in sync.
            let added = try await upgraded.write { session in
                try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Marketplace Analyst"))
            }
            #expect(Set(try await upgraded.search("market").map(\.id)) == [ids[0], ids[1], added.id])
        }
    }
}
