import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Notifications: unread first; Enter opens what one is about (and marks it read), `r` marks it
/// read, `R` marks all read.
struct NotificationsScreen {
    /// A key sends a view-model intent, moves the selection, or gives the keys to the `/` line (and back).
    enum Intent: Hashable {
        case send(NotificationsViewModel.Intent)
        case move(ListMove)
        case search
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("notification", group: "Notifications") { .move($0) } + [
            KeyBinding(
                ["enter"], hint: "open", "Open what it is about and mark it read", group: "Notifications",
                action: .send(.openSelected)),
            KeyBinding(["r"], hint: "read", "Mark it read", group: "Notifications", action: .send(.markSelectedRead)),
            KeyBinding(
                ["R"], hint: "all read", "Mark every notification read", group: "Notifications",
                action: .send(.markAllRead)),
            KeyBinding(
                ["/"], hint: "search", "Narrow the list by title, text or kind (as you type)", group: "Notifications",
                action: .search),
            KeyBinding(["ctrl-r"], "Reload", group: "Notifications", action: .send(.load)),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search)

    private(set) var model: NotificationsViewModel
    /// The `/` line; the view-model narrows the list with its text.
    private(set) var search = ListSearch()

    init(model: NotificationsViewModel) { self.model = model }

    mutating func send(_ intent: NotificationsViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "notifications.") { .notifications($0) }
    }

    mutating func receive(_ message: NotificationsViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "notifications.") { .notifications($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setQuery(text)))
        }
        switch Self.keys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.list.shown.count)
            return KeyOutcome(effects: send(.moveSelection(rows)))
        case .search:
            search.open()
            return KeyOutcome()
        }
    }

    /// The list and the message: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(55), .fill()]) : Layout.vertical([.percent(60), .fill()]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let parts = Self.parts(area)
        let count = state.list.isNarrowed ? state.list.countLabel + " · " : ""
        let panel = Panel(
            title: "Notifications", focused: !search.active, border: .rounded,
            trailingTitle: count + "\(state.unreadCount) unread")
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = search.draw(into: &frame, area: panel.inner(parts[0]), placeholder: "title, text, kind")
        var table = TableState(selected: state.list.selectedIndex ?? 0)
        table.clamp(rowCount: state.list.shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.list.shown.map { item in
                let unread = !item.isRead
                return [
                    TableCell(unread ? "●" : " ", role: unread ? EdulinkRoles.unread : .muted),
                    TableCell(item.title, role: unread ? EdulinkRoles.unread : nil),
                    TableCell(context.format.age(item.createdAt, now: context.now), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("", width: .fixed(1)), TableColumn("Notification", width: .fill()),
                TableColumn("Age", width: .fixed(4), alignment: .trailing),
            ], source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                state.items.isEmpty ? "Nothing here yet." : "No notification matches the search.")
        ).draw(into: &frame.buffer, area: inner)

        let bodyPanel = Panel(title: "Message", focused: false, border: .rounded)
        bodyPanel.draw(into: &frame.buffer, area: parts[1])
        let body = bodyPanel.inner(parts[1]).inset(horizontal: 1)
        guard let item = state.selected else { return }
        var text = StyledText()
        text.add(item.title, .title, .bold)
        text.add(
            "\(context.format.dateTime(item.createdAt)) · \(DisplayFormat.words(item.kind.rawValue))"
                + (item.isRead ? " · read" : " · unread"), .muted)
        text.gap()
        text.add(item.body)
        if item.applicationID != nil || item.listingID != nil {
            text.gap()
            text.add("enter opens the \(item.applicationID != nil ? "application" : "listing")", .muted)
        }
        text.draw(into: &frame.buffer, area: body, scroll: 0)
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }
}

extension NotificationsScreen: TabScreen {
    static var tab: ShellTab { .notifications }
    static func own(_ message: AppMessage) -> NotificationsViewModel.Message? {
        if case .notifications(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { search.active ? Self.searchKeys : Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { search.active }
    mutating func started(area: Rect) -> [Effect<AppMessage>] { send(.load) }
}
