import EdulinkCore

/// `open_listing_counts`, kept by triggers in the transaction of every listing change, so the count
/// of open listings is a sum of a few thousand small rows instead of a scan (`OpenListingTally`).
///
/// A listing counts while it is published and verified, under its audience (0 public, its
/// institution's id for an institution-only listing, -1 for one without an institution) and the
/// hour of its deadline (Unix microseconds divided by an hour's, rounded toward zero, as
/// `OpenListingTally.hour(of:)` rounds). An update of any column these depend on takes the listing
/// out of its old bucket and puts it in its new one. Hours keep their row at zero.
enum OpenListingCountsV13 {
    static let identifier = "v13-open-listing-counts"

    private static func counted(_ row: String) -> String { OpenListingTally.counted(row) }
    private static func audience(_ row: String) -> String { OpenListingTally.audience(row) }
    private static func hour(_ row: String) -> String { OpenListingTally.hour(row, dialect: .sqlite) }

    private static func add(_ row: String) -> String {
        """
        INSERT INTO open_listing_counts (audience, hour, n) VALUES (\(audience(row)), \(hour(row)), 1)
        ON CONFLICT (audience, hour) DO UPDATE SET n = n + 1;
        """
    }

    private static func remove(_ row: String) -> String {
        "UPDATE open_listing_counts SET n = n - 1 WHERE audience = \(audience(row)) AND hour = \(hour(row));"
    }

    private static let watched = "status, verified_at, deadline, visibility, institution_id"

    static let statements = [
        """
        CREATE TABLE open_listing_counts (
            audience INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (audience, hour)
        ) WITHOUT ROWID
        """,
        """
        INSERT INTO open_listing_counts (audience, hour, n)
        SELECT \(audience("l")), \(hour("l")), count(*) FROM listings AS l WHERE \(counted("l")) GROUP BY 1, 2
        """,
        "CREATE TRIGGER listings_tally_added AFTER INSERT ON listings WHEN \(counted("NEW")) BEGIN \(add("NEW")) END",
        "CREATE TRIGGER listings_tally_removed AFTER DELETE ON listings WHEN \(counted("OLD")) BEGIN \(remove("OLD")) END",
        // Two triggers for an update: out of the old bucket, into the new one (either may not apply).
        """
        CREATE TRIGGER listings_tally_left AFTER UPDATE OF \(watched) ON listings WHEN \(counted("OLD"))
        BEGIN \(remove("OLD")) END
        """,
        """
        CREATE TRIGGER listings_tally_entered AFTER UPDATE OF \(watched) ON listings WHEN \(counted("NEW"))
        BEGIN \(add("NEW")) END
        """,
    ]
}
