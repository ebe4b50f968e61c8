import EdulinkCore
import Logging
import PostgresNIO
import Synchronization

/// `ChangeSignal` on PostgreSQL: counters in memory, moved by the notifications the triggers of
/// `ChangeSignalsV12` send on `edulink_changes` (any instance's writes, and the CLI's), and by this
/// process's own writes as they commit (`PostgresStore.transaction`), so its next request never
/// waits for a notification about its own write.
///
/// It listens on one connection of the store's pool, held while the store runs. While that
/// connection is not listening (starting, lost, reconnecting) `versions()` is nil and no cache is
/// used; every time it starts listening again both counters move, so whatever was cached before is
/// dropped wholesale: notifications sent while nobody listened are lost, and stale sessions must
/// never be served. A query every `heartbeat` checks that the connection is alive (a dead peer that
/// sent no reset would otherwise look like a quiet database).
final class PostgresChangeListener: ChangeSignal {
    private struct State {
        var started = false
        var listening = false
        var accounts: Int64 = 0
        var listings: Int64 = 0
    }

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)
    static let heartbeat: Duration = .seconds(10)

    /// Whether `start` was called: only then do writes look for the changes they made.
    var isStarted: Bool { state.withLock { $0.started } }

    func versions() -> ChangeVersions? {
        state.withLock { $0.listening ? ChangeVersions(accounts: $0.accounts, listings: $0.listings) : nil }
    }

    /// Moves the counter of `topic` (a notification's payload, or a write of this process).
    func changed(_ topic: String) {
        state.withLock { state in
            switch topic {
            case "accounts": state.accounts += 1
            case "listings": state.listings += 1
            default:
                state.accounts += 1
                state.listings += 1
            }
        }
    }

    private func setListening(_ listening: Bool) {
        state.withLock { state in
            state.listening = listening
            state.accounts += 1
            state.listings += 1
        }
    }

    /// Starts listening through `client`, reconnecting after a lost connection, until `stop()`.
    func start(client: PostgresClient, logger: Logger) {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        task.withLock { $0 = Task { await self.run(client: client, logger: logger) } }
    }

    /// Cancels the listening and returns its task, for the store to wait on within its bound (the
    /// listening ends when its connection closes, which the pool's shutdown does).
    func stop() -> Task<Void, Never>? {
        let running = task.withLock { $0 }
        running?.cancel()
        return running
    }

    private func run(client: PostgresClient, logger: Logger) async {
        var delay: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: ChangeSignalsV12.channel) { notifications in
                        self.setListening(true)
                        logger.debug("listening for changes")
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await notification in notifications { self.changed(notification.payload) }
                            }
                            group.addTask {
                                while true {
                                    try await Task.sleep(for: Self.heartbeat)
                                    try await Self.alive(connection, logger: logger)
                                }
                            }
                            // Either ending (the connection lost, or cancelled) ends the listening.
                            _ = try await group.next()
                            group.cancelAll()
                        }
                    }
                }
                delay = .milliseconds(100)
            } catch {
                if !Task.isCancelled {
                    logger.warning("lost the connection listening for changes: \(String(reflecting: error))")
                }
            }
            setListening(false)
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }

    /// Throws unless `SELECT 1` answers within a heartbeat.
    private static func alive(_ connection: PostgresConnection, logger: Logger) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = try await connection.query("SELECT 1", logger: logger).collect()
                return true
            }
            group.addTask {
                try await Task.sleep(for: Self.heartbeat)
                return false
            }
            let answered = try await group.next() ?? false
            group.cancelAll()
            if !answered { throw PostgresChangeListenerTimeout() }
        }
    }
}

/// The listening connection did not answer a heartbeat in time.
struct PostgresChangeListenerTimeout: Error {}
