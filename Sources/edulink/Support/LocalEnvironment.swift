import EdulinkCore
import EdulinkDemo
import EdulinkPostgres
import EdulinkSQLite
import EdulinkTUI
import Foundation
import Logging

/// The one place the command line opens a database and builds the service over it.
///
/// Commands act as `Principal.localOperator(origin: .cli)`: whoever can write the database file
/// (or log in to the PostgreSQL database) may administer it, and every change is still audited
/// (origin `cli`).
struct LocalEnvironment: Sendable {
    let location: DatabaseLocation
    let store: any ServerStateStore & StoreMaintenance
    /// The SQLite store, for what only it has (the lock-wait indicator of the terminal app).
    let sqlite: SQLiteStore?
    let service: EdulinkService
    /// Where this database's files live on this machine (backups, outbox, drafts; the storage check).
    let dataDirectory: URL
    let principal = Principal.localOperator(origin: .cli)
    /// The service acting as the command line's operator.
    var asOperator: EdulinkService { service.acting(as: principal) }

    /// Opens the existing database `options` select (refusing a missing one).
    ///
    /// `migrate`: whether a SQLite file is brought up to date (backed up first when it has data).
    /// A PostgreSQL database several servers may share is never migrated as a side effect: with
    /// pending migrations it is refused (naming them) unless `migrate` is false, which the commands
    /// that inspect or back up a database pass.
    static func open(_ options: DatabaseOptions, migrate: Bool = true) async throws -> LocalEnvironment {
        try await open(options.location(), migrate: migrate)
    }

    /// Opens the existing database at `location`; see ``open(_:migrate:)``.
    static func open(
        _ location: DatabaseLocation, migrate: Bool = true, probe: any SystemProbe = LocalEnvironment.systemProbe(),
        measuresRequests: Bool = false
    ) async throws -> LocalEnvironment {
        switch location {
        case .sqlite(let url):
            guard DatabaseFile.exists(url) else { throw CommandFailure.noDatabase(at: location) }
            return try LocalEnvironment(
                databaseURL: url, migrate: migrate, probe: probe, measuresRequests: measuresRequests)
        case .postgres(let postgres):
            let store = try await connect(postgres)
            let (applied, pending) = try await store.migrations()
            guard !applied.isEmpty else { throw CommandFailure.noDatabase(at: location) }
            if migrate, !pending.isEmpty { throw CommandFailure.pendingMigrations(pending, in: location) }
            return try LocalEnvironment(
                location: location, store: store, sqlite: nil, probe: probe, measuresRequests: measuresRequests)
        }
    }

    /// A new database at `location`: a SQLite file created (0600, its folder 0700), or an existing
    /// PostgreSQL database without Edulink's tables given them. Refuses one that already holds an
    /// Edulink database; `check` runs before anything is created or migrated.
    static func create(_ location: DatabaseLocation, check: () throws -> Void = {}) async throws -> LocalEnvironment {
        switch location {
        case .sqlite(let url):
            if DatabaseFile.exists(url) { throw CommandFailure.databaseExists(at: location) }
            try check()
            return try LocalEnvironment(databaseURL: url)
        case .postgres(let postgres):
            let store = try await connect(postgres)
            // Edulink's tables without any account (an `init` that failed after migrating) are not
            // a database anyone uses yet: `init` may finish the job.
            if try await !store.migrations().applied.isEmpty,
                try await store.status().rowCounts["users", default: 0] > 0
            {
                throw CommandFailure.databaseExists(at: location)
            }
            try check()
            try await store.migrate()
            return try LocalEnvironment(location: location, store: store, sqlite: nil)
        }
    }

    /// Removes what ``create(_:check:)`` made when the command then fails: the SQLite file. A
    /// PostgreSQL database is the owner's (its tables stay; the message says what happened).
    static func discard(_ location: DatabaseLocation) {
        if case .sqlite(let url) = location { try? DatabaseFile.remove(url) }
    }

    /// The database brought up to date, for `edulink db migrate` (which has backed it up first, and
    /// says what it does).
    func applyingMigrations() async throws -> LocalEnvironment {
        switch location {
        case .sqlite(let url):
            return try LocalEnvironment(databaseURL: url, migrate: true, backedUp: true)
        case .postgres:
            guard let postgres = store as? PostgresStore else { return self }
            try await postgres.migrate()
            return self
        }
    }

    /// The database at `location`, created when there is none (a new file, or Edulink's tables in
    /// an empty PostgreSQL database): for the development commands that fill one.
    static func openOrCreate(_ location: DatabaseLocation) async throws -> LocalEnvironment {
        switch location {
        case .sqlite(let url): return try LocalEnvironment(databaseURL: url)
        case .postgres(let postgres):
            let store = try await connect(postgres)
            let (applied, pending) = try await store.migrations()
            if applied.isEmpty {
                try await store.migrate()
            } else if !pending.isEmpty {
                throw CommandFailure.pendingMigrations(pending, in: location)
            }
            return try LocalEnvironment(location: location, store: store, sqlite: nil)
        }
    }

    /// A connection pool for one command, closed when the command ends (``OpenStores``).
    private static func connect(_ location: PostgresLocation) async throws -> PostgresStore {
        var logger = Logger(label: "edulink.postgres")
        logger.logLevel = .warning
        let store = try await PostgresStore(
            location: location, maximumConnections: 4, connectTimeout: .seconds(30), leaseTimeout: .seconds(60),
            migrate: false, logger: logger)
        await OpenStores.shared.add { await store.shutdown() }
        return store
    }

