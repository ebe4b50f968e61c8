import Foundation
import Hummingbird
import Logging

/// One structured log line per request: method, path (without the query), status, duration, client
/// address and request id. Never headers or bodies, which carry tokens and passwords.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                    "duration_ms": "\(Self.milliseconds(elapsed))",
                    "client": "\(context.clientAddress)", "request_id": "\(RequestValues.current.requestID)",
                ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch {
            if ErrorMappingMiddleware.clientWentAway(error) { status = 499 }
            throw error
        }
    }

    /// `duration` in milliseconds with two decimals (`12.35`), rounded as `String(format: "%.2f")`
    /// rounds it, without a Foundation formatter per request.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let hundredths = seconds * 100_000 + (attoseconds + 5_000_000_000_000) / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
