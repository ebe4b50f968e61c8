import CoreMetrics
import EdulinkCore
import Foundation
import Hummingbird

/// Counts requests and times them for `/metrics`, by method, route and status. The route is the
/// matched pattern (`/api/v1/listings/{listingId}`), never the raw path, so ids do not explode the
/// label space. Every request is also kept in `requests` (the health report's rolling window;
/// a 5xx counts as an error).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let factory: any MetricsFactory
    let requests: RequestMetrics?
    /// Times requests (the service's clock, so a test server measures no time).
    let clock: any TimeSource

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = clock.uptime()
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let dimensions = [
            ("method", request.method.rawValue), ("route", route), ("status", String(response.status.code)),
        ]
        Counter(label: "edulink_http_requests_total", dimensions: dimensions, factory: factory).increment()
        let nanoseconds = clock.nanosecondsSince(start)
        Timer(label: "edulink_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(nanoseconds)
        requests?.record(nanoseconds: nanoseconds, failed: response.status.code >= 500)
        return response
    }
}
