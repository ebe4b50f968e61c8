import EdulinkCore
import EdulinkPostgres
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@Suite("edulink serve on PostgreSQL migrates on purpose", .timeLimit(.minutes(10)))
struct ServeMigrationTests {
    @Test("pending migrations refuse the start, named; --migrate applies them and serves")
    func migrateOnPurpose() async throws {
        guard TestPostgres.enabled else { return }
        let database = try await TestPostgres.makeDatabaseWithoutSchema()
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = database.location.redacted
        let serve = ["serve", "--db", url, "--port", "0", "--state-dir", "state", "--jobs-every", "0"]

        let refused = try await harness.run(serve)
        #expect(refused.status == 1)
        let store = try await PostgresStore(
            location: database.location, maximumConnections: 1, connectTimeout: TestPostgres.connectTimeout,
            migrate: false, logger: Logger(label: "test"))
        let all = try await store.migrations().pending
        #expect(
            refused.standardError
                == "edulink: error: the database needs \(all.count) migrations (\(all.joined(separator: ", "))); "
                + "start one server with --migrate (it backs the database up first), then the others\n")
        #expect(try await store.migrations().applied.isEmpty)

        let server = try harness.start(serve + ["--migrate"])
        var started = false
        for _ in 0..<600 where !started {
            started = (try? String(contentsOf: server.errorFile, encoding: .utf8))?.contains("\"listening\"") == true
            if !started { try await Task.sleep(for: .milliseconds(100)) }
        }
        server.process.terminate()
        await server.wait()
        let log = (try? server.result().standardError) ?? ""
        #expect(started, "\(log)")
        // The wait is announced before it starts, and its length logged after.
        let announced = try #require(log.range(of: "\"migrating\""), "\(log)")
        let finished = try #require(log.range(of: "\"migrated\""), "\(log)")
        #expect(announced.lowerBound < finished.lowerBound)
        #expect(log.contains("\"took\""))
        #expect(try await store.migrations().pending.isEmpty)
        // Nothing to back up in an empty database: no backup folder.
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("state/backups").path))
        await store.shutdown()
        await database.drop()
    }
}
