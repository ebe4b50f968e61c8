import EdulinkCore
import HTTPTypes
import OpenAPIRuntime

/// Verifies the bearer token of every operation except signing in and refreshing, and makes the
/// caller available to the handlers (`Authenticated.current`). No token, or a bad one, is 401.
struct AuthenticationMiddleware: ServerMiddleware {
    let tokens: TokenService
    /// Operations anyone may call.
    static let publicOperations: Set<String> = ["login", "signUp", "refresh", "verifyCompletion"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if Self.publicOperations.contains(operationID) { return try await next(request, body, metadata) }
        guard let token = TokenService.bearerToken(request.headerFields[.authorization]) else {
            throw EdulinkError.unauthenticated("Sign in first: this request needs an access token.")
        }
        let caller = try await tokens.authenticate(bearer: token)
        return try await Authenticated.$current.withValue(caller) {
            try await next(request, body, metadata)
        }
    }
}
