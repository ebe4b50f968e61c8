public import EdulinkCore

/// The admin Users tab: search as you type with a role filter, keyset paging, and the account
/// actions (change role, lock, unlock, disable, reset password, verify an employer's organization).
/// The selected employer's organization is loaded to show whether it is verified. Every action that changes an
/// account is asked first and confirmed; the service decides whether it is allowed. A reset
/// password is held only until the admin dismisses it, never posted as a toast or event.
public struct UsersViewModel: Sendable {
    public static let pageSize = 100

    /// An account change waiting for the admin's yes.
    public enum Action: Sendable, Equatable {
        case setRole(Role)
        case lock
        case unlock
        case disable
        case resetPassword
        /// Verifies the organization the employer belongs to.
        case verifyOrganization(OrganizationID, name: String)

        /// The question asked before it runs.
        public func question(for user: UserSummary) -> String {
            switch self {
            case .setRole(let role): "Change \(user.email) from \(user.role.rawValue) to \(role.rawValue)?"
            case .lock: "Lock \(user.email)? They cannot sign in until unlocked."
            case .unlock: "Unlock \(user.email)?"
            case .disable: "Disable \(user.email)? They can no longer sign in."
            case .resetPassword: "Reset the password of \(user.email)? The new one is shown once."
            case .verifyOrganization(_, let name): "Verify \(name)? Its employers' listings can then be published."
            }
        }

        /// Whether the change locks someone out.
        public var dangerous: Bool { self == .lock || self == .disable || self == .resetPassword }
    }

    /// A new password, shown once.
    public struct Revealed: Sendable, Equatable {
        public var email: String
        public var password: String
    }

    public struct State: Sendable, Equatable {
        public var query = ""
        public var role: Role?
        public var users: [UserSummary] = []
        public var selectedIndex: Int?
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        /// Whether a page after the last one may exist.
        public var hasMore = false
        /// The change waiting for confirmation, and whom it is for.
        public var pending: (action: Action, user: UserSummary)?
        public var revealed: Revealed?
        public var message: String?
        /// Organizations of the employers selected so far, by id.
        public var organizations: [OrganizationID: Organization] = [:]

        /// The organization of the selected employer, once loaded.
        public var selectedOrganization: Organization? {
            selected?.organizationID.flatMap { organizations[$0] }
        }

        public var selected: UserSummary? {
            selectedIndex.flatMap { users.indices.contains($0) ? users[$0] : nil }
        }

        public static func == (lhs: State, rhs: State) -> Bool {
            lhs.query == rhs.query && lhs.role == rhs.role && lhs.users == rhs.users
                && lhs.selectedIndex == rhs.selectedIndex && lhs.loading == rhs.loading && lhs.hasMore == rhs.hasMore
                && lhs.pending?.action == rhs.pending?.action && lhs.pending?.user == rhs.pending?.user
                && lhs.revealed == rhs.revealed && lhs.message == rhs.message
                && lhs.organizations == rhs.organizations
        }
    }

    public enum Intent: Sendable, Equatable {
        case load
        /// The search text changed (searches after a short pause).
        case setQuery(String)
        /// Shows one role only, or every role.
        case setRoleFilter(Role?)
        case moveSelection(Int)
        case loadMore
        /// Asks for a change on the selected account.
        case request(Action)
        /// Asks to verify the selected employer's organization (nothing when it is verified or not loaded).
        case requestVerifyOrganization
        case confirm
        case cancel
        /// The admin has noted the new password; it is forgotten.
        case dismissPassword
    }

