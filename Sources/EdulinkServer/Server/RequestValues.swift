import EdulinkCore

/// What the HTTP middleware learned about the request in flight, for the OpenAPI middleware and
/// handlers, which the transport calls in the same task.
struct RequestValues: Sendable {
    var requestID: String
    var clientAddress: String

    @TaskLocal static var current = RequestValues(requestID: "-", clientAddress: "unknown")
}

/// The verified caller of the request in flight.
struct Authenticated: Sendable {
    var user: User
    var principal: Principal
    /// The sign-in session the access token belongs to; logout revokes it.
    var familyID: String

    @TaskLocal static var current: Authenticated?
}
