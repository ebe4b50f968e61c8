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
}

/// One run of the scheduler in `edulink serve`.
public struct JobRun: Sendable, Equatable, Codable {
    public var tick: Int64
    public var instance: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var failure: String?
}
