import EdulinkCore
import HTTPTypes
import Hummingbird
import Logging

/// Errors raised by the HTTP layer itself (no such route, wrong method, body too large) in the
/// same uniform body as the API's own errors.
struct HTTPErrorMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as EdulinkError {
            return ErrorResponse.response(ErrorResponse.forClient(error, logger: logger))
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound: return ErrorResponse.response(.notFound("Route"))
            case .contentTooLarge:
                return ErrorResponse.response(
                    status: .contentTooLarge, code: .payloadTooLarge, message: "The request body is too large.")
            case .methodNotAllowed:
                return ErrorResponse.response(
                    status: .methodNotAllowed, code: .badRequest, message: "This method is not allowed here.")
            default:
                return ErrorResponse.response(
                    status: error.status, code: error.status.code >= 500 ? ._internal : .badRequest,
                    message: error.status.reasonPhrase)
            }
        } catch  where ErrorMappingMiddleware.clientWentAway(error) {
            // The client closed the connection mid-request (a superseded search): nothing to answer.
            return ErrorResponse.response(
                status: ErrorMappingMiddleware.clientClosedRequest, code: .badRequest,
                message: "The client closed the request.")
        } catch {
            logger.error(
                "unexpected error",
                metadata: [
                    "error": "\(error)", "type": "\(String(reflecting: type(of: error)))",
                    "request_id": "\(RequestValues.current.requestID)",
                ])
            return ErrorResponse.response(
                status: .internalServerError, code: ._internal,
                message: "Something went wrong on the server (request \(RequestValues.current.requestID)).")
        }
    }
}
