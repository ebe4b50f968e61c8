import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("SQLiteStore reports waits for another process's lock", .timeLimit(.minutes(10)))
struct LockWaitStoreTests {
    @Test("a write held up by another connection's lock is reported while it waits, and saves once the lock is free")
    func writeWaitsVisibly() async throws {
        try await withTemporaryStore { store, _, _ in
            let wait = try #require(store.lockWait)
            #expect(wait.waited() == nil)
            let other = try DatabaseQueue(path: store.path)
            let release = DispatchSemaphore(value: 0)
            let (held, holding) = AsyncStream.makeStream(of: Void.self)
            // Another program takes the write lock and keeps it until released (on GRDB's own
            // thread, never on the test's cooperative pool).
            other.asyncWriteWithoutTransaction { db in
                try? db.execute(sql: "BEGIN IMMEDIATE")
                holding.yield()
                release.wait()
                try? db.execute(sql: "COMMIT")
            }
            for await _ in held { break }

            let write = Task { try await Fixtures.employer(store) }
            while wait.waited() == nil { try await Task.sleep(for: .milliseconds(5)) }
            release.signal()
            let (organization, _) = try await write.value
            #expect(try await store.read { try $0.organization(organization) }?.name == "Acme Kenya Ltd")
            try other.close()
        }
    }
}
