import Hummingbird

/// Refuses request bodies over `maxBytes` with 413, by `Content-Length` before reading and by
/// counting while reading when the length is not announced.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            return ErrorResponse.response(
                status: .contentTooLarge, code: .payloadTooLarge,
                message: "The request body is larger than \(maxBytes / 1024) KiB.")
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return ErrorResponse.response(
                status: .contentTooLarge, code: .payloadTooLarge,
                message: "The request body is larger than \(maxBytes / 1024) KiB.")
        }
        return try await next(request, context)
    }
}
