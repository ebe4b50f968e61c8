import EdulinkCore

/// `open_listing_counts`, kept by a trigger in the transaction of every listing change, so the count
/// of open listings is a sum of a few thousand small rows instead of a scan (`OpenListingTally`).
///
/// The same buckets as SQLite's `OpenListingCountsV13`: a listing counts while it is published and
/// verified, under its audience (0 public, its institution's id for an institution-only listing, -1
/// for one without an institution) and the hour of its deadline (Unix microseconds divided by an
/// hour's, rounded toward zero, as `OpenListingTally.hour(of:)` rounds). Concurrent writers of one
/// bucket serialize on its row (`ON CONFLICT … DO UPDATE`, `UPDATE`), each in its own transaction.
enum OpenListingCountsV13 {
    static let identifier = "v13-open-listing-counts"

    private static func counted(_ row: String) -> String { OpenListingTally.counted(row) }
    private static func audience(_ row: String) -> String { OpenListingTally.audience(row) }
    private static func hour(_ row: String) -> String { OpenListingTally.hour(row, dialect: .postgres) }

    static let statements = [
        """
        CREATE TABLE open_listing_counts (
            audience bigint NOT NULL,
            hour bigint NOT NULL,
            n bigint NOT NULL,
            PRIMARY KEY (audience, hour)
        )
        """,
        """
        INSERT INTO open_listing_counts (audience, hour, n)
        SELECT \(audience("l")), \(hour("l")), count(*) FROM listings AS l WHERE \(counted("l")) GROUP BY 1, 2
        """,
        """
        CREATE FUNCTION edulink_tally_listing() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' AND \(counted("OLD")) THEN
                UPDATE open_listing_counts SET n = n - 1
                WHERE audience = \(audience("OLD")) AND hour = \(hour("OLD"));
            END IF;
            IF TG_OP <> 'DELETE' AND \(counted("NEW")) THEN
                INSERT INTO open_listing_counts (audience, hour, n) VALUES (\(audience("NEW")), \(hour("NEW")), 1)
                ON CONFLICT (audience, hour) DO UPDATE SET n = open_listing_counts.n + 1;
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER listings_tally AFTER INSERT OR DELETE OR UPDATE OF status, verified_at, deadline, visibility,
        institution_id ON listings FOR EACH ROW EXECUTE FUNCTION edulink_tally_listing()
        """,
    ]
}
