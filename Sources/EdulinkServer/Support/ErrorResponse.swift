import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime

/// Error responses in the uniform body, for the middleware that answers before or around the
/// generated handlers.
enum ErrorResponse {
    static func status(for error: EdulinkError) -> HTTPResponse.Status {
        HTTPResponse.Status(code: CoreToAPI.status(of: error))
    }

    /// What the client is told of `error`. A store's `unavailable` names a file, a host, SQL or the
    /// driver's own words, which are for the operator: the client gets one sentence with the
    /// request id, and the log keeps the detail under the same id.
    static func forClient(_ error: EdulinkError, logger: Logger) -> EdulinkError {
        guard case .unavailable(let detail) = error else { return error }
        let requestID = RequestValues.current.requestID
        logger.error("unavailable", metadata: ["detail": "\(detail)", "request_id": "\(requestID)"])
        return .unavailable(
            "The server cannot complete this request right now; try again shortly (request \(requestID)).")
    }

    /// Headers that go with an error: `Retry-After` for 429, `WWW-Authenticate` for 401.
    static func headers(for error: EdulinkError) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        switch error {
        case .rateLimited(_, let retryAfter?): fields[.retryAfter] = String(retryAfter)
        case .unauthenticated: fields[.wwwAuthenticate] = "Bearer"
        default: break
        }
        return fields
    }

    /// A Hummingbird response for `error`.
    static func response(_ error: EdulinkError) -> Response {
        Response(
            status: status(for: error), headers: headers(for: error),
            body: .init(byteBuffer: ByteBuffer(data: CoreToAPI.json(CoreToAPI.body(of: error)))))
    }

    /// A Hummingbird response for an error the HTTP layer raises itself (413, 400, 500).
    static func response(status: HTTPResponse.Status, code: Components.Schemas.ErrorCode, message: String)
        -> Response
    {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(
            status: status, headers: fields,
            body: .init(byteBuffer: ByteBuffer(data: CoreToAPI.json(CoreToAPI.body(code: code, message: message)))))
    }

    /// An OpenAPI-middleware response for `error`.
    static func openAPI(_ error: EdulinkError) -> (HTTPResponse, HTTPBody?) {
        (
            HTTPResponse(status: status(for: error), headerFields: headers(for: error)),
            HTTPBody(CoreToAPI.json(CoreToAPI.body(of: error)))
        )
    }

    static func openAPI(status: HTTPResponse.Status, code: Components.Schemas.ErrorCode, message: String)
        -> (HTTPResponse, HTTPBody?)
    {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return (
            HTTPResponse(status: status, headerFields: fields),
            HTTPBody(CoreToAPI.json(CoreToAPI.body(code: code, message: message)))
        )
    }
}

extension HTTPField.Name {
    static let requestID = constant("X-Request-ID")
    static let idempotencyKey = constant("Idempotency-Key")
    static let idempotencyReplayed = constant("Idempotency-Replayed")
    static let rateLimitLimit = constant("RateLimit-Limit")
    static let rateLimitRemaining = constant("RateLimit-Remaining")
    static let rateLimitReset = constant("RateLimit-Reset")
    static let referrerPolicy = constant("Referrer-Policy")
    static let xContentTypeOptions = constant("X-Content-Type-Options")

    /// A header name written in this file; valid by construction, so failing is a programming error.
    private static func constant(_ name: String) -> Self {
        guard let field = Self(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
