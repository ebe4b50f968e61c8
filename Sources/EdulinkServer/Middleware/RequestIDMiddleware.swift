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
        let requestID = Self.acceptable(request.headers[.requestID]) ?? Self.newID()
        let values = RequestValues(
            requestID: requestID, clientAddress: context.clientAddress, changes: ChangeSnapshot())
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

    /// A random (version 4) UUID in lowercase, from the system's generator (`getrandom`).
    /// Foundation's `UUID()` opened, read and closed `/dev/urandom` on every request here.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let halves: [UInt64] = [generator.next(), generator.next()]
        var bytes = halves.flatMap { half in (0..<8).map { UInt8(truncatingIfNeeded: half >> (56 - 8 * $0)) } }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
