import Foundation

/// The conditions a listing search puts on `listings AS l` besides its words: the scope (open
/// listings, the viewer's audience, an organization, "eligible for me") and the filters of the
/// query language. Written once for both stores; each store adds its full-text part (FTS5 or
/// `tsvector`), its sort and its paging, and binds values its own way through `bind`, which returns
/// the placeholder of a bound value in the store's statement.
///
/// ```swift
/// let conditions = ListingConditions.conditions(filter: filter, scope: scope, dialect: .postgres) {
///     arguments.bind($0.columnValue)  // "$3"
/// }
/// ```
public struct ListingConditions {
    private let dialect: SchemaDialect
    private var conditions: [String] = []
    private let bindValue: (any ColumnValueConvertible) -> String

    private init(dialect: SchemaDialect, bind: @escaping (any ColumnValueConvertible) -> String) {
        self.dialect = dialect
        self.bindValue = bind
    }

    /// The listing columns the conditions test, except the three text searches (`location:`,
    /// `skill:`, an eligible course) and the leading `status`: both stores keep them in the search
    /// indexes after their keys (`v14-search-covering`), so a condition is checked on the index entry
    /// and the table row is read only for a listing that passes. Part of that released step, so never
    /// changed; a condition on another column is a new step adding it.
    public static let indexedColumns = [
        "verified_at", "deadline", "visibility", "institution_id", "category", "location_type", "level",
        "stipend_kes", "duration_weeks", "featured", "organization_id", "eligible_years_mask", "published_at",
    ]

    /// The scope's conditions, then the filter's (the filter as the store searches it: normalized
    /// and typed), each a predicate to join with AND.
    ///
    /// - Parameter organizations: the ids the filter's `org:` names, when the store has read them
    ///   (``namedOrganizationsSQL(_:dialect:)``, at most ``fewOrganizations``): the condition lists
    ///   them instead of the subquery, so the planner knows how few listings they hold. Nil: the
    ///   subquery.
    public static func conditions(
        filter: ListingFilter, scope: ListingScope, dialect: SchemaDialect, organizations: [Int64]? = nil,
        bind: (any ColumnValueConvertible) -> String
    ) -> [String] {
        withoutActuallyEscaping(bind) { bind in
            var writer = ListingConditions(dialect: dialect, bind: bind)
            writer.addScope(scope, eligibility: filter.eligibleForMe ? scope.eligibility : nil)
            writer.addFilter(filter, now: scope.now, organizations: organizations)
            return writer.conditions
        }
    }

    /// Whether `text` holds `needle`: the dialect's substring position above zero.
    private var contains: String { Self.contains(dialect) }

    private static func contains(_ dialect: SchemaDialect) -> String { dialect == .sqlite ? "instr" : "strpos" }

    /// The ids of the organizations an `org:` filter names: those whose name holds `needle` (the
    /// placeholder of the lowercased text), for the condition and for a store choosing its index.
    public static func namedOrganizations(_ needle: String, dialect: SchemaDialect) -> String {
        "SELECT id FROM organizations WHERE \(contains(dialect))(name_lower, \(needle)) > 0"
    }

    /// How many organizations `org:` may name for a store to search their listings by their ids
    /// (their index, their full-text tokens) rather than by the name's subquery: with more, merging
    /// their ranges costs more than the subquery's plan.
    public static let fewOrganizations = 20

    /// The ids of the organizations `org:` names (`needle` as in ``namedOrganizations(_:dialect:)``),
    /// at most ``fewOrganizations`` + 1 of them: more than ``fewOrganizations`` means "many".
    public static func namedOrganizationsSQL(_ needle: String, dialect: SchemaDialect) -> String {
        "\(namedOrganizations(needle, dialect: dialect)) LIMIT \(fewOrganizations + 1)"
    }

    private func bind(_ value: some ColumnValueConvertible) -> String { bindValue(value) }

    private func bindList(_ values: [String]) -> String {
        values.sorted().map { bind($0) }.joined(separator: ", ")
    }

    private mutating func addScope(_ scope: ListingScope, eligibility: EligibilityContext?) {
        let now = bind(scope.now)
        if scope.openOnly {
            // The literal 'published' lets the planner use the listings_published_* indexes.
            conditions.append("l.status = 'published' AND l.verified_at IS NOT NULL AND l.deadline > \(now)")
        }
        if let visible = scope.viewer.sqlCondition(bind: { bind($0) }) { conditions.append(visible) }
        if let publishedAfter = scope.publishedAfter {
            conditions.append("l.published_at > \(bind(publishedAfter))")
        }
        if let organization = scope.organizationID {
            conditions.append("l.organization_id = \(bind(organization))")
        }
        if let eligibility {
            if let year = eligibility.yearOfStudy, (1...62).contains(year) {
                let bit = bind(Int64(1) << Int64(year))
                conditions.append("(l.eligible_years_mask = 0 OR (l.eligible_years_mask & \(bit)) <> 0)")
            } else {
                conditions.append("l.eligible_years_mask = 0")
            }
            if let course = eligibility.course?.lowercased(), !course.isEmpty {
                let needle = bind(ListKey.needle(course))
                conditions.append("(l.eligible_courses_key = '' OR \(contains)(l.eligible_courses_key, \(needle)) > 0)")
            } else {
                conditions.append("l.eligible_courses_key = ''")
            }
        }
        // "Eligible for me" and a saved search's new matches both leave out what the student applied to.
        if let student = eligibility?.studentID ?? scope.notAppliedBy {
            conditions.append(
                "NOT EXISTS (SELECT 1 FROM applications a WHERE a.student_id = \(bind(student)) "
                    + "AND a.listing_id = l.id)")
        }
    }

    private mutating func addFilter(_ filter: ListingFilter, now: Date, organizations: [Int64]?) {
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
            conditions.append("\(contains)(l.location_lower, \(bind(location))) > 0")
        }
        if let organization = filter.organization?.lowercased(), !organization.isEmpty {
            if let organizations {
                conditions.append(
                    organizations.isEmpty
                        ? "false"
                        : "l.organization_id IN (\(organizations.sorted().map { bind($0) }.joined(separator: ", ")))")
            } else {
                conditions.append(
                    "l.organization_id IN (\(Self.namedOrganizations(bind(organization), dialect: dialect)))"
                )
            }
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
        if let limit = filter.deadlineLimit(now: now) {
            conditions.append(
                "l.deadline > \(bind(now)) "
                    + "AND l.deadline <= \(bind(limit))")
        }
        for skill in filter.skills where !skill.isEmpty {
            conditions.append("\(contains)(l.skills_key, \(bind(ListKey.needle(skill)))) > 0")
        }
        if filter.featuredOnly {
            conditions.append(dialect == .sqlite ? "l.featured = 1" : "l.featured")
        }
    }
}
