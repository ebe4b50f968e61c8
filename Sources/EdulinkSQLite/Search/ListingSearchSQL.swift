import EdulinkCore
import Foundation
import GRDB
import Synchronization

/// The SQL of a listing search: every filter of `ListingFilter`, every rule of `ListingScope`, the
/// sort, and keyset pagination, as a few statements chosen by the shape of the query.
///
/// **Without words or phrases** `listings` is read in the order of the sort through one of the
/// `listings_published_*` indexes, so a page of the newest open listings reads a page of index
/// entries, not the table.
///
/// **Relevance** (words, no other sort) never ranks every match: a broad prefix such as `dat`
/// matches ~40 % of all listings, and `bm25` over each of them reads its position list and column
/// sizes (seconds at a million listings). Instead (see ``SearchWindow``):
///
/// 1. *probe*: the newest `examined` rowids of the match, without scoring, give the lowest rowid
///    the window may reach;
/// 2. *window*: the match walked newest first down to that rowid, joined to `listings`, filtered,
///    at most `ranked` rows, each scored with `edulink_rank` (``SearchRank``: bm25 with the column
///    weights of v2, without IDF, so nothing walks the whole match before the first row); FTS5 only
///    scores the rows the statement visits because the order is `rowid DESC`, which FTS5 produces
///    incrementally. The window is then ordered by score in Swift (a thousand pairs);
/// 3. *tail*: every other match that passes the filters, newest first (`rowid DESC` below the
///    window), unscored. With a filter that has its own index (one organization, new since a date)
///    that index drives and each row is looked up in the match (``filterDrivesTail``).
///
/// **Other sorts with words** (`data sort:deadline`): `listings` is walked through the sort's index
/// and each row's membership in the match is tested. A broad match (the probe shows more than
/// ``perRowDensity`` of all listings match) is tested per row with a rowid lookup in FTS5, which
/// stops after a page of hits; a narrower match is built once as a set (`IN (SELECT rowid …)`); a
/// match smaller than the probe is read whole and sorted.
///
/// Keyset pagination: the cursor holds the sort key and id of the last row of the previous page,
/// and the next page starts strictly after it in the same total order, so pages neither repeat nor
/// skip rows, and a deep page costs no `OFFSET` scan.
///
/// | sort | order | cursor |
/// |---|---|---|
/// | relevance | window: bm25 ascending (best first), id ascending; then the tail by id descending | window: `key` = bm25, `id`; tail: `key` nil, `id` |
/// | deadline | deadline ascending, id ascending | deadline in Unix seconds |
/// | newest | published_at descending, id descending, never-published last | published_at in seconds |
/// | stipend | stipend in KES descending, id descending, unpaid last | stipend in KES |
struct ListingSearchSQL {
    private(set) var arguments: [String: (any DatabaseValueConvertible)?] = [:]
    /// The sort actually used (relevance needs words to rank by; otherwise newest).
    let sort: ListingSort
    /// The FTS5 expression of the positive terms, after the as-you-type rule; nil without words.
    let match: String?

    private var conditions: [String] = []
    private var counter = 0

    /// A match denser than this (share of all listings) is tested per row when another sort drives.
    static let perRowDensity = 0.1
    /// Whether a filter narrows the listings through an index (one organization, new since a date):
    /// then the relevance tail is read from that index, testing each row against the match, instead
    /// of walking every match (a broad word with one employer's listings would walk ~40 % of the table).
    let filterDrivesTail: Bool
    /// Whether the listings are narrowed by organization: one (an employer's own) or by name (`org:`).
    let organizationScoped: Bool
    /// The `org:` text, lowercased, as the condition matches organization names with it.
    let organizationNeedle: String?
    /// Whether `listings_organization` drives: one organization, or an `org:` naming at most
    /// ``fewOrganizations`` (``SQLiteSession/chooseOrganizationIndex(_:)`` counts them). With more,
    /// merging their ranges would sort most of the table; the planner's walk is then cheaper.
    var byOrganizationIndex: Bool
    static let fewOrganizations = 20
    /// Whether the match ends in a prefix longer than the longest prefix index (10 characters). FTS5
    /// merges such a prefix's doclists into memory each time a statement starts reading the match, so
    /// it must never be looked up once per row: sets instead of per-row tests.
    let hasLongPrefix: Bool
    /// The longest prefix FTS5 keeps an index for (``SearchPrefixesV5``).
    static let longestIndexedPrefix = SearchPrefixesV5.prefixLengths.last ?? 4

