import EdulinkCore
import Foundation

// Alerts, security tallies and the KPI aggregates (the SQLite session's twin).
extension PostgresSession {
    func alerts(_ query: AlertQuery) throws -> [Alert] {
        var arguments = SQLArguments()
        var conditions: [String] = []
        if query.openOnly { conditions.append("state IN ('active', 'acknowledged')") }
        if let kind = query.kind { conditions.append("kind = \(arguments.bind(kind.rawValue))") }
        if let before = query.before { conditions.append("id < \(arguments.bind(before))") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = arguments.bind(max(query.limit, 0))
        return try fetchAll(
            "SELECT * FROM alerts \(whereClause) ORDER BY id DESC LIMIT \(limit)", arguments.values, Rows.alert)
    }

    func platformCounts(registeredSince: Date, appliedSince: Date, openAt: Date) throws -> PlatformCounts {
        let row = try fetchOne(
            """
            SELECT
                (SELECT count(*) FROM users WHERE created_at >= $1) AS registrations,
                (SELECT count(*) FROM applications WHERE submitted_at >= $2) AS applications,
                (SELECT count(*) FROM applications
                    WHERE status IN ('accepted', 'declined', 'rejected', 'withdrawn')) AS finished,
                (SELECT count(*) FROM applications WHERE status = 'accepted') AS accepted,
                (SELECT count(*) FROM listings WHERE status = 'published' AND deadline >= $3) AS open_listings,
                (SELECT avg(extract(epoch FROM reviewed_at - submitted_at))::float8 FROM applications
                    WHERE reviewed_at IS NOT NULL) AS mean_review
            """, [registeredSince, appliedSince, openAt]
        ) { r in
            PlatformCounts(
                registrations: try r.int("registrations"), applications: try r.int("applications"),
                finished: try r.int("finished"), accepted: try r.int("accepted"),
                openListings: try r.int("open_listings"), meanSecondsToFirstReview: try r.optionalDouble("mean_review"))
        }
        return row
            ?? PlatformCounts(
                registrations: 0, applications: 0, finished: 0, accepted: 0, openListings: 0,
                meanSecondsToFirstReview: nil)
    }
}
