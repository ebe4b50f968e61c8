import EdulinkCore
import EdulinkPostgres
import EdulinkPostgresTestSupport
import EdulinkRemote
import EdulinkSQLite
import EdulinkServer
import Foundation
import Logging
import Testing

/// One world for one contract test: a fresh backend, its clock, an operator service for setting up
/// fixtures, and a way to open signed-out sessions the way a user's app would.
struct ContractWorld: Sendable {
    let clock: ManualTimeSource
    /// The service behind the backend, used only to create fixtures as the local operator.
    let setup: EdulinkService
    let newSession: @Sendable () -> any EdulinkRepository
    /// Removes the world (its file or database); awaited, so nothing outlives the test.
    let tearDown: @Sendable () async -> Void
}

/// A repository implementation the contract suite runs against; every test runs on each.
struct ContractBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// The origin the backend's changes are audited with: the TUI in process, the API remotely.
    let origin: Origin
    /// A fresh world whose store ranks relevance over `window` (``SearchWindow``).
    let make: @Sendable (_ window: SearchWindow) async throws -> ContractWorld

    var testDescription: String { name }

    /// SQLite always; PostgreSQL (in process, and behind the in-process server) when `EDULINK_TEST_POSTGRES_URL` is set, and also with `CI=true`
    /// when it is not — then every PostgreSQL world fails to start, saying how to provide one.
    /// `EDULINK_CONTRACT_BACKEND=sqlite` (or `postgres`) keeps only the backends whose name
    /// contains it, e.g. to time the suite on one of them.
    static let all: [ContractBackend] = {
        let backends: [ContractBackend] =
            TestPostgres.enabled ? [.sqlite, .postgres, .remote, .remotePostgres] : [.sqlite, .remote]
        guard let only = ProcessInfo.processInfo.environment["EDULINK_CONTRACT_BACKEND"]?.lowercased(),
            !only.isEmpty
        else { return backends }
        return backends.filter { $0.name.lowercased().contains(only) }
    }()

    static let sqlite = ContractBackend(name: "Local + SQLite", origin: .tui) { window in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("edulink.sqlite").path
        let clock = ManualTimeSource(ContractFixture.start)
        let store = try SQLiteStore(path: path, clock: clock, searchWindow: window)
        let service = EdulinkService(
            environment: ContractFixture.environment(store: store, clock: clock, dataDirectory: directory))
        return ContractWorld(
            clock: clock, setup: service,
            newSession: { service.localSession(mode: .local(path: path)) },
            tearDown: { try? FileManager.default.removeItem(at: directory) })
    }

    static let postgres = ContractBackend(name: "Local + PostgreSQL", origin: .tui) { window in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-contract-pg-\(UUID().uuidString)")
        let clock = ManualTimeSource(ContractFixture.start)
        let (store, database) = try await TestPostgres.makeStore(clock: clock, searchWindow: window)
        let service = EdulinkService(
            environment: ContractFixture.environment(store: store, clock: clock, dataDirectory: directory))
        let url = database.location.redacted
        return ContractWorld(
            clock: clock, setup: service,
            newSession: { service.localSession(mode: .local(path: url)) },
            tearDown: {
                await store.shutdown()
                await database.drop()
                try? FileManager.default.removeItem(at: directory)
            })
    }

    /// The remote client against a server in this process on 127.0.0.1 (a free port), over its own
    /// SQLite database. Server and tests share the world's clock, so moving time moves token
    /// expiry too.
    static let remote = ContractBackend(name: "RemoteRepository → in-process server", origin: .api) { window in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-contract-remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualTimeSource(ContractFixture.start)
        let store = try SQLiteStore(
            path: directory.appendingPathComponent("edulink.sqlite").path, clock: clock, searchWindow: window)
        let service = EdulinkService(
            environment: ContractFixture.environment(store: store, clock: clock, dataDirectory: directory))
        let running = try await InProcessServer.start(
            service: service, store: store, stateDirectory: directory.appendingPathComponent("state"))
        let url = running.url
        return ContractWorld(
            clock: clock, setup: service,
            newSession: {
                RemoteRepository(server: url, retry: RetryPolicy(attempts: 1), timeout: ContractFixture.requestBound)
            },
            tearDown: {
                await running.stop()
                try? FileManager.default.removeItem(at: directory)
            })
    }

    /// The remote client against an in-process server whose database is PostgreSQL: the server
    /// state (sign-in sessions, idempotency records) lives in PostgreSQL too, as when several
    /// instances share one database.
    static let remotePostgres = ContractBackend(name: "RemoteRepository → in-process server + PostgreSQL", origin: .api)
    { window in
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-contract-remote-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualTimeSource(ContractFixture.start)
        let (store, database) = try await TestPostgres.makeStore(clock: clock, searchWindow: window)
        let service = EdulinkService(
            environment: ContractFixture.environment(store: store, clock: clock, dataDirectory: directory))
        let running = try await InProcessServer.start(
            service: service, store: store, stateDirectory: directory.appendingPathComponent("state"))
        let url = running.url
        return ContractWorld(
            clock: clock, setup: service,
            newSession: {
                RemoteRepository(server: url, retry: RetryPolicy(attempts: 1), timeout: ContractFixture.requestBound)
            },
            tearDown: {
                await running.stop()
                await store.shutdown()
                await database.drop()
                try? FileManager.default.removeItem(at: directory)
            })
    }
}
