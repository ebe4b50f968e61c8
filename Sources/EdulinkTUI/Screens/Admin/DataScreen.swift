import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Data: the database's status (schema, migrations, sizes, last integrity check, row counts) and
/// its snapshots (age, size, verified). `c` checks integrity, `a`/`V`/`i` analyze, vacuum and
/// reindex, `b` backs up, `v` verifies the selected snapshot, `r` restores it and `p` prunes
/// old ones (both confirmed first). Work in progress shows a spinner; each action ends in a toast.
struct DataScreen {
    /// A key sends a view-model intent, or sends one and then asks to confirm what it set.
    enum Intent: Hashable {
        case send(DataViewModel.Intent)
        case confirm(DataViewModel.Intent)
        case move(ListMove)
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("backup", group: "Data") { .move($0) } + [
            KeyBinding(
                ["c"], hint: "check", "Integrity and foreign-key check", group: "Data", action: .send(.checkIntegrity)),
            KeyBinding(
                ["a"], hint: "analyze", "Refresh the query planner's statistics", group: "Data",
                action: .send(.run(.analyze))),
            KeyBinding(
                ["V"], hint: "vacuum", "Rebuild the database to reclaim space", group: "Data",
                action: .send(.run(.vacuum))),
            KeyBinding(["i"], hint: "reindex", "Rebuild every index", group: "Data", action: .send(.run(.reindex))),
            KeyBinding(
                ["b"], hint: "backup", "Back up now (a verified snapshot)", group: "Data", action: .send(.backup)),
            KeyBinding(
                ["v"], hint: "verify", "Verify the selected backup", group: "Data", action: .send(.verifySelected)),
            KeyBinding(
                ["r"], hint: "restore", "Restore the selected backup (asks first)", group: "Data",
                action: .confirm(.restoreSelected)),
            KeyBinding(
                ["p"], hint: "prune", "Delete backups past the retention (asks first)", group: "Data",
                action: .confirm(.prune)),
            KeyBinding(["ctrl-r"], hint: "refresh", "Refresh now", group: "Data", action: .send(.load)),
        ])

    private(set) var model: DataViewModel

    init(model: DataViewModel) { self.model = model }

