public import Foundation

/// Facts about the database, for `edulink db status` and the admin Data tab.
public struct DatabaseStatus: Sendable, Equatable, Hashable, Codable {
    /// The tables whose row counts a status reports, on both stores.
    public static let countedTables = [
        "users", "student_profiles", "organizations", "institutions", "listings", "applications",
        "application_events", "saved_listings", "saved_searches", "notifications", "outbox", "audit_events",
        "security_events", "backups", "placements", "logbook_entries", "evaluations",
    ]

    public var location: String
    public var engine: String
    public var schemaVersion: String
    public var appliedMigrations: [String]
    public var pendingMigrations: [String]
    public var sizeBytes: Int64
    /// SQLite's write-ahead log file; 0 on PostgreSQL, which does not measure its WAL here.
    public var walSizeBytes: Int64
    public var rowCounts: [String: Int]
    public var lastIntegrityCheck: IntegrityReport?
    public var lastBackup: BackupRecord?
    /// How many segments SQLite's full-text index is in (each lookup seeks every one; the scheduled
    /// jobs merge them, ``StoreMaintenance/tidySearchIndex(pages:)``); nil on PostgreSQL.
    public var searchIndexSegments: Int?

    public init(
        location: String, engine: String, schemaVersion: String, appliedMigrations: [String],
        pendingMigrations: [String], sizeBytes: Int64, walSizeBytes: Int64, rowCounts: [String: Int],
        lastIntegrityCheck: IntegrityReport?, lastBackup: BackupRecord?, searchIndexSegments: Int? = nil
    ) {
        self.location = location
        self.engine = engine
        self.schemaVersion = schemaVersion
        self.appliedMigrations = appliedMigrations
        self.pendingMigrations = pendingMigrations
        self.sizeBytes = sizeBytes
        self.walSizeBytes = walSizeBytes
        self.rowCounts = rowCounts
        self.lastIntegrityCheck = lastIntegrityCheck
        self.lastBackup = lastBackup
        self.searchIndexSegments = searchIndexSegments
    }

    /// The write-ahead log's size where the store measures it (SQLite), else nil: shown as
    /// "0 bytes" on PostgreSQL it would say something false.
    public var measuredWriteAheadLogBytes: Int64? {
        engine.hasPrefix("SQLite") ? walSizeBytes : nil
    }
}

/// The result of an integrity and foreign-key check.
public struct IntegrityReport: Sendable, Equatable, Hashable, Codable {
    public var ok: Bool
    /// What the checks reported, empty when everything is fine.
    public var problems: [String]
    public var checkedAt: Date

    public init(ok: Bool, problems: [String], checkedAt: Date) {
        self.ok = ok
        self.problems = problems
        self.checkedAt = checkedAt
    }
}

/// Operations on the database as a whole: for the CLI (`edulink db …`) and the admin Data tab.
public protocol StoreMaintenance: Sendable {
    func status() async throws -> DatabaseStatus
    func checkIntegrity() async throws -> IntegrityReport
    /// Writes a verified snapshot into `directory` and deletes snapshots older than `keepDays`.
    func backup(into directory: URL, keepDays: Int) async throws -> BackupRecord
    func backups() async throws -> [BackupRecord]
    /// Verifies `file`, backs up the current database into `backupDirectory`, then swaps atomically.
    func restore(from file: URL, backupDirectory: URL) async throws -> BackupRecord
    /// Checks a recorded snapshot again and records the result (a missing file fails).
    func verifyBackup(_ id: BackupID) async throws -> BackupRecord
    /// Deletes snapshots older than `keepDays` (records and files), never `keeping`; returns how
    /// many recorded snapshots went.
    func pruneBackups(in directory: URL, keepDays: Int, keeping: BackupID?) async throws -> Int
    /// Reclaims the space of deleted and replaced rows. SQLite rewrites the file (what it frees goes
    /// back to the file system) whatever `full` says. PostgreSQL keeps the freed space inside its
    /// files for new rows unless `full`, which rewrites every table and its indexes (`VACUUM FULL`)
    /// and holds each while it does, reads included; either way it refreshes the planner's
    /// statistics (SQLite's are ``analyze()``'s).
    func vacuum(full: Bool) async throws
    /// Merges the full-text index's segments by at most about `pages` pages of work, in steps short
    /// enough that writers wait milliseconds, not seconds; nil where the store keeps its index
    /// otherwise (PostgreSQL's GIN index is tidied by autovacuum).
    func tidySearchIndex(pages: Int) async throws -> SearchIndexTidy?
    func analyze() async throws
    func reindex() async throws
}

extension StoreMaintenance {
    /// ``vacuum(full:)`` without holding tables: what the admin's Data tab runs.
    public func vacuum() async throws {
        try await vacuum(full: false)
    }
}

/// What one ``StoreMaintenance/tidySearchIndex(pages:)`` did: the full-text index's segments before
/// and after, and whether any merging is left for the next one (a big merge takes several).
public struct SearchIndexTidy: Sendable, Equatable, Codable {
    public var segmentsBefore: Int
    public var segmentsAfter: Int
    /// Nothing is left to merge (FTS5 said so); false when the pages ran out first (more may be left).
    public var complete: Bool

    public init(segmentsBefore: Int, segmentsAfter: Int, complete: Bool) {
        self.segmentsBefore = segmentsBefore
        self.segmentsAfter = segmentsAfter
        self.complete = complete
    }

    /// How many segments went (merged into others).
    public var merged: Int { max(segmentsBefore - segmentsAfter, 0) }
}
