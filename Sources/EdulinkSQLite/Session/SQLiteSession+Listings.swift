import EdulinkCore
import Foundation
import GRDB

// Listings: rows, derived filter columns, and the reads that are not a search.
extension SQLiteSession {
    /// The columns of `ListingSummary`, for every query that returns summaries.
    static let summaryColumns = """
        l.id, l.title, l.organization_id, l.organization_name, l.category, l.level, l.location_type, l.location,
        l.stipend_amount, l.stipend_currency, l.deadline, l.duration_weeks, l.application_count, l.status,
        l.featured, l.published_at, l.required_skills
        """

    func listings(organizationID: OrganizationID) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE organization_id = ? ORDER BY id", [organizationID.rawValue], Rows.listing)
    }

    func listings(status: ListingStatus, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = ? ORDER BY id LIMIT ?", [status.rawValue, max(limit, 0)],
            Rows.listing)
    }

    func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary] {
        guard !ids.isEmpty else { return [] }
        let json = try ColumnCoding.json(ids.map(\.rawValue))
        let found = try fetchAll(
            "SELECT \(Self.summaryColumns) FROM listings AS l WHERE l.id IN (SELECT value FROM json_each(?))",
            [json]
        ) { try Rows.summary($0, score: nil) }
        // In the order asked for.
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    func applicationCounts(listingID: ListingID) throws -> StatusCounts {
        let pairs = try fetchAll(
            "SELECT status, count(*) AS n FROM applications WHERE listing_id = ? GROUP BY status",
            [listingID.rawValue]
        ) { (try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    /// A plain read. SQLite has one writer: the service calls this inside `write`, whose
    /// `BEGIN IMMEDIATE` already holds the database's write lock, so no other connection or process
    /// can change the listing (or its applications) until the transaction ends — the guarantee
    /// PostgreSQL needs `SELECT … FOR UPDATE` for.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try listing(id)
    }
}
