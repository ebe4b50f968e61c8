import EdulinkCore
import Foundation

/// The SQL of a listing search: every filter of `ListingFilter`, every rule of `ListingScope`, the
/// sort, and keyset pagination — the same predicates, orders and cursors as the SQLite store's
/// `ListingSearchSQL`, so both stores return the same pages.
///
/// **Relevance** (positive words or phrases, no other sort) follows ``SearchWindow``, like the SQLite
/// store: never `ts_rank` over every match (a common word matches ~40 % of all listings). One
/// statement (``window(_:window:newest:span:previous:lookups:)``) walks the newest `examined` matches
/// (`ORDER BY id DESC` over the GIN match, unscored: the *probe*), keeps the newest `ranked` of them
/// that pass the filters (the *window*), scores only those with `ts_rank` (see `SearchIndexV2` for the
/// weights), and returns the page of the window after the cursor together with where the *tail*
/// starts; it walks the newest ids first and on below them when those were too few
/// (``nextSpan(after:walked:kept:window:newest:)``). A second statement
/// (``tail(_:below:limit:)``), only when the page is not full, reads the other matches that pass the
/// filters below that id, newest first, unscored. A cursor in the tail has no key and reads only the
/// tail.
///
/// A query of exclusions only (`-sales`) filters with the same operator (`!'sales'`) but, as on
/// SQLite, has no relevance and sorts newest first. Without words, `listings` is read in the order of
/// the sort through one of the `listings_published_*` indexes; with words in another sort, the GIN
/// index finds the match and it is sorted.
///
/// | sort | order | cursor key |
/// |---|---|---|
/// | relevance | window: ts_rank descending (best first), id ascending; then the tail by id descending | window: the rank; tail: nil |
/// | deadline | deadline ascending, id ascending | deadline in Unix seconds |
/// | newest | published_at descending, id descending, never-published last | published_at in seconds |
/// | stipend | stipend in KES descending, id descending, unpaid last | stipend in KES |
struct ListingSearchQuery {
    private(set) var sql = ""
    private(set) var arguments = SQLArguments()
    /// The sort actually used (relevance needs words to rank by; otherwise newest).
    let sort: ListingSort
    /// Whether the query ranks by relevance (it has positive words or phrases).
    let ranks: Bool

    private var conditions: [String] = []
    /// The words' `tsquery` as they rank (`ListingFilter.tsQueryExpression()`).
    private var tsQuery = ""
    /// The words' `tsquery` as they match: `tsQuery`, with a word still being typed matched through
    /// its marker when it has one (``SearchMarkersV19/spelling(_:)``), or as the words it begins when
    /// the session read them (``SearchWordsV20/spelling(_:words:)``).
    private var matchQuery = ""
    /// `l.search_vector @@ …` when there are words; the window reads the match from its probe instead.
    private var matchCondition: String?

    /// Column weights for `ts_rank`, in its `{D, C, B, A}` order: description 0.1, organization and
    /// location 0.25, skills 0.5, title 1.0 — the proportions of the SQLite store's bm25 weights
    /// (title 10, skills 5, organization 3, location 2, description 1).
    static let rankWeights = "'{0.1, 0.25, 0.5, 1.0}'::real[]"

    /// Whether `request` is ordered by ``SearchWindow`` (``window(_:window:newest:span:previous:lookups:)`` and
    /// ``tail(_:below:limit:)``) rather than by one sorted statement (``page(_:)``).
    static func usesWindow(_ request: ListingSearchRequest) -> Bool {
        let query = ListingSearchQuery(filter: request.filter.normalized().asTyped(), scope: request.scope)
        return query.ranks && query.sort == .relevance
    }

    /// The statement of one page of `request` in a sort other than relevance, fetching one row more
    /// than the limit to learn whether another page follows.
    static func page(_ request: ListingSearchRequest, lookups: SearchLookups = SearchLookups()) -> ListingSearchQuery {
        var query = ListingSearchQuery(
            filter: request.filter.normalized().asTyped(), scope: request.scope, lookups: lookups)
        query.addCursor(request.cursor)
        let limit = query.arguments.bind(max(request.limit, 0) + 1)
        query.sql = """
            SELECT \(Rows.summaryColumns), \(query.sortKey) AS sort_key
            FROM listings AS l
            \(query.whereClause)
            ORDER BY \(query.orderBy)
            LIMIT \(limit)
            """
        return query
    }

