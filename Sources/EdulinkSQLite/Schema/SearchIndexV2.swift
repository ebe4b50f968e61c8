/// The full-text index over listings, kept in sync by triggers.
///
/// **Layout: external content.** `listings_fts` indexes columns of `listings` itself
/// (`content='listings'`), so the text is stored once: a regular FTS5 table would keep a second
/// copy of every title and description (hundreds of megabytes at a million listings). The cost is
/// that deletes must hand FTS5 the exact old values, which the triggers below do from `OLD`;
/// `INSERT INTO listings_fts(listings_fts) VALUES('integrity-check')` verifies index and content
/// agree, and `'rebuild'` recreates the index from `listings` after a bulk load. The organization
/// name is indexed through `listings.organization_name`, a copy that the `organizations_rename`
/// trigger keeps, so a rename reindexes that organization's listings.
///
/// **Tokens.** `unicode61 remove_diacritics 2`: case- and accent-insensitive (`café` = `cafe`), the
/// same splitting `FTSTokenizer` in Core assumes. `prefix='2 3 4'` keeps extra indexes of the first
/// 2, 3 and 4 characters of every token, so search-as-you-type (`"dat"*`) reads one index entry
/// instead of merging every term that starts with `dat`.
///
/// **Ranking.** `bm25` with column weights title 10, skills 5, organization 3, location 2,
/// description 1, set as the table's default `rank`. A title is a dozen words that name the job, so
/// a match there is the strongest evidence; skills are short curated keywords; an organization
/// match is what someone typing a company name wants but says less about the internship; a location
/// is shared by thousands of listings; the description is long and its words are incidental (bm25
/// already discounts long fields, the low weight keeps a word repeated in a long description from
/// outranking a title).
enum SearchIndexV2 {
    static let statements =
        [
            """
            CREATE VIRTUAL TABLE listings_fts USING fts5(
                title, skills_text, organization_name, location, description,
                content='listings', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
            )
            """,
            "INSERT INTO listings_fts(listings_fts, rank) VALUES('rank', 'bm25(10.0, 5.0, 3.0, 2.0, 1.0)')",
            "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')",
        ] + triggers

    static let triggerNames = ["listings_fts_insert", "listings_fts_delete", "listings_fts_update"]

    static let triggers = [
        """
        CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
            INSERT INTO listings_fts(rowid, title, skills_text, organization_name, location, description)
            VALUES (NEW.id, NEW.title, NEW.skills_text, NEW.organization_name, NEW.location, NEW.description);
        END
        """,
        """
        CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
            INSERT INTO listings_fts(listings_fts, rowid, title, skills_text, organization_name, location, description)
            VALUES ('delete', OLD.id, OLD.title, OLD.skills_text, OLD.organization_name, OLD.location, OLD.description);
        END
        """,
        // Only when indexed text changed: status changes and application counts do not touch the index
        // (`UPDATE OF` alone fires for every column named in the SET clause, changed or not).
        """
        CREATE TRIGGER listings_fts_update
        AFTER UPDATE OF title, skills_text, organization_name, location, description ON listings
        WHEN OLD.title IS NOT NEW.title OR OLD.skills_text IS NOT NEW.skills_text
            OR OLD.organization_name IS NOT NEW.organization_name OR OLD.location IS NOT NEW.location
            OR OLD.description IS NOT NEW.description
        BEGIN
            INSERT INTO listings_fts(listings_fts, rowid, title, skills_text, organization_name, location, description)
            VALUES ('delete', OLD.id, OLD.title, OLD.skills_text, OLD.organization_name, OLD.location, OLD.description);
            INSERT INTO listings_fts(rowid, title, skills_text, organization_name, location, description)
            VALUES (NEW.id, NEW.title, NEW.skills_text, NEW.organization_name, NEW.location, NEW.description);
        END
        """,
    ]
}
