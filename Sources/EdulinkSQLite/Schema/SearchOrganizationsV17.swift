/// The organization inside the full-text index: the facets of ``SearchFacetsV16`` gain each
/// listing's organization (`zqo42`), so a search limited to a few organizations (an employer's own
/// listings, `org:"Coral Motors 101"`) asks FTS5 for `software AND engineer* AND (zqo101 OR …)` and
/// FTS5 intersects the words' doclists with the organizations' short ones. Before, each of the
/// organizations' listings was looked up in the match one by one, about 20 µs a lookup whether it
/// matched or not: an organization of 263 listings cost 17–19 ms a page at a million listings.
///
/// The step recreates the index's content view and its triggers with the new facet, then rebuilds
/// and merges the index (the same cost as ``SearchFacetsV16``'s: about a minute at 100,000 listings).
enum SearchOrganizationsV17 {
    static let identifier = "v17-search-organizations"

    /// The facets the index holds from this step on.
    static let facets = SearchFacetsV16.facets + [.organization]

    /// The token of the organization `id`.
    static func token(organization id: Int64) -> String { SearchFacetsV16.Facet.organization.token(String(id)) }

    static let statements =
        SearchFacetsV16.dropTriggers + [
            "DROP VIEW \(SearchFacetsV16.contentView)",
            SearchFacetsV16.contentViewSQL(facets),
        ] + SearchFacetsV16.triggers(facets) + [
            "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')",
            "INSERT INTO listings_fts(listings_fts) VALUES('optimize')",
        ]
}
