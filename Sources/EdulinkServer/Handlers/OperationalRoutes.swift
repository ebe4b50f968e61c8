import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// The routes around the API: liveness, readiness, metrics and the API document.
///
/// `/metrics` counts requests per route and status, failed sign-ins included, which tells an
/// outsider what is being tried and what works: on the API's address it answers admins only
/// (their access token); `--metrics-listen` serves it to a scraper on an address of its own instead.
enum OperationalRoutes {
    /// Who may read `/metrics` on a router.
    enum MetricsAccess {
        /// Anyone who reaches this router (the metrics listener).
        case open
        /// Only a request with an admin's valid access token.
        case admins(TokenService)
        /// Not served here (a metrics listener serves it).
        case elsewhere
    }

    static func register(
        on router: Router<ServerRequestContext>, health: HealthReporter, registry: PrometheusCollectorRegistry,
        document: Data, metrics: MetricsAccess
    ) {
        router.get("/healthz") { _, _ in plain("ok\n") }
        router.get("/readyz") { _, _ in
            await health.databaseReachable()
                ? plain("ready\n") : plain("database unreachable\n", status: .serviceUnavailable)
        }
        registerMetrics(on: router, registry: registry, access: metrics)
        router.get("/openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: document)))
        }
    }

    static func registerMetrics(
        on router: Router<ServerRequestContext>, registry: PrometheusCollectorRegistry, access: MetricsAccess
    ) {
        if case .elsewhere = access { return }
        router.get("/metrics") { request, _ in
            if case .admins(let tokens) = access {
                guard let token = TokenService.bearerToken(request.headers[.authorization]) else {
                    throw EdulinkError.unauthenticated("Sign in as an admin: /metrics needs an admin's access token.")
                }
                guard try await tokens.authenticate(bearer: token).user.role == .admin else {
                    throw EdulinkError.forbidden("Only admins read /metrics.")
                }
            }
            return plain(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    private static func plain(
        _ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8"
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
