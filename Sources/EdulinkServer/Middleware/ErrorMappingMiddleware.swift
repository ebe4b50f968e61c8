import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Turns whatever a handler or an inner middleware threw into the uniform error body: an
/// `EdulinkError` into its status, a request the generated code could not decode into 400, and
/// anything else into a 500 that names only the request id (details go to the log, never to the
/// client).
struct ErrorMappingMiddleware: ServerMiddleware {
    let logger: Logger

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            return map(error, operationID: operationID)
        }
    }

    private func map(_ error: any Error, operationID: String) -> (HTTPResponse, HTTPBody?) {
        var underlying: any Error = error
        if let server = error as? ServerError { underlying = server.underlyingError }
        if Self.clientWentAway(underlying) {
            // The client went away (a search it typed past): nobody reads this answer, and nothing
            // went wrong on the server. 499, as proxies log a request the client closed.
            return ErrorResponse.openAPI(
                status: Self.clientClosedRequest, code: .badRequest, message: "The client closed the request.")
        }
        if let edulink = underlying as? EdulinkError {
            return ErrorResponse.openAPI(ErrorResponse.forClient(edulink, logger: logger))
        }
        if underlying is DecodingError || error is ServerError {
            return ErrorResponse.openAPI(
                status: .badRequest, code: .badRequest,
                message: "The request is malformed: \(Self.describe(underlying)). See /openapi.yaml.")
        }
        let requestID = RequestValues.current.requestID
        logger.error(
            "unexpected error",
            metadata: [
                "operation": "\(operationID)", "error": "\(error)",
                "type": "\(String(reflecting: type(of: underlying)))",
                "request_id": "\(requestID)",
            ])
        return ErrorResponse.openAPI(
            status: .internalServerError, code: ._internal,
            message: "Something went wrong on the server (request \(requestID)).")
    }

    /// The status a request the client abandoned is logged with (nginx's convention).
    static let clientClosedRequest = HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")

    /// Whether `error` says the client closed the request: the task was cancelled, or the
    /// connection ended before the request's body did (NIO's `HTTPParserError.invalidEOFState`,
    /// told by its type and text: the server has no direct dependency on NIOHTTP1).
    static func clientWentAway(_ error: any Error) -> Bool {
        if error is CancellationError || Task.isCancelled { return true }
        return String(reflecting: type(of: error)).hasSuffix(".HTTPParserError")
            && String(describing: error) == "stream ended at an unexpected time"
    }

    /// A short, safe description of a decoding problem: the field path and what was wrong.
    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context)?:
            context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        default: "it does not match the operation's parameters or body"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
