import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Security: failed logins by account and by origin (`w` switches last hour / last day), the
/// accounts locked now, and the security events with a kind filter (`f`).
struct SecurityScreen {
    /// A key moves the events' selection or sends a view-model intent.
    enum Intent: Hashable {
        case move(ListMove)
        case send(SecurityViewModel.Intent)
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("event", group: "Security") { .move($0) } + [
            KeyBinding(
                ["w"], hint: "hour/day", "Count failed logins over the last hour or the last day", group: "Security",
                action: .send(.toggleWindow)),
            KeyBinding(
                ["f"], hint: "kind", "Show the next kind of event only", group: "Security", action: .send(.nextKind)),
            KeyBinding(["F"], "Show every kind of event", group: "Security", action: .send(.setKind(nil))),
            KeyBinding(["ctrl-r"], hint: "refresh", "Refresh", group: "Security", action: .send(.load)),
        ])

    private(set) var model: SecurityViewModel

    init(model: SecurityViewModel) { self.model = model }

    mutating func send(_ intent: SecurityViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "adminSecurity.") { .adminSecurity($0) }
    }

    mutating func receive(_ message: SecurityViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "adminSecurity.") { .adminSecurity($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch Self.keys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            let count = model.state.report?.events.count ?? 0
            return KeyOutcome(effects: send(.moveSelection(move.rows(panel: Self.rows(area)[1], count: count))))
        }
    }

    /// The failed-login tallies and the locked accounts above the events.
    static func rows(_ area: Rect) -> [Rect] {
        Layout.vertical([.fixed(area.height >= 30 ? 10 : 7), .fill()]).split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        guard let report = state.report else {
            let text = state.message.map { "✗ " + $0 } ?? "loading…"
            frame.buffer.write(
                text, in: area.row(0).inset(horizontal: 1), style: Style(state.message == nil ? .muted : .critical))
            return
        }
        let rows = Self.rows(area)
        let columns = Layout.horizontal([.percent(34), .percent(33), .fill()]).split(rows[0])
        drawTallies(
            ("Failed by account", "By account"), report.byAccount, window: state.window, into: &frame,
            area: columns[0], context: context)
        drawTallies(
            ("Failed by origin", "By origin"), report.byOrigin, window: state.window, into: &frame, area: columns[1],
            context: context)
        drawLocked(report.locked, into: &frame, area: columns[2], context: context)
        drawEvents(state, report.events, into: &frame, area: rows[1], context: context)
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }

    private func drawTallies(
        _ titles: (full: String, short: String), _ tallies: [SecurityTally], window: SecurityViewModel.Window,
        into frame: inout Frame, area: Rect, context: DrawContext
    ) {
        // The window is never cut: narrow panels take the short title and "1 h"/"24 h".
        let fits = DisplayWidth.of(titles.full) + DisplayWidth.of(window.label) + 9 <= area.width
        let panel = Panel(
            title: fits ? titles.full : titles.short, focused: false, border: .rounded,
            trailingTitle: fits ? window.label : (window == .hour ? "1 h" : "24 h"))
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        let rows = TableRows(
            tallies.map { tally in
                [
                    TableCell(tally.key), TableCell(String(tally.count), role: .warning),
                    TableCell(context.format.age(tally.lastAt, now: context.now), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("Who", width: .fill()), TableColumn("#", width: .fixed(4), alignment: .trailing),
                TableColumn("Last", width: .fixed(4), alignment: .trailing),
            ], source: rows, state: TableState(selected: -1), focused: false, emptyText: "none"
        ).draw(into: &frame.buffer, area: inner)
    }

    private func drawLocked(_ users: [UserSummary], into frame: inout Frame, area: Rect, context: DrawContext) {
        let panel = Panel(title: "Locked accounts", focused: false, border: .rounded, trailingTitle: "\(users.count)")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        let rows = TableRows(
            users.map { user in
                [
                    TableCell(user.email, role: .warning),
                    TableCell(user.lockedUntil.map { context.format.dateTime($0) } ?? "until unlocked", role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("Account", width: .fill()), TableColumn("Until", width: .fixed(area.width >= 40 ? 14 : 8)),
            ],
            source: rows, state: TableState(selected: -1), focused: false, emptyText: "none"
        ).draw(into: &frame.buffer, area: inner)
    }

    private func drawEvents(
        _ state: SecurityViewModel.State, _ events: [SecurityEvent], into frame: inout Frame, area: Rect,
        context: DrawContext
    ) {
        let kind = state.kind.map { DisplayFormat.words($0.rawValue) } ?? "every kind"
        let panel = Panel(title: "Security events", focused: true, border: .rounded, trailingTitle: kind)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        let wide = inner.width >= 110
        var table = TableState(selected: state.selectedEvent ?? 0)
        table.clamp(rowCount: events.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            events.map { event in
                let role: TerminalKit.Role? =
                    switch event.kind {
                    case .loginFailed, .permissionDenied, .rateLimited: .warning
                    case .tokenReuse, .accountLocked: .critical
                    default: nil
                    }
                var cells = [
                    TableCell(context.format.dateTime(event.at), role: .muted),
                    TableCell(DisplayFormat.words(event.kind.rawValue), role: role),
                    TableCell(event.email ?? event.userID.map { "user #\($0.rawValue)" } ?? "—"),
                ]
                if wide { cells.append(TableCell(event.source ?? "—", role: .muted)) }
                cells.append(TableCell(event.detail, role: .muted))
                return cells
            })
        var columns = [
            TableColumn("When", width: .fixed(18)), TableColumn("Kind", width: .fixed(wide ? 17 : 16)),
            TableColumn("Account", width: .fixed(wide ? 28 : 20)),
        ]
        if wide { columns.append(TableColumn("Origin", width: .fixed(15))) }
        columns.append(TableColumn("Detail", width: .fill()))
        Table(
            columns: columns, source: rows, state: table, focused: true,
            emptyText: EmptyText.list(loading: state.loading, loaded: state.loaded, "No security events.")
        ).draw(into: &frame.buffer, area: inner)
    }
}
