import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Notifications: unread first; Enter opens what one is about (and marks it read), `r` marks it
/// read, `R` marks all read.
struct NotificationsScreen {
    /// The keys send the view-model's intents themselves.
    typealias Intent = NotificationsViewModel.Intent

    static let keys = KeyTable<Intent>([
        KeyBinding(["j", "down"], "Next notification", group: "Notifications", action: .moveSelection(1)),
        KeyBinding(["k", "up"], "Previous notification", group: "Notifications", action: .moveSelection(-1)),
        KeyBinding(
            ["enter"], hint: "open", "Open what it is about and mark it read", group: "Notifications",
            action: .openSelected),
        KeyBinding(["r"], hint: "read", "Mark it read", group: "Notifications", action: .markSelectedRead),
        KeyBinding(
            ["R"], hint: "all read", "Mark every notification read", group: "Notifications", action: .markAllRead),
        KeyBinding(["ctrl-r"], "Reload", group: "Notifications", action: .load),
    ])

    private(set) var model: NotificationsViewModel

    init(model: NotificationsViewModel) { self.model = model }

    mutating func send(_ intent: NotificationsViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "notifications.") { .notifications($0) }
    }

    mutating func receive(_ message: NotificationsViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "notifications.") { .notifications($0) }
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        return KeyOutcome(effects: send(intent))
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let wide = area.width >= 110
        let parts = (wide ? Layout.horizontal([.percent(55), .fill()]) : Layout.vertical([.percent(60), .fill()]))
            .split(area)
        let panel = Panel(
            title: "Notifications", focused: true, border: .rounded, trailingTitle: "\(state.unreadCount) unread")
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = panel.inner(parts[0])
        var table = TableState(selected: state.selectedIndex ?? 0)
        table.clamp(rowCount: state.items.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.items.map { item in
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
            ], source: rows, state: table, focused: true,
            emptyText: EmptyText.list(loading: state.loading, loaded: state.loaded, "Nothing here yet.")
        ).draw(into: &frame.buffer, area: inner)

        let bodyPanel = Panel(title: "Message", focused: false, border: .rounded)
        bodyPanel.draw(into: &frame.buffer, area: parts[1])
        let body = bodyPanel.inner(parts[1]).inset(horizontal: 1)
        guard let index = state.selectedIndex, state.items.indices.contains(index) else { return }
        let item = state.items[index]
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
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    mutating func started(area: Rect) -> [Effect<AppMessage>] { send(.load) }
}
