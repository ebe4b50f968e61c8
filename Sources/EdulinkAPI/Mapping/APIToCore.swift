public import EdulinkCore

/// The API's own shapes to Core values: the one place where the server (requests) and the client
/// (responses) turn wire values into domain values.
///
/// Most schemas need nothing here: the generator's type overrides (openapi-generator-config.yaml)
/// make the document's schemas the Core types themselves, so a handler receives a `ListingDraft`
/// and returns a `Listing`. Only the shapes that differ on purpose are mapped: a move (a flat kind
/// with its fields on the wire, an enum with associated values in Core) and the error body.
public enum APIToCore {
    /// The domain move of an API move; a kind without the fields it needs is a validation error.
    public static func move(_ move: Components.Schemas.ApplicationMove) throws -> ApplicationMove {
        switch move.kind {
        case .review: return .review
        case .shortlist: return .shortlist
        case .scheduleInterview:
            guard let interview = move.interview else {
                throw EdulinkError.validation([FieldError("interview", "Give the interview's time and place.")])
            }
            return .scheduleInterview(interview)
        case .offer: return .offer(expiresAt: move.expiresAt)
        case .reject:
            guard let rejection = move.rejection else {
                throw EdulinkError.validation([FieldError("rejection", "Give a reason for the rejection.")])
            }
            return .reject(rejection)
        case .accept: return .accept
        case .decline: return .decline
        case .withdraw: return .withdraw(note: move.note)
        }
    }

    /// The `EdulinkError` an error response stands for, so a remote error reads exactly like a
    /// local one. `retryAfterHeader` is the `Retry-After` header, used when the body has none.
    public static func error(status: Int, body: Components.Schemas._Error?, retryAfterHeader: Int? = nil)
        -> EdulinkError
    {
        guard let detail = body?.error else {
            return .unavailable("The Edulink server answered with status \(status) and no explanation.")
        }
        let message = detail.message
        switch detail.code {
        case .validation:
            return .validation(detail.fields ?? [])
        case .notFound:
            // The service's message is "<what> not found."; the case carries only <what>.
            let suffix = " not found."
            return .notFound(message.hasSuffix(suffix) ? String(message.dropLast(suffix.count)) : message)
        case .forbidden: return .forbidden(message)
        case .unauthenticated: return .unauthenticated(message)
        case .refused:
            guard let code = detail.refusal else { return .conflict(message) }
            return .refused(Refusal(code, message))
        case .conflict: return .conflict(message)
        case .rateLimited: return .rateLimited(message, retryAfterSeconds: detail.retryAfter ?? retryAfterHeader)
        case .unavailable, ._internal: return .unavailable(message)
        case .badRequest, .payloadTooLarge: return .validation([FieldError("body", message)])
        }
    }
}
