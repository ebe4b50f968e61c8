import EdulinkCore
import EdulinkServer
import Foundation
import Hummingbird
import Logging
import Testing

/// An Edulink server running in this test process on 127.0.0.1 and a free port.
struct InProcessServer: Sendable {
    let url: URL
    let started: StartedServer

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
        let started = try await StartedServer.start { try server.application(onRunning: $0) }
        guard let url = URL(string: "http://127.0.0.1:\(started.port)") else { throw URLError(.badURL) }
        return InProcessServer(url: url, started: started)
    }

    /// Stops the server and waits until it has (so its store can be closed next), at most
    /// `StartedServer.hangBound`: a server that does not stop is a failure of the test, not a hung run.
    func stop() async {
        let stopped = await started.stop()
        #expect(stopped, "the server did not stop within \(StartedServer.hangBound)")
    }
}
