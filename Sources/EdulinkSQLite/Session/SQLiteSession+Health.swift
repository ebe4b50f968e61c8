import EdulinkCore
import Foundation
import GRDB

// Alerts, security tallies and the KPI aggregates.
extension SQLiteSession {
    func alerts(_ query: AlertQuery) throws -> [Alert] {
        var conditions: [String] = []
        var arguments: Arguments = ["limit": max(query.limit, 0)]
        if query.openOnly { conditions.append("state IN ('active', 'acknowledged')") }
        if let kind = query.kind {
            conditions.append("kind = :kind")
            arguments["kind"] = kind.rawValue
        }
        if let before = query.before {
            conditions.append("id < :before")
            arguments["before"] = before.rawValue
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try fetchAll(
            "SELECT * FROM alerts \(whereClause) ORDER BY id DESC LIMIT :limit", StatementArguments(arguments),
            Rows.alert)
    }

    func platformCounts(registeredSince: Date, appliedSince: Date, openAt: Date) throws -> PlatformCounts {
        let row = try fetchOne(
            """
            SELECT
                (SELECT count(*) FROM users WHERE created_at >= :registered) AS registrations,
                (SELECT count(*) FROM applications WHERE submitted_at >= :applied) AS applications,
                (SELECT count(*) FROM applications
                    WHERE status IN ('accepted', 'declined', 'rejected', 'withdrawn')) AS finished,
                (SELECT count(*) FROM applications WHERE status = 'accepted') AS accepted,
                (SELECT count(*) FROM listings WHERE status = 'published' AND deadline >= :now) AS open_listings,
                (SELECT avg(reviewed_at - submitted_at) FROM applications WHERE reviewed_at IS NOT NULL)
                    AS mean_review
            """,
            [
                "registered": ColumnCoding.microseconds(registeredSince),
                "applied": ColumnCoding.microseconds(appliedSince), "now": ColumnCoding.microseconds(openAt),
            ]
        ) { r in
            PlatformCounts(
                registrations: try r.int("registrations"), applications: try r.int("applications"),
                finished: try r.int("finished"), accepted: try r.int("accepted"),
                openListings: try r.int("open_listings"),
                meanSecondsToFirstReview: try r.optionalDouble("mean_review").map { $0 / 1_000_000 })
        }
        return row
            ?? PlatformCounts(
                registrations: 0, applications: 0, finished: 0, accepted: 0, openListings: 0,
                meanSecondsToFirstReview: nil)
    }
}
