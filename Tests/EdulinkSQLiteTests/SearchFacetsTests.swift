import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

/// v16-search-facets and v17-search-organizations: a count with words asks the full-text index for
/// the filters' facets and the organizations too, so the facets must follow every change of the
/// columns they are made from, and a search's own words must never reach them.
@Suite("v16, v17: the filters and the organizations inside the full-text index", .timeLimit(.minutes(10)))
struct SearchFacetsTests {
    static func count(_ store: SQLiteStore, _ query: String) async throws -> Int {
        let filter = try ListingFilter(query: query)
        return try await store.read { try $0.countListings(filter, scope: Fixtures.scope(), upTo: 10_001) }
    }

    /// Each query's count and relevance results beside the listings the same query finds sorted by
    /// newest. A sorted page tests the conditions without the facets, so it is the reference a stale
    /// facet would disagree with. Relevance is read through the standard window and through one of a
    /// single ranked listing among two examined, so that the tail after the window is read too.
    static func agree(_ store: SQLiteStore, _ queries: [String]) async throws {
        let narrow = try SQLiteStore(path: store.path, searchWindow: SearchWindow(ranked: 1, examined: 2))
        for query in queries {
            let expected = Set(try await store.search(query + " sort:newest").map(\.id))
            #expect(Set(try await store.search(query).map(\.id)) == expected, "\(query)")
            #expect(Set(try await narrow.search(query).map(\.id)) == expected, "\(query), narrow window")
            #expect(try await count(store, query) == expected.count, "\(query)")
        }
    }

    static let queries = [
        "marketing deadline<14d", "marketing deadline<3d", "marketing category:technology",
        "marketing category:finance,technology remote:yes", "marketing level:advanced", "marketing type:hybrid",
        "marketing remote:no deadline<60d",
    ]

