public import EdulinkCore
public import Foundation
import GRDB

// Verified snapshots, retention, and restore.
extension SQLiteStore {
    /// Copies the database into `directory` as `edulink-YYYYMMDD-HHMMSS.sqlite` (UTC, mode 0600)
    /// with SQLite's online backup API, which reads one consistent snapshot while other connections
    /// keep writing; checks the copy with `PRAGMA integrity_check`; records it in `backups`; then
    /// deletes snapshots (files and records) older than `keepDays`, never the one just made.
    public func backup(into directory: URL, keepDays: Int) async throws -> BackupRecord {
        try await mapErrors {
            let record = try await makeBackup(into: directory)
            try await prune(directory: directory, keepDays: keepDays, keeping: record)
            return record
        }
    }

    /// Every recorded snapshot, newest first.
    public func backups() async throws -> [BackupRecord] {
        try await mapErrors {
            try await pool.read { db in
                try SQLiteSession(db).fetchAll(
                    "SELECT * FROM backups ORDER BY created_at DESC, id DESC", [], Rows.backupRecord)
            }
        }
    }

    /// Replaces the database's content with `file`'s.
    ///
    /// 1. `file` is opened read-only and must pass `PRAGMA integrity_check` and be an Edulink
    ///    database: GRDB's migrations table naming only migrations this build knows.
    /// 2. The current database is backed up into `backupDirectory` (that record is returned).
    /// 3. SQLite's online backup API copies `file` into the live database in one write transaction:
    ///    other connections see the old content or the new, never a mix, and the open pool stays
    ///    valid. Nothing is swapped on the file system, so a crash midway leaves the old database.
    /// 4. Pending migrations run, and the list of snapshots made before the restore is kept.
    ///
    /// - Throws: `EdulinkError.validation` (field `file`) when the file is damaged or not an Edulink
    ///   database; the live database is then untouched.
    public func restore(from file: URL, backupDirectory: URL) async throws -> BackupRecord {
        try await mapErrors {
            let source = try Self.openVerified(file)
            defer { try? source.close() }
            // The database being replaced is often damaged (that is why it is restored): its safety copy
            // is kept and recorded as failing its check instead of stopping the restore.
            let safety = try await makeBackup(into: backupDirectory, keepingDamaged: true)
            let history = try await backups()
            try await pool.writeWithoutTransaction { db in
                try source.read { sourceDB in try sourceDB.backup(to: db) }
            }
            pool.invalidateReadOnlyConnections()
            try Migrations.migrator.migrate(pool)
            try await pool.write { db in
                let session = SQLiteSession(db)
                for record in history.reversed() {
                    let known = try session.count("SELECT count(*) FROM backups WHERE path = ?", [record.path])
                    if known == 0 { try Self.insertBackupRecord(record, db) }
                }
            }
            return safety
        }
    }

