import EdulinkCore
import Foundation

// Figures for the employer's screens: grouped aggregates, never a load of every application.
// Mirrors SQLiteSession+Employer.swift.
extension PostgresSession {
    func stageEnteredAt(_ ids: [ApplicationID]) throws -> [ApplicationID: Date] {
        guard !ids.isEmpty else { return [:] }
        let pairs = try fetchAll(
            """
            SELECT application_id, max(at) AS entered FROM application_events
            WHERE application_id = ANY($1) GROUP BY application_id
            """,
            [SQLValue.intArray(ids.map(\.rawValue))]
        ) { (ApplicationID(try $0.int64("application_id")), try $0.date("entered")) }
        return Dictionary(pairs, uniquingKeysWith: max)
    }

    func applicationCounts(organizationID: OrganizationID) throws -> [ListingID: StatusCounts] {
        let rows = try fetchAll(
            """
            SELECT a.listing_id, a.status, count(*) AS n FROM applications AS a
            JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = $1 GROUP BY a.listing_id, a.status
            """,
            [organizationID]
        ) { (ListingID(try $0.int64("listing_id")), try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        var counts: [ListingID: StatusCounts] = [:]
        for (listing, status, n) in rows { counts[listing, default: [:]][status, default: 0] += n }
        return counts
    }

    func furthestStageCounts(organizationID: OrganizationID, stages: [ApplicationStatus]) throws -> [Int] {
        guard !stages.isEmpty else { return [] }
        let rank =
            "CASE e.to_status " + stages.indices.map { "WHEN $\($0 + 1) THEN \($0)" }.joined(separator: " ") + " END"
        var values: [any SQLBindable] = stages.map(\.rawValue)
        values.append(organizationID)
        let rows = try fetchAll(
            """
            SELECT furthest, count(*) AS n FROM (
                SELECT e.application_id, max(\(rank)) AS furthest FROM application_events AS e
                JOIN applications AS a ON a.id = e.application_id
                JOIN listings AS l ON l.id = a.listing_id
                WHERE l.organization_id = $\(stages.count + 1) AND e.undoes IS NULL
                    AND e.id NOT IN (SELECT undoes FROM application_events WHERE undoes IS NOT NULL)
                GROUP BY e.application_id
            ) AS reached WHERE furthest IS NOT NULL GROUP BY furthest
            """,
            values
        ) { (try $0.int("furthest"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: stages.count)
        for (index, n) in rows where counts.indices.contains(index) { counts[index] += n }
        return counts
    }

    func firstReview(organizationID: OrganizationID) throws -> FirstReviewFigures {
        try fetchOne(
            """
            SELECT count(*) AS n, avg(extract(epoch FROM a.reviewed_at - a.submitted_at))::float8 AS mean
            FROM applications AS a JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = $1 AND a.reviewed_at IS NOT NULL
            """,
            [organizationID]
        ) { r in FirstReviewFigures(reviewed: try r.int("n"), meanSeconds: try r.optionalDouble("mean")) }
            ?? FirstReviewFigures(reviewed: 0, meanSeconds: nil)
    }

    func weeklyApplications(organizationID: OrganizationID, end: Date, weeks: Int) throws -> [Int] {
        guard weeks > 0 else { return [] }
        let start = end.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        let rows = try fetchAll(
            """
            SELECT floor(extract(epoch FROM a.submitted_at - $1) / 604800)::bigint AS bucket, count(*) AS n
            FROM applications AS a JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = $2 AND a.submitted_at >= $1 AND a.submitted_at <= $3
            GROUP BY bucket
            """,
            [start, organizationID, end]
        ) { (try $0.int("bucket"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: weeks)
        for (bucket, n) in rows where bucket >= 0 { counts[min(bucket, weeks - 1)] += n }
        return counts
    }
}
