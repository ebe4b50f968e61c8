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
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                    "duration_ms": "\(String(format: "%.2f", milliseconds))",
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
}
