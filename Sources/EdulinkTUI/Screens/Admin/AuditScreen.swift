import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Audit: every change, newest first. `/` edits the query line
/// (`actor:EMAIL action:PREFIX entity:NAME since:7d until:YYYY-MM-DD`, Enter applies it), the table
/// pages on by itself at its last row, and `e` exports what the filter matches to a CSV file.
struct AuditScreen {
    enum Intent: Hashable { case move(ListMove), query, more, export, reload }

    /// j/↓ at the last row, like G or PgDn reaching it, loads the next page.
    static let keys = KeyTable<Intent>(
        ListMove.bindings("event", group: "Audit") { .move($0) } + [
            KeyBinding(
                ["/"], hint: "filter", "Filter: actor:EMAIL action:PREFIX entity:NAME since:7d until:YYYY-MM-DD",
                group: "Audit", action: .query),
            KeyBinding(["n"], hint: "more", "Load the next page", group: "Audit", action: .more),
            KeyBinding(
                ["e"], hint: "export", "Export the filtered events to CSV (asks for the path)", group: "Audit",
                action: .export),
            KeyBinding(["ctrl-r"], "Reload", group: "Audit", action: .reload),
        ])

    static let queryKeys = KeyTable<Intent>([
        KeyBinding(["enter"], hint: "apply", "Apply the filter", group: "Filter", action: .query),
        KeyBinding(["esc"], hint: "cancel", "Back to the table, filter unchanged", group: "Filter", action: .reload),
    ])

    /// Where an export goes unless the admin types another path.
    static let exportSuggestion = "~/edulink-audit.csv"

    private(set) var model: AuditViewModel
    private(set) var line = LineEditor(maxLength: 300)
    private(set) var editing = false

    init(model: AuditViewModel) { self.model = model }

    var capturesText: Bool { editing }
    var activeKeys: KeyTable<Intent> { editing ? Self.queryKeys : Self.keys }

    mutating func send(_ intent: AuditViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "adminAudit.") { .adminAudit($0) }
    }

    mutating func receive(_ message: AuditViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "adminAudit.") { .adminAudit($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> (KeyOutcome, AdminQuestion?) {
        if editing {
            switch line.handle(key) {
            case .submitted:
                editing = false
                return (KeyOutcome(effects: send(.setQuery(line.text))), nil)
            case .edited:
                return (KeyOutcome(), nil)
            case .ignored:
                if key == "esc" {
                    editing = false
                    line = LineEditor(model.state.line, maxLength: 300)
                }
                return (KeyOutcome(), nil)
            }
        }
        guard let intent = Self.keys.action(for: key) else { return (.unhandled, nil) }
        switch intent {
        case .move(let move):
            return (
                KeyOutcome(
                    effects: send(
                        .moveSelection(move.rows(panel: Self.parts(area)[0], count: model.state.events.count)))), nil
            )
        case .query:
            editing = true
            return (KeyOutcome(), nil)
        case .more: return (KeyOutcome(effects: send(.loadMore)), nil)
        case .export: return (KeyOutcome(), .exportPath(suggestion: Self.exportSuggestion))
        case .reload: return (KeyOutcome(effects: send(.load)), nil)
        }
    }

    /// The events' panel below the filter line, and from 30 rows the selected event's detail below it.
    static func parts(_ area: Rect) -> [Rect] {
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        return Layout.vertical(area.height >= 30 ? [.fill(), .fixed(6)] : [.fill()]).split(body)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let top = area.row(0).inset(horizontal: 1)
        let label = "Filter "
        frame.buffer.write(label, in: top, style: Style(editing ? .accent : .muted, adding: editing ? .bold : []))
        let field = Rect(x: top.x + label.count, y: top.y, width: max(0, top.width - label.count), height: 1)
        let widget = TextField(
            editor: line, placeholder: "every change — / then actor:… action:… entity:… since:7d until:…",
            focused: editing)
        widget.draw(into: &frame.buffer, area: field)
        if editing { frame.cursor = widget.cursorPosition(in: field) }

        let showDetail = area.height >= 30
        let parts = Self.parts(area)
        var trailing = "\(state.events.count)\(state.hasMore ? "+" : "") shown"
        if let export = state.export {
            trailing += " · exporting \(export.written)…"
        }
        let panel = Panel(title: "Audit log", focused: !editing, border: .rounded, trailingTitle: trailing)
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = panel.inner(parts[0])
        let wide = inner.width >= 110
        var table = TableState(selected: state.selectedIndex ?? 0)
        table.clamp(rowCount: state.events.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.events.map { event in
                var cells = [
                    TableCell(context.format.dateTime(event.at), role: .muted), TableCell(Self.actor(event)),
                    TableCell(event.action, role: .accent),
                ]
                if wide { cells.append(TableCell(Self.entity(event), role: .muted)) }
                cells.append(TableCell(event.summary))
                return cells
            })
        var columns = [
            TableColumn("When", width: .fixed(18)), TableColumn("Actor", width: .fixed(wide ? 20 : 12)),
            TableColumn("Action", width: .fixed(wide ? 22 : 18)),
        ]
        if wide { columns.append(TableColumn("Entity", width: .fixed(16))) }
        columns.append(TableColumn("Summary", width: .fill()))
        Table(
            columns: columns, source: rows, state: table, focused: !editing,
            emptyText: EmptyText.list(loading: state.loading, loaded: state.loaded, "No change matches.")
        ).draw(into: &frame.buffer, area: inner)

        if showDetail, let index = state.selectedIndex, state.events.indices.contains(index) {
            let event = state.events[index]
            let detailPanel = Panel(title: "Change #\(event.id.rawValue)", focused: false, border: .rounded)
            detailPanel.draw(into: &frame.buffer, area: parts[1])
            var text = StyledText()
            text.add(
                "\(Self.actor(event)) · \(event.action) · \(Self.entity(event)) · via \(event.origin.rawValue)", .muted)
            text.add(event.summary)
            text.draw(into: &frame.buffer, area: detailPanel.inner(parts[1]).inset(horizontal: 1), scroll: 0)
        }
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }

    static func actor(_ event: AuditEvent) -> String {
        guard let id = event.actorID else {
            return event.actorRole.map { DisplayFormat.words($0.rawValue) } ?? "system"
        }
        return "\(event.actorRole.map { DisplayFormat.words($0.rawValue) } ?? "user") #\(id.rawValue)"
    }

    static func entity(_ event: AuditEvent) -> String {
        event.entityID.map { "\(event.entity) #\($0)" } ?? event.entity
    }
}
