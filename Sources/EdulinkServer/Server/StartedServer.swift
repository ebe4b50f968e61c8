import EdulinkCore
public import Hummingbird

/// An application serving in a task of this process (an embedded or test server): the port it
/// bound, and a stop that never waits longer than it is told.
///
/// ```swift
/// let started = try await StartedServer.start { onRunning in try server.application(onRunning: onRunning) }
/// // http://127.0.0.1:\(started.port)
/// await started.stop()
/// ```
public struct StartedServer: Sendable {
    /// The port the application listens on.
    public let port: Int
    let task: Task<Void, any Error>

    /// How long ``stop(within:)`` waits unless told otherwise: far past what any load explains.
    public static let hangBound: Duration = .seconds(120)

    /// Builds the application with the callback it calls once it listens, runs it, and returns
    /// once it listens; throws what the application threw when it stopped before listening (an
    /// address in use), instead of waiting for a port that never comes.
    public static func start(
        _ build: (_ onRunning: @escaping @Sendable (Int) async -> Void) throws -> any ApplicationProtocol
    ) async throws -> StartedServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try build { continuation.yield($0) }
        let task = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        for await port in ports { return StartedServer(port: port, task: task) }
        try await task.value
        throw CancellationError()
    }

    /// Cancels the application and waits until it has stopped, or `limit` has passed; returns
    /// whether it stopped (a connection that ignores cancellation leaves it running past `limit`).
    /// Stopping takes milliseconds on an idle machine and seconds on a loaded one (a test run on
    /// two busy cores was seen to take 3 to 10 s): the default bound tells a hang from a slow machine.
    @discardableResult
    public func stop(within limit: Duration = StartedServer.hangBound) async -> Bool {
        task.cancel()
        return await task.finishes(within: limit)
    }
}
