import EdulinkCore
import Foundation
import GRDB

/// One SQL statement for a listing search: every filter of `ListingFilter`, every rule of
/// `ListingScope`, the sort, and keyset pagination.
///
/// With words or phrases, the full-text index drives the query (`listings_fts CROSS JOIN listings`):
/// FTS5 finds the matching rows, then each is checked against the filters. Without them, `listings`
/// is read in the order of the sort through one of the `listings_published_*` indexes, so a page of
/// the newest open listings reads a page of index entries, not the table.
///
/// Keyset pagination: the cursor holds the sort key and id of the last row of the previous page,
/// and the next page starts strictly after it in the same total order (sort key, then id), so pages
/// neither repeat nor skip rows, and a deep page costs no `OFFSET` scan.
///
/// | sort | order | cursor key |
/// |---|---|---|
/// | relevance | bm25 rank ascending (best first), id ascending | the rank |
/// | deadline | deadline ascending, id ascending | deadline in Unix seconds |
/// | newest | published_at descending, id descending, never-published last | published_at in seconds |
/// | stipend | stipend in KES descending, id descending, unpaid last | stipend in KES |
struct ListingSearchSQL {
    private(set) var sql = ""
    private(set) var arguments: [String: (any DatabaseValueConvertible)?] = [:]
    /// The sort actually used (relevance needs words to rank by; otherwise newest).
    let sort: ListingSort
    /// Whether the full-text index is part of the query (then rows carry a rank).
    let usesFullText: Bool

    private var conditions: [String] = []
    private var counter = 0

    /// The statement of one page of `request`, fetching one row more than the limit to learn whether
    /// another page follows.
    static func page(_ request: ListingSearchRequest) -> ListingSearchSQL {
        var builder = ListingSearchSQL(filter: request.filter.normalized(), scope: request.scope)
        builder.addCursor(request.cursor)
        let limit = builder.bind(max(request.limit, 0) + 1)
        let rank = builder.usesFullText ? "listings_fts.rank" : "NULL"
        builder.sql = """
            SELECT \(SQLiteSession.summaryColumns), \(rank) AS search_rank, \(builder.sortKey) AS sort_key
            \(builder.fromClause)
            \(builder.whereClause)
            ORDER BY \(builder.orderBy)
            LIMIT \(limit)
            """
        return builder
    }

    /// The statement counting every listing the filter and scope admit.
    static func count(_ filter: ListingFilter, scope: ListingScope) -> ListingSearchSQL {
        var builder = ListingSearchSQL(filter: filter.normalized(), scope: scope)
        builder.sql = "SELECT count(*) \(builder.fromClause) \(builder.whereClause)"
        return builder
    }

    private init(filter: ListingFilter, scope: ListingScope) {
        let match = filter.ftsMatchExpression()
        usesFullText = match != nil
        let requested = filter.effectiveSort
        sort = requested == .relevance && match == nil ? .newest : requested
        if let match {
            conditions.append("listings_fts MATCH \(bind(match))")
        } else if let excluded = filter.ftsExclusionMatchExpression() {
            conditions.append("l.id NOT IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH \(bind(excluded)))")
        }
        addScope(scope, eligibility: filter.eligibleForMe ? scope.eligibility : nil)
        addFilter(filter, now: scope.now)
    }

    // MARK: Predicates