    init(filter: ListingFilter, scope: ListingScope) {
        let filter = filter.normalized().asTyped()
        hasLongPrefix = filter.terms.contains { term in
            guard case .word(let text) = term, let last = text.unicodeScalars.last, FTSTokenizer.isTokenScalar(last)
            else {
                return false
            }
            let token = text.unicodeScalars.reversed().prefix(while: FTSTokenizer.isTokenScalar)
            return token.count > Self.longestIndexedPrefix
        }
        let match = filter.ftsMatchExpression()
        self.match = match
        let requested = filter.effectiveSort
        sort = requested == .relevance && match == nil ? .newest : requested
        organizationScoped = scope.organizationID != nil || filter.organization != nil
        organizationNeedle = filter.organization.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        byOrganizationIndex = scope.organizationID != nil
        filterDrivesTail = organizationScoped || scope.publishedAfter != nil
        if match == nil, let excluded = filter.ftsExclusionMatchExpression() {
            conditions.append("l.id NOT IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(excluded)))")
        }
        conditions += ListingConditions.conditions(filter: filter, scope: scope, dialect: .sqlite) {
            bind($0.columnValue.databaseValue)
        }
    }

    // MARK: Statements

    /// `SELECT count(*)` of every listing the filter and scope admit, stopping at `limit` when set.
    mutating func countSQL(limit: Int?) -> String {
        let rows =
            if let match {
                "\(Self.coveredMatchJoin) \(whereClause([matchCondition(match)] + conditions))"
            } else {
                "FROM listings AS l \(whereClause(conditions))"
            }
        guard let limit else { return "SELECT count(*) \(rows)" }
        return "SELECT count(*) FROM (SELECT 1 \(rows) LIMIT \(bind(limit)))"
    }

    /// How the match is joined when FTS5 drives.
    private static let matchJoin = "FROM listings_fts CROSS JOIN listings AS l ON l.id = listings_fts.rowid"

    /// The same join through `listings_search_by_id` (``SearchCoveringV14``): each match's conditions
    /// are checked on its index entry, and its row is read only if it passes and the statement needs
    /// more than the id. For the statements that walk many matches: the window, the tail, the count.
    private static let coveredMatchJoin =
        "FROM listings_fts CROSS JOIN listings AS l INDEXED BY \(SearchCoveringV14.byID) ON l.id = listings_fts.rowid"

    private mutating func matchCondition(_ match: String) -> String {
        "listings_fts MATCH \(bind(match))"
    }

    /// A page without full-text words (browse, or exclusions only), or with words in another sort:
    /// `plan` says how the match is tested.
    mutating func sortedPageSQL(cursor: PageCursor?, limit: Int, plan: MatchPlan) -> String {
        var all = conditions
        if let cursor { all.append(cursorCondition(cursor)) }
        let from: String
        switch (match, plan) {
        case (nil, _):
            // The sort's index drives and stops after a page, checking every condition on its
            // entries (``SearchCoveringV14``). Left to choose, the planner reads the range of a
            // condition's index (the open-only deadline, `stipend>=`) and sorts it: a million rows
            // when every listing is open. A few organizations' listings are read by their index.
            if byOrganizationIndex {
                from = "FROM listings AS l INDEXED BY listings_organization"
            } else if organizationScoped {
                if sort != .deadline { all = all.map(Self.withoutDeadlineIndex) }
                from = "FROM listings AS l"
            } else {
                from = "FROM listings AS l INDEXED BY \(sortIndex)"
            }
        case (let match?, .readWhole):
            all.insert(matchCondition(match), at: 0)
            from = Self.matchJoin
        case (let match?, .matchSet):
            all.append("l.id IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(match)))")
            from = "FROM listings AS l"
        case (let match?, .perRow):
            if sort != .deadline {
                // The per-row test is the expensive part, so the sort's index must drive and stop after a
                // page. A deadline range (open-only) would tempt the planner to read that range and sort it
                // instead; the unary `+` takes the deadline index out of its choices.
                all = all.map(Self.withoutDeadlineIndex)
            }
            all.append(
                "EXISTS (SELECT 1 FROM listings_fts WHERE listings_fts MATCH \(bind(match)) AND rowid = l.id)")
            from = "FROM listings AS l"
        }
        return """
            SELECT \(Rows.summaryColumns), \(sortKey) AS sort_key
            \(from)
            \(whereClause(all))
            ORDER BY \(orderBy)
            LIMIT \(bind(limit))
            """
    }

