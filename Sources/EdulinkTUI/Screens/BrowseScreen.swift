import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Browse: the search line with the query language, a virtualized results table, the detail of the
/// selected listing beside it (below it on narrow terminals), and the `f` filters panel.
struct BrowseScreen {
    enum Focus: Hashable { case table, search, filters }
    enum Intent: Hashable {
        case up, down, pageUp, pageDown, first, last, open, search, filters, sort, save, apply, eligible
        case saveSearch, refresh, clearSearch
    }

    static let primary: [KeyBinding<Intent>] = [
        KeyBinding(
            ["/"], hint: "search", "Search as you type (query language: remote:yes stipend>=20000 …)", group: "Search",
            action: .search),
        KeyBinding(["a"], hint: "apply", "Apply to the listing", group: "Listing", action: .apply),
        KeyBinding(["s"], hint: "save", "Save or unsave the listing", group: "Listing", action: .save),
        KeyBinding(["f"], hint: "filters", "Open or close the filters panel", group: "Search", action: .filters),
        KeyBinding(["enter"], hint: "open", "Open the listing's full detail", group: "Results", action: .open),
        KeyBinding(
            ["o"], hint: "sort", "Next sort: relevance, deadline, newest, stipend", group: "Search", action: .sort),
        KeyBinding(
            ["e"], hint: "eligible", "Only listings I can apply to (toggle)", group: "Search", action: .eligible),
        KeyBinding(["S"], "Save this search under a name", group: "Search", action: .saveSearch),
    ]
    static let navigation: [KeyBinding<Intent>] = [
        KeyBinding(["j", "down"], "Next listing", group: "Results", action: .down),
        KeyBinding(["k", "up"], "Previous listing", group: "Results", action: .up),
        KeyBinding(["pgdn", "ctrl-f"], "Down one page (loads more as you go)", group: "Results", action: .pageDown),
        KeyBinding(["pgup", "ctrl-b"], "Up one page", group: "Results", action: .pageUp),
        KeyBinding(["g", "home"], "First listing", group: "Results", action: .first),
        KeyBinding(["G", "end"], "Last listing loaded (loads the next page)", group: "Results", action: .last),
    ]
    static let common: [KeyBinding<Intent>] = [
        KeyBinding(["ctrl-r"], "Search again", group: "Search", action: .refresh),
        KeyBinding(
            ["esc"], "Clear the search (in the search line: back to the results)", group: "Search",
            action: .clearSearch),
    ]
    /// Keys of roles that only look: no apply, save, eligible or saved searches.
    static let studentOnly: Set<Intent> = [.apply, .save, .eligible, .saveSearch]
    static let keys = KeyTable(primary + navigation + common)
    static let readOnlyKeys = KeyTable(
        primary.filter { !studentOnly.contains($0.action) } + navigation + common)
    static let searchKeys = KeyTable<Intent>([
        KeyBinding(["enter"], hint: "search", "Search now and go to the results", group: "Search line", action: .open),
        KeyBinding(
            ["esc"], hint: "results", "Back to the results (keeps the query)", group: "Search line",
            action: .clearSearch),
        KeyBinding(["ctrl-u"], "Clear the line (ctrl-w: last word)", group: "Search line", action: .clearSearch),
    ])
    static let panelKeys = KeyTable<Intent>([
        KeyBinding(
            ["space", "enter"], hint: "toggle", "Toggle the filter / next value", group: "Filters", action: .open),
        KeyBinding(["j", "down"], "Next filter", group: "Filters", action: .down),
        KeyBinding(["k", "up"], "Previous filter", group: "Filters", action: .up),
        KeyBinding(["h", "left"], "Previous value", group: "Filters", action: .pageUp),
        KeyBinding(["f", "esc"], hint: "close", "Close the panel", group: "Filters", action: .filters),
    ])

    private(set) var model: BrowseViewModel
    let readOnly: Bool
    var query = LineEditor(maxLength: 500)
    var focus = Focus.table
    var table = TableState()
    var panelRow = FilterPanelView.selectable.first ?? 0
    var detailScroll = 0

    init(model: BrowseViewModel, readOnly: Bool) {
        self.model = model
        self.readOnly = readOnly
    }

    var capturesText: Bool { focus == .search }

    /// The keys that work now, for the help overlay and the status bar.
    var activeKeys: KeyTable<Intent> {
        switch focus {
        case .search: return Self.searchKeys
        case .filters: return Self.panelKeys
        case .table: return readOnly ? Self.readOnlyKeys : Self.keys
        }
    }

    /// Answers of the screen itself (a student key pressed by another role).

    mutating func send(_ intent: BrowseViewModel.Intent, area: Rect) -> [Effect<AppMessage>] {
        let effects = model.handle(intent)
        syncTable(area: area)
        return effects.map(keyPrefix: "browse.") { .browse($0) }
    }

    mutating func receive(_ message: BrowseViewModel.Message, area: Rect) -> [Effect<AppMessage>] {
        let before = model.state.selectedID
        let effects = model.handle(message)
        if model.state.selectedID != before { detailScroll = 0 }
        if focus != .search, query.text != model.state.queryText { query.text = model.state.queryText }
        syncTable(area: area)
        return effects.map(keyPrefix: "browse.") { .browse($0) }
    }

