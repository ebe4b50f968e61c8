/// Prefix indexes for 5 to 10 characters, beside v2's 2, 3 and 4.
///
/// Only the last word of a search is a prefix (search-as-you-type), and it is usually longer than
/// four characters by the time it is worth searching: `marketing`, `engineer`, `nairobi`. FTS5 uses
/// a prefix index only for a prefix of exactly its length; for any other length it merges, into
/// memory, the doclist of every token that starts with the prefix, once per statement that opens
/// the match (a relevance search opens it twice: probe and window). With an index per length up to
/// ten characters, the last word of almost every search reads one precomputed doclist instead.
///
/// FTS5 cannot add prefix indexes to an existing table, so the step recreates `listings_fts` with
/// the same columns, tokenizer and rank as ``SearchIndexV2`` and rebuilds it from `listings` (external
/// content: nothing but the index is stored). v2's triggers name the table, not its definition, so
/// they keep working. Measured in `BENCHMARKS.md` ("Search"): the index grows by about 60 % and the
/// rebuild takes about a minute and a half per 100,000 listings on the benchmark machine.
enum SearchPrefixesV5 {
    /// The prefix lengths FTS5 keeps an index for after this step.
    static let prefixLengths = Array(2...10)

    static let statements = [
        "DROP TABLE listings_fts",
        """
        CREATE VIRTUAL TABLE listings_fts USING fts5(
            title, skills_text, organization_name, location, description,
            content='listings', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='\(prefixLengths.map(String.init).joined(separator: " "))'
        )
        """,
        "INSERT INTO listings_fts(listings_fts, rank) VALUES('rank', 'bm25(10.0, 5.0, 3.0, 2.0, 1.0)')",
        "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')",
    ]
}
