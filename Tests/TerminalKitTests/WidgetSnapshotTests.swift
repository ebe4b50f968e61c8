import TerminalKit
import Testing

/// Every widget, drawn into a buffer at a roomy and a cramped size, compared with its snapshot.
enum WidgetCase: String, CaseIterable, Sendable {
    case panel, table, tableUnfocusedSorted, textField, textFieldScrolled, textArea, form, selectList
    case confirmDialog, promptDialog, tabs, splitView, statusBar, toasts, helpOverlay, spinner, progressBar
    case gauges, sparkline, barChart, timeline, scrollView, commandLine, sizeNotice

    func draw(into buffer: inout Buffer, area: Rect) {
        switch self {
        case .panel:
            let panel = Panel(title: "Applications", focused: true, trailingTitle: "8 rows")
            buffer.render(panel, in: area)
            buffer.render(Paragraph("Inside the panel."), in: panel.inner(area))
        case .table:
            var state = TableState(selected: 2, sortColumn: 0)
            state.marks = [1, 3]
            buffer.render(Table(columns: Fixtures.columns, source: TableRows(Fixtures.rows), state: state), in: area)
        case .tableUnfocusedSorted:
            let state = TableState(selected: 6, sortColumn: 3, ascending: false)
            buffer.render(
                Table(columns: Fixtures.columns, source: TableRows(Fixtures.rows), state: state, focused: false),
                in: area)
        case .textField:
            var editor = LineEditor("Zürich 東京")
            _ = editor.handle("left")
            let rows = Layout.vertical([.fixed(1), .fixed(1), .fixed(1)], spacing: 1).split(area)
            buffer.render(TextField(editor: editor, focused: true), in: rows[0])
            buffer.render(TextField(editor: LineEditor(), placeholder: "search listings", focused: false), in: rows[1])
            buffer.render(TextField(editor: LineEditor("hunter2"), focused: false, masked: true), in: rows[2])
        case .textFieldScrolled:
            let editor = LineEditor("a very long query that does not fit in the field 検索")
            buffer.render(
                TextField(editor: editor, focused: true),
                in: Rect(x: area.x, y: area.y, width: min(24, area.width), height: 1))
        case .textArea:
            var state = TextAreaState(
                "Dear team,\nI would like to apply for the internship in 東京. I have two years of Swift.")
            state.layout(width: area.width - 1, height: area.height)
            _ = state.handle("down")
            buffer.render(TextArea(state: state, focused: true), in: area)
        case .form:
            var form = FormState(fields: [
                FormField(
                    id: "name", label: "Name", input: .text(LineEditor("Ada"), placeholder: "Full name"), required: true
                ),
                FormField(
                    id: "email", label: "E-mail", input: .text(LineEditor(), placeholder: "name@example.org"),
                    required: true),
                FormField(
                    id: "start", label: "Starts",
                    input: .dateTime(DateTimeFieldState(DateTime(year: 2026, month: 9, day: 1, hour: 9)))),
                FormField(id: "kind", label: "Kind", input: .choice(["Full-time", "Remote"], selected: 1)),
            ])
            form.validate()
            buffer.render(Form(state: form), in: area)
        case .selectList:
            var state = SelectListState(items: ["default", "light", "high-contrast", "solarized-dark", "mono"])
            _ = state.handle("down")
            buffer.render(SelectList(state: state), in: area)
        case .confirmDialog:
            buffer.render(Paragraph(String(repeating: "background ", count: 60)), in: area)
            buffer.render(
                Dialog(.confirm("Withdraw?", message: "The employer will be told.", dangerous: true)), in: area)
        case .promptDialog:
            buffer.render(
                Dialog(.prompt("Rename", message: "A new name for this search:", initial: "Berlin")), in: area)
        case .tabs:
            buffer.render(Tabs(["Listings", "Applications", "応募", "Messages 📬"], selected: 1), in: area)
        case .splitView:
            let (left, right) = SplitView(.horizontal, ratio: 40).draw(into: &buffer, area: area)
            buffer.render(Paragraph("left pane"), in: left)
            buffer.render(Paragraph("right pane"), in: right)
        case .statusBar:
            buffer.render(
                StatusBar(left: [.init("NORMAL", role: .accent)], hints: Fixtures.keys.hints, right: [.init("12:00")]),
                in: area.row(area.height - 1))
        case .toasts:
            var toasts = Toasts()
            let _: Command<Never> = toasts.post("Saved", kind: .success, now: .zero)
            let _: Command<Never> = toasts.post("Server unreachable, retrying", kind: .error, now: .zero)
            buffer.render(ToastStack(toasts), in: area)
        case .helpOverlay:
            buffer.render(HelpOverlay(keys: Fixtures.keys, filter: "mo"), in: area)
        case .spinner:
            buffer.render(Spinner("loading listings", now: .milliseconds(250)), in: area)
        case .progressBar:
            buffer.render(ProgressBar(fraction: 0.4375, label: "import"), in: area.row(0))
            buffer.render(ProgressBar(fraction: 1), in: area.row(1))
        case .gauges:
            buffer.render(Gauge(label: "Disk", value: 0.3, labelWidth: 5), in: area.row(0))
            buffer.render(Gauge(label: "Seats", value: 0.75, labelWidth: 5), in: area.row(1))
            buffer.render(Gauge(label: "Queue", value: 0.95, labelWidth: 5), in: area.row(2))
        case .sparkline:
            buffer.render(Sparkline((0..<60).map { Double(($0 * 7) % 11) }), in: area.row(0))
        case .barChart:
            buffer.render(
                BarChart([
                    .init("applied", 120), .init("offered", 30, role: .ok), .init("rejected", 45.5, role: .critical),
                ]), in: area)
        case .timeline:
            buffer.render(
                Timeline([
                    .init(time: "09:00", title: "Applied", detail: "Backend intern", role: .info),
                    .init(time: "11:30", title: "Interview with 山田", role: .warning),
                    .init(time: "16:00", title: "Offer 🎉", role: .ok),
                ]), in: area)
        case .scrollView:
            let text = (1...30).map { "Line \($0): the quick brown fox jumps over the lazy dog" }.joined(
                separator: "\n")
            buffer.render(ScrollView(text, state: ScrollState(offset: 3)), in: area)
        case .commandLine:
            var state = CommandLineState()
            state.editor.text = "theme "
            _ = state.handle("tab", commands: ["theme default", "theme light", "theme mono"])
            buffer.render(
                CommandLineView(state: state), in: Rect(x: area.x, y: area.maxY - 2, width: area.width, height: 2))
        case .sizeNotice:
            SizeNotice(needed: Size(width: 80, height: 24), actual: area.size).draw(into: &buffer, area: area)
        }
    }
}

@Suite("Widget snapshots")
struct WidgetSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 12)]

    @Test("every widget renders as its reviewed snapshot at two sizes", arguments: WidgetCase.allCases, sizes)
    func widgetMatchesSnapshot(_ widget: WidgetCase, size: Size) {
        let buffer = rendered(size) { buffer, area in widget.draw(into: &buffer, area: area) }
        assertSnapshot(buffer, named: "\(widget.rawValue)-\(size.width)x\(size.height)")
    }
}
