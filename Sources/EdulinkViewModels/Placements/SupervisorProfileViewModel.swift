public import EdulinkCore

/// The supervisor's Profile tab: who they are to the platform (side, title, capacity, how many
/// placements they hold now) and their own password.
public struct SupervisorProfileViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var profile: SupervisorSummary?
        public var loading = false
        public var message: String?
        /// The service's (or the confirmation's) field errors for the password form.
        public var fieldErrors: [FieldError] = []
        /// The password was just changed: the form closes.
        public var passwordChanged = false
        public var saving = false
    }

    public enum Intent: Sendable, Hashable {
        case load
        case changePassword(current: String, new: String, confirmation: String)
    }

    public enum Message: Sendable {
        case loaded(Result<SupervisorSummary, Failure>)
        case passwordChanged(Result<Void, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = repository
        switch intent {
        case .load:
            state.loading = true
            return [Effect(key: "profile") { .loaded(await attempt { try await repository.supervisorProfile() }) }]
        case .changePassword(let current, let new, let confirmation):
            state.passwordChanged = false
            guard new == confirmation else {
                state.fieldErrors = [FieldError("confirmation", "The two new passwords differ.")]
                return []
            }
            guard !state.saving else { return [] }
            state.saving = true
            state.fieldErrors = []
            return [
                Effect(key: "password") {
                    .passwordChanged(await attempt { try await repository.changePassword(current: current, new: new) })
                }
            ]
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let profile)):
            events.succeeded()
            state.loading = false
            state.message = nil
            state.profile = profile
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .passwordChanged(.success):
            events.succeeded()
            state.saving = false
            state.passwordChanged = true
            if state.profile?.user.mustChangePassword == true {
                // The one-time code is spent: sign in again, now with the password just set.
                events.post(.sessionEnded("Your password is set. Sign in with it."))
            } else {
                events.post(.toast(Toast("Password changed.")))
            }
        case .passwordChanged(.failure(let failure)):
            state.saving = false
            if case .validation(let fields)? = failure.error {
                state.fieldErrors = fields
            } else {
                events.failed(failure, toast: true)
            }
        }
        return []
    }
}

extension SupervisorProfileViewModel: ViewModel {}
