public import EdulinkCore
public import Foundation

// Verified snapshots with pg_dump, retention, and restore with pg_restore.
extension PostgresStore {
    /// Dumps the database into `directory` as `edulink-YYYYMMDD-HHMMSS.dump` (UTC, mode 0600) with
    /// `pg_dump -Fc` — one consistent snapshot while other sessions keep writing; checks the file
    /// with `pg_restore --list`; records it in `backups`; then deletes snapshots (files and records)
    /// older than `keepDays`, never the one just made.
    public func backup(into directory: URL, keepDays: Int) async throws -> BackupRecord {
        let record = try await makeBackup(into: directory)
        try await prune(directory: directory, keepDays: keepDays, keeping: record)
        return record
    }

    /// Every recorded snapshot, newest first.
    public func backups() async throws -> [BackupRecord] {
        try await transaction(.read) { db in
            try PostgresSession(db).fetchAll(
                "SELECT * FROM backups ORDER BY created_at DESC, id DESC", [], Rows.backupRecord)
        }
    }

    /// Replaces the database's content with `file`'s.
    ///
    /// 1. `file` must be a `pg_dump` archive that `pg_restore --list` reads and that holds Edulink's
    ///    `schema_migrations` and `listings` tables.
    /// 2. The current database is backed up into `backupDirectory` (that record is returned).
    /// 3. `pg_restore --clean --if-exists --single-transaction` replaces every object: other
    ///    sessions see the old content or the new, never a mix, and a failure leaves the old one.
    /// 4. Pending migrations run, and the list of snapshots made before the restore is kept.
    ///
    /// - Throws: `EdulinkError.validation` (field `file`) when the file is not a readable Edulink
    ///   dump; the live database is then untouched.
    public func restore(from file: URL, backupDirectory: URL) async throws -> BackupRecord {
        try await verifyRestorable(file)
        let safety = try await makeBackup(into: backupDirectory)
        let history = try await backups()
        let tools = PostgresTools(location: location)
        let result = try await threadPool.runIfActive {
            try tools.run(
                "pg_restore",
                ["--clean", "--if-exists", "--single-transaction", "--no-owner", "--exit-on-error"]
                    + tools.connectionArguments + [file.path])
        }
        guard result.status == 0 else {
            throw EdulinkError.unavailable(
                "pg_restore could not restore \(file.path) (\(result.output.prefix(500))); the database was not changed."
            )
        }
        let applied = try await transaction(.write) { db in
            let applied = try PostgresMigrations.migrate(db)
            let session = PostgresSession(db)
            for record in history.reversed() {
                let known = try session.count(
                    "SELECT count(*) AS count FROM backups WHERE path = $1", [record.path])
                if known == 0 { try Self.insertBackupRecord(record, session) }
            }
            return applied
        }
        await finishMigrations(applied)
        return safety
    }