    private mutating func addScope(_ scope: ListingScope, eligibility: EligibilityContext?) {
        let now = bind(ColumnCoding.microseconds(scope.now))
        if scope.openOnly {
            // The literal 'published' lets the planner use the listings_published_* indexes.
            conditions.append("l.status = 'published' AND l.verified_at IS NOT NULL AND l.deadline > \(now)")
        }
        if !scope.seesAllInstitutions {
            if let institution = scope.viewerInstitutionID {
                conditions.append("(l.visibility = 'public' OR l.institution_id = \(bind(institution.rawValue)))")
            } else {
                conditions.append("l.visibility = 'public'")
            }
        }
        if let publishedAfter = scope.publishedAfter {
            conditions.append("l.published_at > \(bind(ColumnCoding.microseconds(publishedAfter)))")
        }
        if let organization = scope.organizationID {
            conditions.append("l.organization_id = \(bind(organization.rawValue))")
        }
        if let eligibility {
            if let year = eligibility.yearOfStudy, (1...62).contains(year) {
                let bit = bind(Int64(1) << Int64(year))
                conditions.append("(l.eligible_years_mask = 0 OR (l.eligible_years_mask & \(bit)) <> 0)")
            } else {
                conditions.append("l.eligible_years_mask = 0")
            }
            if let course = eligibility.course?.lowercased(), !course.isEmpty {
                let needle = bind(ColumnCoding.keyNeedle(course))
                conditions.append("(l.eligible_courses_key = '' OR instr(l.eligible_courses_key, \(needle)) > 0)")
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
            conditions.append("instr(l.location_lower, \(bind(location))) > 0")
        }
        if let organization = filter.organization?.lowercased(), !organization.isEmpty {
            conditions.append(
                "l.organization_id IN (SELECT id FROM organizations WHERE instr(name_lower, \(bind(organization))) > 0)"
            )
        }
        if filter.paidOnly {
            conditions.append("l.stipend_kes IS NOT NULL")
        }
        if let minimum = filter.minimumStipendKES {
            conditions.append("l.stipend_kes >= \(bind(minimum))")
        }
        if let minimum = filter.minimumDurationWeeks {
            conditions.append("l.duration_weeks >= \(bind(minimum))")
        }
        if let maximum = filter.maximumDurationWeeks {
            conditions.append("l.duration_weeks <= \(bind(maximum))")
        }
        if let days = filter.deadlineWithinDays {
            let limit = now.addingTimeInterval(Double(days) * 86_400)
            conditions.append(
                "l.deadline > \(bind(ColumnCoding.microseconds(now))) "
                    + "AND l.deadline <= \(bind(ColumnCoding.microseconds(limit)))")
        }
        for skill in filter.skills where !skill.isEmpty {
            conditions.append("instr(l.skills_key, \(bind(ColumnCoding.keyNeedle(skill)))) > 0")
        }
        if filter.featuredOnly {
            conditions.append("l.featured = 1")
        }
    }

    // MARK: Sort and cursor

    private var sortKey: String {
        switch sort {
        case .relevance: "listings_fts.rank"
        case .deadline: "l.deadline"
        case .newest: "l.published_at"
        case .stipend: "l.stipend_kes"
        }
    }

    private var orderBy: String {
        switch sort {
        case .relevance: "listings_fts.rank, l.id"
        case .deadline: "l.deadline, l.id"
        case .newest: "l.published_at DESC, l.id DESC"
        case .stipend: "l.stipend_kes DESC, l.id DESC"
        }
    }

    private mutating func addCursor(_ cursor: PageCursor?) {
        guard let cursor else { return }
        let id = bind(cursor.id)
        switch sort {
        case .relevance:
            let key = bind(cursor.key ?? -Double.greatestFiniteMagnitude)
            conditions.append("(listings_fts.rank > \(key) OR (listings_fts.rank = \(key) AND l.id > \(id)))")
        case .deadline:
            let key = bind(ColumnCoding.microseconds(seconds: cursor.key ?? 0))
            conditions.append("(l.deadline, l.id) > (\(key), \(id))")
        case .newest, .stipend:
            // Descending with NULL (never published, unpaid) last.
            let column = sort == .newest ? "l.published_at" : "l.stipend_kes"
            if let value = cursor.key {
                let key = sort == .newest ? bind(ColumnCoding.microseconds(seconds: value)) : bind(Int64(value))
                conditions.append("((\(column), l.id) < (\(key), \(id)) OR \(column) IS NULL)")
            } else {
                conditions.append("(\(column) IS NULL AND l.id < \(id))")
            }
        }
    }

    /// The cursor that continues after `row` (its sort key and id).
    func cursor(after row: Row, id: ListingID) throws -> PageCursor {
        let value = try row.decode(DatabaseValue.self, forColumn: "sort_key")
        switch sort {
        case .relevance:
            return PageCursor(key: try row.decode(Double?.self, forColumn: "sort_key"), id: id.rawValue)
        case .deadline, .newest:
            let microseconds = try row.decode(Int64?.self, forColumn: "sort_key")
            return PageCursor(key: microseconds.map(ColumnCoding.seconds(microseconds:)), id: id.rawValue)
        case .stipend:
            return PageCursor(
                key: value.isNull ? nil : try row.decode(Double.self, forColumn: "sort_key"), id: id.rawValue)
        }
    }

    // MARK: SQL text

    private var fromClause: String {
        usesFullText ? "FROM listings_fts CROSS JOIN listings AS l ON l.id = listings_fts.rowid" : "FROM listings AS l"
    }

    private var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: "\n  AND ")
    }

    private mutating func bind(_ value: some DatabaseValueConvertible) -> String {
        counter += 1
        let name = "p\(counter)"
        arguments[name] = value
        return ":" + name
    }

    private mutating func bindList(_ values: [String]) -> String {
        values.sorted().map { bind($0) }.joined(separator: ", ")
    }
}

extension SQLiteSession {
    func searchListings(_ request: ListingSearchRequest) throws -> Page<ListingSummary> {
        let query = ListingSearchSQL.page(request)
        let rows = try Row.fetchAll(db.cachedStatement(sql: query.sql), arguments: StatementArguments(query.arguments))
        let limit = max(request.limit, 0)
        var items: [ListingSummary] = []
        items.reserveCapacity(min(rows.count, limit))
        for row in rows.prefix(limit) {
            let reader = RowReader(row)
            let rank = try reader.row.decode(Double?.self, forColumn: "search_rank")
            // bm25 is lower for better matches; the score is higher for better ones.
            items.append(try Self.summary(reader, score: rank.map { -$0 }))
        }
        var next: PageCursor?
        if rows.count > limit, let last = rows.prefix(limit).last, let item = items.last {
            next = try query.cursor(after: last, id: item.id)
        }
        return Page(items: items, nextCursor: next)
    }

    func countListings(_ filter: ListingFilter, scope: ListingScope) throws -> Int {
        let query = ListingSearchSQL.count(filter, scope: scope)
        return try count(query.sql, StatementArguments(query.arguments))
    }
}
