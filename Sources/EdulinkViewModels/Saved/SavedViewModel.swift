public import EdulinkCore

/// The Saved tab: saved listings, and saved searches with how many new listings match each since
/// it was last seen. Deleting a saved search asks for confirmation first.
public struct SavedViewModel: Sendable {
    /// Which list has the focus.
    public enum Section: Sendable, Equatable {
        case listings, searches
    }

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// Saved listings, most recently saved first; `/` narrows them by title, organization, place,
        /// category, level or skill.
        public var savedListings = NarrowedList<ListingSummary>()
        /// Saved searches with their new-match counts; `/` narrows them by name or query.
        public var savedSearches = NarrowedList<SavedSearchSummary>()
        /// The focused list.
        public var section = Section.listings
        /// The saved search waiting for the user to confirm its deletion.
        public var pendingDeletion: SavedSearchSummary?
        /// Loading.
        public var loading = false
        /// Whether each list's load has answered: an empty list then means none, not "not loaded".
        public var loadedListings = false
        public var loadedSearches = false
        /// Why loading failed.
        public var message: String?

        /// Every saved listing.
        public var listings: [ListingSummary] { savedListings.rows }
        /// Every saved search.
        public var searches: [SavedSearchSummary] { savedSearches.rows }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        case focus(Section)
        /// Moves a list's selection by rows.
        case move(Section, Int)
        /// Narrows a list to the rows that have every word of the query.
        case setQuery(Section, String)
        /// Opens the selected saved listing.
        case openListing
        /// Removes the selected listing from the saved ones.
        case unsaveListing
        /// Opens the selected saved search in Browse and marks it seen.
        case openSearch
        /// Marks the selected saved search seen without opening it.
        case markSearchSeen
        /// Asks to delete the selected saved search.
        case requestDeleteSearch
        case confirmDelete
        case cancelDelete
    }

    /// Results of effects.
    public enum Message: Sendable {
        case listingsLoaded(Result<[ListingSummary], Failure>)
        case searchesLoaded(Result<[SavedSearchSummary], Failure>)
        case changed(Result<String, Failure>)
    }

    /// The tab's state.
    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    /// The Saved tab over `repository`.
    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    private var selectedSearch: SavedSearchSummary? { state.savedSearches.selected }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            return load()
        case .focus(let section):
            state.section = section
        case .move(.listings, let delta): state.savedListings.move(by: delta)
        case .move(.searches, let delta): state.savedSearches.move(by: delta)
        case .setQuery(.listings, let query): state.savedListings.narrow(query)
        case .setQuery(.searches, let query): state.savedSearches.narrow(query)
        case .openListing:
            if let listing = state.savedListings.selected { events.post(.openListing(listing.id)) }
        case .unsaveListing:
            guard let id = state.savedListings.selected?.id else { return [] }
            return change("Removed from saved.") { try await $0.setSaved(id, saved: false) }
        case .openSearch:
            guard let search = selectedSearch else { return [] }
            events.post(.openSearch(search.search.query))
            let id = search.id
            return change(nil) { try await $0.markSavedSearchSeen(id) }
        case .markSearchSeen:
            guard let search = selectedSearch else { return [] }
            let id = search.id
            return change("Marked as seen.") { try await $0.markSavedSearchSeen(id) }
        case .requestDeleteSearch:
            state.pendingDeletion = selectedSearch
        case .confirmDelete:
            guard let search = state.pendingDeletion else { return [] }
            state.pendingDeletion = nil
            let id = search.id
            return change("Deleted \"\(search.search.name)\".") { try await $0.deleteSavedSearch(id) }
        case .cancelDelete:
            state.pendingDeletion = nil
        }
        return []
    }

    private mutating func load() -> [Effect<Message>] {
        state.loading = true
        let repository = self.repository
        return [
            Effect(key: "listings") { .listingsLoaded(await attempt { try await repository.savedListings() }) },
            Effect(key: "searches") { .searchesLoaded(await attempt { try await repository.savedSearches() }) },
        ]
    }

    private func change(
        _ confirmation: String?, _ body: @escaping @Sendable (any EdulinkRepository) async throws -> Void
    ) -> [Effect<Message>] {
        let repository = self.repository
        return [
            Effect {
                .changed(
                    await attempt {
                        try await body(repository)
                        return confirmation ?? ""
                    })
            }
        ]
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .listingsLoaded(.success(let listings)):
            events.succeeded()
            state.loading = false
            state.savedListings.replace(listings)
            state.loadedListings = true
        case .searchesLoaded(.success(let searches)):
            events.succeeded()
            state.loading = false
            state.savedSearches.replace(searches)
            state.loadedSearches = true
        case .listingsLoaded(.failure(let failure)), .searchesLoaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .changed(.success(let confirmation)):
            events.succeeded()
            if !confirmation.isEmpty { events.post(.toast(Toast(confirmation))) }
            return load()
        case .changed(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }
}
