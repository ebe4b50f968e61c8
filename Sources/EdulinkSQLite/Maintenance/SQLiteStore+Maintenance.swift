public import EdulinkCore
import Foundation
import GRDB

// Status, integrity, vacuum, analyze and reindex: `edulink db …` and the admin Data tab.
extension SQLiteStore {
    /// Schema version, migrations, file sizes, row counts, and the last integrity check and backup.
    ///
    /// Works on a database that was never migrated (or is only partly): every migration is then
    /// pending, and a table that does not exist yet counts 0 rows.
    public func status() async throws -> DatabaseStatus {
        try await mapErrors {
            let path = self.path
            return try await pool.read { db in
                let applied = try Migrations.migrator.appliedMigrations(db)
                var counts: [String: Int] = [:]
                for table in DatabaseStatus.countedTables {
                    guard try db.tableExists(table) else {
                        counts[table] = 0
                        continue
                    }
                    counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                let hasBackups = try db.tableExists("backups")
                return DatabaseStatus(
                    location: path, engine: "SQLite \(try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "")",
                    schemaVersion: applied.last ?? "none", appliedMigrations: applied,
                    pendingMigrations: Migrations.identifiers.filter { !applied.contains($0) },
                    sizeBytes: Self.fileSize(path), walSizeBytes: Self.fileSize(path + "-wal"), rowCounts: counts,
                    lastIntegrityCheck: try Self.lastIntegrityReport(db),
                    lastBackup: hasBackups
                        ? try SQLiteSession(db).fetchOne(
                            "SELECT * FROM backups ORDER BY created_at DESC, id DESC LIMIT 1", [], Rows.backupRecord)
                        : nil,
                    searchIndexSegments: try Self.searchIndexSegments(db))
            }
        }
    }

    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the full-text index's own
    /// check, and keeps the result in `meta` for `status()` and the health panel.
    ///
    /// The two pragmas read a snapshot without blocking writers; the full-text check is a command to
    /// the FTS5 table and so runs in a (short) write transaction.
    public func checkIntegrity() async throws -> IntegrityReport {
        try await mapErrors {
            let found = try await pool.read { db in try Self.integrityProblems(db) }
            let at = clock.now()
            return try await pool.writeWithoutTransaction { db in
                var problems = found
                do {
                    try db.execute(sql: "INSERT INTO listings_fts(listings_fts) VALUES('integrity-check')")
                } catch let error as DatabaseError {
                    problems.append("full-text index: \(error.message ?? "\(error)")")
                }
                let report = IntegrityReport(ok: problems.isEmpty, problems: problems, checkedAt: at)
                try Self.immediateTransaction(db) {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_integrity_check', ?)",
                        arguments: [try ColumnCoding.json(report)])
                }
                return report
            }
        }
    }