    /// Opens `databaseURL`, creating the file (0600, its folder 0700) when it does not exist.
    ///
    /// `measuresRequests`: whether this process's repository calls are the request figures of the
    /// health checks (the terminal app). One-shot commands (`doctor`, `jobs run`) leave them
    /// unmeasured, so their evaluation neither raises nor clears the request alerts of the processes
    /// that do serve requests.
    ///
    /// A database with pending migrations is backed up and migrated (``SQLiteStore/init(path:migrate:
    /// backedUp:clock:searchWindow:willMigrate:)``), saying so on standard error before and after:
    /// on a large file that takes minutes. `backedUp`: `edulink db migrate` has made the backup and
    /// says what happens itself.
    init(
        databaseURL: URL, migrate: Bool = true, backedUp: Bool = false,
        probe: any SystemProbe = LocalEnvironment.systemProbe(),
        measuresRequests: Bool = false
    ) throws {
        let isNew = !FileManager.default.fileExists(atPath: databaseURL.path)
        if isNew {
            try EdulinkPaths.createPrivateDirectory(databaseURL.deletingLastPathComponent())
        }
        var started: ContinuousClock.Instant?
        let store = try SQLiteStore(
            path: databaseURL.path, migrate: migrate, backedUp: backedUp, clock: SystemTimeSource()
        ) { pending, backupFolder in
            started = .now
            if !backedUp {
                MigrationNotice.write(
                    MigrationNotice.opening(databaseURL.path, pending: pending, backupFolder: backupFolder))
            }
        }
        if let started, !backedUp {
            MigrationNotice.write("edulink: upgraded in \(MigrationNotice.elapsed(.now - started)).")
        }
        if isNew {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: databaseURL.path)
        }
        try self.init(
            location: .sqlite(databaseURL), store: store, sqlite: store, probe: probe,
            measuresRequests: measuresRequests)
    }

    private init(
        location: DatabaseLocation, store: any ServerStateStore & StoreMaintenance, sqlite: SQLiteStore?,
        probe: any SystemProbe = LocalEnvironment.systemProbe(), measuresRequests: Bool = false
    ) throws {
        self.location = location
        self.store = store
        self.sqlite = sqlite
        let dataDirectory = DatabaseOptions.dataDirectory(for: location)
        self.dataDirectory = dataDirectory
        var environment = ServiceEnvironment(
            store: store, hasher: Self.hasher(), passwordPolicy: try Self.passwordPolicy(),
            logger: Logger(label: "edulink.cli"),
            operations: OperationsEnvironment(
                maintenance: store, probe: probe, requests: measuresRequests ? RequestMetrics() : nil,
                timesServiceCalls: measuresRequests, dataDirectory: dataDirectory.path))
        environment.retention = Self.retention()
        self.service = EdulinkService(environment: environment)
    }

    /// config.toml's `[retention]`, else the standard retention (`Retention.standard`).
    static func retention(environment: [String: String] = ProcessInfo.processInfo.environment) -> Retention {
        ConfigurationFile.load(path: ConfigurationFile.defaultPath(environment: environment)).retention ?? .standard
    }

    /// The password policy with the bundled list of common passwords.
    static func passwordPolicy() throws -> PasswordPolicy {
        do {
            return try PasswordPolicy(commonPasswordsFile: try DemoResources.commonPasswordsURL)
        } catch let error as DemoResourcesError {
            throw CommandFailure(error.description)
        }
    }

    /// The machine's figures from /proc and statvfs, or the fixed ones of `EDULINK_SYSTEM_FIGURES`
    /// (``FixedSystemProbe/environmentVariable``; the tests set it so that the health checks and the
    /// alerts they raise do not follow the machine). A value that is not understood is said on
    /// standard error, and the machine's figures are read.
    static func systemProbe(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> any SystemProbe {
        let name = FixedSystemProbe.environmentVariable
        guard let text = environment[name] else { return ProcSystemProbe() }
        if let fixed = FixedSystemProbe(describing: text) { return fixed }
        Terminal.writeError(
            "edulink: \(name)=\(text) is not understood (expected e.g. cpu=12,memory=40,load=0.5,disk-free-gb=60,disk-total-gb=100); reading the machine's figures instead.\n"
        )
        return ProcSystemProbe()
    }

    /// bcrypt at cost 12; `EDULINK_BCRYPT_COST` may lower it (not below 4) to keep tests fast.
    static func hasher(environment: [String: String] = ProcessInfo.processInfo.environment) -> BcryptHasher {
        guard let text = environment["EDULINK_BCRYPT_COST"], let cost = UInt8(text) else { return BcryptHasher() }
        return BcryptHasher(cost: min(max(cost, 4), 12))
    }
}

/// The database connections a command opened, closed once it has finished (``Edulink/main()``):
/// a PostgreSQL pool is shut down cleanly rather than cut off when the process exits.
actor OpenStores {
    static let shared = OpenStores()
    private var closers: [@Sendable () async -> Void] = []

    func add(_ closer: @escaping @Sendable () async -> Void) { closers.append(closer) }

    func closeAll() async {
        let all = closers
        closers = []
        for close in all.reversed() { await close() }
    }
}
