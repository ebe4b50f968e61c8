public import EdulinkCore

/// Changing one's own password, as every Profile tab offers it: the current password, the new one
/// twice. A view-model keeps one of these in its state and forwards the intent and its result. An
/// account that signed in with a one-time code must do this first; once it has, the session ends
/// so that the person signs in with the password just set.
public struct PasswordChange: Sendable, Equatable {
    /// The service's (or the confirmation's) field errors for the form.
    public var fieldErrors: [FieldError] = []
    /// The password was just changed: the form closes.
    public var changed = false
    public var saving = false
    /// The account signed in with a one-time code and must set its own password before anything else.
    public var required = false

    public init() {}

    /// Starts a change: the effect to run, or none when the two new passwords differ (the error is
    /// on the confirmation) or a change is on its way.
    public mutating func start(
        current: String, new: String, confirmation: String, repository: any EdulinkRepository
    ) -> Effect<Result<Void, Failure>>? {
        changed = false
        guard new == confirmation else {
            fieldErrors = [FieldError("confirmation", "The two new passwords differ.")]
            return nil
        }
        guard !saving else { return nil }
        saving = true
        fieldErrors = []
        return Effect(key: "password") {
            await attempt { try await repository.changePassword(current: current, new: new) }
        }
    }

    /// Takes the outcome of a change; what the shell must hear goes into `events`.
    public mutating func finish(_ result: Result<Void, Failure>, events: inout AppEventQueue) {
        saving = false
        switch result {
        case .success:
            events.succeeded()
            changed = true
            if required {
                // The one-time code is spent: sign in again, now with the password just set.
                events.post(.sessionEnded("Your password is set. Sign in with it."))
            } else {
                events.post(.toast(Toast("Password changed.")))
            }
        case .failure(let failure):
            if case .validation(let fields)? = failure.error {
                fieldErrors = fields
            } else {
                events.failed(failure, toast: true)
            }
        }
    }

    /// Whether `failure` says the account must set its own password first.
    public static func isRequired(by failure: Failure) -> Bool {
        failure.refusal?.code == .passwordChangeRequired
    }
}