    /// The relevance window's page (``SearchWindow``) from one *walk*: the rows of the window after
    /// `request.cursor` (at most `request.limit + 1`, best first, with `search_rank`), and on every
    /// row, or on a single row of NULLs beside the counts when the page is empty: `walked` and `kept`
    /// (how far the walk went) and `tail_below`, the id the tail starts below, NULL when the window
    /// holds every match that passes the filters.
    ///
    /// The walk reads the match newest first (`walked` numbers the matches, `kept` counts those that
    /// pass the filters) and stops at the `examined`-th match or before the `ranked + 1`-th kept one:
    /// both counts only grow, so PostgreSQL ends the walk there (a window "run condition"). Only kept
    /// rows are scored, after the walk (the `tsvector` travels through it as a TOAST pointer).
    ///
    /// The GIN index returns matches in heap order, not id order, so a walk fetches and sorts every
    /// match in its range: `span` limits it to the newest ids (`id > newest - span`; GIN and primary
    /// key combined in one bitmap, so only those matches are fetched), nil walks every match. A walk
    /// that reached neither stop inside its span says nothing yet; the session walks on below it over
    /// a span sized by what it found (``nextSpan(after:walked:kept:window:newest:)``, `previous`), so
    /// a word under a selective filter fetches about `examined` of its matches, not all (at a million
    /// listings, `software engineer org:…` fetched all 77,823 and took 1.2 s), and none twice.
    ///
    /// - Parameter newest: the largest listing id, read in the same transaction: the walk's range is a
    ///   number counted from it, so the planner can prove that it lies inside the predicate of
    ///   `listings_search_recent` (``SearchRecentV18``) and read the word's postings from it (with
    ///   `max(id)` in the statement it could not).
    /// - Parameter previous: what the walks before this one covered (the newest `reach` ids, `walked`
    ///   matches, `kept` of them passing the filters, neither a stop): this walk goes on below them,
    ///   its stops counted with theirs, and its `walked` and `kept` are the totals. The page is then
    ///   this walk's part of it; the session merges it with theirs (the same ranks, the same order).
    static func window(
        _ request: ListingSearchRequest, window: SearchWindow, newest: Int64, span: Int64?,
        previous: Walked? = nil, lookups: SearchLookups = SearchLookups()
    ) -> ListingSearchQuery {
        var query = ListingSearchQuery(
            filter: request.filter.normalized().asTyped(), scope: request.scope, lookups: lookups, walks: true)
        let examined = query.arguments.bind(window.examined - (previous?.walked ?? 0))
        let ranked = query.arguments.bind(window.ranked - (previous?.kept ?? 0))
        let walkedBefore = query.arguments.bind(previous?.walked ?? 0)
        let keptBefore = query.arguments.bind(previous?.kept ?? 0)
        var bounds = span.map { ["l.id > \(query.arguments.bind(newest - $0))"] } ?? []
        if let previous {
            // Below the walks before. With a lower bound too, one range of the primary key beside the
            // GIN bitmap; alone (every older match) a filter, not an index condition: as one, the
            // planner joined a bitmap of nearly every id to the match's (`graphic de` at a million
            // listings, 108 → 117 ms).
            let below = query.arguments.bind(newest - previous.reach)
            bounds.append(span == nil ? "l.id + 0 <= \(below)" : "l.id <= \(below)")
        }
        let range = bounds.isEmpty ? "true" : bounds.joined(separator: " AND ")
        var after = "true"
        if let cursor = request.cursor, let key = cursor.key {
            // The rank is a `real`; the cursor's Double holds it exactly, so the cast back is exact.
            let key = query.arguments.bind(key)
            let id = query.arguments.bind(cursor.id)
            after = "(search_rank < \(key)::real OR (search_rank = \(key)::real AND id > \(id)))"
        }
        let need = query.arguments.bind(max(request.limit, 0) + 1)
        let passes = query.conditions.isEmpty ? "true" : query.conditions.joined(separator: "\n        AND ")
        let match = query.matchCondition == nil ? "true" : "l.search_vector @@ \(query.walkQuery)"
        // PostgreSQL 15 fails ("WindowFunc not found in subplan target lists") when a filter holding a
        // subquery (`org:`, `eligible:me`, a saved search's "not applied to") is pulled up into the
        // walk's `FILTER` under its run condition. An ordered subquery with OFFSET 0 is not pulled
        // up, and still walks the primary key backwards.
        let fence = passes.contains("SELECT") ? "ORDER BY l.id DESC OFFSET 0" : ""
        query.sql = """
            WITH walk AS MATERIALIZED (
                SELECT s.id, CASE WHEN s.passes THEN \(query.rank("s.search_vector")) END AS search_rank
                FROM (
                    SELECT m.id, m.search_vector, m.passes, row_number() OVER w AS walked,
                        count(*) FILTER (WHERE m.passes) OVER w AS kept
                    FROM (
                        SELECT l.id, l.search_vector, (\(passes)) AS passes
                        FROM listings AS l
                        WHERE \(range) AND \(match)
                        \(fence)
                    ) AS m
                    WINDOW w AS (ORDER BY m.id DESC)
                ) AS s
                WHERE s.walked <= \(examined) AND s.kept <= \(ranked)
                LIMIT \(examined)
            ), edge AS (
                SELECT count(*) + \(walkedBefore) AS walked, count(search_rank) + \(keptBefore) AS kept,
                    CASE WHEN count(search_rank) = \(ranked) THEN min(id) FILTER (WHERE search_rank IS NOT NULL)
                    WHEN count(*) = \(examined) THEN min(id) END AS tail_below
                FROM walk
            ), page AS (
                SELECT id, search_rank FROM walk
                WHERE search_rank IS NOT NULL AND \(after)
                ORDER BY search_rank DESC, id
                LIMIT \(need)
            )
            SELECT edge.walked, edge.kept, edge.tail_below, \(Rows.summaryColumns), page.search_rank
            FROM edge LEFT JOIN (page JOIN listings AS l ON l.id = page.id) ON true
            ORDER BY page.search_rank DESC, page.id
            """
        return query
    }

