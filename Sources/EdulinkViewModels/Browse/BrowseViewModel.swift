public import EdulinkCore

/// The Browse tab: search-as-you-type over listings, the filters panel, sorting, a paged result
/// table and the detail of the selected listing.
///
/// - Typing sends ``Intent/queryChanged(_:)``; each change parses the query language at once
///   (errors are shown, the previous results stay) and returns a search effect keyed `"search"`
///   that starts at once: no debounce. A newer search replaces the running one, which is cancelled
///   (the SQLite store interrupts its statement, the PostgreSQL store cancels its query), and the
///   newest is the one shown.
/// - The search effect asks for the first page with its first result's detail
///   (`EdulinkRepository.browse`: one request in remote mode), so the results and the detail pane
///   arrive in one message, in one frame.
/// - Results come one page (``pageSize`` rows, 100 by default) at a time; moving the selection within
///   ``loadMoreThreshold`` rows of the end (20 by default) loads the next page once (keyed `"page"`). Nothing ever
///   loads every row.
/// - The total comes from a separate `count` effect (keyed `"count"`).
/// - When the selection moves, its detail loads lazily (keyed `"detail"`, after ``detailDelay``, so
///   holding `j` does not fetch every row it passes).
/// - Every result carries the generation of the search it answers; a late answer to an older
///   search is ignored.
public struct BrowseViewModel: Sendable {
    /// Rows per page unless the initializer says otherwise.
    public static let defaultPageSize = 100
    /// Debounce of the detail pane while the selection moves (three frames).
    public static let detailDelay: Duration = .milliseconds(50)
    /// The next page loads when the selection is this close to the last row, unless the
    /// initializer says otherwise.
    public static let defaultLoadMoreThreshold = 20
    /// The order `s` cycles through.
    public static let sortCycle: [ListingSort] = [.relevance, .deadline, .newest, .stipend]

    /// What Browse draws.
    public struct State: Sendable, Equatable {
        /// The search box.
        public var queryText = ""
        /// The filter of the last query that parsed: what the results are (or will be) for.
        public var filter = ListingFilter()
        /// The problem in the search box, or nil when it parses.
        public var queryProblem: QueryProblem?
        /// The rows fetched so far, in order.
        public var rows: [ListingSummary] = []
        /// Whether more rows exist after the last one fetched.
        public var hasMore = false
        /// A new search is on its way (the rows shown are from the previous one).
        public var searching = false
        /// The next page is on its way.
        public var loadingMore = false
        /// How many listings match in all, once counted.
        public var total: Int?
        /// The selected row, or nil when there are none.
        public var selectedIndex: Int?
        /// The detail of the selected listing, once loaded.
        public var detail: ListingDetail?
        /// The detail of the selection is on its way.
        public var loadingDetail = false
        /// The filters panel.
        public var panel = FilterPanel()
        /// Whether the filters panel is open.
        public var panelOpen = false
        /// The last problem loading results, shown above the table.
        public var message: String?
        /// The rows are the answer to an earlier query: the search for the one in the box failed.
        public var rowsAreEarlier = false

        /// The listing selected, by id (selection survives new pages and new searches by id).
        public var selectedID: ListingID? {
            selectedIndex.flatMap { rows.indices.contains($0) ? rows[$0].id : nil }
        }

        /// The order in effect, for the table header.
        public var sort: ListingSort { filter.effectiveSort }
    }

