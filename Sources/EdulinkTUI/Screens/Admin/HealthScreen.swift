import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Health: checks, system gauges and request sparklines coloured by the thresholds of PRODUCT.md,
/// open alerts (`a` acknowledges, `R` resolves) and KPIs. Refreshes itself every few seconds.
struct HealthScreen {
    /// A key moves the alerts' selection or sends a view-model intent.
    enum Intent: Hashable {
        case move(ListMove)
        case send(HealthViewModel.Intent)
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("alert", group: "Health") { .move($0) } + [
            KeyBinding(
                ["a"], hint: "acknowledge", "Acknowledge the selected alert", group: "Health",
                action: .send(.acknowledgeSelected)),
            KeyBinding(
                ["R"], hint: "resolve", "Resolve the selected alert", group: "Health", action: .send(.resolveSelected)),
            KeyBinding(["ctrl-r"], hint: "refresh", "Refresh now", group: "Health", action: .send(.load)),
        ])

    private(set) var model: HealthViewModel

    init(model: HealthViewModel) { self.model = model }

    mutating func send(_ intent: HealthViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "health.") { .health($0) }
    }

    mutating func receive(_ message: HealthViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "health.") { .health($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch Self.keys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            return KeyOutcome(
                effects: send(.moveSelection(move.rows(panel: Self.alertsArea(area), count: model.state.alerts.count))))
        }
    }

    /// The alerts' panel: the right column above the requests.
    static func alertsArea(_ area: Rect) -> Rect {
        let column = Layout.horizontal([.percent(50), .fill()]).split(area)[1]
        return Layout.vertical([.fill(), .fixed(6)]).split(column)[0]
    }

    static func role(_ status: HealthStatus) -> TerminalKit.Role {
        switch status {
        case .ok: .ok
        case .warning: .warning
        case .critical: .critical
        }
    }

    static func mark(_ status: HealthStatus) -> String {
        switch status {
        case .ok: "✓"
        case .warning: "!"
        case .critical: "✗"
        }
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        guard let report = state.report else {
            let text = state.message.map { "✗ " + $0 } ?? "Measuring…"
            frame.buffer.write(
                text, in: area.row(0).inset(horizontal: 1), style: Style(state.message == nil ? .muted : .critical))
            return
        }
        let columns = Layout.horizontal([.percent(50), .fill()]).split(area)
        let systemHeight = area.height >= 22 ? 6 : 5
        let left = Layout.vertical([.fixed(HealthCheckName.allCases.count + 1), .fixed(systemHeight), .fill()])
            .split(columns[0])
        drawChecks(report, into: &frame, area: left[0])
        drawSystem(report, into: &frame, area: left[1])
        drawKPIs(report.kpis, into: &frame, area: left[2])
        let right = Layout.vertical([.fill(), .fixed(6)]).split(columns[1])
        drawAlerts(state, into: &frame, area: Self.alertsArea(area), context: context)
        drawRequests(report, into: &frame, area: right[1])
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }

    private func drawChecks(_ report: HealthReport, into frame: inout Frame, area: Rect) {
        let panel = Panel(
            title: "Checks", focused: false, border: .rounded,
            trailingTitle: report.status == .ok ? "healthy" : report.status == .warning ? "degraded" : "unhealthy")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        for (index, check) in report.checks.enumerated() where index < inner.height {
            let row = inner.row(index)
            let style = Style(Self.role(check.status))
            frame.buffer.write(Self.mark(check.status), at: Point(x: row.x, y: row.y), style: style)
            frame.buffer.write(
                check.name.label, in: Rect(x: row.x + 2, y: row.y, width: 10, height: 1),
                style: Style(.text, adding: .bold))
            frame.buffer.write(
                check.summary, in: Rect(x: row.x + 13, y: row.y, width: max(0, row.width - 13), height: 1),
                style: check.status == .ok ? Style(.muted) : style)
        }
    }

    private func drawSystem(_ report: HealthReport, into frame: inout Frame, area: Rect) {
        let panel = Panel(title: "System", focused: false, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        let system = report.check(.system)
        var rows: [(String, HealthFigure?, AlertKind, Bool)] = [
            ("CPU", system?.figure("CPU"), .cpu, false), ("Memory", system?.figure("Memory"), .memory, false),
            ("Disk used", report.check(.storage)?.figure("Free"), .diskFree, true),
        ]
        rows = Array(rows.prefix(inner.height))
        for (index, (label, figure, kind, inverted)) in rows.enumerated() {
            let row = inner.row(index)
            guard let figure, let value = figure.value, let threshold = HealthThresholds.table[kind] else {
                frame.buffer.write(
                    "\(label.padding(toLength: 10, withPad: " ", startingAt: 0)) —", in: row, style: Style(.muted))
                continue
            }
            // Free disk is drawn as used space, so every gauge fills towards its danger.
            let shown = inverted ? 100 - value : value
            let warning = inverted ? 100 - threshold.warning : threshold.warning
            let critical = inverted ? 100 - threshold.critical : threshold.critical
            Gauge(
                label: label, value: shown, maximum: 100, warningAt: warning / 100, criticalAt: critical / 100,
                labelWidth: 9
            ).draw(into: &frame.buffer, area: row)
        }
        if inner.height > rows.count {
            let load = system?.figure("Load (1 min)")?.display ?? "—"
            let process = system?.figure("Process memory")?.display ?? "—"
            frame.buffer.write(
                "Load \(load) · this process \(process)", in: inner.row(rows.count), style: Style(.muted))
        }
    }

    private func drawAlerts(_ state: HealthViewModel.State, into frame: inout Frame, area: Rect, context: DrawContext) {
        let panel = Panel(
            title: "Alerts", focused: true, border: .rounded, trailingTitle: "\(state.alerts.count) open")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        var table = TableState(selected: state.selectedAlert ?? 0)
        table.clamp(rowCount: state.alerts.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.alerts.map { alert in
                [
                    TableCell(Self.mark(alert.severity), role: Self.role(alert.severity)),
                    TableCell(alert.message, role: Self.role(alert.severity)),
                    TableCell(alert.state == .acknowledged ? "ack" : "new", role: .muted),
                    TableCell(context.format.age(alert.raisedAt, now: context.now), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("", width: .fixed(1)), TableColumn("Alert", width: .fill()),
                TableColumn("", width: .fixed(3)), TableColumn("Age", width: .fixed(4), alignment: .trailing),
            ], source: rows, state: table, focused: true, emptyText: "No open alerts."
        ).draw(into: &frame.buffer, area: inner)
    }

    private func drawRequests(_ report: HealthReport, into frame: inout Frame, area: Rect) {
        let requests = report.check(.requests)
        let panel = Panel(title: "Requests (1 h)", focused: false, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard let requests, inner.height > 0 else { return }
        let count = requests.figure("Requests (1 h)")
        let p99 = requests.figure("p99")
        let errors = requests.figure("Error rate")
        let summary =
            "\(count?.display ?? "—") calls · p50 \(requests.figure("p50")?.display ?? "—") · p95 "
            + "\(requests.figure("p95")?.display ?? "—")"
        frame.buffer.write(summary, in: inner.row(0), style: Style(.text))
        if inner.height > 1 {
            let line = "p99 \(p99?.display ?? "—") · errors \(errors?.display ?? "—")"
            frame.buffer.write(
                line, in: inner.row(1), style: Style(Self.role(max(p99?.status ?? .ok, errors?.status ?? .ok))))
        }
        if inner.height > 2 {
            let row = inner.row(2)
            frame.buffer.write("calls/min", in: row, style: Style(.muted))
            Sparkline(count?.history ?? [], role: .accent).draw(
                into: &frame.buffer, area: Rect(x: row.x + 10, y: row.y, width: max(0, row.width - 10), height: 1))
        }
        if inner.height > 3 {
            let row = inner.row(3)
            frame.buffer.write("p99/min", in: row, style: Style(.muted))
            Sparkline(p99?.history ?? [], role: Self.role(p99?.status ?? .ok)).draw(
                into: &frame.buffer, area: Rect(x: row.x + 10, y: row.y, width: max(0, row.width - 10), height: 1))
        }
    }

    private func drawKPIs(_ kpis: PlatformKPIs?, into frame: inout Frame, area: Rect) {
        let panel = Panel(title: "KPIs", focused: false, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard let kpis else { return }
        let success = kpis.successRatePercent.map { HealthFormat.number($0, decimals: 0) + " %" } ?? "—"
        let review = kpis.hoursToFirstReview.map { HealthFormat.number($0, decimals: 1) + " h" } ?? "—"
        let lines = [
            "Sign-ups 7 d \(kpis.registrationsLastWeek) · applied 24 h \(kpis.applicationsLastDay)",
            "Success \(success) · open listings \(kpis.openListings)",
            "First review after \(review)",
        ]
        for (index, line) in lines.enumerated() where index < inner.height {
            frame.buffer.write(line, in: inner.row(index), style: Style(.text))
        }
    }
}

extension HealthScreen: TabScreen {
    static var tab: ShellTab { .health }
    static func own(_ message: AppMessage) -> HealthViewModel.Message? {
        if case .health(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    mutating func started(area: Rect) -> [Effect<AppMessage>] { send(.load) }
    mutating func tick(front: ShellTab?) -> [Effect<AppMessage>] { front == .health ? send(.tick) : [] }
}
