public import EdulinkCore

/// The admin Health tab: every check with its figures, the open alerts (acknowledge, resolve) and
/// the KPIs, refreshed every few seconds while the tab is shown. The last report stays on screen
/// while the next one loads, so a refresh never blanks the panels.
public struct HealthViewModel: Sendable {
    /// Seconds between refreshes while the tab is shown (one `tick` per second).
    public static let refreshTicks = 5

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        public var report: HealthReport?
        /// The selected open alert.
        public var selectedAlert: Int?
        public var loading = false
        /// Ticks since the last refresh.
        public var ticks = 0
        /// The last problem.
        public var message: String?

        public var alerts: [Alert] { report?.alerts ?? [] }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        /// One second passed while the tab is shown.
        case tick
        case moveSelection(Int)
        case acknowledgeSelected
        case resolveSelected
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<HealthReport, Failure>)
        case changed(Result<Alert, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    private var selected: Alert? {
        state.selectedAlert.flatMap { state.alerts.indices.contains($0) ? state.alerts[$0] : nil }
    }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            return load()
        case .tick:
            state.ticks += 1
            return state.ticks >= Self.refreshTicks && !state.loading ? load() : []
        case .moveSelection(let delta):
            guard !state.alerts.isEmpty else { return [] }
            state.selectedAlert = min(max((state.selectedAlert ?? 0) + delta, 0), state.alerts.count - 1)
        case .acknowledgeSelected:
            guard let alert = selected, alert.state == .active else { return [] }
            let repository = self.repository
            return [Effect { .changed(await attempt { try await repository.acknowledgeAlert(alert.id) }) }]
        case .resolveSelected:
            guard let alert = selected else { return [] }
            let repository = self.repository
            return [Effect { .changed(await attempt { try await repository.resolveAlert(alert.id) }) }]
        }
        return []
    }

    private mutating func load() -> [Effect<Message>] {
        state.loading = true
        state.ticks = 0
        let repository = self.repository
        return [Effect(key: "report") { .loaded(await attempt { try await repository.healthReport() }) }]
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let report)):
            events.succeeded()
            state.loading = false
            state.message = nil
            let selectedID = selected?.id
            // A newly raised alert was told to every admin, this one included: the unread count
            // moves now, not at the next sign-in.
            let known = Set((state.report?.alerts ?? []).map(\.id))
            if report.alerts.contains(where: { !known.contains($0.id) }) { events.post(.notificationsMayHaveChanged) }
            state.report = report
            let index = selectedID.flatMap { id in report.alerts.firstIndex { $0.id == id } }
            state.selectedAlert =
                report.alerts.isEmpty ? nil : (index ?? min(state.selectedAlert ?? 0, report.alerts.count - 1))
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .changed(.success(let alert)):
            events.succeeded()
            events.post(.toast(Toast("Alert \(alert.kind.label): \(alert.state.rawValue)")))
            return load()
        case .changed(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }
}

extension HealthViewModel: ViewModel {}
