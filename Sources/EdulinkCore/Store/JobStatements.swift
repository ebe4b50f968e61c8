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

    /// Saved searches the alert job may look at as of `date`, by id after `after`: of students whose
    /// account is not disabled, not alerted within `quietFor` and not looked at within `checkEvery`.
    public func savedSearchesDueForAlert(
        at date: Date, quietFor: TimeInterval, checkEvery: TimeInterval, after: SavedSearchID?, limit: Int
    ) throws -> [SavedSearchAlertCandidate] {
        try select(
            """
            SELECT s.*, u.institution_id AS account_institution_id FROM saved_searches s
            JOIN users u ON u.id = s.student_id
            WHERE s.id > ? AND u.role = 'student' AND u.status <> 'disabled'
            AND (s.last_alerted_at IS NULL OR s.last_alerted_at <= ?)
            AND (s.alert_checked_at IS NULL OR s.alert_checked_at <= ?)
            ORDER BY s.id LIMIT ?
            """,
            [
                after?.rawValue ?? 0, date.addingTimeInterval(-quietFor), date.addingTimeInterval(-checkEvery),
                max(limit, 0),
            ]
        ) { r in
            SavedSearchAlertCandidate(
                search: try Rows.savedSearch(r), accountInstitutionID: try r.optionalID("account_institution_id"),
                lastAlertedAt: try r.optionalDate("last_alerted_at"))
        }
    }

    /// Records that the alert job looked at saved search `id` at `date`.
    public func markSavedSearchChecked(_ id: SavedSearchID, at date: Date) throws {
        try perform("UPDATE saved_searches SET alert_checked_at = ? WHERE id = ?", [date, id])
    }

    /// Records an alert of saved search `id` at `date` unless one was recorded after `quietSince`
    /// (by another process meanwhile): true for the one caller that may send it.
    public func claimSavedSearchAlert(_ id: SavedSearchID, at date: Date, quietSince: Date) throws -> Bool {
        try perform(
            """
            UPDATE saved_searches SET last_alerted_at = ?, alert_checked_at = ?
            WHERE id = ? AND (last_alerted_at IS NULL OR last_alerted_at <= ?)
            """, [date, date, id, quietSince]) == 1
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
        // The server prunes these itself at its next write; this also clears them when none comes.
        deleted["idempotency_records"] = try perform(
            "DELETE FROM idempotency_records WHERE created_at < ?",
            [date.addingTimeInterval(-Double(retention.idempotencyRecordHours) * 3600)])
        return deleted.filter { $0.value > 0 }
    }
}

/// How long what expires is kept, and then deleted by the scheduled jobs.
public struct Retention: Sendable, Equatable, Codable {
    public var readNotificationDays: Int
    public var securityEventDays: Int
    public var deliveredMessageDays: Int
    /// How long a write's response is kept for replay under its `Idempotency-Key`: as long as the
    /// server's own `idempotencyRetention` (which prunes at each write).
    public var idempotencyRecordHours: Int

    public init(
        readNotificationDays: Int, securityEventDays: Int, deliveredMessageDays: Int, idempotencyRecordHours: Int = 24
    ) {
        self.readNotificationDays = readNotificationDays
        self.securityEventDays = securityEventDays
        self.deliveredMessageDays = deliveredMessageDays
        self.idempotencyRecordHours = idempotencyRecordHours
    }

    /// Read notifications 180 days, security events a year, delivered messages 30 days, idempotency
    /// records 24 hours.
    public static let standard = Retention(
        readNotificationDays: 180, securityEventDays: 365, deliveredMessageDays: 30, idempotencyRecordHours: 24)
}

/// A saved search the alert job looks at, with what it needs besides the search: the student's
/// account institution (their audience when the profile names none) and the last alert.
public struct SavedSearchAlertCandidate: Sendable, Equatable {
    public var search: SavedSearch
    public var accountInstitutionID: InstitutionID?
    public var lastAlertedAt: Date?

    public init(search: SavedSearch, accountInstitutionID: InstitutionID?, lastAlertedAt: Date?) {
        self.search = search
        self.accountInstitutionID = accountInstitutionID
        self.lastAlertedAt = lastAlertedAt
    }
}

/// One run of the scheduler in `edulink serve`.
public struct JobRun: Sendable, Equatable, Codable {
    public var tick: Int64
    public var instance: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var failure: String?
}
