import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

/// A search the person has typed past is interrupted, not waited for: cancelling the task that
/// reads stops SQLite's statement where it is.
@Suite("SQLiteStore interrupts cancelled reads", .timeLimit(.minutes(10)))
struct InterruptionTests {
    @Test("a cancelled read ends with CancellationError in the middle of a statement that would never finish")
    func cancelledReadIsInterrupted() async throws {
        try await withTemporaryStore { store, _, _ in
            let (started, starting) = AsyncStream.makeStream(of: Void.self)
            let read = Task {
                try await store.read { reader -> Int in
                    guard let session = reader as? any SQLSession else { return -1 }
                    starting.yield()
                    // Counts an endless sequence: only an interruption ends it.
                    return try session.selectCount(
                        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) AS count FROM n"
                    )
                }
            }
            for await _ in started { break }
            read.cancel()
            await #expect(throws: CancellationError.self) { try await read.value }
            // The connection is usable again at once.
            let count = try await store.read { reader -> Int in
                guard let session = reader as? any SQLSession else { return -1 }
                return try session.selectCount("SELECT count(*) AS count FROM users")
            }
            #expect(count == 0)
        }
    }
}
