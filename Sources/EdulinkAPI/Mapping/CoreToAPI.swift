public import EdulinkCore
public import Foundation

/// Core values to the API's own shapes: the one place where the server (responses) and the client
/// (requests) turn domain values into wire values. As in `APIToCore`, only the shapes that differ
/// from Core's on purpose (a move, the error body) are mapped; every other schema is a Core type.
public enum CoreToAPI {
    /// A move in the API's flat form: a kind and the fields that go with it.
    public static func move(_ move: ApplicationMove) -> Components.Schemas.ApplicationMove {
        typealias Kind = Components.Schemas.ApplicationMove.KindPayload
        switch move {
        case .review: return .init(kind: .review)
        case .shortlist: return .init(kind: .shortlist)
        case .scheduleInterview(let value): return .init(kind: .scheduleInterview, interview: value)
        case .offer(let expiresAt): return .init(kind: .offer, expiresAt: expiresAt)
        case .reject(let value): return .init(kind: .reject, rejection: value)
        case .accept: return .init(kind: .accept)
        case .decline: return .init(kind: .decline)
        case .withdraw(let note): return .init(kind: .withdraw, note: note)
        }
    }

    /// The status code that names the kind of `error`.
    public static func status(of error: EdulinkError) -> Int {
        switch error {
        case .validation: 422
        case .notFound: 404
        case .forbidden: 403
        case .unauthenticated: 401
        case .refused, .conflict: 409
        case .rateLimited: 429
        case .unavailable: 503
        }
    }

    /// The uniform error body of `error`.
    public static func body(of error: EdulinkError) -> Components.Schemas._Error {
        var detail = Components.Schemas.ErrorDetail(code: .unavailable, message: error.message)
        switch error {
        case .validation(let fields):
            detail.code = .validation
            detail.fields = fields
        case .notFound: detail.code = .notFound
        case .forbidden: detail.code = .forbidden
        case .unauthenticated: detail.code = .unauthenticated
        case .refused(let refusal):
            detail.code = .refused
            detail.refusal = refusal.code
        case .conflict: detail.code = .conflict
        case .rateLimited(_, let retryAfter):
            detail.code = .rateLimited
            detail.retryAfter = retryAfter
        case .unavailable: detail.code = .unavailable
        }
        return .init(error: detail)
    }

    /// An error the server raises itself (not the service's), e.g. a malformed body.
    public static func body(code: Components.Schemas.ErrorCode, message: String) -> Components.Schemas._Error {
        .init(error: .init(code: code, message: message))
    }

    /// The JSON bytes of an error body.
    public static func json(_ body: Components.Schemas._Error) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data(#"{"error":{"code":"internal","message":"error"}}"#.utf8)
    }
}
