import EdulinkCore
import Logging
import PostgresNIO

/// One leased PostgreSQL connection used synchronously: each statement is sent, and the calling
/// thread waits for its result.
///
/// Core's `Store` takes synchronous transaction bodies: the service's rules are plain logic over
/// values, and the SQLite store's GRDB writer is synchronous too, so one `Store` contract serves
/// both. `PostgresStore` therefore runs a body on a thread of its own `NIOThreadPool` — never on an
/// event loop, whose thread must stay free to deliver the very results being waited for, and never
/// on a Swift concurrency thread — and every statement here blocks on the connection's
/// `EventLoopFuture` with `wait()`, which NIO allows off the event loop.
struct BlockingConnection: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs one statement with `$1…$n` parameters and returns its rows and command tag.
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> PostgresQueryResult {
        precondition(!connection.eventLoop.inEventLoop, "A blocking query must not run on an event loop.")
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { value.append(to: &bindings) }
        return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try query(sql, values).metadata.rows ?? 0
    }
}
