import EdulinkCore

/// The browse indexes (one per sort) made again with every column the search conditions test
/// (`ListingConditions.indexedColumns`) included after their keys, as SQLite's `SearchCoveringV14`
/// does: a page of filters without words checks them on index entries and reads the heap only for
/// listings that pass (all of it with an index-only scan once the visibility map is set). GIN
/// drives the full-text statements and reads the heap in bitmap order, so there is no id index here.
enum SearchCoveringV14 {
    static let identifier = "v14-search-covering"

    private static func included(besides keys: [String]) -> String {
        (["status"] + ListingConditions.indexedColumns).filter { !keys.contains($0) }.joined(separator: ", ")
    }

    static let statements = [
        "DROP INDEX listings_published_newest",
        "DROP INDEX listings_published_deadline",
        "DROP INDEX listings_published_stipend",
        """
        CREATE INDEX listings_published_newest ON listings(status, published_at DESC NULLS LAST, id DESC)
        INCLUDE (\(included(besides: ["status", "published_at", "id"])))
        """,
        """
        CREATE INDEX listings_published_deadline ON listings(status, deadline, id)
        INCLUDE (\(included(besides: ["status", "deadline", "id"])))
        """,
        """
        CREATE INDEX listings_published_stipend ON listings(status, stipend_kes DESC NULLS LAST, id DESC)
        INCLUDE (\(included(besides: ["status", "stipend_kes", "id"])))
        """,
    ]
}