    /// What the user does.
    public enum Intent: Sendable, Equatable {
        /// The tab was shown; runs the first search if none ran.
        case appeared
        /// Another tab came to the front: an Enter typed ahead of a search's results no longer
        /// opens the first of them over what the user turned to.
        case disappeared
        /// The search box changed (debounced search).
        case queryChanged(String)
        /// Enter in the search box: search now.
        case submitQuery
        /// Replaces the query and searches now (a saved search opened from the Saved tab).
        case openQuery(String)
        /// Moves the selection by rows (`j`/`k`, PgUp/PgDn).
        case moveSelection(Int)
        /// Selects a row.
        case select(Int)
        case selectFirst
        case selectLast
        /// Loads the next page now.
        case loadMore
        /// The next sort order.
        case cycleSort
        case toggleFiltersPanel
        /// A change in the filters panel.
        case panel(FilterPanel.Change)
        case toggleEligibleForMe
        /// Saves or unsaves the selected listing.
        case toggleSaved
        /// Opens the selected listing's detail screen. Pressed while a search runs with no row to
        /// select yet, it opens that search's first result when it arrives.
        case openSelected
        /// Opens the apply form for the selected listing.
        case applyToSelected
        /// Saves the current query under a name.
        case saveSearch(name: String)
        /// Runs the search again.
        case refresh
    }

    /// Results of effects.
    public enum Message: Sendable {
        /// A search's first page, with the detail of its first listing when there is one.
        case searched(
            generation: Int, Result<Page<ListingSummary>, Failure>, first: ListingDetail? = nil)
        case pageLoaded(generation: Int, Result<Page<ListingSummary>, Failure>)
        case counted(generation: Int, Result<Int, Failure>)
        case detailLoaded(ListingID, Result<ListingDetail, Failure>)
        case savedChanged(ListingID, saved: Bool, Result<Void, Failure>)
        /// The detail fetched for an `s` pressed before the selected listing's detail had arrived.
        case toggleResolved(ListingID, Result<ListingDetail, Failure>)
        case searchSaved(Result<SavedSearch, Failure>)
    }

    /// The screen's state.
    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private var generation = 0
    /// The search generation `state.total` counts: a total of an older query is not shown beside the
    /// rows of a newer one.
    private var totalGeneration = 0
    /// The filter whose results `state.rows` holds: a refresh of the same filter keeps the selected
    /// listing, a new search starts at the top.
    private var shownFilter: ListingFilter?
    private var nextCursor: PageCursor?
    /// The search whose first result opens when it arrives: Enter was pressed while it ran with no
    /// row on screen to open (typed ahead of the results, the key is kept, not lost).
    private var openWhenFound: Int?

    /// Rows fetched per page.
    public let pageSize: Int
    /// How close to the last row the selection gets before the next page loads.
    public let loadMoreThreshold: Int

    /// Browse over `repository`, fetching `pageSize` rows at a time and the next page when the
    /// selection is within `loadMoreThreshold` rows of the end.
    public init(
        repository: any EdulinkRepository, pageSize: Int = BrowseViewModel.defaultPageSize,
        loadMoreThreshold: Int = BrowseViewModel.defaultLoadMoreThreshold
    ) {
        self.repository = repository
        self.pageSize = max(1, pageSize)
        self.loadMoreThreshold = max(0, loadMoreThreshold)
    }

