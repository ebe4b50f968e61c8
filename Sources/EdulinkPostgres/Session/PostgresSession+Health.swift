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

    func alert(_ id: AlertID) throws -> Alert? {
        try fetchOne("SELECT * FROM alerts WHERE id = $1", [id], Rows.alert)
    }

    func tallySecurityEvents(kind: SecurityEventKind, since: Date, by grouping: SecurityGrouping, limit: Int) throws
        -> [SecurityTally]
    {
        let column = grouping == .account ? "lower(coalesce(email, ''))" : "coalesce(source, '')"
        return try fetchAll(
            """
            SELECT \(column) AS key, count(*) AS n, max(at) AS last_at FROM security_events
            WHERE kind = $1 AND at >= $2 GROUP BY key ORDER BY n DESC, key LIMIT $3
            """, [kind.rawValue, since, max(limit, 0)]
        ) { r in SecurityTally(key: try r.string("key"), count: try r.int("n"), lastAt: try r.date("last_at")) }
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
