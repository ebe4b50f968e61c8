import EdulinkCore
import Logging
import PostgresNIO
import Synchronization

/// `ChangeSignal` on PostgreSQL: counters in memory, moved by the notifications the triggers of
/// `ChangeSignalsV12` send on `edulink_changes` (any instance's writes, and the CLI's), and by this
/// process's own writes as they commit (`PostgresStore.transaction`), so its next request never
/// waits for a notification about its own write.
///
/// It listens on a connection of its own, opened beside the store's pool and closed by `stop()`:
/// closing it ends the listening whatever it was waiting for (borrowed from the pool, a lost
/// connection once left the listening waiting on the pool with nobody to end it, and the store's
/// shutdown with it). While it is not listening (starting, lost, reconnecting) `versions()` is nil
/// and no cache is used; every time it starts listening again both counters move, so whatever was
/// cached before is dropped wholesale: notifications sent while nobody listened are lost, and stale
/// sessions must never be served. A query every `heartbeat` checks that the connection is alive (a
/// dead peer that sent no reset would otherwise look like a quiet database); one that does not
/// answer in time is closed.
final class PostgresChangeListener: ChangeSignal {
    private struct State {
        var started = false
        var listening = false
        var accounts: Int64 = 0
        var listings: Int64 = 0
    }

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// The connection listening now, for `stop()` to close.
    private let connection = Mutex<PostgresConnection?>(nil)
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

    /// Starts listening on connections from `connect`, opening another after a lost one, until
    /// `stop()`.
    func start(connect: @escaping @Sendable () async throws -> PostgresConnection, logger: Logger) {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        task.withLock { $0 = Task { await self.run(connect: connect, logger: logger) } }
    }

    /// Cancels the listening and closes its connection, which ends it; returns its task, for the
    /// store to wait on within its bound.
    func stop() -> Task<Void, Never>? {
        let running = task.withLock { $0 }
        running?.cancel()
        if let open = connection.withLock({ $0 }) { Self.close(open) }
        return running
    }

    private static func close(_ connection: PostgresConnection) {
        Task { try? await connection.close() }
    }

    private func run(connect: @Sendable () async throws -> PostgresConnection, logger: Logger) async {
        var delay: Duration = .milliseconds(100)
        var lost = false
        while !Task.isCancelled {
            do {
                let opened = try await connect()
                connection.withLock { $0 = opened }
                // Cancelled while connecting: `stop()` found no connection to close.
                if Task.isCancelled { Self.close(opened) }
                defer {
                    connection.withLock { $0 = nil }
                    Self.close(opened)
                }
                try await opened.listen(on: ChangeSignalsV12.channel) { notifications in
                    self.setListening(true)
                    if lost {
                        logger.info("listening for changes again")
                    } else {
                        logger.debug("listening for changes")
                    }
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        // Whichever way the listening ends, its connection closes before the group
                        // awaits the other child: the notifications may not heed cancellation, and
                        // closing the connection after `listen` returned would wait on them forever
                        // (a heartbeat that failed on a terminated backend once left it so for good).
                        defer { Self.close(opened) }
                        group.addTask {
                            for try await notification in notifications { self.changed(notification.payload) }
                        }
                        group.addTask {
                            while true {
                                try await Task.sleep(for: Self.heartbeat)
                                try await Self.alive(opened, logger: logger)
                            }
                        }
                        // Either ending (the connection lost, or cancelled) ends the listening.
                        _ = try await group.next()
                        group.cancelAll()
                    }
                }
                delay = .milliseconds(100)
            } catch {
                if !Task.isCancelled {
                    logger.warning("lost the connection listening for changes: \(String(reflecting: error))")
                }
            }
            setListening(false)
            lost = true
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
            if !answered {
                // The query may never answer: closing the connection ends it, and the listening.
                close(connection)
                group.cancelAll()
                throw PostgresChangeListenerTimeout()
            }
            group.cancelAll()
        }
    }
}

/// The listening connection did not answer a heartbeat in time.
struct PostgresChangeListenerTimeout: Error {}