    mutating func syncTable(area: Rect) {
        let layout = BrowseLayout(area: area, panelOpen: model.state.panelOpen)
        table.selected = model.state.selectedIndex ?? 0
        table.clamp(rowCount: model.state.rows.count, visibleRows: Table<TableRows>.visibleRows(in: layout.table))
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch focus {
        case .search: return handleSearch(key, area: area)
        case .filters: return handlePanel(key, area: area)
        case .table: break
        }
        guard let intent = (readOnly ? Self.readOnlyKeys : Self.keys).action(for: key) else {
            if readOnly, let notice = ReadOnlyListingKeys.notice(for: key) {
                return KeyOutcome(effects: [.post(notice)])
            }
            return .unhandled
        }
        let page = max(
            1, Table<TableRows>.visibleRows(in: BrowseLayout(area: area, panelOpen: model.state.panelOpen).table))
        switch intent {
        case .down: return KeyOutcome(effects: self.send(.moveSelection(1), area: area))
        case .up: return KeyOutcome(effects: self.send(.moveSelection(-1), area: area))
        case .pageDown: return KeyOutcome(effects: self.send(.moveSelection(page), area: area))
        case .pageUp: return KeyOutcome(effects: self.send(.moveSelection(-page), area: area))
        case .first: return KeyOutcome(effects: self.send(.selectFirst, area: area))
        case .last: return KeyOutcome(effects: self.send(.selectLast, area: area))
        case .open: return KeyOutcome(effects: self.send(.openSelected, area: area))
        case .search:
            focus = .search
            query.text = model.state.queryText
            return KeyOutcome()
        case .filters:
            focus = .filters
            return KeyOutcome(effects: self.send(.toggleFiltersPanel, area: area))
        case .sort: return KeyOutcome(effects: self.send(.cycleSort, area: area))
        case .save: return KeyOutcome(effects: self.send(.toggleSaved, area: area))
        case .apply: return KeyOutcome(effects: self.send(.applyToSelected, area: area))
        case .eligible: return KeyOutcome(effects: self.send(.toggleEligibleForMe, area: area))
        case .refresh: return KeyOutcome(effects: self.send(.refresh, area: area))
        case .saveSearch:
            let dialog = DialogState.prompt(
                "Save search", message: "A name for \"\(model.state.filter.queryString)\":", maxLength: 80)
            return KeyOutcome(request: .dialog(dialog, .saveSearch))
        case .clearSearch:
            guard !model.state.queryText.isEmpty else { return .unhandled }
            query.text = ""
            return KeyOutcome(effects: self.send(.openQuery(""), area: area))
        }
    }

    private mutating func handleSearch(_ key: Key, area: Rect) -> KeyOutcome {
        switch key {
        case "esc", "down":
            focus = .table
            return KeyOutcome()
        case "enter":
            focus = .table
            return KeyOutcome(effects: send(.submitQuery, area: area))
        default:
            let before = query.text
            guard query.handle(key) == .edited else { return .unhandled }
            guard query.text != before else { return KeyOutcome() }
            return KeyOutcome(effects: send(.queryChanged(query.text), area: area))
        }
    }

    private mutating func handlePanel(_ key: Key, area: Rect) -> KeyOutcome {
        guard let intent = Self.panelKeys.action(for: key) else {
            // `l`/right step forward, like space.
            guard key == "l" || key == "right" else { return KeyOutcome() }
            return togglePanelRow(forward: true, area: area)
        }
        let rows = FilterPanelView.selectable
        let position = rows.firstIndex(of: panelRow) ?? 0
        switch intent {
        case .down: panelRow = rows[min(position + 1, rows.count - 1)]
        case .up: panelRow = rows[max(position - 1, 0)]
        case .open: return togglePanelRow(forward: true, area: area)
        case .pageUp: return togglePanelRow(forward: false, area: area)
        case .filters:
            focus = .table
            return KeyOutcome(effects: send(.toggleFiltersPanel, area: area))
        default: break
        }
        return KeyOutcome()
    }

    private mutating func togglePanelRow(forward: Bool, area: Rect) -> KeyOutcome {
        let item = FilterPanelView.items[panelRow]
        if readOnly, item == .eligible { return KeyOutcome() }
        guard let change = FilterPanelView.change(for: item, panel: model.state.panel, forward: forward) else {
            return KeyOutcome()
        }
        return KeyOutcome(effects: send(.panel(change), area: area))
    }

    /// The name typed into the save-search dialog.
    mutating func saveSearch(named name: String, area: Rect) -> [Effect<AppMessage>] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        return send(.saveSearch(name: trimmed), area: area)
    }
}

extension BrowseScreen: HostedScreen {
    var tabs: Set<ShellTab> { [.browse] }
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>] { send(.appeared, area: area) }
    mutating func hide(_ tab: ShellTab) { _ = model.handle(.disappeared) }
    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome {
        handle(key, area: area)
    }
    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]? {
        guard case .browse(let message) = message else { return nil }
        return receive(message, area: area)
    }
    func capturesText(on tab: ShellTab) -> Bool { capturesText }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        (activeKeys.helpSections(filter: filter), activeKeys.hints)
    }
    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        draw(into: &frame, area: area, context: context)
    }
    var isBusy: Bool { model.state.searching || model.state.loadingMore || model.state.loadingDetail }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .saveSearch else { return nil }
        return confirmed.map { saveSearch(named: $0, area: area) } ?? []
    }
    mutating func resized(area: Rect) { syncTable(area: area) }
}