    @Test("counts with words and filters follow edits of the category, level, location type and deadline")
    func followsEdits() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let listings = try await store.write { session in
                try [
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: "Marketing Intern", category: .finance,
                        deadlineInDays: 40),
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: "Digital Marketing Intern",
                        category: .technology, locationType: .remote, deadlineInDays: 5),
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: "Marketing Analyst Intern",
                        category: .marketing, level: .advanced, locationType: .hybrid, deadlineInDays: 2),
                ].map { try session.insertListing($0) }
            }
            #expect(try await Self.count(store, "marketing deadline<14d") == 2)
            #expect(try await Self.count(store, "marketing category:technology") == 1)
            #expect(try await Self.count(store, "marketing remote:yes") == 1)
            try await Self.agree(store, Self.queries)

            // Each facet's column changed on the first listing, one edit at a time.
            let first = listings[0].id
            for step in 0..<4 {
                var edited = try #require(try await store.read { try $0.listing(first) })
                switch step {
                case 0: edited.terms.deadline = Fixtures.now.addingTimeInterval(10 * Fixtures.day)
                case 1: edited.terms.category = .technology
                case 2: edited.terms.locationType = .remote
                default: edited.terms.level = .advanced
                }
                let change = edited
                try await store.write { try $0.updateListing(change) }
                try await Self.agree(store, Self.queries)
            }
            #expect(try await Self.count(store, "marketing deadline<14d") == 3)
            #expect(try await Self.count(store, "marketing category:technology remote:yes") == 2)
            #expect(try await Self.count(store, "marketing level:advanced") == 2)

            // Deleted, it is gone from the facets too; the index and its content agree.
            let gone = listings[1].id.rawValue
            try await store.rawDatabase().write {
                try $0.execute(sql: "DELETE FROM listings WHERE id = ?", arguments: [gone])
            }
            #expect(try await Self.count(store, "marketing category:technology remote:yes") == 1)
            #expect(try await store.checkIntegrity().ok)
        }
    }

    @Test("the facets a filtered search asks for move no score: each listing scores as without the filter")
    func facetsMoveNoScore() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            _ = try await store.write { session in
                for (index, title) in [
                    "Marketing Intern", "Marketing and Growth Intern for Marketing Campaigns",
                    "Brand Marketing Intern, Nairobi", "Marketing",
                ].enumerated() {
                    _ = try session.insertListing(
                        Fixtures.listing(
                            organization: organization, createdBy: employer, title: title, category: .marketing,
                            locationType: index == 0 ? .remote : .onSite, deadlineInDays: Double(5 + index * 10)))
                }
            }
            let plain = Dictionary(
                try await store.search("marketing").map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
            #expect(plain.count == 4)
            #expect(Set(plain.values).count == 4, "four different lengths, four different scores")
            for query in ["marketing category:marketing", "marketing deadline<60d", "marketing remote:no level:entry"] {
                let filtered = try await store.search(query)
                #expect(!filtered.isEmpty, "\(query)")
                for listing in filtered {
                    #expect(listing.score != nil && listing.score == plain[listing.id], "\(query): \(listing.title)")
                }
            }
        }
    }

    @Test("a search's words never match a facet: the facet tokens are not words of any listing")
    func wordsNeverMatchFacets() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let zq = try await store.write { session in
                _ = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Intern"))
                return try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Zqa Labs Data Intern")
                ).id
            }
            // Every listing is technology, entry level, on site: their facets must not answer for words.
            for query in [
                "zqctechnology", "zqlentry", "zqtonsite", "zqc", "data zqctechnology",
                "zqctechnology category:technology",
            ] {
                #expect(try await store.search(query).isEmpty, "\(query)")
                #expect(try await Self.count(store, query) == 0, "\(query)")
            }
            // A word that starts like the facets still finds the listing that has it.
            #expect(try await store.search("zqa").map(\.id) == [zq])
            #expect(try await store.search("zq").map(\.id) == [zq])
            #expect(try await Self.count(store, "data zqa category:technology") == 1)
            // Excluding a facet's token excludes nothing; excluding the word does.
            #expect(try await store.search("-zqctechnology").count == 2)
            #expect(try await store.search("-zqa").count == 1)
        }
    }

    @Test("a v15 database is upgraded: the index gains the facets of the listings it already has")
    func upgradeFromV15() async throws {
        try await withTemporaryStore { store, _, clock in
            let (organization, employer) = try await Fixtures.employer(store)
            _ = try await store.write { session in
                for (index, category) in [ListingCategory.technology, .finance, .marketing].enumerated() {
                    _ = try session.insertListing(
                        Fixtures.listing(
                            organization: organization, createdBy: employer, title: "Marketing Intern \(index)",
                            category: category, deadlineInDays: Double(3 + index * 20)))
                }
            }
            // Back to v15: v5's index over `listings` with v2's triggers, and no v16 in the record.
            try await store.oldSearchIndex(
                prefixes: "2 3 4 5 6 7 8 9 10", forgetting: ["v16-search-facets", "v17-search-organizations"])
            let old = try SQLiteStore(path: store.path, migrate: false, clock: clock)
            #expect(try await old.status().pendingMigrations == ["v16-search-facets", "v17-search-organizations"])

            let upgraded = try SQLiteStore(path: store.path, clock: clock)
            #expect(try await upgraded.status().pendingMigrations.isEmpty)
            #expect(try await upgraded.checkIntegrity().ok)
            #expect(try await Self.count(upgraded, "marketing deadline<14d") == 1)
            #expect(try await Self.count(upgraded, "marketing category:finance,marketing") == 2)
            try await Self.agree(upgraded, Self.queries)
            // The new triggers keep it: a listing added after the upgrade has its facets.
            _ = try await upgraded.write { session in
                try session.insertListing(
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: "Marketing Lead Intern",
                        category: .finance, deadlineInDays: 1))
            }
            #expect(try await Self.count(upgraded, "marketing deadline<14d category:finance") == 1)
        }
    }

    @Test(
        "v17: the organization's facet follows a listing moved to another organization, and a v16 database gains it"
    )
    func organizationFacet() async throws {
        try await withTemporaryStore { store, _, clock in
            let (organization, employer) = try await Fixtures.employer(store)
            let listings = try await store.write { session in
                let other = try session.insertOrganization(Fixtures.organization("Zeta Analytics")).id
                return try [
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Intern"),
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Science Intern"),
                    Fixtures.listing(organization: other, createdBy: employer, title: "Data Analyst Intern"),
                ].map { try session.insertListing($0).id }
            }
            let queries = ["data org:zeta", "data org:acme", "dat org:\"acme kenya\" category:technology"]
            #expect(try await Self.count(store, "data org:zeta") == 1)
            #expect(try await store.search("data org:zeta").map(\.id) == [listings[2]])
            try await Self.agree(store, queries)

            // Moved to the other organization: the index follows the column.
            try await store.rawDatabase().write { db in
                try db.execute(
                    sql:
                        "UPDATE listings SET organization_id = (SELECT organization_id FROM listings WHERE id = ?) WHERE id = ?",
                    arguments: [listings[2].rawValue, listings[0].rawValue])
            }
            #expect(try await Self.count(store, "data org:zeta") == 2)
            #expect(Set(try await store.search("data org:zeta").map(\.id)) == [listings[0], listings[2]])
            #expect(try await Self.count(store, "data org:acme") == 1)
            try await Self.agree(store, queries)

            // Back to v16: its content view (no organization facet), the index rebuilt from it, no v17
            // in the record. Read so, a search narrowed by organizations finds nothing.
            try await store.rawDatabase().write { db in
                try db.execute(sql: "DROP VIEW listings_search_content")
                try db.execute(
                    sql: """
                        CREATE VIEW listings_search_content AS
                        SELECT id, title, skills_text, organization_name, location, description,
                            'zqc' || replace(category, '_', '') || ' ' || 'zql' || replace(level, '_', '') || ' ' ||
                            'zqt' || replace(location_type, '_', '') || ' ' || 'zqd' || (deadline / 86400000000)
                            AS search_facets
                        FROM listings
                        """)
                try db.execute(sql: "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v17-search-organizations'")
            }
            let old = try SQLiteStore(path: store.path, migrate: false, clock: clock)
            #expect(try await old.status().pendingMigrations == ["v17-search-organizations"])
            #expect(try await Self.count(old, "data org:zeta") == 0)

            let upgraded = try SQLiteStore(path: store.path, clock: clock)
            #expect(try await upgraded.status().pendingMigrations.isEmpty)
            #expect(try await upgraded.checkIntegrity().ok)
            #expect(try await Self.count(upgraded, "data org:zeta") == 2)
            #expect(Set(try await upgraded.search("data org:zeta").map(\.id)) == [listings[0], listings[2]])
            #expect(try await upgraded.search("data org:acme").map(\.id) == [listings[1]])
            try await Self.agree(upgraded, queries)
        }
    }
}
