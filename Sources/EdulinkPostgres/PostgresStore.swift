public import EdulinkCore
import Foundation
public import Logging
import PostgresNIO
import Synchronization

/// Edulink's data in a PostgreSQL database: the `Store` a server runs on when several instances
/// share one database, and the `StoreMaintenance` behind `edulink db …`. It behaves exactly like
/// `SQLiteStore` — same schema, derived columns, search order, pages and errors — and the contract
/// suite runs on both.
///
/// ```swift
/// let store = try await PostgresStore(url: "postgres://edulink@127.0.0.1:5432/edulink")
/// let service = EdulinkService(store: store, …)
/// …
/// await store.shutdown()
/// ```
///
/// How it runs, and why:
///
/// - **A pool.** A `PostgresClient` leases connections; the store runs it (`client.run()`) in a task
///   it owns and cancels in `shutdown()`.
/// - **Synchronous bodies on a thread pool.** Core's `Store` takes synchronous transaction bodies
///   (rules are plain logic; GRDB's writer is synchronous too), so one contract serves both stores.
///   A transaction leases a connection, then runs `BEGIN`, the body and `COMMIT` on a thread of the
///   store's own `NIOThreadPool`, each statement blocking on its `EventLoopFuture` (see
///   `BlockingConnection`); the async caller resumes when the thread is done. Threads are as many
///   as connections, and a transaction holds its thread from `BEGIN` to `COMMIT`, so a row lock is
///   always held by a running thread and waiting transactions can never starve it.
/// - **Isolation.** Reads run in `REPEATABLE READ READ ONLY` transactions: one consistent snapshot,
///   like SQLite's WAL readers. Writes run in `READ COMMITTED`, and the service locks what it checks
///   (`lockListing` is `SELECT … FOR UPDATE`): a second apply to the same listing waits for the
///   first to commit, and its next statements see the first's application, so the capacity rule
///   holds with any number of writers and no transaction has to be retried for it. (SERIALIZABLE
///   would also be correct, but would make every contended apply fail and rerun.) Deadlocks and
///   serialization failures, which the schema should never produce, are still retried
///   `maximumRetries` times with a short backoff.
/// - **Errors.** Unreachable or closed connections become `EdulinkError.unavailable` naming the
///   host, unique violations `.conflict`; whatever a transaction body throws passes unchanged.
/// - **Cancellation.** A read whose task is cancelled (a search typed past) is cancelled on the
///   server too: `pg_cancel_backend` on its connection's backend, whose process id is asked once per
///   connection. A connection that had a cancellation sent is closed rather than returned to the
///   pool, so a late cancel can never reach the next transaction. Writes are never cancelled halfway.
/// - **Migrations** run at start under an advisory lock (see `PostgresMigrations`).
public final class PostgresStore: Store, StoreMaintenance {
    /// Where the database is (its URL without the password is `location.redacted`).
    public let location: PostgresLocation
    /// How many times a transaction that hit a deadlock or serialization failure is run again.
    public static let maximumRetries = 5

    let client: PostgresClient
    let threadPool: NIOThreadPool
    let clock: any TimeSource
    let logger: Logger
    let leaseTimeout: Duration
    /// How long one attempt to open a connection may take (the pool's, and the change listener's).
    let connectTimeout: Duration
    /// How much of a full-text match a relevance search ranks (see ``SearchWindow``): the same rule
    /// as the SQLite store.
    public let searchWindow: SearchWindow
    private let runner: Task<Void, Never>
    /// The server process of each connection, by the connection's id: whom a cancellation goes to.
    private let backendProcesses = Mutex<[PostgresConnection.ID: Int32]>([:])
    /// The change signal of a server's caches; idle until `changeSignal()` starts it.
    let changes = PostgresChangeListener()

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and, unless
    /// `migrate` is false, brings its schema up to date.
    ///
    /// - Parameters:
    ///   - maximumConnections: the pool's size, and the number of threads transactions run on.
    ///   - connectTimeout: how long one attempt to open a connection may take.
    ///   - leaseTimeout: how long a transaction waits for a connection (server down, or every
    ///     connection busy) before `EdulinkError.unavailable`.
    /// - Throws: `EdulinkError.validation` for a malformed URL, `.unavailable` when the server cannot
    ///   be reached or refuses the login.
    public convenience init(
        url: String, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(5),
        leaseTimeout: Duration = .seconds(30), migrate: Bool = true,
        clock: any TimeSource = SystemTimeSource(), logger: Logger = Logger(label: "edulink.postgres"),
        searchWindow: SearchWindow = .standard
    ) async throws {
        try await self.init(
            location: PostgresLocation(url: url), maximumConnections: maximumConnections,
            connectTimeout: connectTimeout, leaseTimeout: leaseTimeout, migrate: migrate, clock: clock, logger: logger,
            searchWindow: searchWindow)
    }