    /// How far the walks of a window went before the next (``window(_:window:newest:span:previous:lookups:)``):
    /// over the newest `reach` ids, `walked` matches, `kept` of them passing the filters.
    struct Walked: Equatable {
        var reach: Int64
        var walked: Int
        var kept: Int
    }

    /// How many of the newest ids the first walk of ``window(_:window:newest:span:previous:lookups:)``
    /// covers: twice `examined`, so a word in at least one listing in twenty fills a standard window
    /// there (and reads its postings from `listings_search_recent`, which covers the newest 100,000).
    static func firstSpan(_ window: SearchWindow) -> Int64 { Int64(2 * window.examined) }

    /// The span of the next walk after one over the newest `span` ids that found `walked` matches,
    /// `kept` of them passing the filters, and reached neither stop; nil to walk every match.
    ///
    /// The walk's densities say how many ids hold `examined` matches, or `ranked` kept ones,
    /// whichever comes first; the next span is a quarter more than that (at least twice this one),
    /// so a walk rarely falls short again. After a walk that found nothing, eight times the span.
    /// A span that reaches the oldest ids is the whole match (nil).
    static func nextSpan(after span: Int64, walked: Int, kept: Int, window: SearchWindow, newest: Int64) -> Int64? {
        let size = Double(span)
        var next = size * 8
        if walked > 0 {
            let byExamined = size * Double(window.examined) / Double(walked)
            let byRanked = kept > 0 ? size * Double(window.ranked) / Double(kept) : .infinity
            next = max(min(byExamined, byRanked) * 1.25, size * 2)
        }
        guard next < Double(newest) else { return nil }
        return Int64(next.rounded(.up))
    }

