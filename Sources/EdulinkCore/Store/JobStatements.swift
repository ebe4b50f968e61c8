public import Foundation

// What the scheduled jobs look up: statements both stores run alike.
extension SQLSession {
    public func expiredOffers(at date: Date, limit: Int) throws -> [Application] {
        // The partial index `applications_offer_expiry` (v9-jobs) holds exactly the offers waiting.
        try select(
            """
            SELECT * FROM applications WHERE status = 'offered' AND offer_expires_at IS NOT NULL
            AND offer_expires_at <= ? ORDER BY offer_expires_at, id LIMIT ?
            """, [date, max(limit, 0)], Rows.application)
    }

    /// Claims scheduler tick `tick` for `instance`: true for the one caller that inserted its row.
    public func claimJobTick(_ tick: Int64, instance: String, at date: Date) throws -> Bool {
        try perform(
            "INSERT INTO job_runs (tick, instance, started_at) VALUES (?, ?, ?) ON CONFLICT (tick) DO NOTHING",
            [tick, instance, date]) == 1
    }

    /// Records how the run of `tick` ended: its report, or why it failed.
    public func finishJobTick(_ tick: Int64, at date: Date, report: JobReport?, failure: String?) throws {
        try perform(
            "UPDATE job_runs SET finished_at = ?, report = ?, failure = ? WHERE tick = ?",
            [date, try report.map { try ColumnValue.json($0) } ?? .null, failure, tick])
    }

    /// The newest scheduler runs.
    public func jobRuns(limit: Int) throws -> [JobRun] {
        try select("SELECT * FROM job_runs ORDER BY tick DESC LIMIT ?", [max(limit, 0)]) { r in
            JobRun(
                tick: try r.int64("tick"), instance: try r.string("instance"), startedAt: try r.date("started_at"),
                finishedAt: try r.optionalDate("finished_at"), failure: try r.optionalString("failure"))
        }
    }

    /// Forgets scheduler runs that started before `date`.
    @discardableResult
    public func pruneJobRuns(before date: Date) throws -> Int {
        try perform("DELETE FROM job_runs WHERE started_at < ?", [date])
    }

    /// Deletes what `retention` no longer keeps as of `date`; returns how many rows, by table.
    public func prune(_ retention: Retention, at date: Date) throws -> [String: Int] {
        func before(_ days: Int) -> Date { date.addingTimeInterval(-Double(days) * 86_400) }
        var deleted: [String: Int] = [:]
        deleted["outbox"] = try perform(
            "DELETE FROM outbox WHERE status = 'sent' AND created_at < ?", [before(retention.deliveredMessageDays)])
        // A notification a message still refers to stays until the message goes.
        deleted["notifications"] = try perform(
            """
            DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < ?
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.notification_id = notifications.id)
            """, [before(retention.readNotificationDays)])
        deleted["security_events"] = try perform(
            "DELETE FROM security_events WHERE at < ?", [before(retention.securityEventDays)])
        return deleted.filter { $0.value > 0 }
    }
}

/// How long what expires is kept, and then deleted by the scheduled jobs. (The server keeps its
/// idempotency records for its own `idempotencyRetention`, 24 hours, and prunes them itself.)
public struct Retention: Sendable, Equatable, Codable {
    public var readNotificationDays: Int
    public var securityEventDays: Int
    public var deliveredMessageDays: Int

    public init(readNotificationDays: Int, securityEventDays: Int, deliveredMessageDays: Int) {
        self.readNotificationDays = readNotificationDays
        self.securityEventDays = securityEventDays
        self.deliveredMessageDays = deliveredMessageDays
    }

    /// Read notifications 180 days, security events a year, delivered messages 30 days.
    public static let standard = Retention(readNotificationDays: 180, securityEventDays: 365, deliveredMessageDays: 30)
}

/// One run of the scheduler in `edulink serve`.
public struct JobRun: Sendable, Equatable, Codable {
    public var tick: Int64
    public var instance: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var failure: String?
}
