public import EdulinkCore

/// A failed call as a screen shows it: one message for people, and the `EdulinkError` behind it
/// when there is one, so a form can put field errors next to their fields.
public struct Failure: Error, Sendable, Equatable {
    /// What went wrong and what to do, in one line (``EdulinkError/message`` when available).
    public var message: String
    /// The error the repository reported, or nil for anything else.
    public var error: EdulinkError?

    /// Describes any error.
    public init(_ error: any Error) {
        if let error = error as? Failure {
            self = error
        } else if let error = error as? EdulinkError {
            self.init(error)
        } else if error is CancellationError {
            self.init(message: "Cancelled.")
        } else {
            self.init(message: "Something went wrong: \(error). Try again.")
        }
    }

    /// Describes an `EdulinkError`.
    public init(_ error: EdulinkError) {
        self.message = error.message
        self.error = error
    }

    /// A failure with only a message.
    public init(message: String) {
        self.message = message
        self.error = nil
    }

    /// The database or server cannot be reached: the shell shows its offline banner.
    public var isUnavailable: Bool {
        if case .unavailable = error { return true }
        return false
    }

    /// The session ended (or the credentials were wrong).
    public var isUnauthenticated: Bool { error?.isUnauthenticated ?? false }

    /// The field errors of a validation failure, or none.
    public var fieldErrors: [FieldError] { error?.fieldErrors ?? [] }

    /// The refusal of a business rule, or nil.
    public var refusal: Refusal? {
        if case .refused(let refusal) = error { return refusal }
        return nil
    }

    /// What the shell should hear about this failure: the offline banner, a signed-out session or an
    /// error toast.
    public var appEvents: [AppEvent] {
        if isUnavailable { return [.offline(message)] }
        if isUnauthenticated { return [.sessionEnded(message)] }
        return [.toast(Toast(message, kind: .error))]
    }
}

/// Runs a repository call and captures its outcome as a value a message can carry.
public func attempt<T: Sendable>(_ body: () async throws -> T) async -> Result<T, Failure> {
    do {
        return .success(try await body())
    } catch {
        return .failure(Failure(error))
    }
}
