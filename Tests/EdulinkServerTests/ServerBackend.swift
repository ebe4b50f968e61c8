import EdulinkCore
import EdulinkPostgresTestSupport
import EdulinkSQLite
import Foundation
import GRDB
import Logging
import Testing

@testable import EdulinkPostgres

/// A database a server keeps its state in: every server test runs on each.
///
/// SQLite always; PostgreSQL when `EDULINK_TEST_POSTGRES_URL` is set, and also with `CI=true`
/// when it is not — then its worlds fail to start, saying how to provide one (see `TestPostgres`).
struct ServerBackend: Sendable, CustomTestStringConvertible {
    /// A fresh, migrated database and how to remove it.
    struct World: Sendable {
        let store: any ServerStateStore & StoreMaintenance
        /// Closes the store and removes its file or database.
        let tearDown: @Sendable () async -> Void
        /// Runs SQL behind the store's back, as damage or another program would.
        let damage: @Sendable (_ sql: String) async throws -> Void
        /// A second store on the same database, as a second server instance would open.
        let sibling: @Sendable () async throws -> Sibling
    }

    /// Another store on a world's database, and how to close it.
    struct Sibling: Sendable {
        let store: any ServerStateStore & StoreMaintenance
        let close: @Sendable () async -> Void
    }

    let name: String
    let make: @Sendable (_ clock: any TimeSource) async throws -> World

    var testDescription: String { name }

    static let all: [ServerBackend] = TestPostgres.enabled ? [.sqlite, .postgres] : [.sqlite]

    static let sqlite = ServerBackend(name: "SQLite") { clock in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("db.sqlite").path
        let store = try SQLiteStore(path: path, clock: clock)
        return World(
            store: store, tearDown: { try? FileManager.default.removeItem(at: directory) },
            damage: { sql in try DatabaseQueue(path: path).write { try $0.execute(sql: sql) } },
            sibling: { Sibling(store: try SQLiteStore(path: path, clock: clock), close: {}) })
    }

    /// Eight connections: enough for the concurrency tests to run their transactions at once.
    static let postgres = ServerBackend(name: "PostgreSQL") { clock in
        let (store, database) = try await TestPostgres.makeStore(clock: clock, maximumConnections: 8)
        return World(
            store: store,
            tearDown: {
                await store.shutdown()
                await database.drop()
            },
            damage: { sql in try await store.onConnection { _ = try $0.execute(sql) } },
            sibling: {
                let second = try await PostgresStore(
                    location: database.location, maximumConnections: 4, connectTimeout: TestPostgres.connectTimeout,
                    leaseTimeout: TestPostgres.leaseTimeout,
                    clock: clock, logger: Logger(label: "test.postgres.second"))
                return Sibling(store: second, close: { await second.shutdown() })
            })
    }
}
