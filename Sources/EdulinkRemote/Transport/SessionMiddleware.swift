import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What the repository tells the middleware about the call in flight.
struct CallOptions: Sendable {
    /// The key that makes a retried write safe; nil for reads.
    var idempotencyKey: String?
    /// Whether a 401 means "renew the token and try again" (not for checking a password).
    var renewOn401: Bool

    @TaskLocal static var current = CallOptions(idempotencyKey: nil, renewOn401: true)
}

/// Adds the access token and the idempotency key to each request, renews the token once on 401,
/// and retries with backoff when the server cannot be reached or is briefly unavailable (not after a
/// timeout: a person has waited long enough, and a server that is that slow is not helped). Writes
/// are retried only because they carry an idempotency key: the server replays the first response
/// instead of applying them twice.
struct SessionMiddleware: ClientMiddleware {
    let keeper: SessionKeeper
    let retry: RetryPolicy

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let options = CallOptions.current
        let bytes: [UInt8]? = if let body { try await [UInt8](collecting: body, upTo: 4 * 1024 * 1024) } else { nil }
        var request = request
        if let key = options.idempotencyKey, let name = HTTPField.Name("Idempotency-Key") {
            request.headerFields[name] = key
        }
        var token = await keeper.current?.accessToken
        var renewed = false
        var attempt = 1
        while true {
            var attemptRequest = request
            if let token { attemptRequest.headerFields[.authorization] = "Bearer \(token)" }
            do {
                let (response, responseBody) = try await next(attemptRequest, bytes.map { HTTPBody($0) }, baseURL)
                if response.status.code == 401, options.renewOn401, !renewed, let stale = token,
                    let fresh = await keeper.renew(replacing: stale)
                {
                    token = fresh
                    renewed = true
                    continue
                }
                if [502, 503, 504].contains(response.status.code), attempt < retry.attempts {
                    try await Task.sleep(for: retry.delay(before: attempt))
                    attempt += 1
                    continue
                }
                return (response, responseBody)
            } catch {
                // A timeout already waited the whole time a person should: it is not tried again.
                guard attempt < retry.attempts, !(error is CancellationError), !Unreachable.isTimeout(error) else {
                    throw error
                }
                try await Task.sleep(for: retry.delay(before: attempt))
                attempt += 1
            }
        }
    }
}
