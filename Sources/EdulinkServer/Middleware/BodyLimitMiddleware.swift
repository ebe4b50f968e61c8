import Hummingbird

/// Refuses request bodies over `maxBytes` with 413, by `Content-Length` before reading and by
/// counting while reading when the length is not announced. A student import (a CSV of up to
/// `StudentImportRules.maxBytes`, as JSON) may be larger.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let defaultMaxBytes: Int

    init(maxBytes: Int) { defaultMaxBytes = maxBytes }

    /// Paths whose bodies may be larger than the default, and how large.
    static let larger: [String: Int] = ["/api/v1/institution/students/import": 12 * 1024 * 1024]

    /// The largest body a request to `path` may have.
    static func limit(for path: String?, default maxBytes: Int) -> Int {
        let bare = path.map { String($0.prefix { $0 != "?" }) }
        return max(maxBytes, bare.flatMap { larger[$0] } ?? 0)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let maxBytes = Self.limit(for: request.uri.path, default: defaultMaxBytes)
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
