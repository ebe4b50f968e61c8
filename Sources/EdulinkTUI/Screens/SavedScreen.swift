import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Saved: the saved listings, and the saved searches with how many new listings match each; Enter
/// runs a search in Browse.
struct SavedScreen {
    enum Intent: Hashable { case move(ListMove), switchList, open, unsave, markSeen, delete, reload, search }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("row", group: "Saved") { .move($0) } + [
            KeyBinding(
                ["tab", "shift-tab"], hint: "switch", "Switch between listings and searches", group: "Saved",
                action: .switchList),
            KeyBinding(
                ["enter"], hint: "open", "Open the listing / run the search in Browse", group: "Saved", action: .open),
            KeyBinding(["x"], hint: "unsave", "Remove the listing from saved", group: "Saved", action: .unsave),
            KeyBinding(["m"], "Mark the search seen (resets its new count)", group: "Saved", action: .markSeen),
            KeyBinding(
                ["d"], hint: "delete search", "Delete the saved search (asks first)", group: "Saved", action: .delete),
            KeyBinding(
                ["/"], hint: "search", "Narrow the focused list (as you type)", group: "Saved", action: .search),
            KeyBinding(["ctrl-r"], "Reload", group: "Saved", action: .reload),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search)

    private(set) var model: SavedViewModel
    /// The `/` lines of the two lists; the view-model narrows each with its text.
    private(set) var listingsSearch = ListSearch()
    private(set) var searchesSearch = ListSearch()

    init(model: SavedViewModel) { self.model = model }

    mutating func send(_ intent: SavedViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "saved.") { .saved($0) }
    }

    mutating func receive(_ message: SavedViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "saved.") { .saved($0) }
    }

    /// The focused list's `/` line.
    private var search: ListSearch {
        get { model.state.section == .listings ? listingsSearch : searchesSearch }
        set {
            if model.state.section == .listings { listingsSearch = newValue } else { searchesSearch = newValue }
        }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        let section = model.state.section
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setQuery(section, text)))
        }
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        let state = model.state
        let onListings = section == .listings
        switch intent {
        case .move(let move):
            let parts = Self.parts(area)
            let count = onListings ? state.savedListings.shown.count : state.savedSearches.shown.count
            let rows = move.rows(panel: onListings ? parts[0] : parts[1], search: search, count: count)
            return KeyOutcome(effects: send(.move(section, rows)))
        case .search:
            search.open()
            return KeyOutcome()
        case .switchList:
            return KeyOutcome(effects: send(.focus(onListings ? .searches : .listings)))
        case .open: return KeyOutcome(effects: send(onListings ? .openListing : .openSearch))
        case .unsave: return onListings ? KeyOutcome(effects: send(.unsaveListing)) : KeyOutcome()
        case .markSeen: return onListings ? KeyOutcome() : KeyOutcome(effects: send(.markSearchSeen))
        case .delete:
            guard !onListings else { return KeyOutcome() }
            let effects = send(.requestDeleteSearch)
            guard let search = model.state.pendingDeletion else { return KeyOutcome(effects: effects) }
            let dialog = DialogState.confirm(
                "Delete saved search", message: "Delete the saved search \"\(search.search.name)\"?", dangerous: true)
            return KeyOutcome(effects: effects, request: .dialog(dialog, .deleteSavedSearch))
        case .reload: return KeyOutcome(effects: send(.load))
        }
    }

    /// The saved listings above the saved searches.
    static func parts(_ area: Rect) -> [Rect] { Layout.vertical([.percent(60), .fill()]).split(area) }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let parts = Self.parts(area)
        let onListings = state.section == .listings
        let listingsPanel = Panel(
            title: "Saved listings", focused: onListings && !listingsSearch.active, border: .rounded,
            trailingTitle: state.loadedListings ? state.savedListings.countLabel : nil)
        listingsPanel.draw(into: &frame.buffer, area: parts[0])
        var table = TableState(selected: state.savedListings.selectedIndex ?? 0)
        let inner = listingsSearch.draw(
            into: &frame, area: listingsPanel.inner(parts[0]), placeholder: "title, company, place, skill")
        table.clamp(rowCount: state.savedListings.shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        Table(
            columns: ListingRows.columns,
            source: ListingRows(rows: state.savedListings.shown, now: context.now, format: context.format),
            state: table, focused: onListings && !listingsSearch.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loadedListings,
                state.listings.isEmpty
                    ? "No saved listings yet — press s on a listing in Browse." : "No saved listing matches the search."
            )
        ).draw(into: &frame.buffer, area: inner)

        let searchesPanel = Panel(
            title: "Saved searches", focused: !onListings && !searchesSearch.active, border: .rounded,
            trailingTitle: state.loadedSearches ? state.savedSearches.countLabel : nil)
        searchesPanel.draw(into: &frame.buffer, area: parts[1])
        let rows = TableRows(
            state.savedSearches.shown.map { summary in
                [
                    TableCell(summary.search.name), TableCell(summary.search.query, role: .muted),
                    TableCell(
                        summary.newMatches > 0 ? "\(summary.newMatches) new" : "—",
                        role: summary.newMatches > 0 ? EdulinkRoles.unread : .muted),
                ]
            })
        var searchTable = TableState(selected: state.savedSearches.selectedIndex ?? 0)
        let searchInner = searchesSearch.draw(
            into: &frame, area: searchesPanel.inner(parts[1]), placeholder: "name, query")
        searchTable.clamp(rowCount: rows.rowCount, visibleRows: Table<TableRows>.visibleRows(in: searchInner))
        Table(
            columns: [
                TableColumn("Name", width: .fill(2)), TableColumn("Query", width: .fill(3)),
                TableColumn("New", width: .fixed(8), alignment: .trailing),
            ], source: rows, state: searchTable, focused: !onListings && !searchesSearch.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loadedSearches,
                state.searches.isEmpty
                    ? "No saved searches — press S in Browse to save one." : "No saved search matches the search.")
        ).draw(into: &frame.buffer, area: searchInner)
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }
}

extension SavedScreen: TabScreen {
    static var tab: ShellTab { .saved }
    static func own(_ message: AppMessage) -> SavedViewModel.Message? {
        if case .saved(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { search.active ? Self.searchKeys : Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { search.active }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .deleteSavedSearch else { return nil }
        return send(confirmed != nil ? .confirmDelete : .cancelDelete)
    }
}
