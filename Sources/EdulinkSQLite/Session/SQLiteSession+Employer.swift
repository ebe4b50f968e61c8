import EdulinkCore
import Foundation
import GRDB

// Figures for the employer's screens: grouped aggregates, never a load of every application.
extension SQLiteSession {
    func stageEnteredAt(_ ids: [ApplicationID]) throws -> [ApplicationID: Date] {
        guard !ids.isEmpty else { return [:] }
        let pairs = try fetchAll(
            """
            SELECT application_id, max(at) AS entered FROM application_events
            WHERE application_id IN (SELECT value FROM json_each(?)) GROUP BY application_id
            """,
            [try ColumnCoding.json(ids.map(\.rawValue))]
        ) { (ApplicationID(try $0.int64("application_id")), try $0.date("entered")) }
        return Dictionary(pairs, uniquingKeysWith: max)
    }

    func applicationCounts(organizationID: OrganizationID) throws -> [ListingID: StatusCounts] {
        let rows = try fetchAll(
            """
            SELECT a.listing_id, a.status, count(*) AS n FROM applications AS a
            JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? GROUP BY a.listing_id, a.status
            """,
            [organizationID.rawValue]
        ) { (ListingID(try $0.int64("listing_id")), try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        var counts: [ListingID: StatusCounts] = [:]
        for (listing, status, n) in rows { counts[listing, default: [:]][status, default: 0] += n }
        return counts
    }

    func furthestStageCounts(organizationID: OrganizationID, stages: [ApplicationStatus]) throws -> [Int] {
        guard !stages.isEmpty else { return [] }
        let rank = "CASE e.to_status " + stages.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ") + " END"
        var arguments = StatementArguments(stages.map(\.rawValue))
        arguments += [organizationID.rawValue]
        let rows = try fetchAll(
            """
            SELECT furthest, count(*) AS n FROM (
                SELECT e.application_id, max(\(rank)) AS furthest FROM application_events AS e
                JOIN applications AS a ON a.id = e.application_id
                JOIN listings AS l ON l.id = a.listing_id
                WHERE l.organization_id = ? AND e.undoes IS NULL
                    AND e.id NOT IN (SELECT undoes FROM application_events WHERE undoes IS NOT NULL)
                GROUP BY e.application_id
            ) WHERE furthest IS NOT NULL GROUP BY furthest
            """,
            arguments
        ) { (try $0.int("furthest"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: stages.count)
        for (index, n) in rows where counts.indices.contains(index) { counts[index] += n }
        return counts
    }

    func firstReview(organizationID: OrganizationID) throws -> FirstReviewFigures {
        try fetchOne(
            """
            SELECT count(*) AS n, avg(a.reviewed_at - a.submitted_at) AS mean FROM applications AS a
            JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? AND a.reviewed_at IS NOT NULL
            """,
            [organizationID.rawValue]
        ) { r in
            FirstReviewFigures(
                reviewed: try r.int("n"),
                meanSeconds: try r.optionalDouble("mean").map { $0 / 1_000_000 })
        } ?? FirstReviewFigures(reviewed: 0, meanSeconds: nil)
    }

    func weeklyApplications(organizationID: OrganizationID, end: Date, weeks: Int) throws -> [Int] {
        guard weeks > 0 else { return [] }
        let week: Int64 = 7 * 86_400 * 1_000_000
        let endValue = ColumnCoding.microseconds(end)
        let start = endValue - Int64(weeks) * week
        let rows = try fetchAll(
            """
            SELECT (a.submitted_at - ?) / ? AS bucket, count(*) AS n FROM applications AS a
            JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? AND a.submitted_at >= ? AND a.submitted_at <= ?
            GROUP BY bucket
            """,
            [start, week, organizationID.rawValue, start, endValue]
        ) { (try $0.int("bucket"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: weeks)
        for (bucket, n) in rows where bucket >= 0 { counts[min(bucket, weeks - 1)] += n }
        return counts
    }
}
