public import EdulinkCore

/// The Notifications tab: unread first, then newest; mark one or all read; the unread count for
/// the status bar.
public struct NotificationsViewModel: Sendable {
    /// How many notifications the tab loads.
    public static let limit = 200

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// Unread first, then newest first; narrowed by `/` (title, text, kind).
        public var list = NarrowedList<EdulinkCore.Notification>()
        /// How many are unread.
        public var unreadCount = 0
        /// Loading.
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        /// The last problem.
        public var message: String?

        /// Every notification loaded, unread first.
        public var items: [EdulinkCore.Notification] { list.rows }
        /// The selected notification, only while the query shows it.
        public var selected: EdulinkCore.Notification? { list.selected }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        case select(NotificationID)
        case moveSelection(Int)
        /// Narrows the list to the notifications whose title, text or kind has every word.
        case setQuery(String)
        /// Marks the selected notification read.
        case markSelectedRead
        case markAllRead
        /// Marks the selected notification read and opens what it is about.
        case openSelected
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<[EdulinkCore.Notification], Failure>)
        case counted(Result<Int, Failure>)
        case marked(Result<Void, Failure>)
    }

    /// The tab's state.
    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    /// The Notifications tab over `repository`.
    public init(repository: any EdulinkRepository) {
        self.repository = repository
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
            return load()
        case .select(let id):
            state.list.select(id)
        case .moveSelection(let delta):
            state.list.move(by: delta)
        case .setQuery(let query):
            state.list.narrow(query)
        case .markSelectedRead:
            guard let notification = state.selected, !notification.isRead else { return [] }
            return mark([notification.id])
        case .markAllRead:
            guard state.unreadCount > 0 || state.items.contains(where: { !$0.isRead }) else { return [] }
            return mark(nil)
        case .openSelected:
            guard let notification = state.selected else { return [] }
            if let application = notification.applicationID {
                events.post(.openApplication(application))
            } else if let listing = notification.listingID {
                events.post(.openListing(listing))
            }
            return notification.isRead ? [] : mark([notification.id])
        }
        return []
    }

    private mutating func load() -> [Effect<Message>] {
        state.loading = true
        let repository = self.repository
        return [
            Effect(key: "list") {
                .loaded(await attempt { try await repository.notifications(unreadOnly: false, limit: Self.limit) })
            },
            Effect(key: "count") { .counted(await attempt { try await repository.unreadCount() }) },
        ]
    }

    private func mark(_ ids: [NotificationID]?) -> [Effect<Message>] {
        let repository = self.repository
        return [Effect { .marked(await attempt { try await repository.markRead(ids) }) }]
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let items)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            // Unread first, then newest; a stable order whatever the repository returns.
            state.list.replace(
                items.enumerated().sorted { left, right in
                    if left.element.isRead != right.element.isRead { return !left.element.isRead }
                    return left.offset < right.offset
                }.map(\.element))
        case .loaded(.failure(let failure)), .counted(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .counted(.success(let count)):
            events.succeeded()
            state.unreadCount = count
            events.post(.unreadCountChanged(count))
        case .marked(.success):
            events.succeeded()
            return load()
        case .marked(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }
}
