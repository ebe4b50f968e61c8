import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The institution admin's Reports tab: the key figures of the period on top, then one table at a
/// time (`tab` and `shift-tab` move between tables) with its bar chart beside it
/// (below it on a narrow terminal); `p` changes the period, `e` exports the table on screen to CSV.
struct ReportsScreen {
    enum Intent: Hashable {
        case send(ReportsViewModel.Intent)
        case export
        case row(ListMove)
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("row", group: "Reports") { .row($0) } + [
            KeyBinding(
                ["tab", "l", "right"], hint: "next table", "Next table", group: "Reports", action: .send(.moveTable(1))),
            KeyBinding(["shift-tab", "h", "left"], "Previous table", group: "Reports", action: .send(.moveTable(-1))),
            KeyBinding(
                ["p"], hint: "period", "Next period (12 months, this year, 90 days, 30 days, all)", group: "Reports",
                action: .send(.nextSpan)),
            KeyBinding(["e"], hint: "export", "Export the table on screen to CSV", group: "Reports", action: .export),
            KeyBinding(["ctrl-r"], "Compute again", group: "Reports", action: .send(.load)),
        ])

    private(set) var model: ReportsViewModel
    /// The selected row of the table on screen (it scrolls the table).
    var row = 0

    init(model: ReportsViewModel) { self.model = model }

