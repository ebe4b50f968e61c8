import EdulinkCore
import Foundation
import GRDB

// Alerts, security tallies and the KPI aggregates.
extension SQLiteSession {
    static func alertArguments(_ alert: Alert) -> Arguments {
        [
            "id": newID(alert.id.rawValue), "kind": alert.kind.rawValue, "severity": alert.severity.rawValue,
            "message": alert.message, "state": alert.state.rawValue,
            "raised_at": ColumnCoding.microseconds(alert.raisedAt),
            "last_seen_at": ColumnCoding.microseconds(alert.lastSeenAt),
            "acknowledged_at": ColumnCoding.microseconds(alert.acknowledgedAt),
            "acknowledged_by": alert.acknowledgedBy?.rawValue, "closed_at": ColumnCoding.microseconds(alert.closedAt),
            "closed_by": alert.closedBy?.rawValue,
        ]
    }

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

    func alert(_ id: AlertID) throws -> Alert? {
        try fetchOne("SELECT * FROM alerts WHERE id = ?", [id.rawValue], Rows.alert)
    }

    func insertAlert(_ alert: Alert) throws -> Alert {
        var inserted = alert
        inserted.id = AlertID(
            try insert(
                """
                INSERT INTO alerts (id, kind, severity, message, state, raised_at, last_seen_at, acknowledged_at,
                    acknowledged_by, closed_at, closed_by)
                VALUES (:id, :kind, :severity, :message, :state, :raised_at, :last_seen_at, :acknowledged_at,
                    :acknowledged_by, :closed_at, :closed_by)
                """, Self.alertArguments(alert)))
        return inserted
    }

    func updateAlert(_ alert: Alert) throws {
        try updateOne(
            """
            UPDATE alerts SET kind = :kind, severity = :severity, message = :message, state = :state,
                raised_at = :raised_at, last_seen_at = :last_seen_at, acknowledged_at = :acknowledged_at,
                acknowledged_by = :acknowledged_by, closed_at = :closed_at, closed_by = :closed_by
            WHERE id = :id
            """, Self.alertArguments(alert), what: "Alert \(alert.id)")
    }

    func tallySecurityEvents(kind: SecurityEventKind, since: Date, by grouping: SecurityGrouping, limit: Int) throws
        -> [SecurityTally]
    {
        let column = grouping == .account ? "lower(coalesce(email, ''))" : "coalesce(source, '')"
        return try fetchAll(
            """
            SELECT \(column) AS key, count(*) AS n, max(at) AS last_at FROM security_events
            WHERE kind = ? AND at >= ? GROUP BY key ORDER BY n DESC, key LIMIT ?
            """, [kind.rawValue, ColumnCoding.microseconds(since), max(limit, 0)]
        ) { r in SecurityTally(key: try r.string("key"), count: try r.int("n"), lastAt: try r.date("last_at")) }
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
