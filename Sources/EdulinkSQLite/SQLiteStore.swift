public import EdulinkCore
public import Foundation
import GRDB

/// Edulink's data in one SQLite file: the `Store` the service runs on in local mode and on a
/// single-machine server, and the `StoreMaintenance` behind `edulink db …`.
///
/// ```swift
/// let store = try SQLiteStore(path: "/var/lib/edulink/edulink.sqlite")
/// let service = EdulinkService(store: store, …)
/// ```
///
/// How it is opened, and why:
///
/// - A GRDB `DatabasePool` in WAL mode: reads run concurrently with the one writer and see a
///   consistent snapshot.
/// - Writes run in `BEGIN IMMEDIATE` transactions, so the write lock is taken up front. A deferred
///   transaction that reads first and writes later would fail with `SQLITE_BUSY` on the lock upgrade
///   whenever another process wrote in between, and no busy timeout can save it. (GRDB's
///   `DatabasePool.write` also uses IMMEDIATE; the store says so explicitly.)
/// - `busy_timeout` of `busyTimeout` seconds: another process holding the lock makes this one wait,
///   not fail. Only a lock held longer than that becomes `EdulinkError.unavailable`.
/// - `synchronous = NORMAL` in WAL mode: a commit is in the WAL file when the call returns, so it
///   survives the process being killed (SIGKILL, crash); only losing power or the kernel before the
///   next checkpoint can lose the last commits, and never corrupts the file. That is the trade most
///   SQLite deployments make; set `EDULINK_SQLITE_SYNCHRONOUS=FULL` for an fsync per commit.
/// - `secure_delete = ON`: deleted and overwritten rows are zeroed in the file, so an erased person
///   (`discardFormerVersions` after the erasure empties the write-ahead log too) leaves no trace.
/// - `foreign_keys = ON`, new files created with mode 0600 (the WAL and shared-memory files take the
///   same mode).
///
/// Listing search (`searchListings`) and what "relevance" means here:
///
/// - Relevance is **bm25 among the newest matches, then newest**: the `searchWindow.ranked` (1,000)
///   newest listings that match the words and pass the filters (looking at no more than
///   `searchWindow.examined`, 10,000, of the newest matches) are ordered by bm25 with column weights;
///   every other match follows, newest (highest id) first, without a score. Ranking every match of a
///   broad prefix (`dat` matches ~40 % of listings) would cost seconds at a million listings.
/// - Paging never repeats or skips a listing and the pages add up to `countListings`: a cursor in
///   the window carries the bm25 value and id of its last row (`key` non-nil); a cursor in the tail
///   carries only the id (`key` nil), and the next page continues below that id.
/// - While a word is typed, a single trailing letter or digit is left out (`d` shows the newest
///   listings, `data a` searches `data`): FTS5 has no one-character prefix index, and such a prefix
///   matches nearly everything.
/// - Other sorts with words (`data sort:deadline`) walk the sort's index and test each row against the
///   match, or the match as a set, depending on how broad it is.
///
/// Measurements at 1,000,000 listings are in `BENCHMARKS.md`, "Search".
public final class SQLiteStore: Store, StoreMaintenance {
    /// The database file.
    public let path: String
    /// How long a write waits for another process's lock before giving up.
    public static let busyTimeout: TimeInterval = 10
    /// How long each retry of a busy lock sleeps.
    static let busyRetryInterval: UInt32 = 10_000  // microseconds

    /// Waits for another process's lock, as they happen (the terminal app shows them).
    public let lockWait: LockWait? = LockWait()

    /// How much of a full-text match a relevance search ranks (see ``SearchWindow``).
    public let searchWindow: SearchWindow

    let pool: DatabasePool
    let clock: any TimeSource