    /// Checks a recorded snapshot again with `pg_restore --list` and records the result; a missing
    /// or unreadable file fails.
    public func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        guard var record = try await backups().first(where: { $0.id == id }) else {
            throw EdulinkError.notFound("Backup \(id)")
        }
        let path = record.path
        let tools = PostgresTools(location: location)
        let readable =
            FileManager.default.fileExists(atPath: path)
            ? try await threadPool.runIfActive { try tools.run("pg_restore", ["--list", path]).status == 0 } : false
        record.verifiedAt = clock.now()
        record.integrityOK = readable
        record.sizeBytes = Self.fileSize(path)
        let checked = record
        _ = try await transaction(.write) { db in
            try PostgresSession(db).execute(
                "UPDATE backups SET verified_at = $1, integrity_ok = $2, size_bytes = $3 WHERE id = $4",
                [checked.verifiedAt, checked.integrityOK, checked.sizeBytes, checked.id])
        }
        return record
    }

    /// Deletes snapshots older than `keepDays`, never `keeping`.
    public func pruneBackups(in directory: URL, keepDays: Int, keeping: BackupID?) async throws -> Int {
        let kept = try await backups().first { $0.id == keeping }
        return try await prune(directory: directory, keepDays: keepDays, keeping: kept)
    }

    // MARK: Steps

    func makeBackup(into directory: URL) async throws -> BackupRecord {
        let createdAt = clock.now()
        try PrivateFolder.create(directory)
        let file = BackupFiles.postgres.availableFile(in: directory, at: createdAt)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw EdulinkError.unavailable("Cannot create the backup file \(file.path); check the folder is writable.")
        }
        let tools = PostgresTools(location: location)
        let outcome = try await threadPool.runIfActive { () throws -> (dump: String?, problems: [String]) in
            let dump = try tools.run("pg_dump", ["--format=custom", "--file", file.path] + tools.connectionArguments)
            guard dump.status == 0 else { return (dump.output, []) }
            let list = try tools.run("pg_restore", ["--list", file.path])
            return (nil, list.status == 0 ? [] : ["pg_restore --list: \(list.output.prefix(300))"])
        }
        if let failure = outcome.dump {
            try? FileManager.default.removeItem(at: file)
            throw EdulinkError.unavailable("pg_dump failed: \(failure.prefix(500))")
        }
        var record = BackupRecord(
            path: file.path, createdAt: createdAt, sizeBytes: Self.fileSize(file.path), verifiedAt: clock.now(),
            integrityOK: outcome.problems.isEmpty)
        let unsaved = record
        record.id = try await transaction(.write) { db in try Self.insertBackupRecord(unsaved, PostgresSession(db)) }
        if !outcome.problems.isEmpty {
            throw EdulinkError.unavailable(
                "The backup \(file.path) failed its check: \(outcome.problems.joined(separator: "; ")).")
        }
        return record
    }

    /// Deletes snapshots older than `keepDays`: recorded ones (and their files), and files in
    /// `directory` whose name says they are older.
    @discardableResult
    func prune(directory: URL, keepDays: Int, keeping kept: BackupRecord?) async throws -> Int {
        let keptID = kept?.id ?? BackupID(-1)
        let cutoff = BackupRetention.cutoff(keepDays: keepDays, now: clock.now())
        let old = try await transaction(.write) { db in
            let session = PostgresSession(db)
            let old = try session.fetchAll(
                "SELECT * FROM backups WHERE created_at < $1 AND id <> $2", [cutoff, keptID], Rows.backupRecord)
            try session.execute("DELETE FROM backups WHERE created_at < $1 AND id <> $2", [cutoff, keptID])
            return old
        }
        let manager = FileManager.default
        for record in old where record.path != kept?.path {
            try? manager.removeItem(atPath: record.path)
        }
        for path in BackupFiles.postgres.expired(in: directory, before: cutoff, keeping: kept?.path) {
            try? manager.removeItem(atPath: path)
        }
        return old.count
    }

    /// Refuses a file that is missing, not a `pg_dump` archive, or not of an Edulink database.
    func verifyRestorable(_ file: URL) async throws {
        func refuse(_ message: String) -> EdulinkError {
            .validation([FieldError("file", "\(file.path) \(message); the current database was not changed.")])
        }
        guard FileManager.default.fileExists(atPath: file.path) else { throw refuse("does not exist") }
        let tools = PostgresTools(location: location)
        let list = try await threadPool.runIfActive { try tools.run("pg_restore", ["--list", file.path]) }
        guard list.status == 0 else { throw refuse("is not a pg_dump archive (\(list.output.prefix(200)))") }
        guard
            list.output.contains("TABLE DATA") && list.output.contains(" schema_migrations ")
                && list.output.contains(" listings ")
        else { throw refuse("is not a dump of an Edulink database") }
    }

    @discardableResult
    static func insertBackupRecord(_ record: BackupRecord, _ session: PostgresSession) throws -> BackupID {
        BackupID(
            try session.insert(
                "backups",
                [
                    "path": record.path, "created_at": record.createdAt, "size_bytes": record.sizeBytes,
                    "verified_at": record.verifiedAt, "integrity_ok": record.integrityOK,
                ]))
    }

    // MARK: Files

    static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
