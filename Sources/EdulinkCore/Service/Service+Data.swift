public import Foundation

/// What the admin Data tab shows: the database's status, its snapshots and the retention rule.
public struct DataOverview: Sendable, Equatable, Hashable, Codable {
    public var status: DatabaseStatus
    /// Recorded snapshots, newest first.
    public var backups: [BackupRecord]
    public var backupDirectory: String
    public var keepDays: Int
    /// How many recorded snapshots a prune would delete now.
    public var prunable: Int
    /// What this backend can do, in words (e.g. that PostgreSQL snapshots are `pg_dump` archives).
    public var note: String

    public init(
        status: DatabaseStatus, backups: [BackupRecord], backupDirectory: String, keepDays: Int, prunable: Int,
        note: String
    ) {
        self.status = status
        self.backups = backups
        self.backupDirectory = backupDirectory
        self.keepDays = keepDays
        self.prunable = prunable
        self.note = note
    }
}

/// A whole-database task of the Data tab.
public enum DatabaseTask: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case analyze, vacuum, reindex

    /// Past tense, for "Vacuumed".
    public var done: String {
        switch self {
        case .analyze: "Analyzed"
        case .vacuum: "Vacuumed"
        case .reindex: "Reindexed"
        }
    }
}

/// The database size before and after a task.
public struct DatabaseTaskResult: Sendable, Equatable, Hashable, Codable {
    public var task: DatabaseTask
    public var sizeBeforeBytes: Int64
    public var sizeAfterBytes: Int64

    public init(task: DatabaseTask, sizeBeforeBytes: Int64, sizeAfterBytes: Int64) {
        self.task = task
        self.sizeBeforeBytes = sizeBeforeBytes
        self.sizeAfterBytes = sizeAfterBytes
    }
}

/// A restore: the snapshot now live, and the snapshot of the database as it was just before.
public struct RestoreResult: Sendable, Equatable, Hashable, Codable {
    public var restored: BackupRecord
    public var previous: BackupRecord

    public init(restored: BackupRecord, previous: BackupRecord) {
        self.restored = restored
        self.previous = previous
    }
}

/// How many snapshots a prune deleted, and the retention it applied.
public struct PruneResult: Sendable, Equatable, Hashable, Codable {
    public var removed: Int
    public var keepDays: Int

    public init(removed: Int, keepDays: Int) {
        self.removed = removed
        self.keepDays = keepDays
    }
}

/// The retention rule: a snapshot older than `keepDays` goes, except the newest one, so that a
/// prune never leaves the database without a backup.
public enum BackupRetention {
    public static func expired(_ backups: [BackupRecord], keepDays: Int, now: Date) -> [BackupRecord] {
        let cutoff = cutoff(keepDays: keepDays, now: now)
        let newest = newest(backups)?.id
        return backups.filter { $0.createdAt < cutoff && $0.id != newest }
    }

    static func newest(_ backups: [BackupRecord]) -> BackupRecord? {
        backups.max { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }
    }
}