    /// Opens (or creates) the database at `path` and, unless `migrate` is false, brings its schema up
    /// to date.
    ///
    /// A database with data is backed up (verified) into `<its folder>/backups` before it is
    /// migrated, unless `backedUp` says the caller has just made such a backup itself (`edulink db
    /// migrate`, into the folder its user chose): a second copy of a large file would double the
    /// wait and the disk it takes. `willMigrate` is told the pending steps and the backup folder
    /// (nil when `backedUp`) before anything is written, so a caller can say what is about to take
    /// its time; a new or up-to-date database never calls it, nor one whose pending steps SQLite
    /// only records (``Migrations/recordedOnly``: they are recorded at once, without a backup,
    /// since they change nothing else in the file). Each step runs in its own
    /// transaction: a process stopped during one leaves the database at the step before.
    ///
    /// - Throws: `EdulinkError.unavailable` naming the file when it cannot be opened, is not a
    ///   database, or is corrupt.
    public init(
        path: String, migrate: Bool = true, backedUp: Bool = false, clock: any TimeSource = SystemTimeSource(),
        searchWindow: SearchWindow = .standard,
        willMigrate: (_ pending: [String], _ backupFolder: String?) -> Void = { _, _ in }
    ) throws {
        self.path = path
        self.clock = clock
        self.searchWindow = searchWindow
        do {
            let created = try Self.createFileIfMissing(path)
            if !created {
                try Self.refuseEmptyFile(path)
                try Self.refuseForeignDatabase(path)
            }
            pool = try DatabasePool(
                path: path, configuration: Self.configuration(readonly: false, reportingWaitsTo: lockWait))
            if migrate {
                // A database with data is never migrated without a verified backup first, whatever
                // opens it (the app, serve, jobs, any command): into `<database folder>/backups`.
                let applied = try pool.read { try Migrations.migrator.appliedIdentifiers($0) }
                let pending = Migrations.identifiers.filter { !applied.contains($0) }
                if !applied.isEmpty, Migrations.changesFile(pending) {
                    let folder =
                        backedUp
                        ? nil
                        : OperationsEnvironment.defaultBackupDirectory(
                            dataDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
                    willMigrate(pending, folder)
                    if let folder {
                        _ = try Self.snapshot(pool, clock: clock, into: URL(fileURLWithPath: folder, isDirectory: true))
                    }
                }
                try Migrations.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.map(error, path: path)
        }
    }

    /// Runs `body` in a read-only transaction with a consistent snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await mapErrors {
            try await self.pool.read { db in try body(SQLiteSession(db, searchWindow: self.searchWindow)) }
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: everything it writes is saved together, or
    /// nothing is (an error thrown by `body` rolls back).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await mapErrors {
            try await self.pool.writeWithoutTransaction { db in
                try Self.immediateTransaction(db) { try body(SQLiteSession(db, searchWindow: self.searchWindow)) }
            }
        }
    }

    /// Checkpoints the write-ahead log into the database file and truncates it, so that the pages
    /// it held (the rows as they were before an erasure) are gone from the disk; the database file
    /// itself keeps no deleted content (`secure_delete`).
    public func discardFormerVersions() async throws {
        try await mapErrors {
            try await self.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// The statements one listing search runs, with their arguments written as literals, so the
    /// same SQL can be timed in the `sqlite3` shell or explained (`scripts/bench-search.sh`).
    public func searchStatements(_ request: ListingSearchRequest) async throws -> [String] {
        let trace = SearchTrace()
        _ = try await mapErrors {
            try await self.pool.read { db in
                try SQLiteSession(db, searchWindow: self.searchWindow, searchTrace: trace).searchListings(request)
            }
        }
        return trace.recorded
    }

    /// Runs SQL text as it is on one of the store's reader connections (which have `edulink_rank`),
    /// stepping through every row and decoding nothing; returns the number of rows. For benchmarks:
    /// the floor under `searchListings` is its own `searchStatements` run this way.
    public func executeRaw(_ statements: [String]) async throws -> Int {
        try await mapErrors {
            try await pool.read { db in
                var rows = 0
                for sql in statements {
                    let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql))
                    while try cursor.next() != nil { rows += 1 }
                }
                return rows
            }
        }
    }