    mutating func send(_ intent: ReportsViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "reports.") { AppMessage.reports($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        switch intent {
        case .row(let move):
            guard let shown = model.state.shown else { return KeyOutcome() }
            let count = shown.rows.count
            row = min(max(row + move.rows(table: Self.tableArea(shown, in: area), count: count), 0), max(0, count - 1))
            return KeyOutcome()
        case .send(let intent):
            if case .moveTable = intent { row = 0 }
            return KeyOutcome(effects: send(intent))
        case .export:
            guard let table = model.state.shown else { return KeyOutcome() }
            let home =
                ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
            let dialog = DialogState.prompt(
                "Export \(table.title.lowercased())", message: "Write \(table.rows.count) rows as CSV to:",
                initial: "\(home)/\(model.suggestedFileName)", maxLength: 1024)
            return KeyOutcome(request: .dialog(dialog, .exportReport))
        }
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let span = state.span.label
        guard let report = state.report else {
            let panel = Panel(title: "Reports · \(span)", focused: true, border: .rounded)
            panel.draw(into: &frame.buffer, area: area)
            let text = state.message.map { "✗ " + $0 } ?? "Computing the figures…"
            Paragraph(text, style: Style(state.message == nil ? .muted : .critical)).draw(
                into: &frame.buffer, area: panel.inner(area).inset(horizontal: 1))
            return
        }
        let format = context.format
        let last = report.period.to.addingTimeInterval(-1)
        let title = "Reports · \(report.institutionName)"
        let period = "\(span): \(format.day(report.period.from)) – \(format.day(last))"
        let top = Rect(x: area.x, y: area.y, width: area.width, height: Self.figuresHeight)
        let figures = Panel(title: title, focused: false, border: .rounded, trailingTitle: period)
        figures.draw(into: &frame.buffer, area: top)
        let line = figures.inner(top).inset(horizontal: 1)
        let median = report.medianDaysToPlacement.map { String(format: "%.0f", $0) } ?? "—"
        var text = StyledText()
        text.add(
            "Placed \(report.placedStudents) of \(report.students) students "
                + "(\(PlacementReport.percent(report.placementRate))) · median \(median) days to placement", .text,
            .bold)
        text.add(
            String(format: "%.2f", report.applicationsPerStudent)
                + " applications per student (\(report.applications)) · "
                + "logbook weeks due \(report.logbook.due), \(report.logbook.missing) missing", .muted)
        text.draw(into: &frame.buffer, area: line, scroll: 0)

        let body = Rect(x: area.x, y: top.maxY, width: area.width, height: max(0, area.height - Self.figuresHeight))
        let tabs = ReportTable.Kind.allCases.map { report.table($0).title.components(separatedBy: " (").first ?? "" }
        let selected = ReportTable.Kind.allCases.firstIndex(of: state.table) ?? 0
        Tabs(tabs.map(Self.short), selected: selected).draw(into: &frame.buffer, area: body.row(0))
        guard let table = state.shown else { return }
        drawTable(table, into: &frame, area: Self.tableRegion(area), loading: state.loading)
    }

    /// A tab's short name: "Placement rate by course and year" → "Rates".
    static func short(_ title: String) -> String {
        switch title {
        case let t where t.hasPrefix("Placement rate"): "Rates"
        case let t where t.hasPrefix("Organizations"): "Organizations"
        case let t where t.hasPrefix("Logbook"): "Logbook"
        case let t where t.hasPrefix("Evaluation"): "Criteria"
        default: title
        }
    }

    /// The key figures' height, above the tables' tabs.
    static let figuresHeight = 4

    /// Below the figures and the tables' tabs: the table on screen and its chart.
    static func tableRegion(_ area: Rect) -> Rect {
        Rect(
            x: area.x, y: area.y + figuresHeight + 1, width: area.width, height: max(0, area.height - figuresHeight - 1)
        )
    }

    /// The table and its chart in `region`: side by side from 110 columns, else one above the other;
    /// the table alone when it has no chart.
    static func parts(_ table: ReportTable, region: Rect) -> [Rect] {
        guard table.values != nil, !table.rows.isEmpty else { return [region] }
        return region.width >= 110
            ? Layout.horizontal([.percent(55), .fill()]).split(region)
            : Layout.vertical([.percent(55), .fill()]).split(region)
    }

    /// Inside the table's panel, for `area` the whole tab (the page keys' page is its height).
    static func tableArea(_ table: ReportTable, in area: Rect) -> Rect {
        Panel(border: .rounded).inner(parts(table, region: tableRegion(area))[0])
    }

    private func drawTable(_ table: ReportTable, into frame: inout Frame, area: Rect, loading: Bool) {
        let charted = table.values != nil && !table.rows.isEmpty
        let parts = Self.parts(table, region: area)
        let panel = Panel(
            title: table.title, focused: true, border: .rounded,
            trailingTitle: loading ? "computing…" : "\(table.rows.count) rows · e exports")
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = panel.inner(parts[0])
        let columns = table.header.enumerated().map { index, name in
            index == 0
                ? TableColumn(name, width: .fill(3))
                : TableColumn(
                    name, width: .fixed(max(DisplayWidth.of(name), 8)), alignment: .trailing)
        }
        var selection = TableState(selected: row)
        selection.clamp(rowCount: table.rows.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        Table(
            columns: columns, source: TableRows(table.rows.map { $0.map { TableCell($0) } }), state: selection,
            focused: true, emptyText: "Nothing in this period."
        ).draw(into: &frame.buffer, area: inner)
        guard charted, parts.count > 1, let values = table.values else { return }
        // Largest first (the logbook keeps its order: on time, late, missing, excused).
        let chartPanel = Panel(
            title: table.percent
                ? "Share (%), highest first" : table.kind == .logbook ? "Weeks" : "Count, highest first",
            focused: false, border: .rounded)
        chartPanel.draw(into: &frame.buffer, area: parts[1])
        var bars = zip(table.rows, values).map { row, value in
            BarChart.Bar(
                row.prefix(table.kind == .rates ? 2 : 1).joined(separator: " · y"), (value * 10).rounded() / 10,
                role: table.kind == .logbook && row.first == "missing" ? .warning : .accent)
        }
        if table.kind != .logbook { bars.sort { $0.value > $1.value } }
        BarChart(bars).draw(into: &frame.buffer, area: chartPanel.inner(parts[1]).inset(horizontal: 1))
    }
}

extension ReportsScreen: TabScreen {
    static var tab: ShellTab { .reports }
    static func own(_ message: AppMessage) -> ReportsViewModel.Message? {
        if case .reports(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    mutating func receive(_ message: ReportsViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "reports.") { AppMessage.reports($0) }
    }
    var isBusy: Bool { model.state.loading }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .exportReport else { return nil }
        return confirmed.map { send(.export(path: $0)) } ?? []
    }
}