// The admin Data tab: status, integrity, maintenance tasks and snapshots. Every action is an
// admin's (`manageDatabase`), audited, and recorded as an admin-action security event.
extension EdulinkService {
    public func dataOverview() async throws -> DataOverview {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let (operations, maintenance) = try maintenanceTools()
            let backups = try await maintenance.backups()
            let status = try await maintenance.status()
            return DataOverview(
                status: status, backups: backups, backupDirectory: operations.backupDirectory,
                keepDays: operations.keepDays,
                prunable: BackupRetention.expired(backups, keepDays: operations.keepDays, now: now()).count,
                note: status.engine.hasPrefix("PostgreSQL")
                    ? "PostgreSQL: snapshots are pg_dump archives on the server; restore uses pg_restore."
                    : "SQLite: snapshots are copies of the database file, restored in place.")
        }
    }

    /// Integrity and foreign-key check; the store keeps the result for the health check.
    public func checkDatabaseIntegrity() async throws -> IntegrityReport {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let report = try await maintenanceTools().1.checkIntegrity()
            try await recordDataAction(
                principal, "database.check", nil,
                report.ok ? "integrity check passed" : "integrity check FAILED: \(report.problems.count) problems")
            return report
        }
    }

    public func runDatabaseTask(_ task: DatabaseTask) async throws -> DatabaseTaskResult {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let maintenance = try maintenanceTools().1
            let before = try await maintenance.status().sizeBytes
            switch task {
            case .analyze: try await maintenance.analyze()
            case .vacuum: try await maintenance.vacuum()
            case .reindex: try await maintenance.reindex()
            }
            let after = try await maintenance.status().sizeBytes
            try await recordDataAction(principal, "database.\(task.rawValue)", nil, "database \(task.rawValue)")
            return DatabaseTaskResult(task: task, sizeBeforeBytes: before, sizeAfterBytes: after)
        }
    }

    /// A verified snapshot in the backup folder; older ones are pruned as by `edulink db backup`.
    public func createBackup() async throws -> BackupRecord {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let (operations, maintenance) = try maintenanceTools()
            let record = try await maintenance.backup(
                into: URL(fileURLWithPath: operations.backupDirectory, isDirectory: true),
                keepDays: operations.keepDays)
            try await recordDataAction(principal, "backup.create", record.id, "backup \(record.fileName)")
            return record
        }
    }

    public func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let maintenance = try maintenanceTools().1
            let record = try await maintenance.verifyBackup(id)
            try await recordDataAction(
                principal, "backup.verify", id,
                "backup \(record.fileName) \(record.integrityOK ? "verified" : "FAILED")")
            return record
        }
    }

    /// Replaces the database with a recorded snapshot; the current database is backed up first.
    /// The audit entry is written after the restore, into the restored database.
    public func restoreBackup(_ id: BackupID) async throws -> RestoreResult {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let (operations, maintenance) = try maintenanceTools()
            guard let record = try await maintenance.backups().first(where: { $0.id == id }) else {
                throw EdulinkError.notFound("Backup \(id)")
            }
            let previous = try await acting(as: principal).restore(
                from: URL(fileURLWithPath: record.path),
                backupDirectory: URL(fileURLWithPath: operations.backupDirectory, isDirectory: true), id: id)
            return RestoreResult(restored: record, previous: previous)
        }
    }

    /// Replaces the database with the snapshot in `file` (the current one is saved into
    /// `backupDirectory` first), then ends every sign-in session: the snapshot holds sessions that
    /// had ended since it was taken (signed out, revoked, locked accounts), and none of them may
    /// live again. Returns the snapshot of the database as it was.
    public func restore(
        from file: URL, backupDirectory: URL, id: BackupID? = nil
    ) async throws -> BackupRecord {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let maintenance = try maintenanceTools().1
            let previous = try await maintenance.restore(from: file, backupDirectory: backupDirectory)
            let at = now()
            try await store.write { session in
                let accounts = try session.endEverySession(at: at)
                let summary =
                    "restored \(file.lastPathComponent); the database as it was is in \(previous.fileName); "
                    + "every session ended (\(accounts) accounts sign in again)"
                try self.audit(session, principal, "backup.restore", "database", id?.rawValue, summary)
                try self.securityEvent(session, .adminAction, user: nil, source: principal.origin.rawValue, summary)
            }
            return previous
        }
    }

    /// Deletes snapshots older than the retention, never the newest.
    public func pruneBackups() async throws -> PruneResult {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageDatabase)
            let (operations, maintenance) = try maintenanceTools()
            let newest = BackupRetention.newest(try await maintenance.backups())
            let removed = try await maintenance.pruneBackups(
                in: URL(fileURLWithPath: operations.backupDirectory, isDirectory: true),
                keepDays: operations.keepDays, keeping: newest?.id)
            try await recordDataAction(
                principal, "backup.prune", nil, "\(removed) backups older than \(operations.keepDays) days deleted")
            return PruneResult(removed: removed, keepDays: operations.keepDays)
        }
    }

    private func maintenanceTools() throws -> (OperationsEnvironment, any StoreMaintenance) {
        guard let operations = environment.operations, let maintenance = operations.maintenance else {
            throw EdulinkError.unavailable("This backend offers no database maintenance.")
        }
        return (operations, maintenance)
    }

    private func recordDataAction(_ principal: Principal, _ action: String, _ id: BackupID?, _ summary: String)
        async throws
    {
        try await store.write { session in
            try self.audit(session, principal, action, "database", id?.rawValue, summary)
            try self.securityEvent(session, .adminAction, user: nil, source: principal.origin.rawValue, summary)
        }
    }
}

extension BackupRecord {
    /// The snapshot's file name without its folder.
    public var fileName: String { URL(fileURLWithPath: path).lastPathComponent }
}
