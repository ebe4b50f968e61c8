import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("Relevance window: the newest matches ranked by bm25, then the rest newest first", .timeLimit(.minutes(10)))
struct RelevanceWindowTests {
    /// 60 listings, every one with "data" somewhere; titles, skills and categories vary so bm25 differs
    /// and filters keep some. Every fourth is a design listing, every seventh a draft.
    static func catalogue(_ store: SQLiteStore) async throws -> [ListingID] {
        let (organization, employer) = try await Fixtures.employer(store)
        return try await store.write { session in
            try (0..<60).map { index in
                let title =
                    switch index % 5 {
                    case 0: "Data Engineer Intern \(index)"
                    case 1: "Data Data Analyst \(index % 3)"
                    case 2: "Finance Intern \(index)"
                    case 3: "Rare Zebra Data Intern"
                    default: "Marketing Intern \(index % 2)"
                    }
                let description =
                    index.isMultiple(of: 2)
                    ? "Clean data every week." : "Work with our team on data pipelines, data quality and reports."
                return try session.insertListing(
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: title, description: description,
                        category: index.isMultiple(of: 4) ? .design : .technology,
                        skills: index.isMultiple(of: 3) ? ["SQL", "Data Modelling"] : ["Excel"],
                        deadlineInDays: Double(1 + index % 9), publishedDaysAgo: Double(index % 6),
                        status: index.isMultiple(of: 7) ? .draft : .published)
                ).id
            }
        }
    }

    /// The store over the same file with another window.
    static func store(_ store: SQLiteStore, ranked: Int, examined: Int) throws -> SQLiteStore {
        try SQLiteStore(
            path: store.path, migrate: false, clock: ManualTimeSource(Fixtures.now),
            searchWindow: SearchWindow(ranked: ranked, examined: examined))
    }

    /// The documented order, computed independently: bm25 of every match from FTS5, the filters from
    /// an unranked search of the whole list, then window and tail as `SearchWindow` describes.
    static func expectedOrder(
        _ store: SQLiteStore, _ filter: ListingFilter, scope: ListingScope, ranked: Int, examined: Int
    ) async throws -> [ListingID] {
        let passing = try await store.allPages(
            {
                var newest = filter; newest.sort = .newest; return newest
            }(), scope: scope, pageSize: 1_000
        ).map(\.id.rawValue)
        // Every match newest first with its rank: a window larger than the catalogue, no filters.
        let everything = try Self.store(store, ranked: 10_000, examined: 10_000)
        var unfiltered = ListingFilter(terms: filter.terms)
        unfiltered.sort = .relevance
        let ranks = try await everything.search(
            unfiltered, scope: Fixtures.scope(openOnly: false, all: true), limit: 10_000
        )
        .map { (id: $0.id.rawValue, rank: -($0.score ?? 0)) }
        .sorted { $0.id > $1.id }
        let examinedIDs = Set(ranks.prefix(examined).map(\.id))
        let rankByID = Dictionary(uniqueKeysWithValues: ranks.map { ($0.id, $0.rank) })
        let newestFirst = passing.sorted(by: >)
        let window = Array(newestFirst.filter { examinedIDs.contains($0) }.prefix(ranked))
        let boundary =
            window.count == ranked ? window.last ?? 0 : (ranks.count > examined ? ranks[examined - 1].id : 0)
        let ordered = window.sorted { (rankByID[$0] ?? 0, $0) < (rankByID[$1] ?? 0, $1) }
        return (ordered + newestFirst.filter { $0 < boundary }).map { ListingID(rawValue: $0) }
    }

    @Test(
        "window and tail page without repeats or gaps, in the documented order, and total the count",
        arguments: [
            (ranked: 5, examined: 12, query: "data"),
            (ranked: 5, examined: 12, query: "data category:design"),
            (ranked: 3, examined: 3, query: "data category:design"),
            (ranked: 100, examined: 1_000, query: "data"),
            (ranked: 4, examined: 8, query: "rare zebra"),
            (ranked: 2, examined: 40, query: "dat -finance"),
            // Few of the newest matches pass (a third have SQL, and no draft): the walk ends at
            // `examined` before the window is full, and the tail goes on below what it walked.
            (ranked: 4, examined: 6, query: "data skill:sql"),
            (ranked: 3, examined: 9, query: "dat skill:sql"),
            // One organization named: its index drives the window too, each of its listings in the
            // probe's range looked up in the match and scored.
            (ranked: 5, examined: 12, query: "data org:acme"),
            (ranked: 4, examined: 6, query: "data skill:sql org:\"acme kenya\""),
            (ranked: 100, examined: 1_000, query: "data org:acme"),
            (ranked: 2, examined: 40, query: "dat -finance org:acme"),
        ])
    func windowThenTail(ranked: Int, examined: Int, query: String) async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            let store = try Self.store(base, ranked: ranked, examined: examined)
            let filter = try ListingFilter(query: query)
            let scope = Fixtures.scope()
            let expected = try await Self.expectedOrder(
                base, filter, scope: scope, ranked: ranked, examined: examined)
            let total = try await store.read { try $0.countListings(filter, scope: scope) }
            #expect(expected.count == total)
            #expect(try await store.search(filter, scope: scope, limit: 1_000).map(\.id) == expected)
            for size in [1, 2, 3, 7, 50] {
                let paged = try await store.allPages(filter, scope: scope, pageSize: size)
                #expect(paged.map(\.id) == expected, "page size \(size)")
                #expect(Set(paged.map(\.id)).count == paged.count, "page size \(size)")
            }
            // Ranked rows carry a score, the tail does not.
            let all = try await store.search(filter, scope: scope, limit: 1_000)
            let scored = all.prefix { $0.score != nil }
            #expect(scored.count == min(ranked, all.count) || all.count > scored.count)
            #expect(all.dropFirst(scored.count).allSatisfy { $0.score == nil })
        }
    }

    @Test(
        "an employer's own listings with words count as many as their pages, whichever index drives the count",
        arguments: [(examined: 4, query: "data"), (examined: 1_000, query: "data"), (examined: 4, query: "rare zebra")])
    func ownListingsCount(examined: Int, query: String) async throws {
        try await withTemporaryStore { base, _, _ in
            let ids = try await Self.catalogue(base)
            let organization = try #require(try await base.read { try $0.listing(ids[0]) }?.organizationID)
            // A probe smaller than the match: the organization's listings are each tested against it.
            let store = try Self.store(base, ranked: 2, examined: examined)
            let filter = try ListingFilter(query: query)
            let scope = ListingScope(
                now: Fixtures.now, openOnly: false, viewer: .platform, organizationID: organization)
            let total = try await store.read { try $0.countListings(filter, scope: scope) }
            let paged = try await store.allPages(filter, scope: scope, pageSize: 3)
            #expect(paged.count == total)
            #expect(total > 0)
            let other = ListingScope(
                now: Fixtures.now, openOnly: false, viewer: .platform, organizationID: OrganizationID(rawValue: 9_999))
            #expect(try await store.read { try $0.countListings(filter, scope: other) } == 0)
        }
    }

    @Test(
        "a broad word with a very selective filter still finds every listing",
        arguments: [
            "data rare zebra category:design", "data category:design -data", "data category:design stipend>=90000",
            "data org:acme", "data org:nobody", "zebra org:acme category:design", "category:design stipend>=90000",
            "category:design,technology -zebra",
        ])
    func selectiveFilter(query: String) async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            let store = try Self.store(base, ranked: 2, examined: 4)
            let filter = try ListingFilter(query: query)
            let total = try await store.read { try $0.countListings(filter, scope: Fixtures.scope()) }
            let paged = try await store.allPages(filter, scope: Fixtures.scope(), pageSize: 2)
            #expect(paged.count == total)
            var newest = filter
            newest.sort = .newest
            #expect(
                Set(paged.map(\.id))
                    == Set(try await store.search(newest, scope: Fixtures.scope(), limit: 1_000).map(\.id)))
        }
    }

    @Test(
        "other sorts with words give the same pages whichever way the match is tested",
        arguments: ["data sort:deadline", "data sort:stipend", "data sort:newest", "rare zebra sort:deadline"])
    func sortedPlans(query: String) async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            let filter = try ListingFilter(query: query)
            let scope = Fixtures.scope()
            // The default window reads the whole (small) match and sorts it.
            let whole = try await base.allPages(filter, scope: scope, pageSize: 1_000).map(\.id)
            #expect(!whole.isEmpty)
            // A probe of 2 sees a "large" match: dense ones are tested per row, sparse ones as a set.
            let small = try Self.store(base, ranked: 1, examined: 2)
            for size in [1, 4, 100] {
                #expect(try await small.allPages(filter, scope: scope, pageSize: size).map(\.id) == whole)
            }
            let statements = try await small.searchStatements(ListingSearchRequest(filter: filter, scope: scope))
            let page = try #require(statements.last)
            #expect(page.contains("EXISTS (SELECT 1 FROM listings_fts") || page.contains("l.id IN (SELECT rowid"))
        }
    }

    @Test("a single character being typed is left out until the second one arrives")
    func singleCharacter() async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            let newest = try await base.search(ListingFilter()).map(\.id)
            #expect(try await base.search("d").map(\.id) == newest)
            #expect(try await base.search("data z").map(\.id) == (try await base.search("data")).map(\.id))
            #expect(try await base.search("da").count == newest.count)
            #expect(try await base.search("\"data z\"").isEmpty)  // a phrase is complete
            let count = try await base.read {
                try $0.countListings(try ListingFilter(query: "d"), scope: Fixtures.scope())
            }
            #expect(count == newest.count)
        }
    }

    @Test(
        "org: naming a few organizations narrows the match by their facets (without words, their index drives); naming many walks the sort's index, or the ids newest first, and never sorts them"
    )
    func organizationIndexByCount() async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            _ = try await base.write { session in
                for index in 1...20 {  // with "Acme Kenya Ltd", one more than the store's limit of 20
                    _ = try session.insertOrganization(Fixtures.organization("Acme Branch \(index)"))
                }
            }
            let small = try Self.store(base, ranked: 2, examined: 3)
            // "acme kenya" names one organization, "acme" all twenty-one; both without words and as a tail.
            for (query, cursor) in [
                ("org:\"acme kenya\"", nil), ("org:acme", nil),
                ("data org:\"acme kenya\"", PageCursor(key: nil, id: 30)),
                ("data org:acme", PageCursor(key: nil, id: 30)),
                ("data org:\"acme kenya\"", nil), ("data org:acme", nil),
                ("data org:\"acme kenya\" sort:deadline", nil),
            ] as [(String, PageCursor?)] {
                let few = query.contains("kenya")
                let words = query.hasPrefix("data")
                let request = ListingSearchRequest(
                    filter: try ListingFilter(query: query), scope: Fixtures.scope(), cursor: cursor, limit: 2)
                let statements = try await small.searchQueryPlans(request).map(\.0)
                let trace = "\(query)\n\(statements.joined(separator: "\n"))"
                // Without words a few organizations' index drives; with words their facets narrow the
                // match, so no listing of theirs is looked up in it one by one.
                #expect(
                    statements.contains { $0.contains("INDEXED BY listings_organization") } == (few && !words),
                    "\(trace)")
                var narrowed = false
                var lookedUp = false
                for sql in statements {
                    if sql.contains("MATCH") && sql.contains("zqo") { narrowed = true }
                    if sql.contains("AND rowid = l.id") { lookedUp = true }
                }
                #expect(narrowed == (few && words), "\(trace)")
                #expect(!(few && lookedUp), "\(trace)")
                if !few {
                    // Many organizations: the sort's index (no words) or the ids newest first (the tail)
                    // drive and stop after a page; nothing sorts every listing of the organizations.
                    for (sql, plan) in try await small.searchQueryPlans(request)
                    where sql.contains("organization_id IN") {
                        #expect(!plan.joined(separator: "\n").contains("TEMP B-TREE FOR ORDER BY"), "\(sql)")
                    }
                }
                let found = try await small.read { try $0.searchListings(request) }.items
                #expect(found.count == 2, "\(query)")
            }
        }
    }

    @Test("the hot statements read FTS5 in rowid order and listings by key or index, never sorting a match")
    func queryPlans() async throws {
        try await withTemporaryStore { base, _, _ in
            _ = try await Self.catalogue(base)
            let small = try Self.store(base, ranked: 2, examined: 3)
            let shapes: [(query: String, cursor: PageCursor?)] = [
                ("data", nil), ("data", PageCursor(key: nil, id: 30)), ("data remote:yes stipend>=20000", nil),
                ("data sort:deadline", nil), ("data sort:newest", nil), ("data sort:stipend", nil),
            ]
            for shape in shapes {
                let request = ListingSearchRequest(
                    filter: try ListingFilter(query: shape.query), scope: Fixtures.scope(), cursor: shape.cursor,
                    limit: 2)
                for (sql, plan) in try await small.searchQueryPlans(request) {
                    let text = plan.joined(separator: "\n")
                    #expect(!text.contains("TEMP B-TREE FOR ORDER BY"), "\(sql)\n\(text)")
                    #expect(!plan.contains { $0 == "SCAN l" || $0.hasPrefix("SCAN l ") }, "\(sql)\n\(text)")
                    // Each match is looked up by its id: in the search index (its conditions checked on
                    // the entry) where many matches are walked, else in the table.
                    if sql.contains("INDEXED BY listings_search_by_id") {
                        #expect(
                            text.contains("SEARCH l USING COVERING INDEX listings_search_by_id (id=?")
                                || text.contains("SEARCH l USING INDEX listings_search_by_id (id=?"),
                            "\(sql)\n\(text)")
                    } else if sql.contains("CROSS JOIN listings AS l") {
                        #expect(text.contains("SEARCH l USING INTEGER PRIMARY KEY"), "\(sql)\n\(text)")
                    }
                }
            }
        }
    }
}
