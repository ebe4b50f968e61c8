import EdulinkAPI
import EdulinkCore
import Foundation

/// The generated server protocol, answered by `EdulinkService`: each handler converts the request
/// to Core values, calls the service as the verified caller, and converts the result back. No rule
/// lives here.
struct APIHandler: APIProtocol {
    let service: EdulinkService
    let tokens: TokenService
    let loginThrottle: LoginThrottle
    /// Records the sign-in throttle's refusals as `rate_limited` events.
    let rateLimits: RateLimitReporter
    let health: HealthReporter

    /// The default page size when a client does not say.
    static let defaultLimit = 50

    var clock: any TimeSource { service.environment.clock }

    /// The verified caller; the authentication middleware guarantees one for protected operations.
    func caller() throws -> Authenticated {
        guard let caller = Authenticated.current else {
            throw EdulinkError.unauthenticated("Sign in first: this request needs an access token.")
        }
        return caller
    }

    func principal() throws -> Principal { try caller().principal }

    /// The service acting as the request's verified caller.
    func acting() throws -> EdulinkService { service.acting(as: try principal()) }
}
