import EdulinkCore
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@testable import EdulinkPostgres

/// A search typed past is cancelled on the server, not waited for; a write is never cut short.
@Suite("PostgreSQL store cancels cancelled reads", .enabled(if: TestPostgres.enabled), .timeLimit(.minutes(10)))
struct PostgresCancellationTests {
    @Test("a cancelled read ends with CancellationError mid-statement; the server stops it and the pool goes on")
    func cancelledReadIsCancelledOnTheServer() async throws {
        let (store, database) = try await TestPostgres.makeStore(clock: SystemTimeSource(), maximumConnections: 2)
        let (started, starting) = AsyncStream.makeStream(of: Void.self)
        let read = Task {
            try await store.read { reader -> Int in
                guard let session = reader as? any SQLSession else { return -1 }
                starting.yield()
                // Ten minutes of sleep: only a cancellation ends it within the test's limit.
                return try session.selectCount("SELECT count(*) AS count FROM (SELECT pg_sleep(600)) AS slept")
            }
        }
        for await _ in started { break }
        read.cancel()
        await #expect(throws: CancellationError.self) { try await read.value }

        // Nothing of it still runs on the server, and the store answers as before.
        var sleeping = 1
        for _ in 0..<200 where sleeping > 0 {
            sleeping = try await store.read { reader -> Int in
                guard let session = reader as? any SQLSession else { return -1 }
                return try session.selectCount(
                    "SELECT count(*) AS count FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' "
                        + "AND pid <> pg_backend_pid() AND state = 'active'")
            }
            if sleeping > 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(sleeping == 0)
        #expect(try await store.read { try $0.user(UserID(rawValue: 1)) } == nil)
        await store.shutdown()
        await database.drop()
    }

    @Test("a cancelled write runs to its end: what it saved is saved")
    func cancelledWriteCompletes() async throws {
        let (store, database) = try await TestPostgres.makeStore(clock: SystemTimeSource(), maximumConnections: 2)
        let (started, starting) = AsyncStream.makeStream(of: Void.self)
        let write = Task {
            try await store.write { writer -> Int in
                guard let session = writer as? any SQLSession else { return -1 }
                starting.yield()
                _ = try session.selectCount("SELECT count(*) AS count FROM (SELECT pg_sleep(0.3)) AS slept")
                _ = try writer.insertInstitution(
                    Institution(name: "Egerton University", shortCode: "EGU", type: .university, verified: true))
                return 1
            }
        }
        for await _ in started { break }
        write.cancel()
        #expect(try await write.value == 1)
        #expect(try await store.read { try $0.institutions() }.map(\.shortCode) == ["EGU"])
        await store.shutdown()
        await database.drop()
    }
}
