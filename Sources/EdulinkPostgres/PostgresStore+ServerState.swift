public import EdulinkCore
import PostgresNIO

extension PostgresStore: ServerStateStore {
    /// Runs `body` in a `REPEATABLE READ READ ONLY` transaction that can also read the server's state.
    public func readServerState<T: Sendable>(
        _ body: @escaping @Sendable (any ServerStateReader) throws -> T
    ) async throws -> T {
        try await transaction(.read) { db in try body(PostgresSession(db)) }
    }

    /// Runs `body` in one `READ COMMITTED` transaction that can also write the server's state; a
    /// refresh token it reads stays locked until it commits (see `PostgresSession+ServerState`).
    public func writeServerState<T: Sendable>(
        _ body: @escaping @Sendable (any ServerStateWriter) throws -> T
    ) async throws -> T {
        try await transaction(.write) { db in try body(PostgresSession(db, locksReads: true)) }
    }
}

extension PostgresStore: ChangeSignalling {
    /// Starts listening for changes on a connection of its own (see `PostgresChangeListener`).
    public func changeSignal() async throws -> any ChangeSignal {
        let location = location
        let timeout = connectTimeout
        let logger = logger
        changes.start(
            connect: {
                try await PostgresConnection.connect(
                    configuration: try location.connectionConfiguration(connectTimeout: timeout), id: 0, logger: logger)
            }, logger: logger)
        return changes
    }
}
