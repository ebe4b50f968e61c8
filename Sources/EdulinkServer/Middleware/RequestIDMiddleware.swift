import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an id — the client's `X-Request-ID` when it is sensible, a new one otherwise
/// — returns it on the response, and makes it and the client's address available to the layers
/// below (`RequestValues.current`).
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let requestID = Self.acceptable(request.headers[.requestID]) ?? UUID().uuidString.lowercased()
        let values = RequestValues(requestID: requestID, clientAddress: context.clientAddress)
        var response = try await RequestValues.$current.withValue(values) { try await next(request, context) }
        response.headers[.requestID] = requestID
        return response
    }

    /// A client's id is kept when it is short and plain (it ends up in logs).
    private static func acceptable(_ id: String?) -> String? {
        guard let id, (1...128).contains(id.count),
            id.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0))
            })
        else { return nil }
        return id
    }
}
