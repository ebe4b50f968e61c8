import EdulinkAPI
import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// The routes around the API: liveness, readiness, metrics and the API document.
enum OperationalRoutes {
    static func register(
        on router: Router<ServerRequestContext>, health: HealthReporter, registry: PrometheusCollectorRegistry,
        document: Data
    ) {
        router.get("/healthz") { _, _ in plain("ok\n") }
        router.get("/readyz") { _, _ in
            await health.databaseReachable()
                ? plain("ready\n") : plain("database unreachable\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            plain(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: document)))
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
