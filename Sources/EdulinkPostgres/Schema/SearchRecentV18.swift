/// A second GIN index over the newest listings only (`listings_search_recent`, `WHERE id > bound`),
/// for the first walks of the relevance window (``ListingSearchQuery/window(_:window:newest:span:previous:organizations:)``):
/// GIN returns a word's whole posting list before the walk's id range cuts it, and at a million
/// listings that list was most of a page's time (`data:*`: 243,393 entries, 89 ms, against 77,669 and
/// 22 ms over the newest 200,000; BENCHMARKS.md, "Search", the fourteenth pass). The walks give
/// their ranges as numbers, so the planner proves that the range lies inside the index's predicate.
///
/// `search_recent_index` records the bound. ``PostgresStore/rollRecentSearchIndex(coverage:)``,
/// run with the scheduled jobs, builds the index again over the newest ``coverage`` ids once it
/// covers twice that: left alone it keeps every newer listing and slowly becomes the full index
/// again (correct, only slower). Results never depend on it: the full index stays, and a walk
/// whose range reaches below the bound simply does not use it.
///
/// SQLite's FTS5 doclists are in rowid order already; the step is recorded there with nothing to do,
/// so both stores report the same schema version.
enum SearchRecentV18 {
    static let identifier = "v18-search-recent"

    /// How many of the newest ids the index covers after the migration and after each roll.
    static let coverage: Int64 = 100_000

    static let table = "search_recent_index"
    static let index = "listings_search_recent"

    /// The index over the ids above `bound`.
    static func createIndex(named name: String, above bound: Int64, concurrently: Bool) -> String {
        "CREATE INDEX \(concurrently ? "CONCURRENTLY " : "")\(name) ON listings USING gin (search_vector) WHERE id > \(bound)"
    }

    static let statements = [
        """
        CREATE TABLE \(table) (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            bound bigint NOT NULL
        )
        """,
        "INSERT INTO \(table) (bound) SELECT coalesce(max(id), 0) - \(coverage) FROM listings",
        createAtRecordedBound,
    ]

    /// Creates the index over the ids above the bound `search_recent_index` records.
    static let createAtRecordedBound = """
        DO $$
        DECLARE b bigint;
        BEGIN
            SELECT bound INTO b FROM \(table);
            EXECUTE format('CREATE INDEX \(index) ON listings USING gin (search_vector) WHERE id > %s', b);
        END
        $$
        """
}
