import EdulinkCore
import Foundation
import HTTPTypes
import Hummingbird

/// Limits requests per client — per user when the access token's signature holds, else per client
/// address (a missing, forged or random token counts against the address it came from) — in fixed
/// windows, and says where the client stands in `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset`. Over the limit: 429 with `Retry-After`. Counters are per server instance.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let counter: WindowCounter
    let tokens: TokenService
    let limit: Int
    let clock: any TimeSource

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let now = clock.now()
        let reading = await counter.hit(await clientKey(request, context: context), now: now)
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

    private func clientKey(_ request: Request, context: Context) async -> String {
        if let token = TokenService.bearerToken(request.headers[.authorization]),
            let subject = await tokens.verifiedSubject(bearer: token)
        {
            return "user:" + subject
        }
        return "address:" + context.clientAddress
    }
}
