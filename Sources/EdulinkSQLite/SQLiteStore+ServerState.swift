public import EdulinkCore

extension SQLiteStore: ServerStateStore {
    /// Runs `body` in a read-only transaction that can also read the server's state.
    public func readServerState<T: Sendable>(
        _ body: @escaping @Sendable (any ServerStateReader) throws -> T
    ) async throws -> T {
        try await mapErrors {
            try await self.pool.read { db in try body(SQLiteSession(db)) }
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction that can also write the server's state.
    public func writeServerState<T: Sendable>(
        _ body: @escaping @Sendable (any ServerStateWriter) throws -> T
    ) async throws -> T {
        try await mapErrors {
            try await self.pool.writeWithoutTransaction { db in
                try Self.immediateTransaction(db) { try body(SQLiteSession(db)) }
            }
        }
    }
}
