public import EdulinkCore

/// The admin Listings tab: the listings waiting for review, the detail of the selected one, and the
/// two answers — verify (publish) or send back to the employer with a reason. The service checks the
/// reason and who may verify; this only keeps the queue and the selection. An institution admin's
/// Listings tab is the same queue (their institution-only listings) and, beside it, the listings
/// their students applied to.
public struct VerificationViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var queue: [ListingSummary] = []
        public var selectedIndex: Int?
        public var detail: ListingDetail?
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var message: String?
        /// Words the shown listings' title or organization contain (search as you type).
        public var query = ""
        /// The listings the institution's students applied to (institution admins).
        public var applied: [InstitutionListingUse] = []
        /// Where their own load stands (it runs beside the queue's).
        public var appliedLoad = ListLoad.loading
        /// Whether those are on screen instead of the queue.
        public var showingApplied = false
        public var appliedIndex = 0

        public var selectedApplied: InstitutionListingUse? {
            applied.indices.contains(appliedIndex) ? applied[appliedIndex] : nil
        }

        /// The queue as shown: every listing waiting, or those matching `query`.
        public var shown: [ListingSummary] {
            ListQuery.narrow(queue, by: query) { [$0.title, $0.organizationName] }
        }

        public var selected: ListingSummary? {
            let shown = shown
            return selectedIndex.flatMap { shown.indices.contains($0) ? shown[$0] : nil }
        }
    }

    public enum Intent: Sendable, Hashable {
        case load
        case moveSelection(Int)
        /// The first (`false`) or the last (`true`) listing shown.
        case moveToEnd(last: Bool)
        /// Shows only the listings whose title or organization contain these words.
        case setQuery(String)
        case verifySelected
        /// Sends the selected listing back to its employer with `reason`.
        case sendBackSelected(reason: String)
        /// The queue, or where the institution's students applied.
        case toggleApplied
        case moveApplied(Int)
        /// Opens the selected listing students applied to.
        case openApplied
    }

    public enum Message: Sendable {
        case loaded(Result<[ListingSummary], Failure>)
        case detailLoaded(ListingID, Result<ListingDetail, Failure>)
        case changed(ListingEvent, title: String, Result<Listing, Failure>)
        case appliedLoaded(Result<[InstitutionListingUse], Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    /// Whether the viewer is an institution admin (who also sees where their students applied).
    public let institution: Bool

    public init(repository: any EdulinkRepository, institution: Bool = false) {
        self.repository = repository
        self.institution = institution
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let repository = self.repository
            let queue = Effect<Message>(key: "queue") {
                .loaded(await attempt { try await repository.verificationQueue() })
            }
            guard institution else { return [queue] }
            state.appliedLoad = .loading
            return [
                queue,
                Effect(key: "applied") { .appliedLoaded(await attempt { try await repository.institutionListings() }) },
            ]
        case .toggleApplied:
            guard institution else { return [] }
            state.showingApplied.toggle()
            return []
        case .moveApplied(let delta):
            guard !state.applied.isEmpty else { return [] }
            state.appliedIndex = min(max(state.appliedIndex + delta, 0), state.applied.count - 1)
            return []
        case .openApplied:
            guard let use = state.selectedApplied else { return [] }
            events.post(.openListing(use.listing.id))
            return []
        case .moveSelection(let delta):
            return select((state.selectedIndex ?? 0) + delta)
        case .moveToEnd(let last):
            return select(last ? state.shown.count - 1 : 0)
        case .setQuery(let text):
            guard text != state.query else { return [] }
            let selectedID = state.selected?.id
            state.query = text
            let shown = state.shown
            state.selectedIndex =
                shown.isEmpty ? nil : (selectedID.flatMap { id in shown.firstIndex { $0.id == id } } ?? 0)
            return loadDetail()
        case .verifySelected:
            return change(.verify, reason: nil)
        case .sendBackSelected(let reason):
            return change(.sendBack, reason: reason)
        }
    }

    private mutating func select(_ wanted: Int) -> [Effect<Message>] {
        let count = state.shown.count
        guard count > 0 else { return [] }
        let index = min(max(wanted, 0), count - 1)
        guard index != state.selectedIndex else { return [] }
        state.selectedIndex = index
        return loadDetail()
    }

    private mutating func loadDetail() -> [Effect<Message>] {
        guard let id = state.selected?.id else {
            state.detail = nil
            return []
        }
        if state.detail?.listing.id != id { state.detail = nil }
        let repository = self.repository
        return [Effect(key: "detail") { .detailLoaded(id, await attempt { try await repository.listing(id) }) }]
    }

    private func change(_ event: ListingEvent, reason: String?) -> [Effect<Message>] {
        guard let listing = state.selected else { return [] }
        let repository = self.repository
        let id = listing.id
        let title = listing.title
        return [
            Effect {
                .changed(
                    event, title: title, await attempt { try await repository.changeListing(id, event, reason: reason) }
                )
            }
        ]
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let queue)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            let selectedID = state.selected?.id
            state.queue = queue
            let shown = state.shown
            let index = selectedID.flatMap { id in shown.firstIndex { $0.id == id } }
            state.selectedIndex = shown.isEmpty ? nil : (index ?? min(state.selectedIndex ?? 0, shown.count - 1))
            return loadDetail()
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .detailLoaded(let id, .success(let detail)):
            guard state.selected?.id == id else { return [] }
            state.detail = detail
        case .detailLoaded(_, .failure(let failure)):
            events.failed(failure, toast: true)
        case .changed(let event, let title, .success):
            events.succeeded()
            events.post(.toast(Toast("\"\(title)\" \(event == .verify ? "verified and published" : "sent back")")))
            return handle(.load)
        case .changed(_, _, .failure(let failure)):
            events.failed(failure, toast: true)
        case .appliedLoaded(.success(let applied)):
            state.applied = applied
            state.appliedLoad = .loaded
            state.appliedIndex = min(state.appliedIndex, max(0, applied.count - 1))
        case .appliedLoaded(.failure(let failure)):
            state.appliedLoad = .failed
            events.failed(failure, toast: true)
        }
        return []
    }
}

extension VerificationViewModel: ViewModel {}
