import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Saved: the saved listings, and the saved searches with how many new listings match each; Enter
/// runs a search in Browse.
struct SavedScreen {
    enum Intent: Hashable { case up, down, switchList, open, unsave, markSeen, delete, reload }

    static let keys = KeyTable<Intent>([
        KeyBinding(["j", "down"], "Next row", group: "Saved", action: .down),
        KeyBinding(["k", "up"], "Previous row", group: "Saved", action: .up),
        KeyBinding(
            ["tab", "shift-tab"], hint: "switch list", "Switch between listings and searches", group: "Saved",
            action: .switchList),
        KeyBinding(
            ["enter"], hint: "open", "Open the listing / run the search in Browse", group: "Saved", action: .open),
        KeyBinding(["x"], hint: "unsave", "Remove the listing from saved", group: "Saved", action: .unsave),
        KeyBinding(["m"], "Mark the search seen (resets its new count)", group: "Saved", action: .markSeen),
        KeyBinding(
            ["d"], hint: "delete search", "Delete the saved search (asks first)", group: "Saved", action: .delete),
        KeyBinding(["ctrl-r"], "Reload", group: "Saved", action: .reload),
    ])

    private(set) var model: SavedViewModel

    init(model: SavedViewModel) { self.model = model }

    mutating func send(_ intent: SavedViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "saved.") { .saved($0) }
    }

    mutating func receive(_ message: SavedViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "saved.") { .saved($0) }
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        let state = model.state
        let onListings = state.section == .listings
        switch intent {
        case .down, .up:
            let delta = intent == .down ? 1 : -1
            return KeyOutcome(
                effects: onListings
                    ? send(.selectListing((state.selectedListing ?? 0) + delta))
                    : send(.selectSearch((state.selectedSearch ?? 0) + delta)))
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

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let parts = Layout.vertical([.percent(60), .fill()]).split(area)
        let onListings = state.section == .listings
        let listingsPanel = Panel(
            title: "Saved listings", focused: onListings, border: .rounded,
            trailingTitle: state.loadedListings ? "\(state.listings.count)" : nil)
        listingsPanel.draw(into: &frame.buffer, area: parts[0])
        var table = TableState(selected: state.selectedListing ?? 0)
        let inner = listingsPanel.inner(parts[0])
        table.clamp(rowCount: state.listings.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        Table(
            columns: ListingRows.columns,
            source: ListingRows(rows: state.listings, now: context.now, format: context.format),
            state: table, focused: onListings,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loadedListings,
                "No saved listings yet — press s on a listing in Browse.")
        ).draw(into: &frame.buffer, area: inner)

        let searchesPanel = Panel(
            title: "Saved searches", focused: !onListings, border: .rounded,
            trailingTitle: state.loadedSearches ? "\(state.searches.count)" : nil)
        searchesPanel.draw(into: &frame.buffer, area: parts[1])
        let rows = TableRows(
            state.searches.map { summary in
                [
                    TableCell(summary.search.name), TableCell(summary.search.query, role: .muted),
                    TableCell(
                        summary.newMatches > 0 ? "\(summary.newMatches) new" : "—",
                        role: summary.newMatches > 0 ? EdulinkRoles.unread : .muted),
                ]
            })
        var searchTable = TableState(selected: state.selectedSearch ?? 0)
        let searchInner = searchesPanel.inner(parts[1])
        searchTable.clamp(rowCount: rows.rowCount, visibleRows: Table<TableRows>.visibleRows(in: searchInner))
        Table(
            columns: [
                TableColumn("Name", width: .fill(2)), TableColumn("Query", width: .fill(3)),
                TableColumn("New", width: .fixed(8), alignment: .trailing),
            ], source: rows, state: searchTable, focused: !onListings,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loadedSearches,
                "No saved searches — press S in Browse to save one.")
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
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .deleteSavedSearch else { return nil }
        return send(confirmed != nil ? .confirmDelete : .cancelDelete)
    }
}
