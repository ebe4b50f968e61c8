import EdulinkCore
import EdulinkServer
import Foundation
import Hummingbird
import Logging

/// An Edulink server running in this test process on 127.0.0.1 and a free port.
struct InProcessServer: Sendable {
    let url: URL
    let task: Task<Void, any Error>

    static func start(
        service: EdulinkService, store: any ServerStateStore & StoreMaintenance, stateDirectory: URL,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> InProcessServer {
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, stateDirectory: stateDirectory, requestsPerWindow: 1_000_000)
        configure(&configuration)
        var logger = Logger(label: "edulink.test-server")
        logger.logLevel = .critical
        let server = try await EdulinkServer(
            service: service, store: store, configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try server.application { port in continuation.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw URLError(.badURL) }
        return InProcessServer(url: url, task: task)
    }

    /// Stops the server and waits until it has (so its store can be closed next).
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