    /// The relevance tail (``SearchWindow``): matches below id `below` that pass the filters, newest
    /// first, unscored, at most `limit`.
    static func tail(
        _ request: ListingSearchRequest, below: Int64, limit: Int, lookups: SearchLookups = SearchLookups()
    )
        -> ListingSearchQuery
    {
        var query = ListingSearchQuery(
            filter: request.filter.normalized().asTyped(), scope: request.scope, lookups: lookups)
        query.conditions.append("l.id < \(query.arguments.bind(below))")
        query.sql = """
            SELECT \(Rows.summaryColumns)
            FROM listings AS l
            \(query.whereClause)
            ORDER BY l.id DESC
            LIMIT \(query.arguments.bind(max(limit, 0)))
            """
        return query
    }

    /// The statement counting every listing the filter and scope admit; with `above`, only those with
    /// a larger id.
    static func count(
        _ filter: ListingFilter, scope: ListingScope, limit: Int?, lookups: SearchLookups = SearchLookups(),
        above: Int64? = nil
    ) -> ListingSearchQuery {
        var query = ListingSearchQuery(
            filter: filter.normalized().asTyped(), scope: scope, lookups: lookups)
        if let above { query.conditions.append("l.id > \(query.arguments.bind(above))") }
        if let limit {
            query.sql =
                "SELECT count(*) AS count FROM (SELECT 1 FROM listings AS l \(query.whereClause) "
                + "LIMIT \(query.arguments.bind(limit))) AS counted"
        } else {
            query.sql = "SELECT count(*) AS count FROM listings AS l \(query.whereClause)"
        }
        return query
    }

    /// - Parameter lookups: what the session read for the filter (``PostgresSession/lookups(_:)``).
    /// - Parameter walks: the statement is a walk of the relevance window (``walkQuery``), which
    ///   reads the match through the GIN index whatever the planner would choose, so it spells every
    ///   word being typed as its words; other statements as ``SearchWordsV20/plannedWords(_:filter:organizations:)``
    ///   says.
    private init(
        filter: ListingFilter, scope: ListingScope, lookups: SearchLookups = SearchLookups(), walks: Bool = false
    ) {
        ranks = filter.ftsMatchExpression() != nil
        let requested = filter.effectiveSort
        sort = requested == .relevance && !ranks ? .newest : requested
        if let expression = filter.tsQueryExpression() {
            tsQuery = "to_tsquery('simple', edulink_search_query(\(arguments.bind(expression))))"
            let words =
                walks
                ? lookups.words
                : SearchWordsV20.plannedWords(lookups.words, filter: filter, organizations: lookups.organizations)
            let parts = filter.tsMatchParts { SearchWordsV20.spelling($0, words: words) }
            if parts.prefixes.isEmpty, parts.expression == expression {
                matchQuery = tsQuery
            } else {
                let rest = parts.expression.map { "to_tsquery('simple', edulink_search_query(\(arguments.bind($0))))" }
                let prefixes = parts.prefixes.map { "edulink_search_prefix(\(arguments.bind($0)))" }
                matchQuery = ((rest.map { [$0] } ?? []) + prefixes).joined(separator: " && ")
            }
            matchCondition = "l.search_vector @@ (\(matchQuery))"
        }
        conditions += ListingConditions.conditions(
            filter: filter, scope: scope, dialect: .postgres, organizations: lookups.organizations
        ) {
            arguments.bind($0.columnValue)
        }
    }

    /// The words' `tsquery` as the walks of ``window(_:window:newest:span:previous:lookups:)`` use it: made once per statement
    /// (an InitPlan), not once per row walked, and of a size the planner cannot guess, so it combines
    /// the GIN index with the id range in a bitmap instead of walking the primary key backwards and
    /// testing each row's `tsvector`. A search whose filters pass few matches walks further, and
    /// that plan tested tens of thousands of rows: `designer` with `location:nairobi`, two levels and
    /// a deadline within 90 days took 0.81 s at 100,000 listings, 0.17 s now (BENCHMARKS.md,
    /// "Server"). Only there: the sorted pages and the counts keep the planner's estimate of the
    /// match, which makes a dense word walk the sort's index and stop after a page.
    private var walkQuery: String { "(SELECT \(matchQuery))" }

    /// `ts_rank` of `vector` (a `tsvector` column) against the query's words (their prefixes as
    /// prefixes, not markers), also made once per statement.
    private func rank(_ vector: String) -> String {
        "ts_rank(\(Self.rankWeights), \(vector), (SELECT \(tsQuery)))"
    }

