import EdulinkCore
import EdulinkPostgresTestSupport
import Foundation
import Testing

@testable import EdulinkPostgres

/// The PostgreSQL `ChangeSignal` (`PostgresChangeListener`): what moves its versions.
@Suite("PostgreSQL change listener", .enabled(if: TestPostgres.enabled), .serialized, .timeLimit(.minutes(5)))
struct ChangeListenerTests {
    /// `read()` once it is not nil, asked every few milliseconds for up to 2 minutes: a bound that
    /// tells a stuck listener from a loaded machine (on two busy cores it takes seconds). A timeout
    /// names the step and what the signal said last (nil: not listening).
    static func eventually<T>(
        _ step: String, _ signal: any ChangeSignal, _ read: () -> T?
    ) async throws -> T {
        let giveUp = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < giveUp {
            if let value = read() { return value }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw Timeout(step: step, last: signal.versions())
    }

    struct Timeout: Error, CustomStringConvertible {
        let step: String
        let last: ChangeVersions?
        var description: String {
            "not within 2 minutes: \(step); versions last: \(last.map { "\($0)" } ?? "nil (not listening)")"
        }
    }

    @Test(
        "a change by another connection moves its topic when the notification arrives, this store's own write at once, and a lost listening connection drops everything"
    )
    func versions() async throws {
        let (store, database) = try await TestPostgres.makeStore(clock: SystemTimeSource(), maximumConnections: 4)
        do {
            let signal = try await store.changeSignal()
            let first = try await Self.eventually("listening at first", signal) { signal.versions() }

            // Another program's change (no transaction of this store): the notification moves listings.
            try await store.onConnection { _ = try $0.execute("UPDATE listings SET title = title") }
            let second = try await Self.eventually("another connection's change notified", signal) {
                signal.versions().flatMap { $0 == first ? nil : $0 }
            }
            #expect(second.listings != first.listings && second.accounts == first.accounts)

            // This store's own write: moved before the write returns, no notification awaited.
            try await store.write { _ in }
            #expect(signal.versions() == second, "a write that changed nothing moves nothing")
            _ = try await store.transaction(.write) { try $0.execute("UPDATE listings SET title = title") }
            let own = try #require(signal.versions())
            #expect(own.listings != second.listings)

            // The listening connection is lost (with the pool's others): versions are unknown until
            // it listens again, then every topic has moved (whatever was cached is dropped).
            try await store.onConnection { db in
                _ = try db.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid()")
            }
            let again = try await Self.eventually("listening again after the connection was lost", signal) {
                signal.versions().flatMap { $0.accounts != own.accounts ? $0 : nil }
            }
            #expect(again.accounts != own.accounts && again.listings != own.listings)
        } catch {
            await store.shutdown()
            await database.drop()
            throw error
        }
        await store.shutdown()
        await database.drop()
    }
}
