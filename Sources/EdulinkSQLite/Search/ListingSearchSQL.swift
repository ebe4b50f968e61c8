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
/// 1. *window*: of the newest `examined` matches, those that pass the filters, at most `ranked`,
///    each scored with `edulink_rank` (``SearchRank``: bm25 with the column weights of v2, without
///    IDF, so nothing walks the whole match before the first row); FTS5 only scores the rows the
///    statement visits because the order is `rowid DESC`, which FTS5 produces incrementally. The
///    window is then ordered by score in Swift (a thousand pairs). Without facets (below) it is one
///    walk of the match, joined to `listings`, each row scored if it passes and the reading stopped
///    at `ranked` (``windowWalkSQL(examined:)``); with them a *probe* first finds the lowest rowid
///    of the newest `examined` matches of the words, unscored, and the narrowed match is walked
///    down to it (``windowSQL(low:ranked:)``);
/// 2. *tail*: every other match that passes the filters, newest first (`rowid DESC` below the
///    window), unscored. With a filter that has its own index (many organizations, new since a
///    date) that index drives and each row is looked up in the match (``filterDrivesTail``).
///
/// **Other sorts with words** (`data sort:deadline`): `listings` is walked through the sort's index
/// and each row's membership in the match is tested. A broad match (the probe shows more than
/// ``perRowDensity`` of all listings match) is tested per row with a rowid lookup in FTS5, which
/// stops after a page of hits; a narrower match is built once as a set (`IN (SELECT rowid …)`); a
/// match smaller than the probe, or one narrowed to a few organizations, is read whole and sorted.
///
/// **The category index.** When the categories' index in ``SharedSchema/searchCategory`` holds few
/// of the listings the filters admit (with the level, location type and stipend), it drives a count
/// with words and the relevance tail, and each of its listings is tested against the match
/// (``categoryDrives``): `data remote:yes stipend>=75000 category:technology level:entry` tests 761
/// listings instead of walking 391,495 matches. A count of filters without words reads the
/// categories' entries.
///
/// **Filters inside the match.** A count with words, the relevance window and its tail ask FTS5 for
/// the match and the filters' facets together (``facetMatch``, ``SearchFacetsV16``): `marketing
/// deadline<14d` is `marketing AND (zqd… OR …)`, one intersection of doclists inside FTS5, and only
/// the listings in it are looked up for the conditions, which still decide. The probe asks for the
/// words alone, so the window's bounds, and with them the order, are those without the facets. A
/// search limited to a few organizations (an employer's own, `org:"Coral Motors 101"`) narrows the
/// match by their facets too (``SearchOrganizationsV17``), so its window, tail, count and sorted
/// pages are intersections inside FTS5.
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
    /// The filters' facets as an FTS5 expression (``SearchFacetsV16``): the categories, levels and
    /// location types named, and the days of a deadline range; nil when the filters name none. The
    /// statements FTS5 drives (a count with words, the relevance window and its tail) ask it for the
    /// match and these together (``narrowedMatch``), so FTS5 intersects their doclists before a
    /// listing is looked up; the conditions still decide, so the facets only ever skip listings
    /// the conditions would refuse. The probe, which sets the window's bounds, asks for the words
    /// alone: the window is the same with or without them.
    var facetMatch: String? {
        let groups = filterFacets + (organizationFacet.map { [$0] } ?? [])
        return groups.isEmpty ? nil : groups.joined(separator: " AND ")
    }
    /// The groups of ``facetMatch`` the filters name (``filterFacets(_:now:)``).
    private let filterFacets: [String]
    /// The organizations the search is limited to, as a facet group (`(zqo7 OR zqo9)`), when they are
    /// few (``SearchOrganizationsV17``): the scope's organization, or those `org:` names once
    /// ``SQLiteSession/readNamedOrganizations(_:)`` has read them. FTS5 then intersects the match
    /// with their listings' short doclists, where each listing was looked up in the match before.
    private(set) var organizationFacet: String?
    /// Whether `org:` names no organization at all: nothing can match.
    private(set) var namesNoOrganization = false

    /// `match` narrowed by the filters' facets, for a statement FTS5 drives (see ``facetMatch``).
    private var narrowedMatch: String? {
        match.map { match in facetMatch.map { "(\(match)) AND \($0)" } ?? match }
    }

    private var conditions: [String] = []
    private var counter = 0

    /// A match denser than this (share of all listings) is tested per row when another sort drives.
    static let perRowDensity = 0.1
    /// Whether a filter narrows the listings through an index (`org:` naming many organizations, new
    /// since a date): then the relevance tail is read from that index, testing each row against the
    /// match, instead of walking every match (a broad word with a date range would walk ~40 % of the
    /// table). A few organizations narrow the match itself (``organizationFacet``), which FTS5 walks.
    var filterDrivesTail: Bool { publishedAfterScoped || (organizationScoped && organizationFacet == nil) }
    private let publishedAfterScoped: Bool
    /// Whether the listings are narrowed by organization: one (an employer's own) or by name (`org:`).
    let organizationScoped: Bool
    /// The `org:` text, lowercased, as the condition matches organization names with it.
    let organizationNeedle: String?
    /// Whether the search is limited to one organization or to the few `org:` names (at most
    /// ``ListingConditions/fewOrganizations``; ``SQLiteSession/readNamedOrganizations(_:)`` reads
    /// them): then their tokens narrow the match (``organizationFacet``) and, without words, `listings_organization`
    /// drives. With more, merging their ranges would sort most of the table; the sort's index (a
    /// page) or the ids (the relevance tail) drive instead, each entry checked.
    var byOrganizationIndex: Bool { organizationFacet != nil || namesNoOrganization }
    static let organizationIndex = "listings_organization"
    /// Whether the category index drives a count with words, each of its listings tested against the
    /// match instead of the whole match walked for the few that pass: set by
    /// ``SQLiteSession/countListings(_:scope:upTo:)`` when it holds at most ``fewListings`` and the
    /// match fills the probe (a smaller match is walked faster). It also drives the relevance tail
    /// (``SQLiteSession/narrowTail(_:below:limit:)``).
    var categoryDrives = false
    /// How many listings the category index may hold to drive. A test is a seek in every segment of
    /// the full-text index (about 20 µs with one segment at a million listings, matched or not), a
    /// step of the match with its index entry about 0.35 µs: `data` (388,168 matches) costs 140 ms
    /// walked, the 761 technology listings `remote:yes stipend>=75000 level:entry` admit 17 ms tested.
    static let fewListings = 2_000
    /// Whether the filters name categories (``SharedSchema/searchCategory``'s index may drive).
    let filtersByCategory: Bool
    /// Every level and location type when the filters leave them open: through the category index,
    /// the statements name them all (``categoryIndexConditions``).
    private let openLevels: [String]
    private let openLocationTypes: [String]
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
        let match = filter.ftsMatchExpression().map(SearchFacetsV16.userMatch)
        self.match = match
        filterFacets = Self.filterFacets(filter, now: scope.now)
        organizationFacet = scope.organizationID.map { Self.organizationFacet([$0.rawValue]) }
        let requested = filter.effectiveSort
        sort = requested == .relevance && match == nil ? .newest : requested
        organizationScoped = scope.organizationID != nil || filter.organization != nil
        organizationNeedle = filter.organization.map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        filtersByCategory = !filter.categories.isEmpty
        openLevels = filter.levels.isEmpty ? ExperienceLevel.allCases.map(\.rawValue) : []
        openLocationTypes = filter.locationTypes.isEmpty ? LocationType.allCases.map(\.rawValue) : []
        publishedAfterScoped = scope.publishedAfter != nil
        if match == nil, let excluded = filter.ftsExclusionMatchExpression().map(SearchFacetsV16.userMatch) {
            conditions.append("l.id NOT IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(excluded)))")
        }
        conditions += ListingConditions.conditions(filter: filter, scope: scope, dialect: .sqlite) {
            bind($0.columnValue.databaseValue)
        }
    }

    // MARK: Statements

    /// The groups of facets of `filter` at `now`, each an FTS5 expression (see ``facetMatch``).
    ///
    /// A group that names more than half of its values is left out: its doclists hold most listings,
    /// and merging them costs about what the lookups they save do (`software engineer nairobi
    /// remote:no`, two location types of three: 33–43 ms a page with them, 28–38 ms without, at a
    /// million listings), while one value of three pays (`… remote:yes`: 35 → 19 ms).
    static func filterFacets(_ filter: ListingFilter, now: Date) -> [String] {
        func selective<Value: CaseIterable>(_ named: Set<Value>, _ token: (Value) -> String) -> [String] {
            named.count * 2 <= Value.allCases.count ? named.map(token) : []
        }
        var groups: [[String]] = [
            selective(filter.categories, SearchFacetsV16.token(category:)),
            selective(filter.levels, SearchFacetsV16.token(level:)),
            selective(filter.locationTypes, SearchFacetsV16.token(locationType:)),
        ]
        if let limit = filter.deadlineLimit(now: now),
            let days = SearchFacetsV16.deadlineTokens(after: now, through: limit)
        {
            groups.append(days)
        }
        return groups.filter { !$0.isEmpty }.map(group)
    }

    private static func group(_ tokens: [String]) -> String { "(" + tokens.sorted().joined(separator: " OR ") + ")" }

    private static func organizationFacet(_ ids: [Int64]) -> String {
        group(ids.map(SearchOrganizationsV17.token(organization:)))
    }

    /// Limits the search to the organizations `ids`, those `org:` names: their index and their
    /// facet when they are few, nothing at all when there are none.
    mutating func limit(toOrganizations ids: [Int64]) {
        guard ids.count <= ListingConditions.fewOrganizations else { return }
        if ids.isEmpty { namesNoOrganization = true } else { organizationFacet = Self.organizationFacet(ids) }
    }

    /// `SELECT count(*)` of every listing the filter and scope admit, stopping at `limit` when set.
    mutating func countSQL(limit: Int?) -> String {
        let rows =
            if let match, categoryDrives {
                "FROM listings AS l INDEXED BY \(SharedSchema.categoryIndex) "
                    + whereClause(categoryConditions() + [membershipTest(match)])
            } else if let match = narrowedMatch {
                "\(Self.coveredMatchJoin) \(whereClause([matchCondition(match)] + conditions))"
            } else if filtersByCategory && !organizationScoped {
                // The categories' entries, at most all of them; without statistics (`ANALYZE`) the
                // planner reads the `stipend>=` range of every category instead (64 ms against 10).
                "FROM listings AS l INDEXED BY \(SharedSchema.categoryIndex) \(whereClause(categoryConditions()))"
            } else {
                "FROM listings AS l \(whereClause(conditions))"
            }
        guard let limit else { return "SELECT count(*) \(rows)" }
        return "SELECT count(*) FROM (SELECT 1 \(rows) LIMIT \(bind(limit)))"
    }

    /// How many listings of the filters' categories pass every condition (on the category index's
    /// entries), counted up to `limit`; nil when the filters name no category.
    mutating func categoryListingsSQL(limit: Int) -> String? {
        guard filtersByCategory else { return nil }
        return """
            SELECT count(*) FROM (SELECT 1 FROM listings AS l INDEXED BY \(SharedSchema.categoryIndex) \(whereClause(categoryConditions())) LIMIT \(bind(limit)))
            """
    }

    /// The ids of the listings below `below` that the category index holds and the filters admit,
    /// newest first (at most ``fewListings``: the index was chosen for it).
    mutating func categoryCandidatesSQL(below: Int64) -> String {
        let narrowed = categoryConditions() + ["l.id < \(bind(below))"]
        return """
            SELECT l.id FROM listings AS l INDEXED BY \(SharedSchema.categoryIndex)
            \(whereClause(narrowed))
            ORDER BY l.id DESC
            """
    }

    /// The summaries of those of the listings `:ids` (a JSON array) in the match, newest first.
    mutating func matchingAmongSQL() -> String {
        guard let match else { return "SELECT \(Rows.summaryColumns) FROM listings AS l LIMIT 0" }
        return """
            SELECT \(Rows.summaryColumns) FROM listings AS l
            WHERE l.id IN (SELECT value FROM json_each(:ids)) AND \(membershipTest(match))
            ORDER BY l.id DESC
            """
    }

    /// The conditions for statements the category index drives: every level and location type the
    /// filters leave open is named (the columns are never NULL and hold only those values), so the
    /// index seeks the stipend range under each, not every entry of the categories
    /// (`remote:yes stipend>=20000 category:technology` reads 10,284 entries, not 83,466).
    private mutating func categoryConditions() -> [String] {
        var all = conditions
        if !openLevels.isEmpty { all.append("l.level IN (\(openLevels.map { bind($0) }.joined(separator: ", ")))") }
        if !openLocationTypes.isEmpty {
            all.append("l.location_type IN (\(openLocationTypes.map { bind($0) }.joined(separator: ", ")))")
        }
        return all
    }

    /// A listing's membership in the match, when another index drives: a lookup by rowid, or, for a
    /// long prefix (merged again at every lookup), the match built once as a set.
    private mutating func membershipTest(_ match: String) -> String {
        hasLongPrefix
            ? "l.id IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(match)))"
            : "EXISTS (SELECT 1 FROM listings_fts WHERE listings_fts MATCH \(bind(match)) AND rowid = l.id)"
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
            from = sortDrivenFrom
        case (let match?, .readWhole):
            all.insert(matchCondition(narrowedMatch ?? match), at: 0)
            from = Self.matchJoin
        case (let match?, .matchSet):
            all.append("l.id IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(match)))")
            from = sortDrivenFrom
        case (let match?, .perRow):
            // The per-row test is the expensive part: the sort's index drives and stops after a page.
            all.append(
                "EXISTS (SELECT 1 FROM listings_fts WHERE listings_fts MATCH \(bind(match)) AND rowid = l.id)")
            from = sortDrivenFrom
        }
        return """
            SELECT \(Rows.summaryColumns), \(sortKey) AS sort_key
            \(from)
            \(whereClause(all))
            ORDER BY \(orderBy)
            LIMIT \(bind(limit))
            """
    }

    /// Where a sorted page reads listings: the sort's index, named, so it drives and stops after a
    /// page, or the organizations' index when they are few (``byOrganizationIndex``). Left to choose,
    /// the planner took ``SharedSchema/searchCategory``'s index for `l.status = ?` and sorted every
    /// open listing, testing each against the match first (seconds at a million listings; found by
    /// the benchmark on a database where only that index had no statistics).
    private var sortDrivenFrom: String {
        byOrganizationIndex
            ? "FROM listings AS l INDEXED BY \(Self.organizationIndex)"
            : "FROM listings AS l INDEXED BY \(sortIndex)"
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
        guard let match = narrowedMatch else { return "SELECT NULL AS id, NULL AS rank LIMIT 0" }
        let all = [matchCondition(match), "listings_fts.rowid >= \(bind(low))"] + conditions
        return """
            SELECT l.id AS id, \(SearchRank.expression) AS rank
            \(Self.coveredMatchJoin)
            \(whereClause(all))
            ORDER BY listings_fts.rowid DESC
            LIMIT \(bind(ranked))
            """
    }

    /// Whether the filters name facets, so the window is read through the probe's bounds with the
    /// narrowed match (``windowSQL(low:ranked:)``) rather than in one walk (``windowWalkSQL(examined:)``).
    var narrowsMatch: Bool { match != nil && facetMatch != nil }

    /// The relevance window in one walk, when the filters name no facet: the newest `examined` matches
    /// of the words, newest first, each with its bm25 if it passes the filters and NULL if not (the
    /// `CASE` scores only a passing row). The reader stops at `ranked` passing rows, so a search whose
    /// newest matches mostly pass walks about `ranked` of them, where the probe walked `examined`
    /// before the window walked them again: the same rows are ranked as by probe and window (the
    /// newest `examined` matches bound both), for a tenth of the walk.
    mutating func windowWalkSQL(examined: Int) -> String {
        guard let match else { return "SELECT NULL AS id, NULL AS rank LIMIT 0" }
        let passes = conditions.isEmpty ? "1" : conditions.joined(separator: "\n  AND ")
        return """
            SELECT listings_fts.rowid AS id, CASE WHEN \(passes) THEN \(SearchRank.expression) END AS rank
            \(Self.coveredMatchJoin)
            WHERE \(matchCondition(match))
            ORDER BY listings_fts.rowid DESC
            LIMIT \(bind(examined))
            """
    }

    /// The tail after the window: matches below rowid `below` that pass the filters, newest first.
    mutating func tailSQL(below: Int64, limit: Int) -> String {
        guard let match else { return "SELECT \(Rows.summaryColumns) FROM listings AS l LIMIT 0" }
        if filterDrivesTail {
            let all = conditions.map(Self.withoutDeadlineIndex) + ["l.id < \(bind(below))", membershipTest(match)]
            return """
                SELECT \(Rows.summaryColumns)
                FROM listings AS l\(tailIndex.map { " INDEXED BY \($0)" } ?? "")
                \(whereClause(all))
                ORDER BY l.id DESC
                LIMIT \(bind(limit))
                """
        }
        let all = [matchCondition(narrowedMatch ?? match), "listings_fts.rowid < \(bind(below))"] + conditions
        return """
            SELECT \(Rows.summaryColumns)
            \(Self.coveredMatchJoin)
            \(whereClause(all))
            ORDER BY listings_fts.rowid DESC
            LIMIT \(bind(limit))
            """
    }

    /// The index a tail driven by the filters reads: the organizations' when they are few; for an
    /// `org:` naming many, the ids newest first, each entry checked, stopping after a page (left to
    /// choose, the planner sorted every open listing by id after testing it against the match); for
    /// "new since", the planner's range of `published_at`.
    private var tailIndex: String? {
        if byOrganizationIndex { return Self.organizationIndex }
        return organizationScoped ? SearchCoveringV14.byID : nil
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
        try readNamedOrganizations(&query)
        if query.namesNoOrganization { return Page(items: [], nextCursor: nil) }
        let limit = max(request.limit, 0)
        if query.match != nil && query.sort == .relevance {
            return try relevancePage(&query, cursor: request.cursor, limit: limit)
        }
        var plan = ListingSearchSQL.MatchPlan.readWhole
        // A few organizations' matches are one intersection inside FTS5: read whole and sorted.
        if query.match != nil, query.organizationFacet == nil {
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
        if query.match != nil {
            try readNamedOrganizations(&query)
            if query.namesNoOrganization { return 0 }
            // A match smaller than the probe is walked at once; a larger one (the probe full) costs more
            // than testing a few listings one by one, unless a few organizations narrow it in FTS5.
            if query.organizationFacet == nil, try holdsFewByCategory(&query),
                try probe(&query).count == searchWindow.examined
            {
                query.categoryDrives = true
            }
        }
        let sql = query.countSQL(limit: limit)
        return try count(sql, query.arguments(for: sql))
    }

    /// Limits the search to the organizations `org:` names when they are at most
    /// ``ListingConditions/fewOrganizations`` (the same match as the condition's, over the small
    /// organizations table, in the same read): their index and their facets narrow it.
    private func readNamedOrganizations(_ query: inout ListingSearchSQL) throws {
        guard let needle = query.organizationNeedle, !query.byOrganizationIndex else { return }
        let named = try Int64.fetchAll(
            db.cachedStatement(sql: ListingConditions.namedOrganizationsSQL("?", dialect: .sqlite)), arguments: [needle]
        )
        query.limit(toOrganizations: named)
    }

    /// Whether the category index holds at most ``ListingSearchSQL/fewListings`` of this search's listings.
    private func holdsFewByCategory(_ query: inout ListingSearchSQL) throws -> Bool {
        guard let sql = query.categoryListingsSQL(limit: ListingSearchSQL.fewListings + 1) else { return false }
        return try count(sql, query.arguments(for: sql)) <= ListingSearchSQL.fewListings
    }

    /// The relevance tail from the category index: its listings below `below` that pass the filters,
    /// newest first, tested against the match in batches until `limit` are found, each batch sized
    /// by the share of the tested listings that matched so far, so a page tests about `limit` ÷ that
    /// share, not all of them. A long prefix is tested in one batch (its match is built as a set for
    /// each statement).
    private func narrowTail(_ query: inout ListingSearchSQL, below: Int64, limit: Int) throws -> [Row] {
        let candidatesSQL = query.categoryCandidatesSQL(below: below)
        searchTrace?.record(query.literalSQL(candidatesSQL))
        let candidates = try Int64.fetchAll(
            db.cachedStatement(sql: candidatesSQL), arguments: query.arguments(for: candidatesSQL))
        let sql = query.matchingAmongSQL()
        var rows: [Row] = []
        var start = 0
        var batch = query.hasLongPrefix ? max(candidates.count, 1) : 64
        while rows.count < limit, start < candidates.count {
            let ids = candidates[start..<min(start + batch, candidates.count)]
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            searchTrace?.record(query.literalSQL(sql).replacingOccurrences(of: ":ids", with: "'\(list)'"))
            var arguments = query.arguments(for: sql)
            arguments += ["ids": list]
            rows += try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
            start += ids.count
            // The next batch: what is still missing at the share found so far (a quarter more).
            let share = max(Double(rows.count) / Double(start), 0.01)
            batch = max(16, Int((Double(limit - rows.count) / share * 1.25).rounded(.up)))
        }
        return Array(rows.prefix(limit))
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
            var window: [(id: Int64, rank: Double)] = []
            window.reserveCapacity(searchWindow.ranked)
            // The lowest rowid walked when the walk stopped at `examined` matches, else nil.
            let walkEnd: Int64?
            if query.narrowsMatch {
                // The probe bounds the window by the words alone; the window walks the narrowed match.
                let probe = try self.probe(&query)
                guard probe.count > 0, let low = probe.low else { return Page(items: [], nextCursor: nil) }
                let sql = query.windowSQL(low: low, ranked: searchWindow.ranked)
                // Up to `ranked` rows of two numbers: read in place from a cursor, no row copied.
                searchTrace?.record(query.literalSQL(sql))
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: query.arguments(for: sql))
                while let row = try rows.next() {
                    window.append((id: row[0], rank: row[1]))
                }
                walkEnd = probe.count == searchWindow.examined ? low : nil
            } else {
                let sql = query.windowWalkSQL(examined: searchWindow.examined)
                // Traced as the reader runs it: stopping at `ranked` passing rows.
                let traced = "SELECT id, rank FROM (\(sql)) WHERE rank IS NOT NULL LIMIT \(searchWindow.ranked)"
                searchTrace?.record(query.literalSQL(traced))
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: query.arguments(for: sql))
                var walked = 0
                var lowest: Int64?
                while let row = try rows.next() {
                    walked += 1
                    lowest = row[0]
                    if let rank: Double = row[1] {
                        window.append((id: row[0], rank: rank))
                        if window.count == searchWindow.ranked { break }
                    }
                }
                guard walked > 0 else { return Page(items: [], nextCursor: nil) }
                walkEnd = walked == searchWindow.examined ? lowest : nil
            }
            // The tail is below a full window's oldest row, else below a walk that stopped at its size.
            tailStart = window.count == searchWindow.ranked ? window.last?.id : walkEnd
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
            // Filters that admit few listings of their categories: those are tested, not every match
            // (unless a few organizations narrow the match: FTS5 intersects it with theirs).
            let rows =
                if !query.filterDrivesTail, query.organizationFacet == nil, try holdsFewByCategory(&query) {
                    try narrowTail(&query, below: below, limit: need - picked.count)
                } else {
                    try fetchRows(query.tailSQL(below: below, limit: need - picked.count), query)
                }
            for row in rows {
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