    mutating func send(_ intent: DataViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "data.") { .data($0) }
    }

    mutating func receive(_ message: DataViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "data.") { .data($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch Self.keys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            return KeyOutcome(
                effects: send(.moveSelection(move.rows(panel: Self.parts(area)[1], count: model.state.backups.count))))
        case .confirm(let intent):
            // Two steps: the dialog reads the confirmation the intent has just set.
            let effects = send(intent)
            guard let confirmation = model.state.confirmation else { return KeyOutcome(effects: effects) }
            let dialog = DialogState.confirm(confirmation.title, message: confirmation.question, dangerous: true)
            return KeyOutcome(effects: effects, request: .dialog(dialog, .data))
        }
    }

    /// The status, the backups and the line for the work in progress.
    static func parts(_ area: Rect) -> [Rect] { Layout.vertical([.fixed(8), .fill(), .fixed(1)]).split(area) }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        guard let overview = state.overview else {
            let text = state.message.map { "✗ " + $0 } ?? "Reading the database…"
            frame.buffer.write(
                text, in: area.row(0).inset(horizontal: 1), style: Style(state.message == nil ? .muted : .critical))
            return
        }
        let parts = Self.parts(area)
        if area.width >= 110 {
            let top = Layout.horizontal([.percent(60), .fill()]).split(parts[0])
            drawStatus(overview, into: &frame, area: top[0], context: context, withCounts: false)
            drawCounts(overview.status, into: &frame, area: top[1])
        } else {
            drawStatus(overview, into: &frame, area: parts[0], context: context, withCounts: true)
        }
        drawBackups(state, overview, into: &frame, area: parts[1], context: context)
        drawFooter(state, overview, into: &frame, area: parts[2], context: context)
    }

    /// "3h ago", or "just now".
    static func ago(_ date: Date, _ context: DrawContext) -> String {
        let age = context.format.age(date, now: context.now)
        return age == "now" ? "just now" : age + " ago"
    }

    private func drawStatus(
        _ overview: DataOverview, into frame: inout Frame, area: Rect, context: DrawContext, withCounts: Bool
    ) {
        let status = overview.status
        let panel = Panel(
            title: "Database", focused: false, border: .rounded,
            trailingTitle: status.pendingMigrations.isEmpty ? "up to date" : "\(status.pendingMigrations.count) pending"
        )
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        let pending =
            status.pendingMigrations.isEmpty
            ? "none pending" : "pending " + status.pendingMigrations.joined(separator: ", ")
        var lines: [(String, String, TerminalKit.Role)] = [
            ("Engine", status.engine, .text),
            (
                "Schema", "\(status.schemaVersion) · \(status.appliedMigrations.count) applied · \(pending)",
                status.pendingMigrations.isEmpty ? .text : .warning
            ),
            (
                "Size",
                HealthFormat.bytes(Double(status.sizeBytes))
                    + (status.measuredWriteAheadLogBytes.map { " · WAL \(HealthFormat.bytes(Double($0)))" } ?? "")
                    + (status.searchIndexSegments.map { " · search index \(HealthFormat.segments($0))" } ?? ""),
                .text
            ),
        ]
        if let check = status.lastIntegrityCheck {
            let age = Self.ago(check.checkedAt, context)
            lines.append(
                check.ok
                    ? ("Integrity", "✓ ok, checked \(age)", .ok)
                    : ("Integrity", "✗ \(check.problems.count) problems, checked \(age)", .critical))
        } else {
            lines.append(("Integrity", "never checked — press c", .warning))
        }
        if let last = status.lastBackup {
            lines.append(
                (
                    "Backup", "last \(Self.ago(last.createdAt, context)) · \(overview.backups.count) kept",
                    last.integrityOK ? .text : .critical
                ))
        } else {
            lines.append(("Backup", "none yet — press b", .warning))
        }
        if withCounts {
            let counts = ["users", "listings", "applications"].map { "\($0) \(status.rowCounts[$0] ?? 0)" }
            lines.append(("Rows", counts.joined(separator: " · "), .muted))
        }
        for (index, (label, value, role)) in lines.enumerated() where index < inner.height {
            let row = inner.row(index)
            frame.buffer.write(label, in: Rect(x: row.x, y: row.y, width: 10, height: 1), style: Style(.muted))
            frame.buffer.write(
                value, in: Rect(x: row.x + 10, y: row.y, width: max(0, row.width - 10), height: 1), style: Style(role))
        }
    }

    private func drawCounts(_ status: DatabaseStatus, into frame: inout Frame, area: Rect) {
        let panel = Panel(title: "Rows", focused: false, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        let counts = status.rowCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let columnWidth = max(1, inner.width / 2)
        for (index, (table, count)) in counts.enumerated() {
            let column = index / max(1, inner.height)
            let line = index % max(1, inner.height)
            guard column < 2 else { break }
            let cell = Rect(x: inner.x + column * columnWidth, y: inner.y + line, width: columnWidth - 1, height: 1)
            let number = DisplayFormat.count(count)
            // The name gives way to the number, with a space between them ("application_event… 2,546").
            let nameWidth = max(0, cell.width - number.count - 1)
            frame.buffer.write(
                DisplayWidth.truncate(table, to: nameWidth),
                in: Rect(x: cell.x, y: cell.y, width: nameWidth, height: 1), style: Style(.muted))
            frame.buffer.write(
                number, at: Point(x: cell.x + max(0, cell.width - number.count), y: cell.y), style: Style(.text))
        }
    }

    private func drawBackups(
        _ state: DataViewModel.State, _ overview: DataOverview, into frame: inout Frame, area: Rect,
        context: DrawContext
    ) {
        let panel = Panel(
            title: "Backups", focused: true, border: .rounded,
            trailingTitle: "keep \(overview.keepDays) d · \(overview.prunable) to prune")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        var table = TableState(selected: state.selected ?? 0)
        table.clamp(rowCount: state.backups.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.backups.map { backup in
                let verified = backup.verifiedAt.map { Self.ago($0, context) } ?? "never"
                return [
                    TableCell(backup.fileName),
                    TableCell(context.format.age(backup.createdAt, now: context.now), role: .muted),
                    TableCell(HealthFormat.bytes(Double(backup.sizeBytes)), role: .muted),
                    backup.integrityOK
                        ? TableCell("✓ " + verified, role: .ok) : TableCell("✗ FAILED", role: .critical),
                ]
            })
        Table(
            columns: [
                TableColumn("File", width: .fill()), TableColumn("Age", width: .fixed(5), alignment: .trailing),
                TableColumn("Size", width: .fixed(10), alignment: .trailing),
                TableColumn("Verified", width: .fixed(14)),
            ], source: rows, state: table, focused: true, emptyText: "No backups yet. Press b to make one."
        ).draw(into: &frame.buffer, area: inner)
    }

    /// The backup folder: `backups/ beside the database` when it is the default one, else its path.
    static func folder(_ overview: DataOverview) -> String {
        let folder = URL(fileURLWithPath: overview.backupDirectory)
        let database = URL(fileURLWithPath: overview.status.location)
        guard folder.deletingLastPathComponent().standardized == database.deletingLastPathComponent().standardized
        else { return overview.backupDirectory }
        return "\(folder.lastPathComponent)/ beside the database"
    }

    private func drawFooter(
        _ state: DataViewModel.State, _ overview: DataOverview, into frame: inout Frame, area: Rect,
        context: DrawContext
    ) {
        let row = area.row(0).inset(horizontal: 1)
        if let work = state.working {
            Spinner(work.label, now: context.tick).draw(into: &frame.buffer, area: row)
        } else if let message = state.message {
            frame.buffer.write("✗ " + message, in: row, style: Style(.critical))
        } else {
            frame.buffer.write("\(overview.note) Folder: \(Self.folder(overview))", in: row, style: Style(.muted))
        }
    }
}

extension DataScreen: TabScreen {
    static var tab: ShellTab { .data }
    static func own(_ message: AppMessage) -> DataViewModel.Message? {
        if case .data(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    var isBusy: Bool { model.state.working != nil }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .data else { return nil }
        return send(confirmed != nil ? .confirm : .cancel)
    }
}
