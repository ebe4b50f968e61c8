import EdulinkCore

/// A lexeme of its own for every prefix of two and three characters of a listing's words (`/de` and
/// `/des` for `designer`), so a word still being typed is matched through one posting list instead
/// of the postings of all the words it begins.
///
/// GIN answers a prefix (`'de':*`) by merging the postings of every word that begins with it into one
/// bitmap before the other words can narrow it: at a million listings `de:*` is 753,073 listings, and
/// `graphic & de:*` spent 58–72 ms in its bitmap, against 1 ms for `graphic` alone. An exact lexeme is
/// one posting tree that GIN skips through to the few listings the other words leave: `graphic &
/// '/de'` took 6–8 ms (BENCHMARKS.md, "Search", the seventeenth pass). The markers begin with `/`,
/// which `edulink_search_text` never leaves in a word, so no query word and no prefix of one
/// (`'de':*`) matches them, and `ts_rank` over the words is unchanged; they have no positions.
/// `to_tsquery('simple', …)` reads `'/de'` as one lexeme (a file name), so a query spells a marker
/// inside its one `to_tsquery` (``spelling(_:)``).
///
/// `edulink_search_prefix(token)` matches a word being typed that only PostgreSQL can normalize
/// (`dé`, `数据`): its marker when the token, normalized as the document is, has two or three
/// characters, else the prefix itself (`'designer':*`). It is ANDed with the rest of the query
/// (`&&`), so the match is the same as the prefix's; the rank still uses the prefix. One
/// character has no marker: a single ASCII letter or digit being typed is not searched at all
/// (`ListingFilter.asTyped()`), and any other is rare; markers of one character would be in nearly
/// every listing.
///
/// `listings_search_document` is the words and their markers, so the trigger and the integrity check
/// keep using it; the step adds the markers to every stored vector (without the GIN indexes, which
/// it builds again after: adding entries one by one is far slower), leaves the recent index at its
/// recorded bound, and refreshes the statistics.
///
/// SQLite's FTS5 keeps prefix indexes of its own (`prefix='2 3 4'`); the step is recorded there with
/// nothing to do, so both stores report the same schema version.
enum SearchMarkersV19 {
    static let identifier = "v19-search-markers"

    /// The shortest and the longest prefix with a marker of its own.
    static let shortest = 2
    static let longest = 3
    /// What a marker begins with: a character `edulink_search_text` never leaves in a word, which
    /// `to_tsquery` keeps at the start of a lexeme (`'/de'` is one file-name token).
    static let sign = "/"

    /// How a search spells `token`, a word being typed (`ListingFilter.tsMatchParts`): lowercase
    /// ASCII letters and digits, which PostgreSQL has nothing to normalize in, as their marker
    /// (`'/de'`) when two or three characters long, else as the prefix (`'data':*`), both inside
    /// the query's one `to_tsquery`; any other token apart, through `edulink_search_prefix`.
    ///
    /// Inside `to_tsquery`, not as a constant `'/de'::tsquery` nor through the function: the planner
    /// prices `to_tsquery` for each row it would test, as it did before markers, so it keeps choosing
    /// between the GIN index and a walk of the primary key as it did. A constant it prices at almost
    /// nothing, and walked the primary key testing each listing's vector where the GIN index was far
    /// cheaper (`sof` counted to 1,000 at a million listings: 36.6 ms, against 9.4 before markers);
    /// the function made the walks it did choose dearer (`data an`: 11.7 → 16.1 ms).
    static func spelling(_ token: String) -> ListingFilter.TSPrefixSpelling {
        guard isPlain(token) else { return .apart }
        return (shortest...longest).contains(token.count) ? .lexeme(sign + token) : .prefix
    }

    /// Whether `token` is lowercase ASCII letters and digits only: what `edulink_search_text` leaves
    /// as it is, so a query may spell it as the document holds it.
    static func isPlain(_ token: String) -> Bool {
        token.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    static let statements = [
        """
        CREATE FUNCTION edulink_search_markers(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT array_to_tsvector(array(
                SELECT DISTINCT '\(sign)' || left(l, n) FROM unnest(tsvector_to_array(v)) AS l, generate_series(\(shortest), \(longest)) AS n
                WHERE length(l) >= n AND left(l, 1) <> '\(sign)'))
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION listings_search_document(title text, skills text, organization text, location text,
            description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
            SELECT words || edulink_search_markers(words) FROM (SELECT \(SearchIndexV2.weightedWords) AS words) AS document
        $$
        """,
        // One expression, no FROM: PostgreSQL inlines it, so a statement that tests it on each row
        // (a count walking the primary key) pays for the expression, not a function call too.
        #"""
        CREATE FUNCTION edulink_search_prefix(token text) RETURNS tsquery LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN edulink_search_text(token) ~ '^[[:alnum:]]{\#(shortest),\#(longest)}$'
                THEN ('''\#(sign)' || edulink_search_text(token) || '''')::tsquery
                ELSE to_tsquery('simple', edulink_search_query(
                    '''' || replace(replace(token, '\', '\\'), '''', '''''') || ''':*'))
                END
        $$
        """#,
        "DROP INDEX IF EXISTS \(SearchRecentV18.index)_next",
        "DROP INDEX IF EXISTS \(SearchRecentV18.index)_old",
        "DROP INDEX IF EXISTS \(SearchRecentV18.index)",
        "DROP INDEX listings_search",
        "UPDATE listings SET search_vector = search_vector || edulink_search_markers(search_vector)",
        "CREATE INDEX listings_search ON listings USING gin (search_vector)",
        SearchRecentV18.createAtRecordedBound,
        // The planner's statistics of the vectors know no markers yet (a marker's share of the
        // listings decides between the GIN index and a browse index for the sorted pages).
        "ANALYZE listings",
    ]

    /// The two GIN indexes built again once the rewrite has committed: built inside its transaction
    /// they also hold the replaced row versions, which that transaction still sees (at a million
    /// listings 575 MB and twice the postings of the words without markers, until they are rebuilt).
    /// A plain `REINDEX`: a stop rolls it back and leaves the first build, correct and larger.
    static let afterCommit = [
        "REINDEX INDEX listings_search",
        "REINDEX INDEX \(SearchRecentV18.index)",
    ]
}