    /// The generation of the latest search; results of older ones are ignored.
    public var searchGeneration: Int { generation }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    // MARK: Intents

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .appeared:
            // The first time, and again after a failure (back online, the tab shows again).
            return generation == 0 || state.message != nil ? startSearch() : []
        case .disappeared:
            openWhenFound = nil
            return []
        case .queryChanged(let text):
            return queryChanged(text)
        case .submitQuery:
            return queryChanged(state.queryText)
        case .openQuery(let text):
            return queryChanged(text)
        case .moveSelection(let delta):
            guard let index = state.selectedIndex else { return select(0) }
            return select(index + delta)
        case .select(let index):
            return select(index)
        case .selectFirst:
            return select(0)
        case .selectLast:
            return select(state.rows.count - 1)
        case .loadMore:
            return loadMore()
        case .cycleSort:
            let current = Self.sortCycle.firstIndex(of: state.filter.effectiveSort) ?? 0
            state.filter.sort = Self.sortCycle[(current + 1) % Self.sortCycle.count]
            state.queryText = state.filter.queryString
            state.queryProblem = nil
            return startSearch()
        case .toggleFiltersPanel:
            state.panelOpen.toggle()
            return []
        case .panel(let change):
            return panelChanged(change)
        case .toggleEligibleForMe:
            return panelChanged(.setEligibleForMe(!state.panel.eligibleForMe))
        case .toggleSaved:
            return toggleSaved()
        case .openSelected:
            if let id = state.selectedID {
                events.post(.openListing(id))
            } else if state.searching {
                openWhenFound = generation
            }
            return []
        case .applyToSelected:
            guard let id = state.selectedID else { return [] }
            if let detail = state.detail, detail.listing.id == id, let refusal = detail.applyRefusal {
                events.post(.toast(Toast(refusal.message, kind: .error)))
            } else {
                events.post(.openApplyForm(id))
            }
            return []
        case .saveSearch(let name):
            let repository = self.repository
            let query = state.filter.queryString
            return [
                Effect { .searchSaved(await attempt { try await repository.saveSearch(name: name, query: query) }) }
            ]
        case .refresh:
            return startSearch()
        }
    }

    private mutating func queryChanged(_ text: String) -> [Effect<Message>] {
        state.queryText = text
        do {
            let filter = try ListingFilter(query: text)
            state.queryProblem = nil
            state.filter = filter
            state.panel = FilterPanel(filter)
            return startSearch()
        } catch {
            // Keep the rows of the last query that parsed; only point at the mistake.
            state.queryProblem = QueryProblem(error)
            return []
        }
    }

    private mutating func panelChanged(_ change: FilterPanel.Change) -> [Effect<Message>] {
        state.panel.apply(change)
        state.filter = state.panel.applied(to: state.filter)
        state.queryText = state.filter.queryString
        state.queryProblem = nil
        return startSearch()
    }

    private mutating func startSearch() -> [Effect<Message>] {
        generation += 1
        state.searching = true
        state.loadingMore = false
        let generation = self.generation
        let filter = state.filter
        let repository = self.repository
        let pageSize = self.pageSize
        return [
            .cancel("page"),
            Effect(key: "search") {
                switch await attempt({ try await repository.browse(filter, limit: pageSize) }) {
                case .success(let found):
                    .searched(generation: generation, .success(found.page), first: found.firstDetail)
                case .failure(let failure): .searched(generation: generation, .failure(failure))
                }
            },
            Effect(key: "count") {
                .counted(generation: generation, await attempt { try await repository.count(filter) })
            },
        ]
    }

    /// Selects row `index`; its detail is `known` when it came with the results, else it loads.
    private mutating func select(_ index: Int, known: ListingDetail? = nil) -> [Effect<Message>] {
        guard !state.rows.isEmpty else {
            state.selectedIndex = nil
            state.detail = nil
            return [.cancel("detail")]
        }
        let previous = state.selectedID
        state.selectedIndex = min(max(index, 0), state.rows.count - 1)
        var effects: [Effect<Message>] = []
        if let known, known.listing.id == state.selectedID {
            state.detail = known
            state.loadingDetail = false
            effects.append(.cancel("detail"))
        } else if state.selectedID != previous || state.detail == nil {
            effects += loadDetail(delay: known == nil && previous != nil ? Self.detailDelay : .zero)
        }
        return effects + loadMoreIfNearEnd()
    }

    private mutating func loadDetail(delay: Duration) -> [Effect<Message>] {
        guard let id = state.selectedID else { return [] }
        if state.detail?.listing.id != id { state.detail = nil }
        state.loadingDetail = true
        let repository = self.repository
        return [
            Effect(key: "detail", delay: delay) {
                .detailLoaded(id, await attempt { try await repository.listing(id) })
            }
        ]
    }

    private mutating func loadMoreIfNearEnd() -> [Effect<Message>] {
        guard let index = state.selectedIndex, index >= state.rows.count - loadMoreThreshold else { return [] }
        return loadMore()
    }

    private mutating func loadMore() -> [Effect<Message>] {
        guard let cursor = nextCursor, !state.loadingMore, !state.searching else { return [] }
        state.loadingMore = true
        let generation = self.generation
        let filter = state.filter
        let repository = self.repository
        let pageSize = self.pageSize
        return [
            Effect(key: "page") {
                .pageLoaded(
                    generation: generation,
                    await attempt { try await repository.search(filter, cursor: cursor, limit: pageSize) })
            }
        ]
    }

    /// Saves or unsaves the selected listing. Pressed before its detail (which says whether it is
    /// saved) has arrived, the key is kept: the detail is fetched for it and the toggle follows.
    private mutating func toggleSaved() -> [Effect<Message>] {
        guard let id = state.selectedID else { return [] }
        let repository = self.repository
        guard let detail = state.detail, detail.listing.id == id else {
            return [
                Effect(key: "save.\(id)") { .toggleResolved(id, await attempt { try await repository.listing(id) }) }
            ]
        }
        return setSaved(id, !detail.isSaved)
    }

    private func setSaved(_ id: ListingID, _ saved: Bool) -> [Effect<Message>] {
        let repository = self.repository
        return [
            Effect(key: "save.\(id)") {
                .savedChanged(id, saved: saved, await attempt { try await repository.setSaved(id, saved: saved) })
            }
        ]
    }

    // MARK: Results

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .searched(let answered, let result, let first):
            guard answered == generation else { return [] }
            state.searching = false
            let open = openWhenFound == answered
            openWhenFound = nil
            switch result {
            case .success(let page):
                events.succeeded()
                let previous = shownFilter == state.filter ? state.selectedID : nil
                shownFilter = state.filter
                var seen = Set<ListingID>()
                state.rows = page.items.filter { seen.insert($0.id).inserted }
                if totalGeneration != generation { state.total = nil }
                nextCursor = page.nextCursor
                state.hasMore = page.nextCursor != nil
                state.message = nil
                state.rowsAreEarlier = false
                let index = previous.flatMap { id in state.rows.firstIndex { $0.id == id } } ?? 0
                state.selectedIndex = nil
                let effects = select(index, known: first)
                if open, let id = state.selectedID { events.post(.openListing(id)) }
                return effects
            case .failure(let failure):
                events.failed(failure)
                state.message = failure.message
                // The rows stay (nothing on screen is lost) but the total of another query is not
                // shown as this one's.
                if shownFilter != state.filter {
                    state.total = nil
                    state.rowsAreEarlier = !state.rows.isEmpty
                }
            }
        case .pageLoaded(let answered, let result):
            guard answered == generation else { return [] }
            state.loadingMore = false
            switch result {
            case .success(let page):
                events.succeeded()
                let known = Set(state.rows.map(\.id))
                state.rows += page.items.filter { !known.contains($0.id) }
                nextCursor = page.nextCursor
                state.hasMore = page.nextCursor != nil
            case .failure(let failure):
                events.failed(failure)
                state.message = failure.message
            }
        case .counted(let answered, let result):
            guard answered == generation else { return [] }
            if case .success(let total) = result {
                state.total = total
                totalGeneration = answered
            }
        case .detailLoaded(let id, let result):
            guard id == state.selectedID else { return [] }
            state.loadingDetail = false
            switch result {
            case .success(let detail):
                events.succeeded()
                state.detail = detail
            case .failure(let failure):
                events.failed(failure)
                state.message = failure.message
            }
        case .toggleResolved(let id, .success(let detail)):
            events.succeeded()
            if id == state.selectedID {
                state.detail = detail
                state.loadingDetail = false
            }
            return setSaved(id, !detail.isSaved)
        case .toggleResolved(_, .failure(let failure)):
            events.failed(failure, toast: true)
        case .savedChanged(let id, let saved, let result):
            switch result {
            case .success:
                events.succeeded()
                if state.detail?.listing.id == id { state.detail?.isSaved = saved }
                events.post(.toast(Toast(saved ? "Saved." : "Removed from saved.")))
            case .failure(let failure):
                events.failed(failure, toast: true)
            }
        case .searchSaved(let result):
            switch result {
            case .success(let search):
                events.succeeded()
                events.post(.toast(Toast("Saved search \"\(search.name)\".")))
            case .failure(let failure):
                events.failed(failure, toast: true)
            }
        }
        return []
    }
}