    // MARK: Sort and cursor

    private var sortKey: String {
        switch sort {
        case .relevance: "NULL::real"  // relevance pages are `window` and `tail`
        case .deadline: "l.deadline"
        case .newest: "l.published_at"
        case .stipend: "l.stipend_kes"
        }
    }

    private var orderBy: String {
        switch sort {
        case .relevance: "l.id DESC"  // relevance pages are `window` and `tail`
        case .deadline: "l.deadline, l.id"
        case .newest: "l.published_at DESC NULLS LAST, l.id DESC"
        case .stipend: "l.stipend_kes DESC NULLS LAST, l.id DESC"
        }
    }

    private mutating func addCursor(_ cursor: PageCursor?) {
        guard let cursor else { return }
        switch sort {
        case .relevance:
            break  // relevance pages are `window` and `tail`
        case .deadline:
            let key = arguments.bind(SQLValue.timestamp(Self.microseconds(seconds: cursor.key ?? 0)))
            conditions.append("(l.deadline, l.id) > (\(key), \(arguments.bind(cursor.id)))")
        case .newest, .stipend:
            // Descending with NULL (never published, unpaid) last.
            let column = sort == .newest ? "l.published_at" : "l.stipend_kes"
            if let value = cursor.key {
                let key =
                    sort == .newest
                    ? arguments.bind(SQLValue.timestamp(Self.microseconds(seconds: value)))
                    : arguments.bind(Int64(value))
                conditions.append("((\(column), l.id) < (\(key), \(arguments.bind(cursor.id))) OR \(column) IS NULL)")
            } else {
                conditions.append("(\(column) IS NULL AND l.id < \(arguments.bind(cursor.id)))")
            }
        }
    }

    /// The cursor that continues after `row` (its sort key and id).
    func cursor(after row: PostgresRowReader, id: ListingID) throws -> PageCursor {
        switch sort {
        case .relevance, .stipend:
            return PageCursor(key: try row.optionalDouble("sort_key"), id: id.rawValue)
        case .deadline, .newest:
            let microseconds = try row.optionalMicroseconds("sort_key")
            return PageCursor(key: microseconds.map { Double($0) / 1_000_000 }, id: id.rawValue)
        }
    }

    static func microseconds(seconds: Double) -> Int64 {
        Int64(clampingRounded: seconds * 1_000_000)
    }

    // MARK: SQL text

    private var whereClause: String {
        let all = (matchCondition.map { [$0] } ?? []) + conditions
        return all.isEmpty ? "" : "WHERE " + all.joined(separator: "\n  AND ")
    }

}

/// What a search reads before building its statements (``PostgresSession/lookups(_:)``).
struct SearchLookups {
    /// The ids `org:` names (``PostgresSession/namedOrganizations(_:)``); nil without `org:` or when
    /// it names too many.
    var organizations: [Int64]?
    /// The words each word being typed begins, by token (``PostgresSession/prefixWords(_:)``).
    var words: [String: [String]] = [:]
}

extension PostgresSession {
    func searchListings(_ request: ListingSearchRequest) throws -> Page<ListingSummary> {
        let limit = max(request.limit, 0)
        let lookups = try lookups(request.filter)
        // `org:` that names no organization matches nothing: no walk over the words' matches.
        if lookups.organizations?.isEmpty == true { return Page(items: [], nextCursor: nil) }
        if ListingSearchQuery.usesWindow(request) {
            return try relevancePage(request, limit: limit, lookups: lookups)
        }
        let query = ListingSearchQuery.page(request, lookups: lookups)
        let rows = try db.query(query.sql, query.arguments.values).rows.map(PostgresRowReader.init)
        var items: [ListingSummary] = []
        items.reserveCapacity(min(rows.count, limit))
        for row in rows.prefix(limit) {
            items.append(try Rows.summary(row, score: nil))
        }
        var next: PageCursor?
        if rows.count > limit, let last = rows.prefix(limit).last, let item = items.last {
            next = try query.cursor(after: last, id: item.id)
        }
        return Page(items: items, nextCursor: next)
    }

