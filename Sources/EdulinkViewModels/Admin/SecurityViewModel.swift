public import EdulinkCore
public import Foundation

/// The admin Security tab: failed logins counted by account and by origin over the last hour or
/// day, the accounts locked now, and the security events (newest first) with a kind filter.
public struct SecurityViewModel: Sendable {
    /// How far back the failed-login counts look.
    public enum Window: String, Sendable, Equatable, CaseIterable {
        case hour, day

        public var seconds: TimeInterval { self == .hour ? 3600 : 86_400 }
        public var label: String { self == .hour ? "last hour" : "last day" }
    }

    /// Everything the tab shows, loaded together.
    public struct Report: Sendable, Equatable {
        public var byAccount: [SecurityTally]
        public var byOrigin: [SecurityTally]
        public var locked: [UserSummary]
        public var events: [SecurityEvent]
    }

    public struct State: Sendable, Equatable {
        public var window = Window.hour
        /// Only events of this kind; nil shows every kind.
        public var kind: SecurityEventKind?
        public var report: Report?
        public var selectedEvent: Int?
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var message: String?
    }

    public enum Intent: Sendable, Hashable {
        case load
        case toggleWindow
        case setKind(SecurityEventKind?)
        /// The next kind in the filter's cycle (every kind, then each kind in turn).
        case nextKind
        case moveSelection(Int)
    }

    public enum Message: Sendable {
        case loaded(Result<Report, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let now: @Sendable () -> Date

    public init(repository: any EdulinkRepository, now: @escaping @Sendable () -> Date) {
        self.repository = repository
        self.now = now
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            break
        case .toggleWindow:
            state.window = state.window == .hour ? .day : .hour
        case .setKind(let kind):
            state.kind = kind
            state.selectedEvent = nil
        case .nextKind:
            let all = SecurityEventKind.allCases
            let next = state.kind.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            return handle(.setKind(all.indices.contains(next) ? all[next] : nil))
        case .moveSelection(let delta):
            guard let count = state.report?.events.count, count > 0 else { return [] }
            state.selectedEvent = min(max((state.selectedEvent ?? 0) + delta, 0), count - 1)
            return []
        }
        return [load()]
    }

    private mutating func load() -> Effect<Message> {
        state.loading = true
        let repository = self.repository
        let since = now().addingTimeInterval(-state.window.seconds)
        let kind = state.kind
        return Effect(key: "report") {
            .loaded(
                await attempt {
                    async let account = repository.failedLogins(since: since, by: .account, limit: 20)
                    async let origin = repository.failedLogins(since: since, by: .source, limit: 20)
                    async let users = repository.users(matching: nil, role: nil, after: nil, limit: 1000)
                    async let list = repository.securityEvents(kind: kind, user: nil, since: nil, limit: 200)
                    return Report(
                        byAccount: try await account, byOrigin: try await origin,
                        locked: try await users.filter { $0.status == .locked }, events: try await list)
                })
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let report)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            state.report = report
            state.selectedEvent = report.events.isEmpty ? nil : min(state.selectedEvent ?? 0, report.events.count - 1)
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        }
        return []
    }
}

extension SecurityViewModel: ViewModel {}