    /// The browse index of the sort (``SearchCoveringV14``).
    private var sortIndex: String {
        switch sort {
        case .relevance, .newest: "listings_published_newest"
        case .deadline: "listings_published_deadline"
        case .stipend: "listings_published_stipend"
        }
    }

    /// `condition` with its deadline tests unusable by an index (`+l.deadline`), so the sort's index drives.
    private static func withoutDeadlineIndex(_ condition: String) -> String {
        condition.replacingOccurrences(of: "l.deadline ", with: "+l.deadline ")
    }

    /// The newest `examined` rowids of the match: how many there are and the lowest.
    mutating func probeSQL(examined: Int) -> String {
        guard let match else { return "SELECT 0 AS n, NULL AS low, NULL AS high" }
        return """
            SELECT count(*) AS n, min(rowid) AS low, (SELECT max(id) FROM listings) AS high FROM (
                SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(match)) ORDER BY rowid DESC LIMIT \(bind(examined))
            )
            """
    }

    /// The relevance window: ids and bm25 of the newest matches down to rowid `low` that pass the
    /// filters, at most `ranked`, newest first.
    mutating func windowSQL(low: Int64, ranked: Int) -> String {
        guard let match else { return "SELECT NULL AS id, NULL AS rank LIMIT 0" }
        let all = [matchCondition(match), "listings_fts.rowid >= \(bind(low))"] + conditions
        return """
            SELECT l.id AS id, \(SearchRank.expression) AS rank
            \(Self.coveredMatchJoin)
            \(whereClause(all))
            ORDER BY listings_fts.rowid DESC
            LIMIT \(bind(ranked))
            """
    }

    /// The tail after the window: matches below rowid `below` that pass the filters, newest first.
    mutating func tailSQL(below: Int64, limit: Int) -> String {
        guard let match else { return "SELECT \(Rows.summaryColumns) FROM listings AS l LIMIT 0" }
        if filterDrivesTail {
            let test =
                hasLongPrefix
                ? "l.id IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(match)))"
                : "EXISTS (SELECT 1 FROM listings_fts WHERE listings_fts MATCH \(bind(match)) AND rowid = l.id)"
            let all = conditions.map(Self.withoutDeadlineIndex) + ["l.id < \(bind(below))", test]
            return """
                SELECT \(Rows.summaryColumns)
                FROM listings AS l\(byOrganizationIndex ? " INDEXED BY listings_organization" : "")
                \(whereClause(all))
                ORDER BY l.id DESC
                LIMIT \(bind(limit))
                """
        }
        let all = [matchCondition(match), "listings_fts.rowid < \(bind(below))"] + conditions
        return """
            SELECT \(Rows.summaryColumns)
            \(Self.coveredMatchJoin)
            \(whereClause(all))
            ORDER BY listings_fts.rowid DESC
            LIMIT \(bind(limit))
            """
    }

    /// How a sorted page with words tests the match (see the type's documentation).
    enum MatchPlan: Equatable {
        /// FTS5 drives: the whole match is read, filtered and sorted (small matches).
        case readWhole
        /// The sort's index drives; the match is built once as a set of rowids.
        case matchSet
        /// The sort's index drives; each row is looked up in the match (dense matches).
        case perRow
    }

    // MARK: Sort and cursor

    private var sortKey: String {
        switch sort {
        case .relevance, .newest: "l.published_at"
        case .deadline: "l.deadline"
        case .stipend: "l.stipend_kes"
        }
    }

    private var orderBy: String {
        switch sort {
        case .deadline: "l.deadline, l.id"
        case .relevance, .newest: "l.published_at DESC, l.id DESC"
        case .stipend: "l.stipend_kes DESC, l.id DESC"
        }
    }

    private mutating func cursorCondition(_ cursor: PageCursor) -> String {
        let id = bind(cursor.id)
        switch sort {
        case .deadline:
            let key = bind(ColumnCoding.microseconds(seconds: cursor.key ?? 0))
            return "(l.deadline, l.id) > (\(key), \(id))"
        case .relevance, .newest, .stipend:
            // Descending with NULL (never published, unpaid) last.
            let column = sort == .stipend ? "l.stipend_kes" : "l.published_at"
            if let value = cursor.key {
                let key =
                    sort == .stipend
                    ? bind(Int64(clampingRounded: value)) : bind(ColumnCoding.microseconds(seconds: value))
                return "((\(column), l.id) < (\(key), \(id)) OR \(column) IS NULL)"
            }
            return "(\(column) IS NULL AND l.id < \(id))"
        }
    }

