public import EdulinkCore
public import EdulinkPostgres
import Foundation
import Logging

/// The PostgreSQL server the tests use, from `EDULINK_TEST_POSTGRES_URL` (which
/// `scripts/postgres-test-cluster.sh start` prints and `scripts/test.sh` exports), and a fresh
/// database for every test world.
///
/// Without the variable, PostgreSQL tests are skipped with a printed note — unless `CI=true`, where
/// a missing PostgreSQL is a failure: `TestPostgres.server()` throws saying how to start one.
public enum TestPostgres {
    public static let urlVariable = "EDULINK_TEST_POSTGRES_URL"

    /// The configured server (connected to its maintenance database), nil when not configured.
    public static let configured: PostgresLocation? = {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else { return nil }
        return try? PostgresLocation(url: url)
    }()

    /// Whether a missing PostgreSQL must fail the run (CI) instead of skipping.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether PostgreSQL tests should run: configured, or required (and then they fail).
    public static var enabled: Bool {
        if configured != nil || required { return true }
        note()
        return false
    }

    public static let missingMessage =
        "\(urlVariable) is not set and CI=true: PostgreSQL tests cannot run. Start a server with "
        + "`scripts/postgres-test-cluster.sh start` and export the URL it prints (scripts/test.sh does both)."

    /// The server, or a failure saying how to get one.
    public static func server() throws -> PostgresLocation {
        guard let configured else { throw EdulinkError.unavailable(missingMessage) }
        return configured
    }

    private static let noted: Void = {
        print(
            "note: PostgreSQL tests skipped: \(urlVariable) is not set "
                + "(run scripts/postgres-test-cluster.sh start, or scripts/test.sh)")
    }()

    private static func note() { _ = noted }

    /// A new, empty-of-data, fully migrated database, cloned from a template migrated once per test
    /// process (`CREATE DATABASE … TEMPLATE`, a file copy: milliseconds instead of a migration).
    public static func makeDatabase() async throws -> TestDatabase {
        let server = try server()
        let template = try await templates.name(on: server)
        let name = "edulink_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        var attempt = 0
        while true {
            do {
                try await PostgresDatabaseAdmin.create(
                    name, template: template, on: server, connectTimeout: connectTimeout)
                break
            } catch let error as EdulinkError where attempt < 20 && "\(error)".contains("accessed by other users") {
                // Another clone of the template was starting at the same instant.
                attempt += 1
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
        return TestDatabase(server: server, name: name)
    }

    /// A new database with no schema at all, for testing migrations.
    public static func makeDatabaseWithoutSchema() async throws -> TestDatabase {
        let server = try server()
        let name = "edulink_empty_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try await PostgresDatabaseAdmin.create(name, on: server, connectTimeout: connectTimeout)
        return TestDatabase(server: server, name: name)
    }

    /// How long a test's transaction waits for a connection. The store's own default (30 s) tells a
    /// server that is down; on a busy machine 200 concurrent applies can wait longer than that for
    /// one of 8 connections, and a test must not depend on the machine's speed. (An unreachable
    /// server is tested with its own short timeout.)
    public static let leaseTimeout: Duration = .seconds(600)

    /// How long one attempt to open a connection may take. Production's 5–10 s tells an unreachable
    /// server quickly; a test run on two busy cores has seen a loopback connection take longer than
    /// that (CI, 2026-12-03: every connection of a whole second timed out at 5 and 10 s), and a
    /// test must not depend on the machine's speed.
    public static let connectTimeout: Duration = .seconds(120)

    /// A store over a fresh database; `drop()` the database when done.
    public static func makeStore(
        clock: any TimeSource, maximumConnections: Int = 4, searchWindow: SearchWindow = .standard
    ) async throws -> (store: PostgresStore, database: TestDatabase) {
        let database = try await makeDatabase()
        let store = try await PostgresStore(
            location: database.location, maximumConnections: maximumConnections, connectTimeout: connectTimeout,
            leaseTimeout: leaseTimeout, clock: clock,
            logger: Logger(label: "test.postgres"), searchWindow: searchWindow)
        return (store, database)
    }

    private static let templates = TemplateDatabase()
}

/// One test's database.
public struct TestDatabase: Sendable {
    public let server: PostgresLocation
    public let name: String

    public var location: PostgresLocation { server.database(name) }

    /// Drops the database, ending any session still on it.
    public func drop() async {
        try? await PostgresDatabaseAdmin.drop(name, on: server, connectTimeout: TestPostgres.connectTimeout)
    }
}

/// The migrated template every test database is cloned from, made once per process.
///
/// Its name says when it was made (`edulink_template_<Unix seconds>_<random>`): nothing drops it when
/// the process ends, so each new one drops those made more than ``staleAfter`` ago (no test process
/// runs that long), and those named without a time, by builds before the time was in the name.
actor TemplateDatabase {
    private var made: Task<String, any Error>?

    static let prefix = "edulink_template_"
    static let staleAfter: TimeInterval = 12 * 3_600

    func name(on server: PostgresLocation) async throws -> String {
        if let made { return try await made.value }
        let task = Task {
            let now = Date()
            await Self.dropStale(on: server, now: now)
            let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let name = "\(Self.prefix)\(Int(now.timeIntervalSince1970))_\(random)"
            try await PostgresDatabaseAdmin.create(name, on: server, connectTimeout: TestPostgres.connectTimeout)
            let store = try await PostgresStore(
                location: server.database(name), maximumConnections: 1, connectTimeout: TestPostgres.connectTimeout,
                leaseTimeout: TestPostgres.leaseTimeout,
                logger: Logger(label: "test.template"))
            await store.shutdown()
            return name
        }
        made = task
        return try await task.value
    }

    /// Drops the templates of processes long gone; a failure leaves them for the next process.
    private static func dropStale(on server: PostgresLocation, now: Date) async {
        guard
            let names = try? await PostgresDatabaseAdmin.names(
                startingWith: prefix, on: server, connectTimeout: TestPostgres.connectTimeout)
        else { return }
        for name in names {
            let made = name.dropFirst(prefix.count).split(separator: "_").first.flatMap { TimeInterval(String($0)) }
            if let made, now.timeIntervalSince1970 - made < staleAfter { continue }
            try? await PostgresDatabaseAdmin.drop(name, on: server, connectTimeout: TestPostgres.connectTimeout)
        }
    }
}
