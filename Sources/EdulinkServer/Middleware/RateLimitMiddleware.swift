import EdulinkCore
import Foundation
import HTTPTypes
import Hummingbird

/// Limits requests per client — per user when the access token's signature holds, else per client
/// address (a missing, forged or random token counts against the address it came from) — in fixed
/// windows, and says where the client stands in `RateLimit-Limit`, `RateLimit-Remaining` and
/// `RateLimit-Reset`. Over the limit: 429 with `Retry-After`, and a `rate_limited` security event
/// (one per client per minute). Counters are per server instance.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let counter: WindowCounter
    let tokens: TokenService
    let limit: Int
    let clock: any TimeSource
    let reporter: RateLimitReporter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let now = clock.now()
        let subject = await subject(request)
        let key = subject.map { "user:" + $0 } ?? "address:" + context.clientAddress
        let reading = await counter.hit(key, now: now)
        let reset = max(0, Int(reading.resetAt.timeIntervalSince(now).rounded(.up)))
        var response: Response
        if reading.count > limit {
            await reporter.refused(
                client: key, user: subject.flatMap { Int64($0) }.map { UserID($0) }, source: context.clientAddress,
                "over \(limit) requests a minute (\(request.method.rawValue) \(request.uri.path))")
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

    /// The user of a verified access token (whatever the header's spelling), else nil.
    private func subject(_ request: Request) async -> String? {
        guard let token = TokenService.bearerToken(request.headers[.authorization]) else { return nil }
        return await tokens.verifiedSubject(bearer: token)
    }
}
