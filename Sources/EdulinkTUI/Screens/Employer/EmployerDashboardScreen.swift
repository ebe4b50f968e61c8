import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Dashboard: the hiring funnel, time to first review, acceptance rate, a 12-week sparkline of
/// applications and each listing's figures — all aggregates from the service.
struct EmployerDashboardScreen {
    /// The keys send the view-model's intents themselves.
    typealias Intent = EmployerDashboardViewModel.Intent

    static let keys = KeyTable<Intent>([
        KeyBinding(["ctrl-r", "r"], hint: "reload", "Reload the figures", group: "Dashboard", action: .load)
    ])

    private(set) var model: EmployerDashboardViewModel

    init(model: EmployerDashboardViewModel) { self.model = model }

    mutating func send(_ intent: EmployerDashboardViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "employer.dashboard.") { AppMessage.employerDashboard($0) }
    }

    mutating func receive(_ message: EmployerDashboardViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "employer.dashboard.") { AppMessage.employerDashboard($0) }
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        return KeyOutcome(effects: send(intent))
    }

    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        if seconds < 3600 { return "\(Int(seconds / 60)) min" }
        if seconds < 2 * 86_400 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86_400)
    }

    static func cells(_ figures: ListingFigures, stages: [ApplicationStatus]) -> [TableCell] {
        var cells = [
            TableCell(figures.listing.title),
            TableCell(figures.listing.status.label, role: EmployerListingsScreen.role(figures.listing.status)),
            TableCell(String(figures.total)),
        ]
        for stage in stages {
            let count = figures.counts[stage] ?? 0
            cells.append(TableCell(String(count), role: count > 0 ? TerminalKit.Role.text : TerminalKit.Role.muted))
        }
        return cells
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        guard let board = model.state.dashboard else {
            let text = model.state.message.map { "✗ " + $0 } ?? "loading…"
            frame.buffer.write(
                " " + text, in: area.row(0), style: Style(model.state.message == nil ? .muted : .critical))
            return
        }
        let wide = area.width >= 110
        let top = wide ? 10 : 9
        let rows = Layout.vertical([.fixed(top), .fill()]).split(area)
        let columns = Layout.horizontal([.percent(wide ? 50 : 55), .fill()]).split(rows[0])

        let funnelPanel = Panel(title: "Funnel", focused: false, border: .rounded)
        funnelPanel.draw(into: &frame.buffer, area: columns[0])
        let applied = max(1, board.funnel.first?.reached ?? 0)
        BarChart(
            board.funnel.map { step in
                BarChart.Bar(
                    "\(step.stage == .pending ? "received" : step.stage.label) \(step.reached)",
                    Double(step.reached), role: step.reached * 2 >= applied ? .ok : .accent)
            }
        ).draw(into: &frame.buffer, area: funnelPanel.inner(columns[0]).inset(horizontal: 1))

        let figuresPanel = Panel(title: "Figures", focused: false, border: .rounded)
        figuresPanel.draw(into: &frame.buffer, area: columns[1])
        let inner = figuresPanel.inner(columns[1]).inset(horizontal: 1)
        let total = board.counts.applied
        let acceptance = board.acceptanceRate.map { String(format: "%.0f %%", $0 * 100) } ?? "–"
        let lines: [(String, String)] = [
            ("applied", "\(total)"),
            ("looked at", "\(board.reviewed)"),
            ("first review", Self.duration(board.meanSecondsToFirstReview)),
            ("offers accepted", acceptance),
            (
                "open pipeline",
                "\(ApplicationStatus.pipeline.filter(\.isOpen).reduce(0) { $0 + (board.counts[$1] ?? 0) })"
            ),
        ]
        for (index, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            frame.buffer.write(
                line.0, in: Rect(x: inner.x, y: inner.y + index, width: 16, height: 1), style: Style(.muted))
            frame.buffer.write(
                line.1, in: Rect(x: inner.x + 16, y: inner.y + index, width: max(0, inner.width - 16), height: 1),
                style: Style(.text, adding: .bold))
        }
        if inner.height >= 2 {
            let label = "12 weeks "
            let y = inner.maxY - 1
            frame.buffer.write(label, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.muted))
            let sparkX = inner.x + DisplayWidth.of(label)
            Sparkline(board.weekly.map(Double.init), role: .accent).draw(
                into: &frame.buffer,
                area: Rect(x: sparkX, y: y, width: min(board.weekly.count, max(0, inner.maxX - sparkX)), height: 1))
            let last = " \(board.weekly.last ?? 0) this week"
            let lastX = sparkX + board.weekly.count
            if lastX < inner.maxX {
                frame.buffer.write(
                    last, in: Rect(x: lastX, y: y, width: inner.maxX - lastX, height: 1), style: Style(.muted))
            }
        }

        let listPanel = Panel(
            title: "Per listing", focused: true, border: .rounded, trailingTitle: "\(board.listings.count)")
        listPanel.draw(into: &frame.buffer, area: rows[1])
        let listInner = listPanel.inner(rows[1])
        var table = TableState(selected: 0)
        table.clamp(rowCount: board.listings.count, visibleRows: Table<TableRows>.visibleRows(in: listInner))
        let stages: [ApplicationStatus] =
            wide
            ? [.pending, .reviewed, .shortlisted, .interviewScheduled, .offered, .accepted, .rejected]
            : [.pending, .shortlisted, .offered, .accepted]
        let source = TableRows(board.listings.map { Self.cells($0, stages: stages) })
        Table(
            columns: [
                TableColumn("Listing", width: .fill()), TableColumn("Status", width: .fixed(wide ? 14 : 9)),
                TableColumn("All", width: .fixed(4), alignment: .trailing),
            ]
                + stages.map {
                    TableColumn(
                        wide ? String($0.label.prefix(9)) : ApplicantsScreen.shortLabel($0),
                        width: .fixed(wide ? 9 : 5), alignment: .trailing)
                },
            source: source, state: table, focused: false, emptyText: "No listings yet."
        ).draw(into: &frame.buffer, area: listInner)
    }
}