    /// Each statement of `searchStatements(_:)` with its `EXPLAIN QUERY PLAN` lines, explained on the
    /// store's own connection (which has `edulink_rank`), for tests and `edulink db` diagnostics.
    public func searchQueryPlans(_ request: ListingSearchRequest) async throws -> [(sql: String, plan: [String])] {
        let statements = try await searchStatements(request)
        return try await mapErrors {
            try await pool.read { db in
                try statements.map { sql in
                    let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map {
                        try $0.decode(String.self, forColumn: "detail")
                    }
                    return (sql, plan)
                }
            }
        }
    }

    /// The latest schema version this build knows.
    public static var latestSchemaVersion: String { Migrations.identifiers.last ?? "" }

    // MARK: Internals

    static func immediateTransaction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body()
            return .commit
        }
        guard let result else {
            throw EdulinkError.unavailable("A database transaction ended without a result.")
        }
        return result
    }

    func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            // Only the database's own errors are translated; what a transaction body throws (a
            // business rule's refusal) passes through unchanged.
            throw SQLiteErrorMapping.map(error, path: path)
        }
    }

    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.map(error, path: path)
        }
    }

    /// The page cache of each connection, in KiB.
    static let pageCacheKiB = 1024

    static func configuration(readonly: Bool, reportingWaitsTo lockWait: LockWait? = nil) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.foreignKeysEnabled = true
        if let lockWait {
            // SQLite's own busy timeout, retried here so the wait can be reported: every retry
            // sleeps `busyRetryInterval`, and after `busyTimeout` the call fails with SQLITE_BUSY
            // (mapped to a message that says another process holds the database).
            let limit = Int(busyTimeout * 1_000_000) / Int(busyRetryInterval)
            configuration.busyMode = .callback { tries in
                lockWait.retrying()
                guard tries < limit else { return false }
                usleep(busyRetryInterval)
                return true
            }
        } else {
            configuration.busyMode = .timeout(busyTimeout)
        }
        configuration.label = "edulink"
        let synchronous =
            ProcessInfo.processInfo.environment["EDULINK_SQLITE_SYNCHRONOUS"]?.uppercased() == "FULL"
            ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            SearchRank.register(db)
            TextFolding.register(db)
            // Each connection's page cache (SQLite's default is 2 MiB, and a pool has up to six
            // connections): the search indexes' hot pages fit, the file stays in the OS's cache, and
            // the terminal app keeps its memory within budget at a million listings (BENCHMARKS.md).
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
            if !readonly {
                try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
                // Deleted and overwritten content is zeroed, not left in free space: an erased
                // person's name must not stay readable in the file (PLACEMENTS.md, Privacy).
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
        }
        return configuration
    }

    /// An existing file of zero bytes is no database: SQLite would take it for an empty one and the
    /// migrations would turn it into an Edulink database with no accounts. Refused, file untouched.
    static func refuseEmptyFile(_ path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        if size == 0 {
            throw EdulinkError.unavailable(
                "\(path) is an empty file, not an Edulink database; nothing was changed. Point to the right file, "
                    + "or create a database with `edulink demo` or `edulink init`.")
        }
    }

    /// A SQLite database of another program (tables, but none of Edulink's migrations) is refused
    /// before anything is written to it.
    /// Looked at through a plain connection: opening a pool would already switch the file to WAL.
    static func refuseForeignDatabase(_ path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)  // another process may be recovering its WAL
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        let foreign = try queue.read { db in
            try !db.tableExists("grdb_migrations")
                && (Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0) > 0
        }
        if foreign {
            throw EdulinkError.unavailable(
                "\(path) is a SQLite database of another program, not an Edulink database; nothing was changed.")
        }
    }

    /// Creates an empty file with mode 0600 (and its folder) so SQLite never makes a world-readable one.
    /// Returns whether it created the file.
    @discardableResult
    static func createFileIfMissing(_ path: String) throws -> Bool {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { return false }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw EdulinkError.unavailable(
                "Cannot create the database file \(path); check the folder exists and is writable.")
        }
        return true
    }
}
