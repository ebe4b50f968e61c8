import Crypto
import EdulinkCore
import Foundation
import HTTPTypes
import Hummingbird

/// Limits requests per client — per access token when there is one, else per address — in fixed
/// windows, and says where the client stands in `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset`. Over the limit: 429 with `Retry-After`. Counters are per server instance.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let counter: WindowCounter
    let limit: Int
    let clock: any TimeSource

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let now = clock.now()
        let reading = await counter.hit(Self.clientKey(request, context: context), now: now)
        let reset = max(0, Int(reading.resetAt.timeIntervalSince(now).rounded(.up)))
        var response: Response
        if reading.count > limit {
            response = ErrorResponse.response(
                .rateLimited("Too many requests. Try again in \(reset) seconds.", retryAfterSeconds: max(reset, 1)))
        } else {
            response = try await next(request, context)
        }
        response.headers[.rateLimitLimit] = String(limit)
        response.headers[.rateLimitRemaining] = String(max(0, limit - reading.count))
        response.headers[.rateLimitReset] = String(reset)
        return response
    }

    private static func clientKey(_ request: Request, context: Context) -> String {
        if let authorization = request.headers[.authorization] {
            let digest = SHA256.hash(data: Data(authorization.utf8)).prefix(16).map { String(format: "%02x", $0) }
            return "token:" + digest.joined()
        }
        return "address:" + context.clientAddress
    }
}
