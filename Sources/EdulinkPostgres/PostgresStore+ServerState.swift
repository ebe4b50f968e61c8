public import EdulinkCore

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
    /// Starts listening for changes on one of the pool's connections (see `PostgresChangeListener`).
    public func changeSignal() async throws -> any ChangeSignal {
        changes.start(client: client, logger: logger)
        return changes
    }
}
