/// Full-text search over listings: a weighted `tsvector` column kept by a trigger, and a GIN index.
///
/// **Tokens.** The `'simple'` configuration (no stemming, no stop words), fed text that
/// `edulink_search_text` has lowercased, stripped of accents (`unaccent`, so `café` = `cafe`) and
/// cut at every character that is not a letter or digit. That is how the SQLite store's
/// `unicode61 remove_diacritics 2` tokenizer splits, and how Core's `FTSTokenizer` splits the query
/// that `ListingFilter.tsQueryExpression()` writes, so a word matches the same listings on both
/// stores (`node.js` is `node` and `js` in the document and in the query). The query passes
/// through `edulink_search_query` (accents removed) before `to_tsquery('simple', …)`.
///
/// **Weights.** A: title, B: skills, C: organization and location, D: description; `ts_rank` scores
/// them 1.0, 0.5, 0.25 and 0.1 (see `ListingSearchQuery.rankWeights`), the proportions of the
/// SQLite store's bm25 column weights. A title is a dozen words that name the job, so a match there
/// is the strongest evidence; the description is long and its words incidental.
///
/// **Sync.** `listings_search_vector` runs BEFORE INSERT OR UPDATE on listings, after
/// `listings_organization_name` (triggers of one kind fire in name order), so a renamed
/// organization — whose trigger rewrites `listings.organization_name` — reindexes its listings.
/// Only a change to an indexed column recomputes the vector.
enum SearchIndexV2 {
    /// The document's words with their weights, of the arguments of `listings_search_document`
    /// (``SearchMarkersV19`` adds its markers to the same words).
    static let weightedWords = """
        setweight(to_tsvector('simple', edulink_search_text(title)), 'A')
                || setweight(to_tsvector('simple', edulink_search_text(skills)), 'B')
                || setweight(to_tsvector('simple', edulink_search_text(organization || ' ' || location)), 'C')
                || setweight(to_tsvector('simple', edulink_search_text(description)), 'D')
        """

    static let statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        """
        CREATE FUNCTION edulink_search_text(t text) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT regexp_replace(lower(unaccent(coalesce(t, ''))), '[^[:alnum:]]+', ' ', 'g')
        $$
        """,
        """
        CREATE FUNCTION edulink_search_query(q text) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT unaccent(q)
        $$
        """,
        """
        CREATE FUNCTION listings_search_document(title text, skills text, organization text, location text,
            description text) RETURNS tsvector LANGUAGE sql STABLE AS $$
            SELECT \(weightedWords)
        $$
        """,
        "ALTER TABLE listings ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector",
        """
        CREATE FUNCTION listings_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title
                OR NEW.skills_text IS DISTINCT FROM OLD.skills_text
                OR NEW.organization_name IS DISTINCT FROM OLD.organization_name
                OR NEW.location IS DISTINCT FROM OLD.location
                OR NEW.description IS DISTINCT FROM OLD.description THEN
                NEW.search_vector := listings_search_document(NEW.title, NEW.skills_text, NEW.organization_name,
                    NEW.location, NEW.description);
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER listings_search_vector BEFORE INSERT OR UPDATE ON listings
        FOR EACH ROW EXECUTE FUNCTION listings_search_vector()
        """,
        """
        UPDATE listings SET search_vector = listings_search_document(title, skills_text, organization_name,
            location, description)
        """,
        "CREATE INDEX listings_search ON listings USING gin (search_vector)",
    ]
}
