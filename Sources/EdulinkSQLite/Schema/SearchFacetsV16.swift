import EdulinkCore
import Foundation

/// The filters' values inside the full-text index: a sixth column, `search_facets`, holds each
/// listing's category, level, location type and deadline day as tokens (`zqctechnology zqlentry
/// zqtremote zqd20789`), so a count with words asks FTS5 for `marketing AND (zqd20789 OR …)` and
/// FTS5 intersects the two doclists instead of SQLite looking every `marketing` match up to test
/// its deadline (``ListingSearchSQL/facetMatch``). At a million listings `marketing deadline<14d`
/// looked up 91,000 of 156,658 matches to find the 10,001 its capped count needs.
///
/// **Content.** The index stays external content, read from the view `listings_search_content`
/// (the five text columns of `listings` and the facets computed from its columns), so no text is
/// stored twice and `listings` keeps its columns. The triggers hand FTS5 the same computed facets
/// (``facets(_:of:)``, the one spelling of the rule), and now also fire when a facet's column changes.
///
/// **Tokens.** Every facet token starts with ``marker``, which no word starts with, so a search's
/// own words never match a facet. A search whose text contains the marker is limited to the five
/// text columns (``userMatch(_:)``): a column filter costs about 40 % more on every match, so only
/// then. The facet column's bm25 weight is 0.
///
/// The step rebuilds the index from `listings`, then merges it into one segment: about 24 minutes
/// at a million listings on a loaded 2-core machine, 1 minute at 100,000 on a quiet one
/// (`BENCHMARKS.md`, "Issue #16, fifth pass").
enum SearchFacetsV16 {
    static let identifier = "v16-search-facets"

    /// What every facet token starts with.
    static let marker = "zq"
    static let contentView = "listings_search_content"
    static let textColumns = ["title", "skills_text", "organization_name", "location", "description"]
    static let facetColumn = "search_facets"

    /// Deadline ranges longer than this many days are not narrowed by facets: their days are a large
    /// share of all listings, and each day is one more doclist to merge.
    static let deadlineDaysLimit = 31

    /// The facets, each a column of `listings` and the letter after ``marker`` in its tokens; the
    /// organization's from ``SearchOrganizationsV17`` on.
    enum Facet: String, CaseIterable {
        case category = "c", level = "l", locationType = "t", deadline = "d", organization = "o"

        var column: String {
            switch self {
            case .category: "category"
            case .level: "level"
            case .locationType: "location_type"
            case .deadline: "deadline"
            case .organization: "organization_id"
            }
        }

        /// The token of the stored value `value` (a raw value, or a deadline's day).
        func token(_ value: String) -> String { marker + rawValue + value.replacingOccurrences(of: "_", with: "") }

        /// The same token computed in SQL from the row `row`.
        func sqlToken(of row: String) -> String {
            let value =
                switch self {
                case .deadline: "(\(row)\(column) / \(microsecondsPerDay))"
                case .organization: "\(row)\(column)"
                case .category, .level, .locationType: "replace(\(row)\(column), '_', '')"
                }
            return "'\(marker)\(rawValue)' || \(value)"
        }
    }

    /// The facets this step indexes (a later step adds to them, this one's statements never change).
    static let facets: [Facet] = [.category, .level, .locationType, .deadline]

    /// The facets `indexed` of the listing row `row` (`NEW.`, `OLD.`, or empty for the table itself).
    static func facets(_ indexed: [Facet], of row: String) -> String {
        indexed.map { $0.sqlToken(of: row) }.joined(separator: " || ' ' || ")
    }

    static let microsecondsPerDay: Int64 = 86_400_000_000

    static func token(category: ListingCategory) -> String { Facet.category.token(category.rawValue) }
    static func token(level: ExperienceLevel) -> String { Facet.level.token(level.rawValue) }
    static func token(locationType: LocationType) -> String { Facet.locationType.token(locationType.rawValue) }

    /// The deadline days of a range `after` < deadline ≤ `through`, or nil when it spans more than
    /// ``deadlineDaysLimit`` days.
    static func deadlineTokens(after start: Date, through end: Date) -> [String]? {
        let first = ColumnCoding.microseconds(start) / microsecondsPerDay
        let last = ColumnCoding.microseconds(end) / microsecondsPerDay
        guard last >= first, last - first <= Int64(deadlineDaysLimit) else { return nil }
        return (first...last).map { Facet.deadline.token(String($0)) }
    }

    /// A search's own FTS5 expression, limited to the text columns when it could reach a facet.
    static func userMatch(_ expression: String) -> String {
        guard expression.lowercased().contains(marker) else { return expression }
        return "{\(textColumns.joined(separator: " "))} : (\(expression))"
    }

    private static let allColumns = (textColumns + [facetColumn]).joined(separator: ", ")

    private static func values(_ indexed: [Facet], of row: String) -> String {
        (textColumns.map { row + $0 } + [facets(indexed, of: row)]).joined(separator: ", ")
    }

    /// The view the index reads its content from, with the facets `indexed`.
    static func contentViewSQL(_ indexed: [Facet]) -> String {
        """
        CREATE VIEW \(contentView) AS
        SELECT id, \(textColumns.joined(separator: ", ")), \(facets(indexed, of: "")) AS \(facetColumn) FROM listings
        """
    }

    static let dropTriggers = [
        "DROP TRIGGER IF EXISTS listings_fts_insert",
        "DROP TRIGGER IF EXISTS listings_fts_delete",
        "DROP TRIGGER IF EXISTS listings_fts_update",
    ]

    /// The triggers that keep the index in step with `listings`, the facets `indexed` included.
    static func triggers(_ indexed: [Facet]) -> [String] {
        let sources = textColumns + indexed.map(\.column)
        return [
            """
            CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
                INSERT INTO listings_fts(rowid, \(allColumns)) VALUES (NEW.id, \(values(indexed, of: "NEW.")));
            END
            """,
            """
            CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
                INSERT INTO listings_fts(listings_fts, rowid, \(allColumns)) VALUES ('delete', OLD.id, \(values(indexed, of: "OLD.")));
            END
            """,
            // Only when indexed text or a facet changed: status changes and application counts do not
            // touch the index.
            """
            CREATE TRIGGER listings_fts_update
            AFTER UPDATE OF \(sources.joined(separator: ", ")) ON listings
            WHEN \(sources.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR "))
            BEGIN
                INSERT INTO listings_fts(listings_fts, rowid, \(allColumns)) VALUES ('delete', OLD.id, \(values(indexed, of: "OLD.")));
                INSERT INTO listings_fts(rowid, \(allColumns)) VALUES (NEW.id, \(values(indexed, of: "NEW.")));
            END
            """,
        ]
    }

    static let statements =
        dropTriggers + [
            "DROP TABLE listings_fts",
            contentViewSQL(facets),
            """
            CREATE VIRTUAL TABLE listings_fts USING fts5(
                \(allColumns),
                content='\(contentView)', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2',
                prefix='\(SearchPrefixesV5.prefixLengths.map(String.init).joined(separator: " "))'
            )
            """,
            "INSERT INTO listings_fts(listings_fts, rank) VALUES('rank', 'bm25(10.0, 5.0, 3.0, 2.0, 1.0, 0.0)')",
        ] + triggers(facets) + [
            "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')",
            "INSERT INTO listings_fts(listings_fts) VALUES('optimize')",
        ]
}
