import EdulinkCore
import Foundation

// Listings: rows, derived filter columns, and the reads that are not a search.
extension PostgresSession {
    /// The columns of `ListingSummary`, for every query that returns summaries.
    static let summaryColumns = """
        l.id, l.title, l.organization_id, l.organization_name, l.category, l.level, l.location_type, l.location,
        l.stipend_amount, l.stipend_currency, l.deadline, l.duration_weeks, l.application_count, l.status,
        l.featured, l.published_at, l.required_skills
        """

    func listings(organizationID: OrganizationID) throws -> [Listing] {
        try fetchAll("SELECT * FROM listings WHERE organization_id = $1 ORDER BY id", [organizationID], Rows.listing)
    }

    func listings(status: ListingStatus, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = $1 ORDER BY id LIMIT $2", [status.rawValue, max(limit, 0)],
            Rows.listing)
    }

    func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary] {
        guard !ids.isEmpty else { return [] }
        let found = try fetchAll(
            "SELECT \(Self.summaryColumns) FROM listings AS l WHERE l.id = ANY($1)",
            [SQLValue.intArray(ids.map(\.rawValue))]
        ) { try Rows.summary($0, score: nil) }
        // In the order asked for.
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    func applicationCounts(listingID: ListingID) throws -> StatusCounts {
        let pairs = try fetchAll(
            "SELECT status, count(*) AS n FROM applications WHERE listing_id = $1 GROUP BY status", [listingID]
        ) { (try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    /// `SELECT … FOR UPDATE`: the row stays locked until the transaction ends, so a concurrent
    /// apply to the same listing waits here and then sees this transaction's applications (under
    /// READ COMMITTED each statement after the wait reads the newly committed rows). That is what
    /// makes the capacity rule hold with many writers.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try fetchOne("SELECT * FROM listings WHERE id = $1 FOR UPDATE", [id], Rows.listing)
    }
}