    /// The cursor that continues after `row` of a sorted page (its sort key and id).
    func cursor(after row: Row, id: ListingID) throws -> PageCursor {
        switch sort {
        case .deadline, .newest, .relevance:
            let microseconds = try row.decode(Int64?.self, forColumn: "sort_key")
            return PageCursor(key: microseconds.map(ColumnCoding.seconds(microseconds:)), id: id.rawValue)
        case .stipend:
            let value = try row.decode(DatabaseValue.self, forColumn: "sort_key")
            return PageCursor(
                key: value.isNull ? nil : try row.decode(Double.self, forColumn: "sort_key"), id: id.rawValue)
        }
    }

    // MARK: SQL text

    private func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: "\n  AND ")
    }

    private mutating func bind(_ value: some DatabaseValueConvertible) -> String {
        counter += 1
        let name = "p\(counter)"
        arguments[name] = value
        return ":" + name
    }

    /// The arguments `sql` names (each statement uses some of the builder's parameters).
    func arguments(for sql: String) -> StatementArguments {
        var used: [String: (any DatabaseValueConvertible)?] = [:]
        var scalars = sql.unicodeScalars[...]
        while let colon = scalars.firstIndex(of: ":") {
            scalars = scalars[scalars.index(after: colon)...]
            let name = scalars.prefix { $0 == "p" || ("0"..."9").contains($0) }
            if let value = arguments[String(String.UnicodeScalarView(name))] {
                used[String(String.UnicodeScalarView(name))] = value
            }
            scalars = scalars[name.endIndex...]
        }
        return StatementArguments(used)
    }

    /// `sql` with every bound argument written as a literal, for the `sqlite3` shell.
    func literalSQL(_ sql: String) -> String {
        var text = sql
        // Longest names first, so `:p1` never replaces the start of `:p12`.
        for (name, value) in arguments.sorted(by: { $0.key.count > $1.key.count }) {
            let literal: String
            switch value?.databaseValue.storage {
            case .int64(let number): literal = String(number)
            case .double(let number): literal = String(number)
            case .string(let string): literal = "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
            case .blob, .null, nil: literal = "NULL"
            }
            text = text.replacingOccurrences(of: ":" + name, with: literal)
        }
        return text
    }
}

/// Collects the statements a listing search ran, with their arguments as literals.
final class SearchTrace: Sendable {
    private let statements = Mutex<[String]>([])

    func record(_ sql: String) { statements.withLock { $0.append(sql) } }

    var recorded: [String] { statements.withLock { $0 } }
}

extension SQLiteSession {
    func searchListings(_ request: ListingSearchRequest) throws -> Page<ListingSummary> {
        var query = ListingSearchSQL(filter: request.filter, scope: request.scope)
        try chooseOrganizationIndex(&query)
        let limit = max(request.limit, 0)
        if query.match != nil && query.sort == .relevance {
            return try relevancePage(&query, cursor: request.cursor, limit: limit)
        }
        var plan = ListingSearchSQL.MatchPlan.readWhole
        if query.match != nil {
            let probe = try self.probe(&query)
            if probe.count == searchWindow.examined, let low = probe.low, let high = probe.high {
                // The whole match is larger than the probe: test membership from the sort's index.
                let density = Double(probe.count) / Double(max(1, high - low + 1))
                plan = density >= ListingSearchSQL.perRowDensity && !query.hasLongPrefix ? .perRow : .matchSet
            }
        }
        let sql = query.sortedPageSQL(cursor: request.cursor, limit: limit + 1, plan: plan)
        let rows = try fetchRows(sql, query)
        var items: [ListingSummary] = []
        items.reserveCapacity(min(rows.count, limit))
        for row in rows.prefix(limit) {
            items.append(try Rows.summary(RowReader(row), score: nil))
        }
        var next: PageCursor?
        if rows.count > limit, let last = rows.prefix(limit).last, let item = items.last {
            next = try query.cursor(after: last, id: item.id)
        }
        return Page(items: items, nextCursor: next)
    }

