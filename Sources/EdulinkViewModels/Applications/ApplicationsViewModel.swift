public import EdulinkCore

/// The Applications tab: the student's applications with their status, the selected one's full
/// timeline, withdrawing (confirmed first) and answering an offer (confirmed first).
///
/// What the student may do comes from the service (`ApplicationDetail.allowedMoves`); the tab
/// offers only those. After each action the list and the detail load again.
public struct ApplicationsViewModel: Sendable {
    /// An action waiting for the user's confirmation.
    public enum Confirmation: Sendable, Equatable {
        case withdraw(ApplicationID, listingTitle: String)
        case acceptOffer(ApplicationID, listingTitle: String)
        case declineOffer(ApplicationID, listingTitle: String)

        /// The question the dialog asks.
        public var question: String {
            switch self {
            case .withdraw(_, let title): "Withdraw your application to \"\(title)\"? This cannot be undone."
            case .acceptOffer(_, let title): "Accept the offer for \"\(title)\"?"
            case .declineOffer(_, let title): "Decline the offer for \"\(title)\"? This cannot be undone."
            }
        }
    }

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// The student's applications, newest first, narrowed by `/` (listing, organization, status).
        public var list = NarrowedList<ApplicationSummary>()
        /// Its detail with the full timeline, once loaded.
        public var detail: ApplicationDetail?
        /// The dialog on screen, if any.
        public var confirmation: Confirmation?
        /// An action is on its way.
        public var working = false
        /// Loading the list.
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        /// The last problem.
        public var message: String?

        /// Every application, newest first.
        public var applications: [ApplicationSummary] { list.rows }
        /// The selected application, only while the query shows it.
        public var selectedID: ApplicationID? { list.selectedID }

        /// Whether `w` may withdraw the selected application.
        public var canWithdraw: Bool { detail?.allowedMoves.contains(.withdrawn) ?? false }
        /// Whether the selected application has an offer to answer.
        public var canAnswerOffer: Bool { detail?.allowedMoves.contains(.accepted) ?? false }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        case select(ApplicationID)
        /// Moves the selection by rows.
        case moveSelection(Int)
        /// Narrows the list to the applications whose listing, organization or status has every word.
        case setQuery(String)
        case requestWithdraw
        case requestAcceptOffer
        case requestDeclineOffer
        case confirm
        case cancel
    }

    /// Results of effects.
    public enum Message: Sendable {
        case listLoaded(Result<[ApplicationSummary], Failure>)
        case detailLoaded(ApplicationID, Result<ApplicationDetail, Failure>)
        case acted(String, Result<Application, Failure>)
    }

    /// The tab's state.
    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    /// The Applications tab over `repository`.
    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    private var selectedTitle: String {
        state.detail?.listing.title ?? state.list.selected?.listingTitle ?? ""
    }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let repository = self.repository
            return [Effect(key: "list") { .listLoaded(await attempt { try await repository.myApplications() }) }]
        case .select(let id):
            return select(id)
        case .moveSelection(let delta):
            let before = state.selectedID
            state.list.move(by: delta)
            return selectionChanged(from: before)
        case .setQuery(let query):
            let before = state.selectedID
            state.list.narrow(query)
            return selectionChanged(from: before)
        case .requestWithdraw:
            guard let id = state.selectedID, !state.working else { return [] }
            guard state.canWithdraw else {
                state.message = "This application can no longer be withdrawn."
                return []
            }
            state.confirmation = .withdraw(id, listingTitle: selectedTitle)
        case .requestAcceptOffer, .requestDeclineOffer:
            guard let id = state.selectedID, !state.working else { return [] }
            guard state.canAnswerOffer else {
                state.message = "There is no offer to answer."
                return []
            }
            state.confirmation =
                intent == .requestAcceptOffer
                ? .acceptOffer(id, listingTitle: selectedTitle) : .declineOffer(id, listingTitle: selectedTitle)
        case .confirm:
            guard let confirmation = state.confirmation else { return [] }
            state.confirmation = nil
            state.working = true
            state.message = nil
            let repository = self.repository
            switch confirmation {
            case .withdraw(let id, _):
                return [
                    Effect(key: "act") {
                        .acted("Application withdrawn.", await attempt { try await repository.withdraw(id, note: nil) })
                    }
                ]
            case .acceptOffer(let id, _):
                return [answerOffer(id, accept: true)]
            case .declineOffer(let id, _):
                return [answerOffer(id, accept: false)]
            }
        case .cancel:
            state.confirmation = nil
        }
        return []
    }

    private func answerOffer(_ id: ApplicationID, accept: Bool) -> Effect<Message> {
        let repository = self.repository
        return Effect(key: "act") {
            .acted(
                accept ? "Offer accepted." : "Offer declined.",
                await attempt { try await repository.answerOffer(id, accept: accept) })
        }
    }

    private mutating func select(_ id: ApplicationID) -> [Effect<Message>] {
        let before = state.selectedID
        guard state.list.select(id) else { return [] }
        return before == id ? loadDetail() : selectionChanged(from: before)
    }

    /// The selection moved (or the query hid it): the detail on screen is another's, so it goes and
    /// the new one's is read.
    private mutating func selectionChanged(from before: ApplicationID?) -> [Effect<Message>] {
        guard state.selectedID != before else { return [] }
        state.detail = nil
        state.confirmation = nil
        return loadDetail()
    }

    private func loadDetail() -> [Effect<Message>] {
        guard let id = state.selectedID else { return [] }
        let repository = self.repository
        return [Effect(key: "detail") { .detailLoaded(id, await attempt { try await repository.application(id) }) }]
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .listLoaded(.success(let applications)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            let before = state.selectedID
            state.list.replace(applications)
            // The selected application's detail is read again either way: its status may have moved.
            return state.selectedID == before ? loadDetail() : selectionChanged(from: before)
        case .listLoaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .detailLoaded(let id, let result):
            guard id == state.selectedID else { return [] }
            switch result {
            case .success(let detail):
                events.succeeded()
                state.detail = detail
            case .failure(let failure):
                events.failed(failure)
                state.message = failure.message
            }
        case .acted(let confirmation, let result):
            state.working = false
            switch result {
            case .success:
                events.succeeded()
                events.post(.toast(Toast(confirmation)))
            case .failure(let failure):
                events.failed(failure, toast: true)
                state.message = failure.message
            }
            // Either way the list and the timeline show what the service has now.
            return handle(.load)
        }
        return []
    }
}