    func countListings(_ filter: ListingFilter, scope: ListingScope, upTo limit: Int?) throws -> Int {
        if OpenListingTally.answers(filter, scope: scope) { return try OpenListingTally.count(in: self, scope: scope) }
        let lookups = try lookups(filter)
        if lookups.organizations?.isEmpty == true { return 0 }
        if let limit, filter.tsQueryExpression() != nil, lookups.organizations == nil, let newest = try newestListing()
        {
            // A count that stops at `limit` stops as soon among the newest listings, whose postings
            // `listings_search_recent` holds (``SearchRecentV18``): the full index's bitmap of a common
            // word costs 65–85 ms at a million listings (`software eng`: 119 ms counted over all,
            // 11–16 ms over the newest 100,000). When they hold fewer, every listing is counted. A few
            // organizations' listings are counted through their own index at once.
            let recent = ListingSearchQuery.count(
                filter, scope: scope, limit: limit, lookups: lookups, above: newest - SearchRecentV18.coverage)
            let counted = try count(recent.sql, recent.arguments.values)
            if counted >= limit { return counted }
        }
        let query = ListingSearchQuery.count(filter, scope: scope, limit: limit, lookups: lookups)
        return try count(query.sql, query.arguments.values)
    }

    /// The window's page rows after the cursor (best first, at most `request.limit + 1`) and where its
    /// tail starts (``ListingSearchQuery/window(_:window:newest:span:previous:lookups:)``): the
    /// walks go over the newest ``ListingSearchQuery/firstSpan(_:)`` ids, then, when those reached no
    /// stop, on below them over the span their densities call for
    /// (``ListingSearchQuery/nextSpan(after:walked:kept:window:newest:)``), then over every older match,
    /// each walk's stops counted with the ones before it; no row is walked twice. Each walk's page
    /// holds its best rows, so the best of those is the window's page.
    private func windowPage(_ request: ListingSearchRequest, newest: Int64, lookups: SearchLookups) throws
        -> (rows: [RankedRow], tailBelow: Int64?)
    {
        var span: Int64? = ListingSearchQuery.firstSpan(searchWindow)
        var previous: ListingSearchQuery.Walked?
        var ranked: [RankedRow] = []
        while true {
            if let reach = span, reach >= newest { span = nil }  // every id: every match
            let query = ListingSearchQuery.window(
                request, window: searchWindow, newest: newest, span: span, previous: previous, lookups: lookups)
            let rows = try db.query(query.sql, query.arguments.values).rows.map(PostgresRowReader.init)
            for row in rows {
                if let rank = try row.optionalDouble("search_rank") {
                    ranked.append(RankedRow(rank: rank, id: try row.int64("id"), row: row))
                }
            }
            // A walk that reached a stop, or took every match, ends the window; else walk on below it
            // (the third time, over every older match).
            guard let reach = span, let first = rows.first, case let walked = try first.int("walked"),
                case let kept = try first.int("kept"), walked < searchWindow.examined, kept < searchWindow.ranked
            else { return (Self.best(ranked, limit: request.limit), try rows.first?.optionalInt64("tail_below")) }
            if previous == nil {
                span = ListingSearchQuery.nextSpan(
                    after: reach, walked: walked, kept: kept, window: searchWindow, newest: newest)
                // A longer walk may reach past `listings_search_recent` into the full index, whose
                // bitmap of a common word's postings outgrows the default 4 MB: it turns lossy, and
                // every row of a lossy page has its `tsvector` read and tested again (`software
                // engineer org:…` at a million listings: 220 ms, 135 ms with 16 MB). For this
                // transaction only, once.
                _ = try db.execute("SET LOCAL work_mem = '16MB'")
            } else {
                span = nil
            }
            previous = ListingSearchQuery.Walked(reach: reach, walked: walked, kept: kept)
        }
    }

    /// A row of a walk's page with its rank and id.
    struct RankedRow {
        var rank: Double
        var id: Int64
        var row: PostgresRowReader
    }

    /// The page of the window from the walks' pages: by rank, best first, then by id, as each walk's
    /// statement orders its own (the ranks are `real`s, exact in a Double, compared the same way).
    private static func best(_ rows: [RankedRow], limit: Int) -> [RankedRow] {
        let sorted = rows.sorted { $0.rank != $1.rank ? $0.rank > $1.rank : $0.id < $1.id }
        return Array(sorted.prefix(max(limit, 0) + 1))
    }