    func countListings(_ filter: ListingFilter, scope: ListingScope, upTo limit: Int?) throws -> Int {
        if OpenListingTally.answers(filter, scope: scope) { return try OpenListingTally.count(in: self, scope: scope) }
        var query = ListingSearchSQL(filter: filter, scope: scope)
        let sql = query.countSQL(limit: limit)
        return try count(sql, query.arguments(for: sql))
    }

    /// Lets `listings_organization` drive when `org:` names at most ``ListingSearchSQL/fewOrganizations``
    /// organizations (the same match as the condition's, over the small organizations table).
    func chooseOrganizationIndex(_ query: inout ListingSearchSQL) throws {
        guard let needle = query.organizationNeedle, !query.byOrganizationIndex else { return }
        let named = try count(
            "SELECT count(*) FROM organizations WHERE instr(name_lower, ?) > 0", StatementArguments([needle]))
        query.byOrganizationIndex = named <= ListingSearchSQL.fewOrganizations
    }

    // MARK: Relevance

    /// One page of relevance order: the window ranked by bm25, then the tail newest first.
    private func relevancePage(_ query: inout ListingSearchSQL, cursor: PageCursor?, limit: Int) throws -> Page<
        ListingSummary
    > {
        let need = limit + 1
        // (item, cursor that continues after it)
        var picked: [(ListingSummary, PageCursor)] = []
        var tailStart: Int64?
        if let cursor, cursor.key == nil {
            tailStart = cursor.id  // already in the tail
        } else {
            let probe = try self.probe(&query)
            guard probe.count > 0, let low = probe.low else { return Page(items: [], nextCursor: nil) }
            let sql = query.windowSQL(low: low, ranked: searchWindow.ranked)
            // Up to `ranked` rows of two numbers: read in place from a cursor, no row copied.
            searchTrace?.record(query.literalSQL(sql))
            var window: [(id: Int64, rank: Double)] = []
            window.reserveCapacity(searchWindow.ranked)
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: query.arguments(for: sql))
            while let row = try rows.next() {
                window.append((id: row[0], rank: row[1]))
            }
            if window.count == searchWindow.ranked, let last = window.last {
                tailStart = last.id  // the window stopped at its size: the tail is below its oldest row
            } else if probe.count == searchWindow.examined {
                tailStart = low  // the probe stopped at its size: the tail is below what it walked
            }
            var ranked = window.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
            if let cursor, let key = cursor.key {
                ranked.removeAll { ($0.rank, $0.id) <= (key, cursor.id) }
            }
            let page = Array(ranked.prefix(need))
            if let trace = searchTrace, !page.isEmpty {
                let list = page.map { String($0.id) }.joined(separator: ",")
                trace.record(
                    "SELECT \(Rows.summaryColumns) FROM listings AS l WHERE l.id IN (SELECT value FROM json_each('[\(list)]'))"
                )
            }
            let summaries = try listingSummaries(page.map { ListingID(rawValue: $0.id) })
            let byID = Dictionary(summaries.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
            for entry in page {
                guard var summary = byID[entry.id] else { continue }
                // bm25 is lower for better matches; the score is higher for better ones.
                summary.score = -entry.rank
                picked.append((summary, PageCursor(key: entry.rank, id: entry.id)))
            }
        }
        if picked.count < need, let below = tailStart {
            let sql = query.tailSQL(below: below, limit: need - picked.count)
            for row in try fetchRows(sql, query) {
                let summary = try Rows.summary(RowReader(row), score: nil)
                picked.append((summary, PageCursor(key: nil, id: summary.id.rawValue)))
            }
        }
        let items = picked.prefix(limit).map(\.0)
        let next = picked.count > limit ? picked.prefix(limit).last?.1 : nil
        return Page(items: Array(items), nextCursor: next)
    }

    private func probe(_ query: inout ListingSearchSQL) throws -> (count: Int, low: Int64?, high: Int64?) {
        let sql = query.probeSQL(examined: searchWindow.examined)
        guard let row = try fetchRows(sql, query).first else { return (0, nil, nil) }
        return (
            try row.decode(Int.self, atIndex: 0), try row.decode(Int64?.self, atIndex: 1),
            try row.decode(Int64?.self, atIndex: 2)
        )
    }

    private func fetchRows(_ sql: String, _ query: ListingSearchSQL) throws -> [Row] {
        searchTrace?.record(query.literalSQL(sql))
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: query.arguments(for: sql))
    }
}
