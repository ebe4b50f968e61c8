import Foundation

/// How many listings are open, without a scan: the count Browse shows before anything is typed
/// (every open listing its viewer may see), which would otherwise read every open listing.
///
/// Both stores keep `open_listing_counts (audience, hour, n)`, maintained by triggers on
/// `listings` in the transaction of every change (step `v13-open-listing-counts`): `n` listings
/// that are published and verified, meant for `audience` (0: public; an institution's id: that
/// institution's own listings; -1: institution-only without an institution, seen by the platform
/// only), whose deadline falls in `hour` (Unix hours, rounded down). Open at `now` is then the sum
/// of the hours after the current one, plus the current hour's listings whose deadline has not
/// passed yet, counted exactly with the deadline index (a few hundred rows at most).
///
/// The same rule as ``ListingConditions`` (open listings, ``ListingViewer``): the contract tests
/// compare this count with the scan's on every store after every kind of change.
public enum OpenListingTally {
    /// Microseconds in one hour: the width of a bucket.
    static let hourMicroseconds: Int64 = 3_600_000_000

    /// Whether ``count(in:scope:)`` answers `countListings(filter, scope)`: no filter at all, open
    /// listings only, and nothing in the scope beyond who is looking (a student's eligibility context
    /// applies only with `eligible:yes`, which is a filter).
    public static func answers(_ filter: ListingFilter, scope: ListingScope) -> Bool {
        filter.isEmpty && scope.openOnly && scope.publishedAfter == nil && scope.organizationID == nil
            && scope.notAppliedBy == nil
    }

    /// The buckets as SQL on a `listings` row named `row` (`NEW`, `OLD`, an alias), for the schema
    /// steps' triggers and backfill: whether the listing counts, its audience and its hour. Step
    /// `v13-open-listing-counts` is built from them, so they never change; new buckets are a new step.
    public static func counted(_ row: String) -> String {
        "\(row).status = 'published' AND \(row).verified_at IS NOT NULL"
    }

    public static func audience(_ row: String) -> String {
        "CASE WHEN \(row).visibility = 'public' THEN 0 ELSE coalesce(\(row).institution_id, -1) END"
    }

    public static func hour(_ row: String, dialect: SchemaDialect) -> String {
        switch dialect {
        case .sqlite: "\(row).deadline / \(hourMicroseconds)"
        case .postgres: "(extract(epoch FROM \(row).deadline) * 1000000)::bigint / \(hourMicroseconds)"
        }
    }

    /// The audiences a viewer sees, as the table keys them; nil for every audience.
    static func audiences(of viewer: ListingViewer) -> [Int64]? {
        switch viewer {
        case .platform: nil
        case .member(nil): [0]
        case .member(let institution?): [0, institution.rawValue]
        }
    }

    /// The bucket of an instant: Unix hours, rounded toward zero as the triggers round.
    static func hour(of date: Date) -> Int64 {
        ColumnValue.microseconds(date) / hourMicroseconds
    }

    /// The open listings `scope.viewer` sees at `scope.now` (``answers(_:scope:)`` must hold).
    public static func count(in session: some SQLSession, scope: ListingScope) throws -> Int {
        let hour = hour(of: scope.now)
        var values: [any ColumnValueConvertible] = [hour]
        var counted = "SELECT CAST(coalesce(sum(n), 0) AS BIGINT) AS count FROM open_listing_counts WHERE hour > ?"
        if let audiences = audiences(of: scope.viewer) {
            counted += " AND audience IN (\(audiences.map { _ in "?" }.joined(separator: ", ")))"
            values += audiences.map { $0 as any ColumnValueConvertible }
        }
        let later = try session.selectCount(counted, values)
        // The current hour: its listings whose deadline is still ahead, by the search's own conditions.
        var exactValues: [any ColumnValueConvertible] = []
        let conditions = ListingConditions.conditions(
            filter: ListingFilter(), scope: scope, dialect: session.dialect
        ) { value in
            exactValues.append(value)
            return "?"
        }
        let hourEnd = Date(timeIntervalSince1970: Double(hour + 1) * 3600)
        exactValues.append(hourEnd)
        let now = try session.selectCount(
            "SELECT count(*) AS count FROM listings AS l WHERE \(conditions.joined(separator: " AND ")) AND l.deadline < ?",
            exactValues)
        return later + now
    }
}