    public enum Message: Sendable {
        case loaded(append: Bool, Result<[UserSummary], Failure>)
        case changed(Action, email: String, Result<Void, Failure>)
        case reset(email: String, Result<String, Failure>)
        case organization(Result<Organization, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            return [search(after: nil, delay: .zero)]
        case .setQuery(let text):
            guard text != state.query else { return [] }
            state.query = text
            return [search(after: nil, delay: .milliseconds(150))]
        case .setRoleFilter(let role):
            state.role = role
            return [search(after: nil, delay: .zero)]
        case .moveSelection(let delta):
            guard !state.users.isEmpty else { return [] }
            let index = min(max((state.selectedIndex ?? 0) + delta, 0), state.users.count - 1)
            state.selectedIndex = index
            let organization = loadSelectedOrganization()
            if index == state.users.count - 1, state.hasMore, !state.loading { return organization + handle(.loadMore) }
            return organization
        case .loadMore:
            guard state.hasMore, let last = state.users.last else { return [] }
            return [search(after: last.id, delay: .zero)]
        case .request(let action):
            guard let user = state.selected else { return [] }
            state.pending = (action, user)
        case .requestVerifyOrganization:
            guard let organization = state.selectedOrganization, !organization.verified else { return [] }
            return handle(.request(.verifyOrganization(organization.id, name: organization.name)))
        case .confirm:
            guard let (action, user) = state.pending else { return [] }
            state.pending = nil
            return [run(action, on: user)]
        case .cancel:
            state.pending = nil
        case .dismissPassword:
            state.revealed = nil
        }
        return []
    }

    private mutating func search(after: UserID?, delay: Duration) -> Effect<Message> {
        state.loading = true
        let repository = self.repository
        let text = state.query.trimmingCharacters(in: .whitespaces)
        let role = state.role
        return Effect(key: "search", delay: delay) {
            .loaded(
                append: after != nil,
                await attempt {
                    try await repository.users(
                        matching: text.isEmpty ? nil : text, role: role, after: after, limit: Self.pageSize)
                })
        }
    }

    /// Loads the selected employer's organization unless it is known.
    private func loadSelectedOrganization() -> [Effect<Message>] {
        guard let user = state.selected, user.role == .employer, let id = user.organizationID,
            state.organizations[id] == nil
        else { return [] }
        return [fetchOrganization(id)]
    }

    private func fetchOrganization(_ id: OrganizationID) -> Effect<Message> {
        let repository = self.repository
        return Effect(key: "organization") { .organization(await attempt { try await repository.organization(id) }) }
    }

    private func run(_ action: Action, on user: UserSummary) -> Effect<Message> {
        let repository = self.repository
        let id = user.id
        let email = user.email
        if action == .resetPassword {
            return Effect { .reset(email: email, await attempt { try await repository.resetPassword(id) }) }
        }
        return Effect {
            .changed(
                action, email: email,
                await attempt {
                    switch action {
                    case .setRole(let role): try await repository.setRole(id, to: role)
                    case .lock: try await repository.lockUser(id, until: nil)
                    case .unlock: try await repository.unlockUser(id)
                    case .disable: try await repository.disableUser(id)
                    case .verifyOrganization(let organization, _):
                        try await repository.setOrganizationVerified(organization, verified: true)
                    case .resetPassword: break
                    }
                })
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(let append, .success(let page)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            let selectedID = state.selected?.id
            state.users = append ? state.users + page : page
            state.hasMore = page.count == Self.pageSize
            let index = selectedID.flatMap { id in state.users.firstIndex { $0.id == id } }
            state.selectedIndex =
                state.users.isEmpty ? nil : (index ?? min(state.selectedIndex ?? 0, state.users.count - 1))
            return loadSelectedOrganization()
        case .loaded(_, .failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .changed(let action, let email, .success):
            events.succeeded()
            events.post(.toast(Toast("\(email): \(Self.done(action))")))
            if case .verifyOrganization(let id, _) = action { return [reloadSameRows(), fetchOrganization(id)] }
            return [reloadSameRows()]
        case .changed(_, _, .failure(let failure)), .reset(_, .failure(let failure)):
            events.failed(failure, toast: true)
        case .reset(let email, .success(let password)):
            events.succeeded()
            state.revealed = Revealed(email: email, password: password)
            return [reloadSameRows()]
        case .organization(.success(let organization)):
            state.organizations[organization.id] = organization
        case .organization(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }

    /// Reloads from the top so the changed row shows its new role or status.
    private mutating func reloadSameRows() -> Effect<Message> { search(after: nil, delay: .zero) }

    static func done(_ action: Action) -> String {
        switch action {
        case .setRole(let role): "role is now \(role.rawValue)"
        case .lock: "locked"
        case .unlock: "unlocked"
        case .disable: "disabled"
        case .resetPassword: "password reset"
        case .verifyOrganization(_, let name): "\(name) verified"
        }
    }
}

extension UsersViewModel: ViewModel {}