    /// Connects to the database at `location`; see `init(url:…)`.
    public init(
        location: PostgresLocation, maximumConnections: Int = 20, connectTimeout: Duration = .seconds(5),
        leaseTimeout: Duration = .seconds(30), migrate: Bool = true, clock: any TimeSource = SystemTimeSource(),
        logger: Logger = Logger(label: "edulink.postgres"), searchWindow: SearchWindow = .standard
    ) async throws {
        self.location = location
        self.connectTimeout = connectTimeout
        self.searchWindow = searchWindow
        self.leaseTimeout = leaseTimeout
        self.clock = clock
        self.logger = logger
        // A wrong database, login or TLS setting is told now, not as a lease that timed out.
        try await location.checkConnection(connectTimeout: connectTimeout, logger: logger)
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: location.clientTLS)
        configuration.options.maximumConnections = max(maximumConnections, 1)
        configuration.options.connectTimeout = connectTimeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        threadPool = NIOThreadPool(numberOfThreads: max(maximumConnections, 1))
        threadPool.start()
        if migrate {
            do {
                try await self.migrate()
            } catch {
                await shutdown()
                throw error
            }
        }
    }

    /// The migrations the database has, and those this build would apply (both empty-safe: a
    /// database without Edulink's tables has none applied).
    public func migrations() async throws -> (applied: [String], pending: [String]) {
        try await transaction(.read) { db in
            let applied = try PostgresMigrations.appliedIdentifiers(db)
            return (applied, PostgresMigrations.identifiers.filter { !applied.contains($0) })
        }
    }

    /// Applies every pending migration (one transaction, under the migration lock), then their
    /// after-commit statements; returns those it applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        let applied = try await transaction(.write) { db in try PostgresMigrations.migrate(db) }
        await finishMigrations(applied)
        return applied
    }

    /// Runs the ``PostgresMigrations/Migration/afterCommit`` statements of the steps `applied` has
    /// just committed, each on its own. The migration has committed and the database is correct
    /// without them, so a failure is logged as a warning (naming `edulink db reindex`, which does
    /// what v19's do) rather than failing the start or the command.
    func finishMigrations(_ applied: [String]) async {
        let statements = PostgresMigrations.afterCommit(applied)
        guard !statements.isEmpty else { return }
        do {
            try await onConnection { db in
                for statement in statements { try db.execute(statement) }
            }
        } catch {
            logger.warning(
                "The migration is applied, but tidying after it failed (\(Self.serverMessage(error))); the database is correct, its search indexes larger than they need to be until `edulink db reindex`."
            )
        }
    }

    deinit {
        runner.cancel()
        threadPool.shutdownGracefully { _ in }
    }

    /// Closes every connection and stops the store's threads; later calls fail with `.unavailable`.
    ///
    /// The pool's `run()` returns once its connections are closed. It has been seen not to return
    /// at all under heavy load (a test run then hung with no thread working), so the wait is bounded:
    /// past ``shutdownWait`` the store stops waiting, says so in the log, and stops its threads.
    /// The listening for changes ends with its connection and is waited for within the same bound:
    /// a cancelled `LISTEN` whose connection never closes must not hang the shutdown either.
    public func shutdown() async {
        let listening = changes.stop()
        runner.cancel()
        if await !runner.finishes(within: Self.shutdownWait) {
            logger.warning("the PostgreSQL pool did not stop within \(Self.shutdownWait); leaving it behind")
        }
        if let listening, await !listening.finishes(within: Self.shutdownWait) {
            logger.warning("the listening for changes did not stop within \(Self.shutdownWait); leaving it behind")
        }
        try? await threadPool.shutdownGracefully()
    }

    /// How long ``shutdown()`` waits for the pool's connections to close.
    public static let shutdownWait: Duration = .seconds(10)

    /// Runs `body` in a `REPEATABLE READ READ ONLY` transaction: one consistent snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await transaction(.read) { db in try body(PostgresSession(db, searchWindow: self.searchWindow)) }
    }

    /// Runs `body` in one `READ COMMITTED` transaction: everything it writes is saved together, or
    /// nothing is (an error thrown by `body` rolls back and is rethrown unchanged).
    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await transaction(.write) { db in try body(PostgresSession(db, searchWindow: self.searchWindow)) }
    }

    /// The latest schema version this build knows.
    public static var latestSchemaVersion: String { PostgresMigrations.identifiers.last ?? "" }

    // MARK: Transactions

    enum TransactionKind {
        case read, write

        var begin: String {
            switch self {
            case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case .write: "BEGIN ISOLATION LEVEL READ COMMITTED"
            }
        }
    }

    /// Runs `body` between `BEGIN` and `COMMIT` on a pool thread, rolling back when it throws, and
    /// running it again after a deadlock or serialization failure.
    func transaction<T: Sendable>(
        _ kind: TransactionKind, _ body: @escaping @Sendable (BlockingConnection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await onConnection(cancellable: kind == .read) { db in
                    try db.execute(kind.begin)
                    do {
                        let result = try body(db)
                        let changed = kind == .write && self.changes.isStarted ? try Self.changedTopics(db) : []
                        try db.execute("COMMIT")
                        for topic in changed { self.changes.changed(topic) }
                        return result
                    } catch {
                        _ = try? db.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch  where kind == .read && Task.isCancelled {
                throw CancellationError()
            } catch  where PostgresErrorMapping.isRetryable(error) && attempt < Self.maximumRetries {
                attempt += 1
                logger.debug("retrying a transaction after \(error)", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...10) * attempt))
            } catch {
                throw mapped(error)
            }
        }
    }

    /// The topics (`ChangeVersions`) the triggers of `ChangeSignalsV12` marked in the transaction
    /// running on `db`: this process's caches learn of its own writes as they commit.
    static func changedTopics(_ db: BlockingConnection) throws -> [String] {
        let topics = ["accounts", "listings"]
        let columns = topics.map { "current_setting('edulink.changed_\($0)', true) AS \($0)" }
        guard let row = try db.query("SELECT " + columns.joined(separator: ", ")).rows.first else { return [] }
        let reader = PostgresRowReader(row)
        return try topics.filter { try reader.optionalString($0) == "1" }
    }

    /// Leases a connection and runs `work` on one of the store's threads (never an event loop).
    /// Errors of `work` come back unchanged. Waiting longer than `leaseTimeout` for a connection
    /// (the server is down, or every connection stays busy) is `.unavailable` naming the host: the
    /// pool itself would keep retrying a dead server for a minute.
    ///
    /// `cancellable`: whether cancelling the calling task cancels the statement running on the
    /// server (reads); otherwise the work runs to its end (writes).
    func onConnection<T: Sendable>(
        cancellable: Bool = false, _ work: @escaping @Sendable (BlockingConnection) throws -> T
    ) async throws -> T {
        let pool = threadPool
        let logger = logger
        let client = client
        let lease = LeaseDeadline()
        let timeout = leaseTimeout
        let unreachable = EdulinkError.unavailable(
            "Cannot reach PostgreSQL at \(location.host):\(location.port) within \(timeout); check that it is "
                + "running and accepts connections.")
        let outcome: Result<T, any Error>
        do {
            outcome = try await withThrowingTaskGroup(of: Result<T, any Error>?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard lease.start() else { throw unreachable }
                        let process = cancellable ? await self.backendProcess(of: connection) : nil
                        let cancellation = StatementCancellation()
                        let outcome: Result<T, any Error>
                        do {
                            outcome = .success(
                                try await withTaskCancellationHandler {
                                    try await pool.runIfActive {
                                        try work(BlockingConnection(connection: connection, logger: logger))
                                    }
                                } onCancel: {
                                    guard let process, cancellation.request() else { return }
                                    Task { await self.cancelStatement(of: process) }
                                })
                        } catch {
                            outcome = .failure(error)
                        }
                        if cancellation.finish() {
                            // A cancel may still be on its way to this backend: never reuse it.
                            self.backendProcesses.withLock { _ = $0.removeValue(forKey: connection.id) }
                            try? await connection.close()
                        }
                        return outcome
                    }
                }
                group.addTask {
                    // Cancelled, the wait ends quietly: the lease decides (a write runs to its
                    // end, a read is cancelled on the server) rather than an early error.
                    do { try await Task.sleep(for: timeout) } catch { return nil }
                    if lease.expire() { throw unreachable }
                    return nil
                }
                while let next = try await group.next() {
                    if let outcome = next {
                        group.cancelAll()
                        return outcome
                    }
                }
                throw unreachable
            }
        } catch let error as EdulinkError {
            throw error
        } catch {
            throw PostgresErrorMapping.connectionError(error, location: location)
        }
        return try outcome.get()
    }

    /// The server process behind `connection`, asked once and remembered; nil when it cannot be asked.
    func backendProcess(of connection: PostgresConnection) async -> Int32? {
        if let known = backendProcesses.withLock({ $0[connection.id] }) { return known }
        do {
            let rows = try await connection.query("SELECT pg_backend_pid() AS pid", logger: logger)
            for try await pid in rows.decode(Int32.self) {
                backendProcesses.withLock { $0[connection.id] = pid }
                return pid
            }
        } catch {
            logger.debug("cannot ask a connection's backend process: \(error)")
        }
        return nil
    }

    /// Asks the server to cancel what backend `process` is running (from another connection).
    func cancelStatement(of process: Int32) async {
        do {
            try await client.withConnection { connection in
                _ = try await connection.query("SELECT pg_cancel_backend(\(process))", logger: self.logger)
            }
        } catch {
            logger.debug("cannot cancel backend \(process): \(error)")
        }
    }

    /// PostgreSQL's errors as `EdulinkError`; every other error unchanged.
    func mapped(_ error: any Error) -> any Error {
        PostgresErrorMapping.map(error, location: location) ?? error
    }
}

/// Whether a running statement's cancellation was sent: asked for only while it runs, and known at
/// its end, so the connection that may still receive the cancel is closed instead of reused.
private final class StatementCancellation: Sendable {
    private struct State {
        var running = true
        var requested = false
    }
    private let state = Mutex(State())

    /// Marks the cancellation as sent; false when the statement has already finished.
    func request() -> Bool {
        state.withLock { state in
            guard state.running, !state.requested else { return false }
            state.requested = true
            return true
        }
    }

    /// Ends the statement; whether a cancellation was sent while it ran.
    func finish() -> Bool {
        state.withLock { state in
            state.running = false
            return state.requested
        }
    }
}