    /// Checks a recorded snapshot again with `PRAGMA integrity_check` and records the result; a
    /// missing or unreadable file fails.
    public func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        try await mapErrors {
            guard var record = try await backups().first(where: { $0.id == id }) else {
                throw EdulinkError.notFound("Backup \(id)")
            }
            let file = URL(fileURLWithPath: record.path)
            let problems =
                FileManager.default.fileExists(atPath: file.path)
                ? ((try? Self.verify(file)) ?? ["unreadable"]) : ["missing"]
            Self.removeSidecars(of: file.path)
            record.verifiedAt = clock.now()
            record.integrityOK = problems.isEmpty
            record.sizeBytes = Self.fileSize(file.path)
            let checked = record
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE backups SET verified_at = ?, integrity_ok = ?, size_bytes = ? WHERE id = ?",
                    arguments: [
                        ColumnCoding.microseconds(checked.verifiedAt), checked.integrityOK, checked.sizeBytes,
                        checked.id.rawValue,
                    ])
            }
            return record
        }
    }

    /// Deletes snapshots older than `keepDays`, never `keeping`.
    public func pruneBackups(in directory: URL, keepDays: Int, keeping: BackupID?) async throws -> Int {
        try await mapErrors {
            let kept = try await backups().first { $0.id == keeping }
            return try await prune(directory: directory, keepDays: keepDays, keeping: kept)
        }
    }

    // MARK: Steps

    /// Writes a verified snapshot into `directory` and records it. A copy that fails its integrity
    /// check is recorded as failing and throws, unless `keepingDamaged` (the safety copy of a restore).
    func makeBackup(into directory: URL, keepingDamaged: Bool = false) async throws -> BackupRecord {
        try Self.snapshot(pool, clock: clock, into: directory, keepingDamaged: keepingDamaged)
    }

    /// `makeBackup`'s work, synchronous, for the one caller that cannot wait asynchronously: opening
    /// the store, which backs a database up before migrating it.
    static func snapshot(
        _ pool: DatabasePool, clock: any TimeSource, into directory: URL, keepingDamaged: Bool = false
    ) throws -> BackupRecord {
        let createdAt = clock.now()
        try PrivateFolder.create(directory)
        let file = BackupFiles.sqlite.availableFile(in: directory, at: createdAt)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw EdulinkError.unavailable("Cannot create the backup file \(file.path); check the folder is writable.")
        }
        do {
            let destination = try DatabaseQueue(path: file.path)
            try pool.backup(to: destination)
            // The copied header says WAL, like the live database. A snapshot must be one
            // self-contained file: back to a rollback journal, so neither this connection nor a later
            // read-only one (the check below, a restore) leaves `-wal`/`-shm` files beside it.
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            Self.removeSnapshot(file.path)
            throw error
        }
        let verified = try Self.verify(file)
        Self.removeSidecars(of: file.path)
        var record = BackupRecord(
            path: file.path, createdAt: createdAt, sizeBytes: Self.fileSize(file.path),
            verifiedAt: clock.now(), integrityOK: verified.isEmpty)
        let unsaved = record
        record.id = try pool.write { db in try Self.insertBackupRecord(unsaved, db) }
        if !verified.isEmpty && !keepingDamaged {
            throw EdulinkError.unavailable(
                "The backup \(file.path) failed its integrity check: \(verified.prefix(3).joined(separator: "; ")).")
        }
        return record
    }

    /// Deletes snapshots older than `keepDays`: recorded ones (and their files), and files in
    /// `directory` whose name says they are older (made before they were recorded, or by another
    /// copy of the database).
    @discardableResult
    func prune(directory: URL, keepDays: Int, keeping kept: BackupRecord?) async throws -> Int {
        let keptID = kept?.id.rawValue ?? -1
        let cutoff = BackupRetention.cutoff(keepDays: keepDays, now: clock.now())
        let old = try await pool.write { db in
            let session = SQLiteSession(db)
            let old = try session.fetchAll(
                "SELECT * FROM backups WHERE created_at < ? AND id <> ?",
                [ColumnCoding.microseconds(cutoff), keptID], Rows.backupRecord)
            try session.execute(
                "DELETE FROM backups WHERE created_at < ? AND id <> ?", [ColumnCoding.microseconds(cutoff), keptID])
            return old
        }
        let manager = FileManager.default
        for record in old where record.path != kept?.path {
            Self.removeSnapshot(record.path)
        }
        for path in BackupFiles.sqlite.expired(in: directory, before: cutoff, keeping: kept?.path) {
            Self.removeSnapshot(path)
        }
        let names = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names {
            let path = directory.appendingPathComponent(name).path
            if let snapshot = Self.sidecarOwner(path), snapshot != self.path,
                BackupFiles.sqlite.date(fileName: URL(fileURLWithPath: snapshot).lastPathComponent) != nil
            {
                // A `-wal`, `-shm` or `-journal` beside a snapshot, left by an older version or a crash:
                // a snapshot is one self-contained file, so these are never part of one.
                try? manager.removeItem(atPath: path)
            }
        }
        return old.count
    }

    /// The SQLite side files a connection may leave beside a database file.
    static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

    /// Deletes a snapshot file and any side files next to it.
    static func removeSnapshot(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
        removeSidecars(of: path)
    }

    /// Deletes `-wal`, `-shm` and `-journal` files next to `path`.
    static func removeSidecars(of path: String) {
        for suffix in sidecarSuffixes {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// The database file a side file belongs to (`x.sqlite-wal` → `x.sqlite`), nil for other files.
    static func sidecarOwner(_ path: String) -> String? {
        for suffix in sidecarSuffixes where path.hasSuffix(".sqlite" + suffix) {
            return String(path.dropLast(suffix.count))
        }
        return nil
    }

    @discardableResult
    static func insertBackupRecord(_ record: BackupRecord, _ db: Database) throws -> BackupID {
        try db.execute(
            sql: """
                INSERT INTO backups (path, created_at, size_bytes, verified_at, integrity_ok)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                record.path, ColumnCoding.microseconds(record.createdAt), record.sizeBytes,
                ColumnCoding.microseconds(record.verifiedAt), record.integrityOK,
            ])
        return BackupID(db.lastInsertedRowID)
    }

    // MARK: Files

    /// Problems `integrity_check` finds in a database file, empty when it is fine.
    static func verify(_ file: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: file.path, configuration: configuration(readonly: true))
        defer { try? queue.close() }
        return try queue.read { db in try integrityProblems(db) }
    }

    /// Opens `file` read-only and checks that it is a sound Edulink database.
    static func openVerified(_ file: URL) throws -> DatabaseQueue {
        func refuse(_ message: String) -> EdulinkError {
            .validation([FieldError("file", "\(file.path) \(message); the current database was not changed.")])
        }
        guard FileManager.default.fileExists(atPath: file.path) else { throw refuse("does not exist") }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: file.path, configuration: configuration(readonly: true))
        } catch {
            throw refuse("cannot be opened as a SQLite database")
        }
        do {
            let problems = try queue.read { db in try integrityProblems(db) }
            guard problems.isEmpty else {
                throw refuse("is damaged (\(problems.prefix(3).joined(separator: "; ")))")
            }
            let applied = try queue.read { db -> [String]? in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("listings") else { return nil }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            guard let applied, applied.contains("v1-schema") else { throw refuse("is not an Edulink database") }
            let unknown = applied.filter { !Migrations.identifiers.contains($0) }
            guard unknown.isEmpty else {
                throw refuse(
                    "was written by a newer Edulink (migrations \(unknown.joined(separator: ", ")) are unknown here)")
            }
            return queue
        } catch let error as EdulinkError {
            try? queue.close()
            throw error
        } catch {
            try? queue.close()
            throw refuse("is damaged or not a database (\(error))")
        }
    }

}
