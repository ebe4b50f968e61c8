public import EdulinkCore

/// The supervisor's Profile tab: who they are to the platform (side, title, capacity, how many
/// placements they hold now) and their own password.
public struct SupervisorProfileViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var profile: SupervisorSummary?
        public var loading = false
        public var message: String?
        /// The password form's state.
        public var password = PasswordChange()
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
            let effect = state.password.start(
                current: current, new: new, confirmation: confirmation, repository: repository)
            return effect.map { [$0.map { .passwordChanged($0) }] } ?? []
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let profile)):
            events.succeeded()
            state.loading = false
            state.message = nil
            state.profile = profile
            state.password.required = profile.user.mustChangePassword
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .passwordChanged(let result):
            state.password.finish(result, events: &events)
        }
        return []
    }
}

extension SupervisorProfileViewModel: ViewModel {}
