import EdulinkCore
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@testable import EdulinkPostgres

@Suite("PostgreSQL store", .enabled(if: TestPostgres.enabled), .timeLimit(.minutes(10)))
struct PostgresStoreTests {
    @Test("migrations run once when several instances start at once, and again find nothing to do")
    func migrationsConcurrent() async throws {
        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        defer { Task { await database.drop() } }
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await PostgresStore(
                        location: database.location, maximumConnections: 1, connectTimeout: TestPostgres.connectTimeout,
                        leaseTimeout: TestPostgres.leaseTimeout,
                        logger: Logger(label: "test"))
                }
            }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let status = try await stores[0].status()
        #expect(
            status.appliedMigrations == [
                "v1-schema", "v2-search", "v3-server-state", "v4-alerts", "v5-search-prefixes", "v6-session-ends",
                "v7-placements", "v8-onboarding", "v9-jobs", "v10-erasure",
                "v11-saved-search-alerts", "v12-change-signals", "v13-open-listing-counts", "v14-search-covering",
                "v15-search-category", "v16-search-facets", "v17-search-organizations", "v18-search-recent",
                "v19-search-markers",
                "v20-search-words",
            ])
        #expect(status.pendingMigrations.isEmpty)
        #expect(status.engine.hasPrefix("PostgreSQL "))
        let again = try await stores[0].transaction(.write) { db in try PostgresMigrations.migrate(db) }
        #expect(again.isEmpty)
        let recorded = try await stores[0].transaction(.read) { db in
            try PostgresSession(db).count("SELECT count(*) AS count FROM schema_migrations")
        }
        #expect(recorded == PostgresMigrations.identifiers.count)
        for store in stores { await store.shutdown() }
    }

    @Test("a count with a limit stops there; without one, or under it, it is exact")
    func countUpTo() async throws {
        try await withPostgresWorld { w in
            for title in ["Data Analyst Intern", "Data Engineer Intern", "Data Scientist Intern", "Design Intern"] {
                _ = try await w.store.write { [w] in try $0.insertListing(w.listing(title)) }
            }
            let scope = ListingScope(now: w.clock.now())
            let data = try ListingFilter(query: "data")
            let hybrid = try ListingFilter(query: "type:hybrid")
            let counts = try await w.store.read { session in
                [
                    try session.countListings(data, scope: scope, upTo: 2),
                    try session.countListings(data, scope: scope, upTo: 10),
                    try session.countListings(data, scope: scope),
                    try session.countListings(hybrid, scope: scope, upTo: 3),
                ]
            }
            #expect(counts == [2, 3, 3, 3])

            // Ids far apart: a count stops among the newest 100,000 when they hold enough (the index
            // over them), else counts every listing.
            _ = try await w.store.onConnection { db in
                try db.query("SELECT setval(pg_get_serial_sequence('listings', 'id'), max(id) + 250000) FROM listings")
            }
            _ = try await w.store.write { [w] in try $0.insertListing(w.listing("Data Steward Intern")) }
            let spread = try await w.store.read { session in
                try [1, 2, 4, 10].map { try session.countListings(data, scope: scope, upTo: $0) }
                    + [try session.countListings(data, scope: scope)]
            }
            #expect(spread == [1, 2, 4, 4, 4])
        }
    }

    @Test("the search vector follows title edits and organization renames")
    func searchSync() async throws {
        try await withPostgresWorld { w in
            let listing = try await w.store.write { [w] in try $0.insertListing(w.listing("Data Analyst Intern")) }
            func titles(_ query: String) async throws -> [String] { try await Self.titles(w, query) }
            #expect(try await titles("kusi") == ["Data Analyst Intern"])
            var renamed = w.organization
            renamed.name = "Zawadi Café"
            try await w.store.write { [renamed] in try $0.updateOrganization(renamed) }
            #expect(try await titles("kusi").isEmpty)
            #expect(try await titles("zawadi cafe") == ["Data Analyst Intern"])
            #expect(
                try await w.store.read { try $0.listingSummaries([listing.id]) }.first?.organizationName
                    == "Zawadi Café")
            var edited = try #require(try await w.store.read { try $0.listing(listing.id) })
            edited.title = "Node.js Backend Intern"
            try await w.store.write { [edited] in try $0.updateListing(edited) }
            #expect(try await titles("node.js") == ["Node.js Backend Intern"])
            #expect(try await titles("analyst").isEmpty)
            #expect(try await w.store.checkIntegrity().ok)
        }
    }

    @Test("a word still being typed matches through its markers exactly the listings its prefix matches")
    func prefixMarkers() async throws {
        try await withPostgresWorld { w in
            let titles = [
                "Graphic Designer", "Développeuse Mobile", "Data Analyst", "x86 Assembly Tutor", "数据科学 Intern",
                "Ærø Æble Picker", "O'Brien Deep Learning", "3D Artist", "D", "Node.js Backend Intern",
            ]
            var listings: [Listing] = []
            for title in titles {
                listings.append(try await w.store.write { [w] in try $0.insertListing(w.listing(title)) })
            }
            // An edit: the old title's prefixes stop matching it, the new one's start.
            var edited = listings[2]
            edited.title = "Quantum Researcher"
            try await w.store.write { [edited] in try $0.updateListing(edited) }

            func ids(_ match: String, _ token: String) async throws -> [Int64] { try await Self.ids(w, match, token) }
            let words = try await Self.storedWords(w)
            #expect(words.contains("quantum") && !words.contains("analyst"))
            var tokens: Set<String> = ["zz", "q", "qx", "DÉV", "dé", "æ", "Æb", "数", "3", "x8"]
            for word in words {
                for length in 1...4 { tokens.insert(String(word.prefix(length))) }
            }
            var markers = 0
            var spelledMarkers = 0
            for token in tokens.sorted() {
                let byPrefix = try await ids(
                    "to_tsquery('simple', edulink_search_query('''' || lower($1) || ''':*'))", token)
                let byMarker = try await ids("edulink_search_prefix($1)", token)
                #expect(byMarker == byPrefix, "\(token)")
                // As a query spells it inside its `to_tsquery`.
                if case .lexeme(let lexeme) = SearchMarkersV19.spelling(token.lowercased()) {
                    let spelled = try await ids("to_tsquery('simple', edulink_search_query($1))", "'\(lexeme)'")
                    #expect(spelled == byPrefix, "\(token)")
                    spelledMarkers += 1
                }
                let marker = try await w.store.onConnection { db in
                    try db.query("SELECT edulink_search_prefix($1)::text AS q", [.text(token)]).rows
                        .map { try PostgresRowReader($0).string("q") }.first ?? ""
                }
                if marker.hasPrefix("'/") { markers += 1 }
            }
            #expect(markers > 20)  // the short ones went through markers, not the prefix
            #expect(spelledMarkers > 20)

            // Through the store, with other words and filters, as Browse asks while typing.
            let scope = ListingScope(now: w.clock.now())
            func found(_ query: String) async throws -> [String] { try await Self.titles(w, query).sorted() }
            #expect(try await found("graphic d") == ["Graphic Designer"])
            #expect(try await found("graphic de -mobile") == ["Graphic Designer"])
            #expect(try await found("graphic dx").isEmpty)
            #expect(try await found("mobile dé") == ["Développeuse Mobile"])
            #expect(try await found("dé mobile").isEmpty)  // a word typed past is complete: `dé`, exactly
            #expect(try await found("qu") == ["Quantum Researcher"])
            #expect(try await found("dat").isEmpty)
            #expect(
                try await found("de sort:newest") == [
                    "Développeuse Mobile", "Graphic Designer", "O'Brien Deep Learning",
                ])
            #expect(try await found("数").count == 1)  // one character, not ASCII: searched, as its prefix
            #expect(
                try await w.store.read {
                    try $0.countListings(try ListingFilter(query: "intern n"), scope: scope, upTo: nil)
                } == 2)
            #expect(try await w.store.checkIntegrity().ok)
        }
    }

    @Test("a longer word being typed matches as the words it begins, exactly the listings its prefix matches")
    func prefixWords() async throws {
        try await withPostgresWorld { w in
            let titles = [
                "Graphic Designer", "Design Lead", "Designs Reviewer", "Development Officer", "x86 Assembly Tutor",
                "3D Artist 2024", "Data Analyst", "数据科学 Intern", "Ærø Æble Picker",
            ]
            var listings: [Listing] = []
            for title in titles {
                listings.append(try await w.store.write { [w] in try $0.insertListing(w.listing(title)) })
            }
            // Nine words of one prefix: more than a prefix is spelled as.
            _ = try await w.store.write { [w] in
                try $0.insertListing(
                    w.listing(
                        "Monorail Intern",
                        description: "monoa monob monoc monod monoe monof monog monoh monoi"))
            }
            // An edit and an organization's new name: their new words are in the table at once.
            var edited = listings[6]
            edited.title = "Quantum Researcher"
            try await w.store.write { [edited] in try $0.updateListing(edited) }
            _ = try await w.store.onConnection { [w] db in
                try db.query(
                    "UPDATE organizations SET name = 'Zanzibar Works' WHERE id = $1",
                    [.int(w.organization.id.rawValue)])
            }

            func ids(_ match: String, _ argument: String) async throws -> [Int64] {
                try await Self.ids(w, match, argument)
            }
            let words = try await Self.storedWords(w)
            let table = try await Self.tableWords(w)
            #expect(Set(words).isSubset(of: Set(table)))
            #expect(words.contains("quantum") && words.contains("zanzibar") && table.contains("analyst"))

            var tokens: Set<String> = ["zzzz", "desx", "dési", "analys", "mono", "monoa", "2024x"]
            for word in words where word.count >= 4 {
                for length in 4...word.count { tokens.insert(String(word.prefix(length))) }
            }
            var spelledAsWords = 0
            for token in tokens.sorted() {
                let filter = try ListingFilter(query: "intern " + token)
                let lookups = try await w.store.onConnection { try PostgresSession($0).lookups(filter) }
                let typed = filter.normalized().asTyped()
                let parts = typed.tsMatchParts { SearchWordsV20.spelling($0, words: lookups.words) }
                let prefixed = typed.tsQueryExpression() ?? ""
                let expected = try await ids("to_tsquery('simple', edulink_search_query($1))", prefixed)
                var spelled = try await ids("to_tsquery('simple', edulink_search_query($1))", parts.expression ?? "")
                for prefix in parts.prefixes {
                    spelled = Array(Set(spelled).intersection(try await ids("edulink_search_prefix($1)", prefix)))
                        .sorted()
                }
                #expect(spelled == expected, "\(token): \(parts)")
                if lookups.words[token.lowercased()] != nil { spelledAsWords += 1 }
            }
            #expect(spelledAsWords > 20)
            // More than eight words stay a prefix; a prefix no word begins too.
            for token in ["mono", "zzzz"] {
                #expect(
                    try await w.store.onConnection { try PostgresSession($0).prefixWords(ListingFilter(query: token)) }
                        .isEmpty)
            }
            #expect(
                try await w.store.onConnection { try PostgresSession($0).prefixWords(ListingFilter(query: "desi")) }
                    == [
                        "desi": ["design", "designer", "designs"]
                    ])

            let scope = ListingScope(now: w.clock.now())
            func found(_ query: String) async throws -> [String] { try await Self.titles(w, query).sorted() }
            #expect(try await found("graphic desi") == ["Graphic Designer"])
            #expect(try await found("desig") == ["Design Lead", "Designs Reviewer", "Graphic Designer"])
            #expect(try await found("designe sort:deadline") == ["Graphic Designer"])
            #expect(try await found("quantum resea") == ["Quantum Researcher"])
            #expect(try await found("intern monoh") == ["Monorail Intern"])
            #expect(try await found("zanz").count == titles.count + 1)
            #expect(try await found("analys").isEmpty)  // `analyst` stays in the table, matching nothing
            #expect(
                try await w.store.read {
                    try $0.countListings(try ListingFilter(query: "design reviewer desi"), scope: scope, upTo: nil)
                } == 0)
            #expect(
                try await w.store.read {
                    try $0.countListings(try ListingFilter(query: "graphic desig"), scope: scope, upTo: 1_000)
                } == 1)

            // A word missing from the table hides listings from a search typing it: the check says so.
            #expect(try await w.store.checkIntegrity().ok)
            _ = try await w.store.onConnection { db in
                try db.execute("DELETE FROM search_words WHERE word = 'designer'")
            }
            let report = try await w.store.checkIntegrity()
            #expect(!report.ok && report.problems.contains { $0.contains("designer") }, "\(report.problems)")
            try await w.store.reindex()
            #expect(try await w.store.checkIntegrity().ok)
            #expect(try await found("graphic designe") == ["Graphic Designer"])
        }
    }

    @Test("the markers step gives listings indexed before it their markers, and its indexes again")
    func markersStep() async throws {
        try await withPostgresWorld { w in
            for title in ["Graphic Designer", "Mobile Developer", "Data Analyst"] {
                _ = try await w.store.write { [w] in try $0.insertListing(w.listing(title)) }
            }
            // The vectors as v18 left them: the words without markers.
            _ = try await w.store.onConnection { db in
                try db.execute(
                    """
                    UPDATE listings SET search_vector = ts_delete(search_vector,
                        array(SELECT l FROM unnest(tsvector_to_array(search_vector)) AS l WHERE l LIKE '/%'))
                    """)
            }
            #expect(try await w.store.checkIntegrity().ok == false)
            func found(_ query: String) async throws -> [String] { try await Self.titles(w, query) }
            #expect(try await found("mobile de").isEmpty)
            let step = SearchMarkersV19.statements.drop { !$0.hasPrefix("DROP INDEX") }
            #expect(step.count == 8)
            _ = try await w.store.onConnection { db in
                try db.execute("BEGIN")
                for statement in step { try db.execute(statement) }
                try db.execute("COMMIT")
            }
            #expect(try await found("mobile de") == ["Mobile Developer"])
            #expect(try await w.store.checkIntegrity().ok)
            // Then, committed, both GIN indexes are built again (new files), without the row versions
            // the rewrite replaced (BENCHMARKS.md: half the index at a million listings).
            func files() async throws -> [Int64] {
                try await w.store.onConnection { db in
                    try db.query(
                        """
                        SELECT pg_relation_filenode(c)::bigint AS file
                        FROM unnest(ARRAY['listings_search', 'listings_search_recent']::regclass[]) AS c
                        """
                    ).rows.map { try PostgresRowReader($0).int64("file") }
                }
            }
            let built = try await files()
            #expect(PostgresMigrations.afterCommit(["v18-search-recent"]).isEmpty)
            await w.store.finishMigrations([SearchMarkersV19.identifier])
            let rebuilt = try await files()
            #expect(rebuilt.count == 2 && zip(built, rebuilt).allSatisfy { $0 != $1 })
            #expect(try await found("mobile de") == ["Mobile Developer"])
            let indexes = try await w.store.onConnection { db in
                try db.query("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'listings_search%' ORDER BY 1")
                    .rows.map { try PostgresRowReader($0).string("indexname") }
            }
            #expect(indexes == ["listings_search", "listings_search_recent"])
        }
    }

    @Test("the words step fills the table with the words of the listings indexed before it")
    func wordsStep() async throws {
        try await withPostgresWorld { w in
            for title in ["Graphic Designer", "Mobile Developer", "Data Analyst"] {
                _ = try await w.store.write { [w] in try $0.insertListing(w.listing(title)) }
            }
            // The database as v19 left it.
            _ = try await w.store.onConnection { db in
                for statement in [
                    "DROP TRIGGER listings_search_words_added ON listings",
                    "DROP TRIGGER listings_search_words_changed ON listings",
                    "DROP FUNCTION edulink_search_words_added()", "DROP FUNCTION edulink_search_words_changed()",
                    "DROP TABLE search_words",
                ] {
                    try db.execute(statement)
                }
                try db.execute("BEGIN")
                for statement in SearchWordsV20.statements { try db.execute(statement) }
                try db.execute("COMMIT")
            }
            let words = try await Self.storedWords(w)
            let table = try await Self.tableWords(w)
            #expect(words.contains("developer") && table.sorted() == words.sorted())
            #expect(try await Self.titles(w, "mobile devel") == ["Mobile Developer"])
            #expect(try await w.store.checkIntegrity().ok)
            // And the triggers it made keep the table from here on.
            _ = try await w.store.write { [w] in try $0.insertListing(w.listing("Hydrologist")) }
            #expect(
                try await w.store.onConnection { db in
                    try db.query("SELECT count(*) AS n FROM search_words WHERE word = 'hydrologist'").rows.map {
                        try PostgresRowReader($0).int64("n")
                    }
                } == [1])
        }
    }

    /// The ids of the listings `match` (a `tsquery` in SQL, `$1` its one argument) finds over the
    /// stored vectors, in order.
    static func ids(_ w: PostgresWorld, _ match: String, _ argument: String) async throws -> [Int64] {
        try await w.store.onConnection { db in
            try db.query("SELECT id FROM listings WHERE search_vector @@ (\(match)) ORDER BY id", [.text(argument)])
                .rows.map { try PostgresRowReader($0).int64("id") }
        }
    }

    /// The titles of the first page `query` finds among the listings open now, in its order.
    static func titles(_ w: PostgresWorld, _ query: String) async throws -> [String] {
        let request = ListingSearchRequest(
            filter: try ListingFilter(query: query), scope: ListingScope(now: w.clock.now()))
        return try await w.store.read { try $0.searchListings(request) }.items.map(\.title)
    }

    /// The words `search_words` holds.
    static func tableWords(_ w: PostgresWorld) async throws -> [String] {
        try await w.store.onConnection { db in
            try db.query("SELECT word FROM search_words").rows.map { try PostgresRowReader($0).string("word") }
        }
    }

    /// Every word the stored vectors hold, their markers left out.
    static func storedWords(_ w: PostgresWorld) async throws -> [String] {
        try await w.store.onConnection { db in
            try db.query(
                "SELECT DISTINCT l FROM listings, unnest(tsvector_to_array(search_vector)) AS l WHERE l NOT LIKE '/%'"
            ).rows.map { try PostgresRowReader($0).string("l") }
        }
    }

    /// One data analyst listing and 2,000 fillers: enough rows, and statistics, for the planner to
    /// choose as it would in production.
    static func insertFillers(_ w: PostgresWorld) async throws {
        try await w.store.write { [w] writer in
            _ = try writer.insertListing(w.listing("Data Analyst Intern"))
            for index in 0..<2_000 {
                _ = try writer.insertListing(w.listing("Filler Intern \(index)", description: "Field work."))
            }
        }
    }

    @Test(
        "the GIN index over the newest listings serves the walks inside it, and rolls forward without changing results")
    func recentSearchIndex() async throws {
        try await withPostgresWorld { w in
            try await Self.insertFillers(w)
            let scope = ListingScope(now: w.clock.now())
            func ids(_ query: String, window: SearchWindow = .standard) async throws -> [[ListingID]] {
                var pages: [[ListingID]] = []
                var cursor: PageCursor?
                repeat {
                    let request = ListingSearchRequest(
                        filter: try ListingFilter(query: query), scope: scope, cursor: cursor, limit: 400)
                    let page = try await w.store.read { try $0.searchListings(request) }
                    pages.append(page.items.map(\.id))
                    cursor = page.nextCursor
                } while cursor != nil
                return pages
            }
            func state() async throws -> (bound: Int64, newest: Int64, definition: String, indexes: [String]) {
                try await w.store.onConnection { db in
                    let row = try db.query(
                        """
                        SELECT bound, (SELECT max(id) FROM listings) AS newest,
                            (SELECT indexdef FROM pg_indexes WHERE indexname = 'listings_search_recent') AS definition
                        FROM search_recent_index
                        """
                    ).rows.first.map(PostgresRowReader.init)
                    let indexes = try db.query(
                        "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'listings_search_recent%' ORDER BY 1"
                    ).rows.map { try PostgresRowReader($0).string("indexname") }
                    return (
                        try row?.optionalInt64("bound") ?? 0, try row?.optionalInt64("newest") ?? 0,
                        try row?.optionalString("definition") ?? "", indexes
                    )
                }
            }
            let queries = ["filler", "data analyst", "field work", "intern sort:deadline"]
            var before: [[[ListingID]]] = []
            for query in queries { before.append(try await ids(query)) }
            // Made by the migration over an empty table: every id is above its bound.
            let made = try await state()
            #expect(made.bound == -SearchRecentV18.coverage)
            #expect(
                made.definition.hasSuffix("WHERE (id > '-100000'::integer)") || made.definition.contains("> -100000"))

            // Grown past twice its coverage (500 here): built again over the newest 500 ids.
            #expect(try await w.store.rollRecentSearchIndex(coverage: 500))
            let rolled = try await state()
            #expect(rolled.bound == rolled.newest - 500)
            #expect(rolled.definition.contains("WHERE (id > \(rolled.bound))"), "\(rolled.definition)")
            #expect(rolled.indexes == ["listings_search_recent"])
            // Not grown since: nothing to do.
            #expect(try await w.store.rollRecentSearchIndex(coverage: 500) == false)
            // Dropped by hand: the next roll makes it again.
            _ = try await w.store.onConnection { db in try db.execute("DROP INDEX listings_search_recent") }
            #expect(try await w.store.rollRecentSearchIndex(coverage: 500))
            let remade = try await state()
            #expect(remade.bound == remade.newest - 500 && remade.indexes == ["listings_search_recent"])
            var after: [[[ListingID]]] = []
            for query in queries { after.append(try await ids(query)) }
            #expect(after == before)

            // A walk whose range lies inside it reads the word's postings from it; one that reaches
            // below its bound cannot (the full index serves it).
            _ = try await w.store.onConnection { db in try db.execute("VACUUM (ANALYZE) listings") }
            func plan(_ query: String, _ window: SearchWindow) async throws -> String {
                let request = ListingSearchRequest(filter: try ListingFilter(query: query), scope: scope)
                let search = ListingSearchQuery.window(
                    request, window: window, newest: rolled.newest, span: ListingSearchQuery.firstSpan(window))
                return try await w.store.onConnection { db in
                    try db.query("EXPLAIN " + search.sql, search.arguments.values).rows.map {
                        try PostgresRowReader($0).string("QUERY PLAN")
                    }.joined(separator: "\n")
                }
            }
            let inside = try await plan("filler", SearchWindow(ranked: 20, examined: 100))
            #expect(inside.contains("Bitmap Index Scan on listings_search_recent"), "\(inside)")
            let below = try await plan("filler", .standard)
            #expect(!below.contains("listings_search_recent"), "\(below)")
        }
    }

    @Test(
        "a statement the planner plans spells a word being typed as its words after another word, or as its one word",
        arguments: [
            ("graphic desi", nil, ["desi"]),
            ("desi", nil, []),
            ("soft", nil, ["soft"]),
            ("desi -sales", nil, []),
            (#""graphic design" desi"#, nil, ["desi"]),
            ("graphic desi", [7] as [Int64]?, []),
        ] as [(String, [Int64]?, [String])])
    func plannedWords(query: String, organizations: [Int64]?, spelled: [String]) throws {
        let filter = try ListingFilter(query: query).normalized().asTyped()
        let known = ["desi": ["design", "designer"], "soft": ["software"]]
        let words = known.filter { filter.tsPrefixTokens.contains($0.key) }
        #expect(words.count == 1)
        let planned = SearchWordsV20.plannedWords(words, filter: filter, organizations: organizations)
        #expect(planned.keys.sorted() == spelled)
    }

    @Test("the next walk's span follows the densities the last one found, and reaches every match at the oldest id")
    func walkSpans() {
        let window = SearchWindow(ranked: 20, examined: 100)
        #expect(ListingSearchQuery.firstSpan(window) == 200)
        // 20 matches in 200 ids, all kept: 20 kept need 200 ids, 100 matches 1,000; the first stop
        // wins, a quarter more, at least twice the span.
        #expect(ListingSearchQuery.nextSpan(after: 200, walked: 20, kept: 19, window: window, newest: 5_000) == 400)
        // A selective filter: 2 kept of 20 matches; the matches stop first (1,000 ids), a quarter more.
        #expect(ListingSearchQuery.nextSpan(after: 200, walked: 20, kept: 2, window: window, newest: 5_000) == 1_250)
        // Nothing found: eight times the span.
        #expect(ListingSearchQuery.nextSpan(after: 200, walked: 0, kept: 0, window: window, newest: 5_000) == 1_600)
        // A span reaching the oldest ids is every match.
        #expect(ListingSearchQuery.nextSpan(after: 200, walked: 0, kept: 0, window: window, newest: 1_600) == nil)
        #expect(
            ListingSearchQuery.nextSpan(after: 200, walked: 1, kept: 0, window: window, newest: 1_000_000) == 25_000)
    }

    @Test("one, two or three walks, none over the rows of another: the page is one walk's over every match")
    func walksFollowDensity() async throws {
        try await withPostgresWorld { w in
            // 2,000 listings, oldest first; `quokka` in every 10th of the newest 715 (71 matches), every
            // 50th of the 535 before them (11) and every 5th of the oldest 750 (150); every 3rd
            // listing is remote, every 4th a design listing.
            let listings = try await w.store.write { [w] writer in
                var inserted: [Listing] = []
                for index in 0..<2_000 {
                    let quokka = index.isMultiple(of: index >= 1_285 ? 10 : index >= 750 ? 50 : 5)
                    var listing = w.listing(
                        "Filler Intern \(index)", description: quokka ? "Quokka field work." : "Field work.")
                    if index.isMultiple(of: 3) { listing.terms.locationType = .remote }
                    if index.isMultiple(of: 4) { listing.terms.category = .design }
                    inserted.append(try writer.insertListing(listing))
                }
                return inserted
            }
            let window = SearchWindow(ranked: 20, examined: 100)
            let scope = ListingScope(now: w.clock.now())
            // `quokka` fills the window in the newest 200 ids (one walk: its 20 matches, all kept);
            // `remote:yes` keeps 7 of them, so the second walk spans 715 ids and keeps 24 (two walks);
            // `remote:yes category:design` keeps 4, the second walk spans 1,250 ids and finds 82
            // matches, 14 kept, so the third walks every match.
            let queries: [(String, (Listing) -> Bool)] = [
                ("quokka", { _ in true }),
                ("quokka remote:yes", { $0.terms.locationType == .remote }),
                (
                    "quokka remote:yes category:design",
                    { $0.terms.locationType == .remote && $0.terms.category == .design }
                ),
            ]
            // A walk after others goes on below them, its counts added to theirs: none of their rows
            // is walked again (over every id it would count 91 matches and 16 kept).
            let newest = try #require(listings.last?.id.rawValue)
            let quokkas = listings.filter { $0.terms.description.hasPrefix("Quokka") }
            func counted(_ range: ClosedRange<Int64>) -> (walked: Int, kept: Int) {
                let inside = quokkas.filter { range.contains($0.id.rawValue) }
                return (
                    inside.count,
                    inside.filter { $0.terms.locationType == .remote && $0.terms.category == .design }.count
                )
            }
            let before = counted((newest - 199)...newest)
            let after = counted((newest - 714)...(newest - 200))
            #expect(before == (20, 4) && after == (51, 8))
            let next = ListingSearchQuery.window(
                ListingSearchRequest(
                    filter: try ListingFilter(query: "quokka remote:yes category:design"), scope: scope, limit: 5),
                window: window, newest: newest, span: 715,
                previous: ListingSearchQuery.Walked(reach: 200, walked: before.walked, kept: before.kept))
            let edge = try await w.store.onConnection { db in
                try db.query(next.sql, next.arguments.values).rows.first.map {
                    let row = PostgresRowReader($0)
                    return [
                        try row.int("walked"), try row.int("kept"), try row.optionalInt64("tail_below").map(Int.init),
                    ]
                }
            }
            #expect(edge == [71, 12, nil])
            for (query, passes) in queries {
                // The rule (``SearchWindow``), from the rows themselves.
                let matches = listings.filter { $0.terms.description.hasPrefix("Quokka") }.sorted { $0.id > $1.id }
                let walked = Array(matches.prefix(window.examined))
                let kept = Array(walked.filter(passes).prefix(window.ranked))
                let below: ListingID? =
                    kept.count == window.ranked
                    ? kept.last?.id : walked.count == window.examined ? walked.last?.id : nil
                let tail = below.map { below in matches.filter { $0.id < below && passes($0) }.map(\.id) } ?? []

                for size in [400, 7] {
                    var found: [ListingSummary] = []
                    var cursor: PageCursor?
                    repeat {
                        let request = ListingSearchRequest(
                            filter: try ListingFilter(query: query), scope: scope, cursor: cursor, limit: size)
                        let page = try await w.store.onConnection { db in
                            try PostgresSession(db, searchWindow: window).searchListings(request)
                        }
                        found += page.items
                        cursor = page.nextCursor
                    } while cursor != nil
                    #expect(
                        Set(found.prefix(kept.count).map(\.id)) == Set(kept.map(\.id)), "\(query), pages of \(size)")
                    #expect(found.prefix(kept.count).allSatisfy { $0.score != nil }, "\(query)")
                    #expect(Array(found.dropFirst(kept.count).map(\.id)) == tail, "\(query), pages of \(size)")
                    // In the order of one walk over every match: the walks' pages, merged, are its page.
                    let whole = ListingSearchQuery.window(
                        ListingSearchRequest(filter: try ListingFilter(query: query), scope: scope, limit: 400),
                        window: window, newest: try #require(listings.last?.id.rawValue), span: nil)
                    let order = try await w.store.onConnection { db in
                        try db.query(whole.sql, whole.arguments.values).rows.compactMap {
                            try PostgresRowReader($0).optionalInt64("id")
                        }
                    }
                    #expect(found.prefix(kept.count).map(\.id.rawValue) == order, "\(query), pages of \(size)")
                }
            }
        }
    }

    @Test("the hot searches use the GIN index and the browse indexes")
    func explain() async throws {
        try await withPostgresWorld { w in
            try await Self.insertFillers(w)
            // VACUUM as well as ANALYZE: it empties the GIN index's pending list and sets the visibility
            // map, which autovacuum otherwise does at a moment of its own (and the planner costs both),
            // so the plans below are the same on an idle machine and on a busy one.
            _ = try await w.store.onConnection { db in try db.execute("VACUUM (ANALYZE) listings") }
            let scope = ListingScope(now: w.clock.now())
            let newest = try await w.store.onConnection { db in
                try db.query("SELECT max(id) AS newest FROM listings").rows.first.map {
                    try PostgresRowReader($0).optionalInt64("newest")
                } ?? nil
            }
            // A window whose walks cover a part of the table, as at scale (the standard one's newest
            // 20,000 ids would be all 2,001 here, and the planner rightly drops the range).
            let window = SearchWindow(ranked: 20, examined: 100)
            func plan(_ query: String) async throws -> String {
                let request = ListingSearchRequest(filter: try ListingFilter(query: query), scope: scope)
                let search =
                    ListingSearchQuery.usesWindow(request)
                    ? ListingSearchQuery.window(
                        request, window: window, newest: try #require(newest),
                        span: ListingSearchQuery.firstSpan(window))
                    : ListingSearchQuery.page(request)
                return try await w.store.onConnection { db in
                    try db.execute("BEGIN")
                    defer { _ = try? db.execute("ROLLBACK") }
                    return try db.query("EXPLAIN " + search.sql, search.arguments.values).rows.map {
                        try PostgresRowReader($0).string("QUERY PLAN")
                    }.joined(separator: "\n")
                }
            }
            // Words: the walks read the match from the GIN index, the first one within the newest
            // ids (the primary key's range in the same bitmap), and stop at the window's bound (its
            // run condition); no row's tsvector is tested one by one (a dense word or a selective
            // filter made the planner walk the primary key and test every row; BENCHMARKS.md, "Server").
            for words in [try await plan("data analyst"), try await plan("filler")] {
                #expect(words.contains("Bitmap Index Scan on listings_search"), "\(words)")
                #expect(words.contains("BitmapAnd"), "\(words)")
                #expect(words.contains("Bitmap Index Scan on listings_pkey"), "\(words)")
                #expect(words.contains("Run Condition"), "\(words)")
                #expect(!words.contains("Filter: (search_vector @@"), "\(words)")
            }
            #expect(try await plan("sort:newest").contains("listings_published_newest"))
            #expect(try await plan("sort:deadline").contains("listings_published_deadline"))
            #expect(try await plan("sort:stipend").contains("listings_published_stipend"))
        }
    }

    @Test("org: naming a few organizations searches their listings by id, through their index; many keep the subquery")
    func namedOrganizations() async throws {
        try await withPostgresWorld { w in
            // 21 organizations of one listing each, beside 2,000 listings of the world's own that match
            // the same word: by the name's subquery the planner walked the primary key and tested
            // every listing (1.9 s a page at a million listings).
            let corals = try await w.store.write { [w] writer in
                var listings: [Listing] = []
                for index in 0..<21 {
                    let organization = try writer.insertOrganization(
                        Organization(
                            name: "Coral Group \(index)", industry: "Energy", size: .small, location: "Mombasa",
                            description: "Power.", verified: true, createdAt: PostgresWorld.start))
                    var listing = w.listing("Data Intern \(index)")
                    listing.organizationID = organization.id
                    listings.append(try writer.insertListing(listing))
                }
                for index in 0..<2_000 {
                    _ = try writer.insertListing(w.listing("Filler Intern \(index)", description: "Data work."))
                }
                return listings
            }
            _ = try await w.store.onConnection { db in try db.execute("VACUUM (ANALYZE) listings") }
            let scope = ListingScope(now: w.clock.now())
            func named(_ query: String) async throws -> [Int64]? {
                let filter = try ListingFilter(query: query)
                return try await w.store.read { try ($0 as? PostgresSession)?.namedOrganizations(filter) } ?? nil
            }
            let seventh = corals[7]
            #expect(try await named(#"data org:"coral group 7""#) == [seventh.organizationID.rawValue])
            #expect(try await named("data org:nosuch") == [])
            #expect(try await named("data org:coral") == nil, "21 organizations are many")
            #expect(try await named("data") == nil)
            for (query, expected) in [
                (#"data org:"coral group 7""#, [seventh.id]), ("data org:nosuch", []),
                ("data org:coral", corals.map(\.id)),
                (#"data org:"coral group 7" sort:deadline"#, [seventh.id]),
            ] {
                let filter = try ListingFilter(query: query)
                let page = try await w.store.read {
                    try $0.searchListings(ListingSearchRequest(filter: filter, scope: scope, limit: 50))
                }
                #expect(Set(page.items.map(\.id)) == Set(expected), "\(query)")
                #expect(
                    try await w.store.read { try $0.countListings(filter, scope: scope, upTo: nil) } == expected.count,
                    "\(query)")
            }
            // The tail of a few organizations reads their listings from their index.
            let request = ListingSearchRequest(
                filter: try ListingFilter(query: #"data org:"coral group 7""#), scope: scope, limit: 50)
            let tail = ListingSearchQuery.tail(
                request, below: Int64.max, limit: 51,
                lookups: SearchLookups(organizations: [seventh.organizationID.rawValue]))
            let plan = try await w.store.onConnection { db in
                try db.query("EXPLAIN " + tail.sql, tail.arguments.values).rows.map {
                    try PostgresRowReader($0).string("QUERY PLAN")
                }.joined(separator: "\n")
            }
            #expect(plan.contains("listings_organization"), "\(plan)")
            #expect(!plan.contains("Scan Backward using listings_pkey"), "\(plan)")
        }
    }

    @Test("a backup is a verified 0600 dump, and restoring it brings the data back")
    func backupRestore() async throws {
        try await withPostgresWorld { w in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-pg-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let kept = try await w.store.write { [w] in try $0.insertListing(w.listing("Kept Intern")) }
            let backup = try await w.store.backup(into: folder, keepDays: 7)
            #expect(backup.integrityOK)
            #expect(backup.path.hasSuffix(".dump"))
            let mode = try FileManager.default.attributesOfItem(atPath: backup.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions]
            #expect((folderMode as? NSNumber)?.intValue == 0o700)
            let lost = try await w.store.write { [w] in try $0.insertListing(w.listing("Later Intern")) }
            w.clock.advance(by: 2)
            let safety = try await w.store.restore(from: URL(fileURLWithPath: backup.path), backupDirectory: folder)
            #expect(safety.path != backup.path)
            #expect(try await w.store.read { try $0.listing(kept.id) }?.title == "Kept Intern")
            #expect(try await w.store.read { try $0.listing(lost.id) } == nil)
            #expect(Set(try await w.store.backups().map(\.path)).isSuperset(of: [backup.path, safety.path]))
            let status = try await w.store.status()
            #expect(status.pendingMigrations.isEmpty)
            let junk = folder.appendingPathComponent("junk.dump")
            try Data("not a dump".utf8).write(to: junk)
            await #expect(throws: EdulinkError.self) {
                try await w.store.restore(from: junk, backupDirectory: folder)
            }
        }
    }

    @Test("maintenance commands run and the integrity check is recorded")
    func maintenance() async throws {
        try await withPostgresWorld { w in
            let listing = try await w.store.write { [w] in try $0.insertListing(w.listing("Data Analyst Intern")) }
            func fileOfListings() async throws -> Int {
                try await w.store.onConnection { db in
                    try db.query("SELECT pg_relation_filenode('listings')::int8 AS node").rows.map {
                        try PostgresRowReader($0).int("node")
                    }.first ?? 0
                }
            }
            let file = try await fileOfListings()
            try await w.store.vacuum()
            // A plain vacuum keeps the table's file; a full one writes the table anew, rows and all.
            #expect(try await fileOfListings() == file)
            try await w.store.vacuum(full: true)
            #expect(try await fileOfListings() != file)
            #expect(try await w.store.read { try $0.listing(listing.id) }?.title == "Data Analyst Intern")
            try await w.store.analyze()
            try await w.store.reindex()
            let report = try await w.store.checkIntegrity()
            #expect(report.ok, "\(report.problems)")
            #expect(try await w.store.status().lastIntegrityCheck == report)
            // The GIN index has no segments to merge (autovacuum tidies it), and none are reported.
            #expect(try await w.store.tidySearchIndex(pages: 10_000) == nil)
            #expect(try await w.store.status().searchIndexSegments == nil)
        }
    }

    @Test("errors: unique violations are conflicts, a body's own error passes unchanged, events are append-only")
    func errorMapping() async throws {
        struct Refused: Error, Equatable {}
        try await withPostgresWorld { w in
            let duplicate = User(
                email: "EMPLOYER@kusi.example", displayName: "Other", role: .employer, passwordHash: "x",
                createdAt: w.clock.now())
            await #expect(throws: EdulinkError.conflict("An account with this email already exists.")) {
                try await w.store.write { try $0.insertUser(duplicate) }
            }
            await #expect(throws: Refused()) {
                try await w.store.write { _ in throw Refused() }
            }
            let listing = try await w.store.write { [w] in try $0.insertListing(w.listing("Data Intern")) }
            let student = try #require(try await w.students(1).first)
            let application = try await w.service.acting(as: student).apply(
                ApplicationDraft(
                    listingID: listing.id,
                    coverLetter: String(repeating: "I would love to learn from your analytics team. ", count: 3)))
            let error = await #expect(throws: EdulinkError.self) {
                try await w.store.write { writer in
                    guard let session = writer as? PostgresSession else { throw Refused() }
                    try session.execute(
                        "UPDATE application_events SET note = 'x' WHERE application_id = $1", [application.id])
                }
            }
            if case .conflict(let message) = error {
                #expect(message.contains("append-only"))
            } else {
                Issue.record("expected a conflict, got \(String(describing: error))")
            }
            // Nothing was half-written: the failed transactions rolled back.
            #expect(try await w.store.read { try $0.timeline(application.id) }.count == 1)
        }
    }

    @Test("an unreachable server is unavailable, naming the host")
    func unreachable() async throws {
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let error = await #expect(throws: EdulinkError.self) {
            _ = try await PostgresStore(
                url: "postgres://nobody@127.0.0.1:1/none", connectTimeout: .seconds(1), leaseTimeout: .seconds(1),
                logger: quiet)
        }
        guard case .unavailable(let message) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(message.contains("127.0.0.1:1"))
    }
}
