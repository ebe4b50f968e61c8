import EdulinkCore

/// `search_words`: every word the listings' documents hold, so a word being typed longer than a
/// marker (``SearchMarkersV19``) is matched as the few words it begins (`desi` as `design | designed
/// | designer | designers | designs`) instead of as a prefix.
///
/// GIN answers a prefix (`'desi':*`) by merging the postings of every word it begins into one bitmap
/// before the other words of the query narrow it; the same words spelled out are posting trees GIN
/// skips through to the few listings the other words leave. At a million listings `graphic &
/// desi:*` counted in 124 ms, `graphic & (design | … | designs)` in 11 (BENCHMARKS.md, "Search",
/// the eighteenth pass); a prefix of many words gains nothing (35 words: 28–106 ms), so a prefix is
/// spelled out only when it begins at most ``mostWords`` words.
///
/// The table only grows: triggers add the words of every new listing and of every changed document
/// (`ON CONFLICT DO NOTHING`: a word already there costs a look-up in its index). A word no listing
/// holds any more costs a term that matches nothing; a word missing would hide listings, so the
/// integrity check looks for missing ones (``missingWordsCheck``) and `edulink db reindex` adds them
/// (``addMissingWords``). Removing words would need the listings' writes stopped while every word
/// is looked up; not done.
///
/// SQLite's FTS5 keeps prefix indexes of 2–10 characters (v5-search-prefixes); the step is recorded
/// there with nothing to do.
enum SearchWordsV20 {
    static let identifier = "v20-search-words"

    /// The most words a prefix is spelled as; a prefix of more stays a prefix.
    static let mostWords = 8

    /// The words of new and changed documents, without markers, in word order.
    private static func documentWords(_ rows: String) -> String {
        """
        INSERT INTO search_words (word)
                SELECT DISTINCT w FROM \(rows), unnest(tsvector_to_array(search_vector)) AS w
                WHERE left(w, 1) <> '\(SearchMarkersV19.sign)' ORDER BY w
                ON CONFLICT DO NOTHING
        """
    }

    /// Every word of the listings' documents the table lacks, added (the step, and `edulink db
    /// reindex` after the integrity check found some missing).
    static let addMissingWords = """
        INSERT INTO search_words (word)
        SELECT word FROM ts_stat('SELECT search_vector FROM listings')
        WHERE left(word, 1) <> '\(SearchMarkersV19.sign)' ORDER BY word
        ON CONFLICT DO NOTHING
        """

    static let statements = [
        #"CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY)"#,
        addMissingWords,
        // Once per statement for inserts (`edulink db generate` writes thousands in one); once per row
        // for updates, and only those that changed the document (most change a status or a count).
        """
        CREATE FUNCTION edulink_search_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            \(documentWords("added"));
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER listings_search_words_added AFTER INSERT ON listings REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION edulink_search_words_added()
        """,
        """
        CREATE FUNCTION edulink_search_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            \(documentWords("(SELECT NEW.search_vector) AS changed (search_vector)"));
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER listings_search_words_changed AFTER UPDATE ON listings FOR EACH ROW
        WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
        EXECUTE FUNCTION edulink_search_words_changed()
        """,
    ]

    /// The words of the listings' documents `search_words` lacks, at most 10 (the integrity check).
    static let missingWordsCheck = """
        SELECT word FROM ts_stat('SELECT search_vector FROM listings')
        WHERE left(word, 1) <> '\(SearchMarkersV19.sign)'
        EXCEPT SELECT word FROM search_words
        ORDER BY 1 LIMIT 10
        """

    /// Whether a search looks up the words `token` begins (``wordsSQL``): lowercase ASCII letters and
    /// digits (the table's words are normalized as the document's), longer than a marker.
    static func looksUp(_ token: String) -> Bool {
        token.count > SearchMarkersV19.longest && SearchMarkersV19.isPlain(token)
    }

    /// The statement reading the words that begin with `$1` (up to `$2`, its last character one
    /// higher: the range in the table's byte order), one more than ``mostWords``.
    static let wordsSQL = """
        SELECT word FROM search_words WHERE word >= $1 AND word < $2 ORDER BY word LIMIT \(mostWords + 1)
        """

    /// The upper end of ``wordsSQL``'s range for `token` (``looksUp(_:)``): its last character one
    /// higher (`desi` → `desj`, `a9` → `a:`), so the range holds exactly the words it begins.
    static func upperBound(_ token: String) -> String? {
        guard let last = token.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return nil }
        return String(String.UnicodeScalarView(token.unicodeScalars.dropLast())) + String(next)
    }

    /// What the table answered for a token: its words when there are at most ``mostWords`` and each is
    /// one plain lexeme `to_tsquery` reads back as itself; nil (the prefix) otherwise.
    static func spelledWords(_ found: [String]) -> [String]? {
        (1...mostWords).contains(found.count) && found.allSatisfy(SearchMarkersV19.isPlain) ? found : nil
    }

    /// The words a statement the planner plans (a count, a sorted page, the relevance tail) spells
    /// its word being typed as: only where they cannot cost more than the prefix.
    ///
    /// Such a statement may walk an index other than GIN and test each listing's vector, and there a
    /// word being typed alone as four words is four look-ups in every vector against one (`data`,
    /// counted to 1,000 over the newest listings: 10.7 ms as a prefix, 21.7 as its words). With
    /// another word before it, that word decides most tests first, so only a word of one spelling
    /// (`soft` is `software`) or a query of two words or more uses them. And `org:` naming a few
    /// organizations keeps the prefix: exact words look cheap to the planner's GIN estimate, and it
    /// chose a bitmap of every `software engineer` listing over the organization's 259 listings
    /// (26.9 ms against 6.6).
    static func plannedWords(_ words: [String: [String]], filter: ListingFilter, organizations: [Int64]?)
        -> [String: [String]]
    {
        guard organizations == nil else { return [:] }
        let positive = filter.terms.count { if case .excluded = $0 { false } else { true } }
        return words.filter { $0.value.count == 1 || positive > 1 }
    }

    /// How a search spells `token`, a word being typed: as ``SearchMarkersV19/spelling(_:)`` says, or
    /// as its words when the session read them (`words`, by token).
    static func spelling(_ token: String, words: [String: [String]]) -> ListingFilter.TSPrefixSpelling {
        if let found = words[token] { return .words(found) }
        return SearchMarkersV19.spelling(token)
    }
}