    /// Rewrites the file without free pages and merges the full-text index's segments; SQLite's
    /// `VACUUM` always rewrites the whole file, so `full` changes nothing.
    public func vacuum(full _: Bool) async throws {
        try await mapErrors {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: Self.mergeSearchIndexSQL)
                try db.execute(sql: "VACUUM")
            }
        }
    }

    /// Merges the full-text index into one segment (FTS5 `optimize`), as `vacuum()` does, without
    /// rewriting the rest of the file: for the end of a bulk load.
    ///
    /// FTS5 writes each transaction's words as a new segment and merges segments level by level, so
    /// an index keeps a few dozen of them (27 after `db generate` of a million listings). Looking one
    /// listing up in the match, the per-row test of a search in another sort, seeks every segment:
    /// measured at a million listings, `marketing deadline<14d sort:deadline` took 14.7 ms with 27
    /// segments and 3.2 ms with one (BENCHMARKS.md).
    public func mergeSearchIndex() async throws {
        try await mapErrors {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: Self.mergeSearchIndexSQL) }
        }
    }

    /// How many segments the full-text index has (1 after `mergeSearchIndex()` or `vacuum()`).
    public func searchIndexSegments() async throws -> Int {
        try await mapErrors {
            try await pool.read { db in try Self.searchIndexSegments(db) ?? 0 }
        }
    }

    private static let mergeSearchIndexSQL = "INSERT INTO listings_fts(listings_fts) VALUES('optimize')"

    /// Merges the full-text index's segments a step at a time, for the scheduled jobs: a live index
    /// gathers them again (every write transaction adds one; FTS5 merges a level only once four are
    /// there, so an index in use keeps 10 to 25), and each lookup seeks every segment.
    ///
    /// Each step is FTS5's incremental `merge` of about ``tidyStepPages`` pages in a write
    /// transaction of its own, so a writer waits for one step, never for the whole merge (the
    /// `optimize` of `mergeSearchIndex()` holds the lock for 7.5 s at a million listings). With
    /// `usermerge` at 2, any two segments on one level merge, so the index keeps one per level
    /// (a handful), and the big segment is rewritten only when the small ones have grown to its
    /// level. Stops after about `pages` pages or when nothing is left to merge. A small index (at
    /// most ``wholeMergePages`` pages, and no more than `pages`: about 1,500 listings) is merged
    /// whole in one step instead, so it ends in one segment.
    public func tidySearchIndex(pages: Int) async throws -> SearchIndexTidy? {
        let before = try await searchIndexSegments()
        guard before > 1 else { return SearchIndexTidy(segmentsBefore: before, segmentsAfter: before, complete: true) }
        let indexPages = try await mapErrors {
            try await pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM (SELECT 1 FROM listings_fts_data LIMIT \(Self.wholeMergePages + 1))")
                    ?? 0
            }
        }
        if indexPages <= min(Self.wholeMergePages, pages) {
            try await mapErrors {
                try await pool.writeWithoutTransaction { db in try db.execute(sql: Self.mergeSearchIndexSQL) }
            }
            return SearchIndexTidy(
                segmentsBefore: before, segmentsAfter: try await searchIndexSegments(), complete: true)
        }
        let complete = try await mapErrors {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT INTO listings_fts(listings_fts, rank) VALUES('usermerge', 2)")
            }
            var done = 0
            while done < pages {
                let merged = try await pool.writeWithoutTransaction { db in
                    let changes = db.totalChangesCount
                    try db.execute(
                        sql: "INSERT INTO listings_fts(listings_fts, rank) VALUES('merge', ?)",
                        arguments: [Self.tidyStepPages])
                    // FTS5's documented signal: fewer than two changes means there was nothing to merge.
                    return db.totalChangesCount - changes >= 2
                }
                guard merged else { return true }
                done += Self.tidyStepPages
            }
            return false
        }
        return SearchIndexTidy(
            segmentsBefore: before, segmentsAfter: try await searchIndexSegments(), complete: complete)
    }

    /// Pages of merge work per write transaction of `tidySearchIndex(pages:)`.
    static let tidyStepPages = 200

    /// The largest index (in pages, one row of `listings_fts_data` each) that
    /// `tidySearchIndex(pages:)` merges whole in one step: about 4 MB, a write of tens of
    /// milliseconds, so a writer waits about as long as for one of its incremental steps.
    static let wholeMergePages = 1_000

    /// Refreshes the query planner's statistics (`ANALYZE`, then `PRAGMA optimize`).
    public func analyze() async throws {
        try await mapErrors {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "ANALYZE")
                try db.execute(sql: "PRAGMA optimize")
            }
        }
    }

    /// Rebuilds every index, and the full-text index from the listings.
    public func reindex() async throws {
        try await mapErrors {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "REINDEX")
                try Self.immediateTransaction(db) {
                    try db.execute(sql: "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')")
                }
            }
        }
    }

    // MARK: Helpers

    /// What `integrity_check` and `foreign_key_check` report, empty when all is well.
    static func integrityProblems(_ db: Database) throws -> [String] {
        var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        for row in foreignKeys.prefix(100) {
            let table = (try? row.decode(String.self, atIndex: 0)) ?? "?"
            let rowID = (try? row.decode(Int64?.self, atIndex: 1)).flatMap { $0 }.map(String.init) ?? "?"
            let parent = (try? row.decode(String.self, atIndex: 2)) ?? "?"
            problems.append("\(table) row \(rowID) refers to a missing \(parent) row")
        }
        if foreignKeys.count > 100 {
            problems.append("… and \(foreignKeys.count - 100) more missing references")
        }
        return problems
    }

    /// The full-text index's segments, nil before the schema has the index.
    static func searchIndexSegments(_ db: Database) throws -> Int? {
        guard try db.tableExists("listings_fts_idx") else { return nil }
        return try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM listings_fts_idx") ?? 0
    }

    static func lastIntegrityReport(_ db: Database) throws -> IntegrityReport? {
        guard try db.tableExists("meta") else { return nil }
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_integrity_check'")
        else { return nil }
        return try ColumnCoding.decodeJSON(IntegrityReport.self, json, column: "meta.last_integrity_check")
    }

    static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
