import EdulinkAPI
public import EdulinkCore
import Foundation
public import Hummingbird
import HummingbirdCore
public import Logging
import Metrics
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import ServiceLifecycle

/// The Edulink HTTP server: the API of `openapi.yaml` over `EdulinkService`, with sign-in
/// sessions, rate limits, idempotent writes, metrics and health endpoints.
///
/// ```swift
/// let server = try await EdulinkServer(service: service, store: store, configuration: configuration)
/// try await server.run()  // until SIGTERM or SIGINT
/// ```
///
/// It keeps nothing that must be shared in memory except the rate-limit counters, which are per
/// instance: several instances behind a load balancer share one database. What it caches (the
/// sessions of access tokens, search pages) is dropped when the store's `ChangeSignal` says the
/// database changed, whichever instance or process changed it.
public struct EdulinkServer: Sendable {
    public let configuration: ServerConfiguration
    let service: EdulinkService
    let store: any ServerStateStore & StoreMaintenance
    let logger: Logger
    let tokens: TokenService
    /// The request metrics, shared by the API's router and the metrics listener.
    let registry = PrometheusCollectorRegistry()

    /// Prepares a server; reads (or creates) the signing-key file under the state directory.
    public init(
        service: EdulinkService, store: any ServerStateStore & StoreMaintenance, configuration: ServerConfiguration,
        logger: Logger = Logger(label: "edulink.server")
    ) async throws {
        var signal: (any ChangeSignal)?
        if configuration.caching, let signalling = store as? any ChangeSignalling {
            signal = RequestChangeSignal(base: try await signalling.changeSignal())
        }
        self.service =
            signal.map {
                service.cachingSearches(
                    in: SearchCache(
                        signal: $0, lifetime: configuration.searchCacheLifetime,
                        longest: configuration.searchCacheLongest))
            } ?? service
        self.store = store
        self.configuration = configuration
        self.logger = logger
        let clock = service.environment.clock
        let keys = try await SigningKeyRing(url: configuration.keyFile, now: clock.now(), logger: logger)
        self.tokens = TokenService(
            keys: keys, store: store, verified: BoundedCache(capacity: VerifiedToken.capacity), signal: signal,
            clock: clock, random: service.environment.random,
            accessLifetime: configuration.accessTokenLifetime, refreshLifetime: configuration.refreshTokenLifetime)
    }

    /// The Hummingbird application; `onRunning` receives the port it listens on.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws
        -> some ApplicationProtocol
    {
        let clock = service.environment.clock
        let factory = PrometheusMetricsFactory(registry: registry)
        let health = HealthReporter(maintenance: store, clock: clock, startedAt: .now)
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(
            middleware: MetricsMiddleware(
                factory: factory, requests: service.environment.operations?.requests, clock: service.environment.clock))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: HTTPErrorMiddleware(logger: logger))
        router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes))
        let refusals = RateLimitReporter(service: service, clock: clock)
        router.add(
            middleware: RateLimitMiddleware(
                counter: WindowCounter(window: configuration.requestWindow), tokens: tokens,
                limit: configuration.requestsPerWindow, clock: clock, reporter: refusals))
        OperationalRoutes.register(
            on: router, health: health, registry: registry, document: try APIConfiguration.document(),
            metrics: configuration.metricsListen == nil ? .admins(tokens) : .elsewhere)
        let handler = APIHandler(
            service: service, tokens: tokens,
            loginThrottle: LoginThrottle(
                limit: configuration.loginFailuresPerWindow, window: configuration.loginWindow),
            rateLimits: refusals, health: health)
        var middlewares: [any ServerMiddleware] = [
            ErrorMappingMiddleware(logger: logger), AuthenticationMiddleware(tokens: tokens),
            IdempotencyMiddleware(
                store: store, clock: clock, retention: configuration.idempotencyRetention,
                maxBodyBytes: configuration.maxBodyBytes),
        ]
        if configuration.caching {
            middlewares.append(
                SearchPageBodiesMiddleware(
                    search: { try await handler.searchListings($0) }, browse: { try await handler.browseListings($0) },
                    bodies: SearchPageBodies(),
                    maxBodyBytes: configuration.maxBodyBytes))
        }
        try handler.registerHandlers(
            on: router, serverURL: try Servers.Server1.url(), configuration: APIConfiguration.openAPI,
            middlewares: middlewares)
        return Application(
            router: router, server: http1,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "Edulink"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// HTTP/1.1 with the request deadlines of the configuration (slow clients are cut off).
    private var http1: HTTPServerBuilder {
        let head = TimeAmount.nanoseconds(Int64(configuration.requestHeadTimeout * 1_000_000_000))
        let body = TimeAmount.nanoseconds(Int64(configuration.requestBodyTimeout * 1_000_000_000))
        return .http1(
            configuration: .init(additionalChannelHandlers: [RequestDeadlineHandler(head: head, body: body)]))
    }

    /// The listener of `configuration.metricsListen`, serving `/metrics` alone to whoever reaches it;
    /// nil when metrics are served on the API's address (to admins).
    public func metricsApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> (any ApplicationProtocol)?
    {
        guard let listen = configuration.metricsListen else { return nil }
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: HTTPErrorMiddleware(logger: logger))
        OperationalRoutes.registerMetrics(on: router, registry: registry, access: .open)
        return Application(
            router: router, server: http1,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "Edulink metrics"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting connections and lets requests in flight
    /// finish for up to `configuration.shutdownGrace`, after which they are cancelled.
    public func run(
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        onMetricsRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var services: [any Service] = [try application(onRunning: onRunning)]
        if let metrics = metricsApplication(onRunning: onMetricsRunning) { services.append(metrics) }
        var group = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = configuration.shutdownGrace
        try await ServiceGroup(configuration: group).run()
    }
}
