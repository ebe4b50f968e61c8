import ArgumentParser
import EdulinkCore
import EdulinkServer
import Foundation
import Logging

/// `edulink serve`: the HTTP API over a database, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Edulink API over HTTP.",
        discussion: """
            Serves /api/v1 (see /openapi.yaml), /healthz, /readyz and /metrics. Logs one JSON line \
            per request on standard error. Stops on SIGTERM or SIGINT after finishing the requests \
            in flight. Rate-limit counters are per server process.
            """)

    @OptionGroup var options: ServerOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Requests per client per minute before 429.")
    var rateLimit = 600

    func run() async throws {
        let url = try options.databaseURL()
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure("no database at \(url.path) — create one with 'edulink demo' or 'edulink init'")
        }
        let environment = try LocalEnvironment(databaseURL: url)
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        let logger = Logger(label: "edulink.server")
        let configuration = ServerConfiguration(
            host: host, port: port, stateDirectory: options.stateURL, requestsPerWindow: rateLimit)
        let service = EdulinkService(
            environment: ServiceEnvironment(
                store: environment.store, hasher: LocalEnvironment.hasher(),
                passwordPolicy: environment.service.environment.passwordPolicy, logger: logger,
                operations: OperationsEnvironment(
                    maintenance: environment.store, probe: ProcSystemProbe(), requests: RequestMetrics(),
                    timesServiceCalls: false, dataDirectory: url.deletingLastPathComponent().path)))
        let server = try await EdulinkServer(
            service: service, store: environment.store, configuration: configuration, logger: logger)
        try await server.run { port in
            logger.info("listening", metadata: ["address": "http://\(host):\(port)", "database": "\(url.path)"])
        }
    }
}
