import ArgumentParser
import EdulinkCore
import EdulinkPostgres
import EdulinkSQLite
import EdulinkServer
import Foundation
import Logging

/// `edulink serve`: the HTTP API over a database, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Edulink API over HTTP.",
        discussion: """
            Serves /api/v1 (see /openapi.yaml), /healthz, /readyz and /metrics (to admins' access \
            tokens, or to anyone on --metrics-listen instead), and runs the scheduled jobs every \
            --jobs-every seconds (messages go to the outbox folder beside the database, or in the \
            state folder on PostgreSQL). Logs one JSON line per request on \
            standard error. Stops on SIGTERM or SIGINT after finishing the requests \
            in flight. Rate-limit counters are per server process; everything else (sign-in \
            sessions, idempotency records) is in the database, so several servers can share one \
            PostgreSQL database behind a load balancer.
            """)

    @OptionGroup var options: ServerOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Requests per client per minute before 429.")
    var rateLimit = 600

    @Option(
        help: ArgumentHelp(
            "Serve /metrics here, to whoever reaches it (a scraper), instead of to admins on the API's address.",
            valueName: "host:port"))
    var metricsListen: String?

    @Option(help: "PostgreSQL only: connections this server keeps open (and threads its transactions run on).")
    var connections = 20

    @Flag(
        help: """
            PostgreSQL: apply pending migrations before serving, after a verified backup (pg_dump into the \
            state folder's backups). Without it the server refuses to start on a database that needs them.
            """)
    var migrate = false

    @Option(
        help: ArgumentHelp(
            "Run the scheduled jobs (as `edulink jobs run`) every this many seconds; 0 runs none. Servers sharing "
                + "a database run each turn once between them.", valueName: "seconds"))
    var jobsEvery = 60

    @Flag(
        help: """
            Read every request's session and every search from the database instead of keeping them in \
            memory (kept right by change notifications), and encode every search page; for comparing.
            """)
    var noCache = false

    func validate() throws {
        guard (1...1000).contains(connections) else { throw ValidationError("--connections must be 1 to 1000.") }
        guard (0...86_400).contains(jobsEvery) else {
            throw ValidationError("--jobs-every must be 0 to 86400 seconds.")
        }
        if metricsListen != nil, metricsAddress == nil {
            throw ValidationError("--metrics-listen is host:port, such as 127.0.0.1:9090.")
        }
    }

    /// `--metrics-listen` as host and port (the port after the last colon, so `[::1]:9090` works).
    var metricsAddress: (host: String, port: Int)? {
        guard let metricsListen, let colon = metricsListen.lastIndex(of: ":"),
            let port = Int(metricsListen[metricsListen.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        let host = metricsListen[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        let logger = Logger(label: "edulink.server")
        let store: any ServerStateStore & StoreMaintenance
        let described: String
        // Whose free space the storage check watches: the database's folder, or (PostgreSQL) the state folder.
        let dataDirectory: String
        // Where the jobs deliver messages: beside the SQLite file, or in the state folder.
        let outbox: URL
        var shutdown: @Sendable () async -> Void = {}
        switch try options.selectedDatabase() {
        case .sqlite(let url):
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CommandFailure.noDatabase(at: url)
            }
            store = try LocalEnvironment(databaseURL: url).store
            described = url.path
            dataDirectory = url.deletingLastPathComponent().path
            outbox = url.deletingLastPathComponent().appendingPathComponent("outbox", isDirectory: true)
        case .postgres(let location):
            let postgres = try await PostgresStore(
                location: location, maximumConnections: connections, migrate: false,
                logger: Logger(label: "edulink.postgres"))
            do {
                try await Self.bringUpToDate(
                    postgres, migrate: migrate, backups: options.stateURL.appendingPathComponent("backups"),
                    logger: logger)
            } catch {
                await postgres.shutdown()
                throw error
            }
            store = postgres
            described = location.redacted
            dataDirectory = options.stateURL.path
            outbox = options.stateURL.appendingPathComponent("outbox", isDirectory: true)
            shutdown = { await postgres.shutdown() }
        }
        var configuration = ServerConfiguration(
            host: host, port: port, stateDirectory: options.stateURL, requestsPerWindow: rateLimit)
        configuration.metricsListen = metricsAddress
        configuration.caching = !noCache
        let metricsHost = metricsAddress?.host ?? ""
        var serviceEnvironment = ServiceEnvironment(
            store: store, hasher: LocalEnvironment.hasher(), passwordPolicy: try LocalEnvironment.passwordPolicy(),
            logger: logger,
            operations: OperationsEnvironment(
                maintenance: store, probe: LocalEnvironment.systemProbe(), requests: RequestMetrics(),
                timesServiceCalls: false, dataDirectory: dataDirectory))
        serviceEnvironment.retention = LocalEnvironment.retention()
        let service = EdulinkService(environment: serviceEnvironment)
        var scheduler: Task<Void, Never>?
        if jobsEvery > 0 {
            let jobs = JobScheduler(
                service: service, interval: jobsEvery, instance: JobScheduler.processInstance,
                transport: try MailTransport.make(outbox: outbox), logger: logger)
            scheduler = Task { await jobs.run() }
        }
        // The scheduler stops, and its run in progress ends, before the database closes: a run
        // left going would wait on a connection the store has closed. A run that does not end
        // within the server's grace is left behind, said in the log: the server still stops.
        let running = scheduler
        let closeStore = shutdown
        let grace = configuration.shutdownGrace
        let stop: @Sendable () async -> Void = {
            running?.cancel()
            if let running, await !running.finishes(within: grace) {
                logger.warning("the scheduled jobs did not stop within \(grace); leaving them behind")
            }
            await closeStore()
        }
        do {
            let server = try await EdulinkServer(
                service: service, store: store, configuration: configuration, logger: logger)
            try await server.run(
                onRunning: { port in
                    logger.info(
                        "listening", metadata: ["address": "http://\(host):\(port)", "database": "\(described)"])
                },
                onMetricsRunning: { port in
                    logger.info(
                        "metrics listening",
                        metadata: ["address": "http://\(metricsHost):\(port)/metrics"])
                })
        } catch {
            await stop()
            throw error
        }
        await stop()
        logger.info("stopped", metadata: ["database": "\(described)"])
    }

    /// A PostgreSQL database several servers share is migrated on purpose, never as a side effect of
    /// one of them starting: without `--migrate`, pending migrations refuse the start and are named.
    /// With it, a database that has data is backed up (and the backup verified) first.
    static func bringUpToDate(_ postgres: PostgresStore, migrate: Bool, backups: URL, logger: Logger) async throws {
        let (applied, pending) = try await postgres.migrations()
        guard !pending.isEmpty else { return }
        guard migrate else {
            throw CommandFailure(
                "the database needs \(MigrationNotice.steps(pending)); "
                    + "start one server with --migrate (it backs the database up first), then the others")
        }
        // Each long wait is announced before it starts, as `edulink db migrate` does.
        if !applied.isEmpty {
            logger.info("backing up before migrating", metadata: ["folder": "\(backups.path)"])
            let backup = try await postgres.backup(into: backups, keepDays: 30)
            logger.info("backed up before migrating", metadata: ["backup": "\(backup.path)"])
        }
        logger.info(
            "migrating",
            metadata: ["migrations": "\(pending.joined(separator: ", "))", "note": "\(MigrationNotice.patience)"])
        let started = ContinuousClock.now
        let done = try await postgres.migrate()
        logger.info(
            "migrated",
            metadata: [
                "migrations": "\(done.joined(separator: ", "))", "took": "\(MigrationNotice.elapsed(.now - started))",
            ])
    }
}
