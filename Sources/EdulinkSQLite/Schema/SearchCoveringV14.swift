import EdulinkCore

/// The search indexes hold every column the search conditions test (`ListingConditions.indexedColumns`),
/// so SQLite checks the open-listing rule, the viewer's audience and the filters on an index entry
/// of about a hundred bytes and reads the listing's row (several kilobytes with its description) only
/// when it passes.
///
/// - The three browse indexes (one per sort) are made again with those columns after their keys: a
///   page of `remote:yes stipend>=20000 category:technology` walks index entries, not rows.
/// - `listings_search_by_id` is the same on the id alone, for the statements where full-text search
///   drives (the relevance window, its tail, a count): each match is looked up there instead of in
///   the table (`INDEXED BY`, ``ListingSearchSQL``).
enum SearchCoveringV14 {
    static let identifier = "v14-search-covering"

    private static func columns(after keys: [String]) -> String {
        (keys + ListingConditions.indexedColumns.filter { !keys.contains($0) }).joined(separator: ", ")
    }

    static let statements = [
        "DROP INDEX listings_published_newest",
        "DROP INDEX listings_published_deadline",
        "DROP INDEX listings_published_stipend",
        "CREATE INDEX listings_published_newest ON listings(\(columns(after: ["status", "published_at", "id"])))",
        "CREATE INDEX listings_published_deadline ON listings(\(columns(after: ["status", "deadline", "id"])))",
        "CREATE INDEX listings_published_stipend ON listings(\(columns(after: ["status", "stipend_kes", "id"])))",
        "CREATE INDEX \(byID) ON listings(\(columns(after: ["id", "status"])))",
    ]

    /// The index full-text statements look matches up in.
    static let byID = "listings_search_by_id"
}
