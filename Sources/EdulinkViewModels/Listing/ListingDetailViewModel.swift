public import EdulinkCore

/// The listing detail screen: everything about one listing, how the student's skills match, and
/// whether they can apply and why not (from the service's `applyRefusal`, never decided here).
public struct ListingDetailViewModel: Sendable {
    /// Whether the student can apply, for the screen's apply hint.
    public enum ApplyAvailability: Sendable, Equatable {
        /// `a` opens the apply form.
        case open
        /// The student already applied; the application can be opened.
        case alreadyApplied(ApplicationID)
        /// A rule refuses; the message says why.
        case refused(Refusal)
    }

    /// What the screen draws.
    public struct State: Sendable, Equatable {
        /// The listing shown.
        public var listingID: ListingID
        /// The detail, once loaded.
        public var detail: ListingDetail?
        /// Loading (first time or refresh).
        public var loading = false
        /// A save or unsave is on its way.
        public var saving = false
        /// Why loading failed, or why `a` did nothing.
        public var message: String?

        /// The skill match against the profile, once loaded.
        public var skillMatch: SkillMatch? { detail?.skillMatch }

        /// Whether and why (not) the student can apply.
        public var availability: ApplyAvailability? {
            guard let detail else { return nil }
            if let id = detail.myApplicationID { return .alreadyApplied(id) }
            if let refusal = detail.applyRefusal { return .refused(refusal) }
            return .open
        }

        /// One line for the screen: why the student cannot apply, or nil when they can.
        public var cannotApplyReason: String? {
            switch availability {
            case .refused(let refusal): refusal.message
            case .alreadyApplied: ApplyRules.alreadyApplied(detail?.myApplicationStatus ?? .pending).message
            case .open, nil: nil
            }
        }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        /// `a`: opens the apply form when allowed.
        case apply
        /// `s`: saves or unsaves.
        case toggleSaved
        /// Opens the student's application to this listing.
        case openMyApplication
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<ListingDetail, Failure>)
        case savedChanged(saved: Bool, Result<Void, Failure>)
    }

    /// The screen's state.
    public private(set) var state: State
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    /// Keys pressed before the detail arrived (`a`, `s`): carried out once it has, never dropped.
    private var waiting: [Intent] = []

    /// The detail screen of `listingID`.
    public init(repository: any EdulinkRepository, listingID: ListingID) {
        self.repository = repository
        self.state = State(listingID: listingID)
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let repository = self.repository
            let id = state.listingID
            return [Effect(key: "detail") { .loaded(await attempt { try await repository.listing(id) }) }]
        case .apply:
            switch state.availability {
            case .open: events.post(.openApplyForm(state.listingID))
            case .refused, .alreadyApplied: state.message = state.cannotApplyReason
            case nil: waiting.append(intent)
            }
            return []
        case .toggleSaved:
            guard let detail = state.detail else {
                waiting.append(intent)
                return []
            }
            guard !state.saving else { return [] }
            state.saving = true
            let saved = !detail.isSaved
            let repository = self.repository
            let id = state.listingID
            return [
                Effect(key: "save") {
                    .savedChanged(saved: saved, await attempt { try await repository.setSaved(id, saved: saved) })
                }
            ]
        case .openMyApplication:
            if let id = state.detail?.myApplicationID { events.post(.openApplication(id)) }
            return []
        }
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let detail)):
            events.succeeded()
            state.loading = false
            state.detail = detail
            state.message = nil
            let keys = waiting
            waiting = []
            return keys.flatMap { handle($0) }
        case .loaded(.failure(let failure)):
            waiting = []
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .savedChanged(let saved, .success):
            events.succeeded()
            state.saving = false
            state.detail?.isSaved = saved
            events.post(.toast(Toast(saved ? "Saved." : "Removed from saved.")))
        case .savedChanged(_, .failure(let failure)):
            state.saving = false
            events.failed(failure, toast: true)
        }
        return []
    }
}