    /// The largest listing id, nil without listings.
    private func newestListing() throws -> Int64? {
        try fetchOne("SELECT max(id) AS newest FROM listings") { try $0.optionalInt64("newest") } ?? nil
    }

    /// What a search of `filter` reads before its statements: the organizations `org:` names and the
    /// words its word being typed begins.
    func lookups(_ filter: ListingFilter) throws -> SearchLookups {
        SearchLookups(organizations: try namedOrganizations(filter), words: try prefixWords(filter))
    }

    /// The words of `search_words` that each word being typed in `filter` begins
    /// (``SearchWordsV20/looksUp(_:)``), by token, when there are few enough to spell it as
    /// (``SearchWordsV20/spelledWords(_:)``).
    func prefixWords(_ filter: ListingFilter) throws -> [String: [String]] {
        var words: [String: [String]] = [:]
        for token in filter.normalized().asTyped().tsPrefixTokens where SearchWordsV20.looksUp(token) {
            guard let upper = SearchWordsV20.upperBound(token) else { continue }
            let found = try fetchAll(SearchWordsV20.wordsSQL, [token, upper]) { try $0.string("word") }
            if let spelled = SearchWordsV20.spelledWords(found) { words[token] = spelled }
        }
        return words
    }

    /// The ids of the organizations `filter`'s `org:` names, when it names at most
    /// ``ListingConditions/fewOrganizations`` (none is an empty list); nil without `org:` or with
    /// more. Searched by these ids, their listings are found through `listings_organization`: by the
    /// name's subquery the planner cannot tell how few they are and walks the primary key, testing
    /// every listing (`data org:"…"` took 1.9 s at a million listings).
    func namedOrganizations(_ filter: ListingFilter) throws -> [Int64]? {
        guard let needle = filter.normalized().asTyped().organization?.lowercased(), !needle.isEmpty else {
            return nil
        }
        let ids = try fetchAll(ListingConditions.namedOrganizationsSQL("$1", dialect: .postgres), [needle]) {
            try $0.int64("id")
        }
        return ids.count <= ListingConditions.fewOrganizations ? ids : nil
    }

    /// One page of relevance order (``SearchWindow``): the window ranked by `ts_rank`, then the tail
    /// newest first. The window is one walk over the newest ``ListingSearchQuery/firstSpan(_:)`` ids
    /// when that reaches a stop, else a second on below it over the span its densities call for,
    /// else a third over every older match (``windowPage(_:newest:lookups:)``); the walks
    /// together stop where one walk over every match would, so the spans change the cost, never the
    /// page.
    /// The tail is one more statement when the page reaches it.
    private func relevancePage(_ request: ListingSearchRequest, limit: Int, lookups: SearchLookups) throws -> Page<
        ListingSummary
    > {
        let need = limit + 1
        // (item, cursor that continues after it)
        var picked: [(ListingSummary, PageCursor)] = []
        var tailBelow: Int64?
        if let cursor = request.cursor, cursor.key == nil {
            tailBelow = cursor.id  // already in the tail
        } else {
            // No listing at all: nothing to walk, nor a tail.
            guard let newest = try newestListing() else { return Page(items: [], nextCursor: nil) }
            let window = try windowPage(request, newest: newest, lookups: lookups)
            tailBelow = window.tailBelow
            for ranked in window.rows {
                let summary = try Rows.summary(ranked.row, score: ranked.rank)
                picked.append((summary, PageCursor(key: ranked.rank, id: summary.id.rawValue)))
            }
        }
        if picked.count < need, let below = tailBelow {
            let query = ListingSearchQuery.tail(
                request, below: below, limit: need - picked.count, lookups: lookups)
            for row in try db.query(query.sql, query.arguments.values).rows.map(PostgresRowReader.init) {
                let summary = try Rows.summary(row, score: nil)
                picked.append((summary, PageCursor(key: nil, id: summary.id.rawValue)))
            }
        }
        let next = picked.count > limit ? picked.prefix(limit).last?.1 : nil
        return Page(items: picked.prefix(limit).map(\.0), nextCursor: next)
    }
}
