import EdulinkCore
import Foundation

/// One SQL statement for a listing search: every filter of `ListingFilter`, every rule of
/// `ListingScope`, the sort, and keyset pagination — the same predicates, orders and cursors as the
/// SQLite store's `ListingSearchSQL`, so both stores return the same pages.
///
/// With words or phrases, `search_vector @@ to_tsquery('simple', …)` uses the GIN index
/// `listings_search` and `ts_rank` scores each match (see `SearchIndexV2` for the weights). A query
/// of exclusions only (`-sales`) filters with the same operator (`!'sales'`) but, as on SQLite, has
/// no relevance and sorts newest first. Without words, `listings` is read in the order of the sort
/// through one of the `listings_published_*` indexes.
///
/// | sort | order | cursor key |
/// |---|---|---|
/// | relevance | ts_rank descending (best first), id ascending | the rank |
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
    private var tsQuery = ""

    /// Column weights for `ts_rank`, in its `{D, C, B, A}` order: description 0.1, organization and
    /// location 0.25, skills 0.5, title 1.0 — the proportions of the SQLite store's bm25 weights
    /// (title 10, skills 5, organization 3, location 2, description 1).
    static let rankWeights = "'{0.1, 0.25, 0.5, 1.0}'::real[]"

    /// The statement of one page of `request`, fetching one row more than the limit to learn whether
    /// another page follows.
    static func page(_ request: ListingSearchRequest) -> ListingSearchQuery {
        var query = ListingSearchQuery(filter: request.filter.normalized().asTyped(), scope: request.scope)
        query.addCursor(request.cursor)
        let limit = query.arguments.bind(max(request.limit, 0) + 1)
        query.sql = """
            SELECT \(PostgresSession.summaryColumns), \(query.rankExpression) AS search_rank,
                \(query.sortKey) AS sort_key
            FROM listings AS l
            \(query.whereClause)
            ORDER BY \(query.orderBy)
            LIMIT \(limit)
            """
        return query
    }

    /// The statement counting every listing the filter and scope admit.
    static func count(_ filter: ListingFilter, scope: ListingScope) -> ListingSearchQuery {
        var query = ListingSearchQuery(filter: filter.normalized().asTyped(), scope: scope)
        query.sql = "SELECT count(*) AS count FROM listings AS l \(query.whereClause)"
        return query
    }

    private init(filter: ListingFilter, scope: ListingScope) {
        ranks = filter.ftsMatchExpression() != nil
        let requested = filter.effectiveSort
        sort = requested == .relevance && !ranks ? .newest : requested
        if let expression = filter.tsQueryExpression() {
            tsQuery = "to_tsquery('simple', edulink_search_query(\(arguments.bind(expression))))"
            conditions.append("l.search_vector @@ \(tsQuery)")
        }
        addScope(scope, eligibility: filter.eligibleForMe ? scope.eligibility : nil)
        addFilter(filter, now: scope.now)
    }

    private var rankExpression: String {
        ranks ? "ts_rank(\(Self.rankWeights), l.search_vector, \(tsQuery))" : "NULL::real"
    }

    // MARK: Predicates

    private mutating func addScope(_ scope: ListingScope, eligibility: EligibilityContext?) {
        if scope.openOnly {
            // The literal 'published' lets the planner use the listings_published_* indexes.
            conditions.append(
                "l.status = 'published' AND l.verified_at IS NOT NULL AND l.deadline > \(arguments.bind(scope.now))")
        }
        if !scope.seesAllInstitutions {
            if let institution = scope.viewerInstitutionID {
                conditions.append("(l.visibility = 'public' OR l.institution_id = \(arguments.bind(institution)))")
            } else {
                conditions.append("l.visibility = 'public'")
            }
        }
        if let publishedAfter = scope.publishedAfter {
            conditions.append("l.published_at > \(arguments.bind(publishedAfter))")
        }
        if let organization = scope.organizationID {
            conditions.append("l.organization_id = \(arguments.bind(organization))")
        }
        if let eligibility {
            if let year = eligibility.yearOfStudy, (1...62).contains(year) {
                let bit = arguments.bind(Int64(1) << Int64(year))
                conditions.append("(l.eligible_years_mask = 0 OR (l.eligible_years_mask & \(bit)) <> 0)")
            } else {
                conditions.append("l.eligible_years_mask = 0")
            }
            if let course = eligibility.course?.lowercased(), !course.isEmpty {
                let needle = arguments.bind(ListKey.needle(course))
                conditions.append("(l.eligible_courses_key = '' OR strpos(l.eligible_courses_key, \(needle)) > 0)")
            } else {
                conditions.append("l.eligible_courses_key = ''")
            }
        }
    }

    private mutating func addFilter(_ filter: ListingFilter, now: Date) {
        if !filter.categories.isEmpty {
            conditions.append("l.category IN (\(bindList(filter.categories.map(\.rawValue))))")
        }
        if !filter.locationTypes.isEmpty {
            conditions.append("l.location_type IN (\(bindList(filter.locationTypes.map(\.rawValue))))")
        }
        if !filter.levels.isEmpty {
            conditions.append("l.level IN (\(bindList(filter.levels.map(\.rawValue))))")
        }
        if let location = filter.location?.lowercased(), !location.isEmpty {
            conditions.append("strpos(l.location_lower, \(arguments.bind(location))) > 0")
        }
        if let organization = filter.organization?.lowercased(), !organization.isEmpty {
            conditions.append(
                "l.organization_id IN (SELECT id FROM organizations WHERE strpos(name_lower, "
                    + "\(arguments.bind(organization))) > 0)")
        }
        if filter.paidOnly {
            conditions.append("l.stipend_kes IS NOT NULL")
        }
        if let minimum = filter.minimumStipendKES {
            conditions.append("l.stipend_kes >= \(arguments.bind(minimum))")
        }
        if let minimum = filter.minimumDurationWeeks {
            conditions.append("l.duration_weeks >= \(arguments.bind(minimum))")
        }
        if let maximum = filter.maximumDurationWeeks {
            conditions.append("l.duration_weeks <= \(arguments.bind(maximum))")
        }
        if let days = filter.deadlineWithinDays {
            let limit = now.addingTimeInterval(Double(days) * 86_400)
            conditions.append("l.deadline > \(arguments.bind(now)) AND l.deadline <= \(arguments.bind(limit))")
        }
        for skill in filter.skills where !skill.isEmpty {
            conditions.append("strpos(l.skills_key, \(arguments.bind(ListKey.needle(skill)))) > 0")
        }
        if filter.featuredOnly {
            conditions.append("l.featured")
        }
    }

    // MARK: Sort and cursor

    private var sortKey: String {
        switch sort {
        case .relevance: rankExpression
        case .deadline: "l.deadline"
        case .newest: "l.published_at"
        case .stipend: "l.stipend_kes"
        }
    }

    private var orderBy: String {
        switch sort {
        case .relevance: "search_rank DESC, l.id"
        case .deadline: "l.deadline, l.id"
        case .newest: "l.published_at DESC NULLS LAST, l.id DESC"
        case .stipend: "l.stipend_kes DESC NULLS LAST, l.id DESC"
        }
    }

    private mutating func addCursor(_ cursor: PageCursor?) {
        guard let cursor else { return }
        switch sort {
        case .relevance:
            // The rank is a `real`; the cursor's Double holds it exactly, so the cast back is exact.
            let key = arguments.bind(cursor.key ?? Double(Float.greatestFiniteMagnitude))
            let id = arguments.bind(cursor.id)
            conditions.append(
                "(\(rankExpression) < \(key)::real OR (\(rankExpression) = \(key)::real AND l.id > \(id)))")
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
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: "\n  AND ")
    }

    private mutating func bindList(_ values: [String]) -> String {
        values.sorted().map { arguments.bind($0) }.joined(separator: ", ")
    }
}

extension PostgresSession {
    func searchListings(_ request: ListingSearchRequest) throws -> Page<ListingSummary> {
        let query = ListingSearchQuery.page(request)
        let rows = try db.query(query.sql, query.arguments.values).rows.map(PostgresRowReader.init)
        let limit = max(request.limit, 0)
        var items: [ListingSummary] = []
        items.reserveCapacity(min(rows.count, limit))
        for row in rows.prefix(limit) {
            items.append(try Self.summary(row, score: try row.optionalDouble("search_rank")))
        }
        var next: PageCursor?
        if rows.count > limit, let last = rows.prefix(limit).last, let item = items.last {
            next = try query.cursor(after: last, id: item.id)
        }
        return Page(items: items, nextCursor: next)
    }

    func countListings(_ filter: ListingFilter, scope: ListingScope) throws -> Int {
        let query = ListingSearchQuery.count(filter, scope: scope)
        return try count(query.sql, query.arguments.values)
    }
}
