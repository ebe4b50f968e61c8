import TerminalKit

extension Gallery {
    func draw(into frame: inout Frame) {
        let rows = Layout.vertical([.fixed(1), .fill(), .fixed(1)]).split(frame.area)
        let (tabsRow, body, statusRow) = (rows[0], rows[1], rows[2])
        frame.buffer.render(Tabs(Self.tabs, selected: tab), in: tabsRow)
        switch tab {
        case 0: drawData(into: &frame, area: body)
        case 1: drawInput(into: &frame, area: body)
        case 2: drawCharts(into: &frame.buffer, area: body, now: frame.now)
        case 3: drawText(into: &frame.buffer, area: body)
        default: drawThemes(into: &frame.buffer, area: body)
        }
        frame.buffer.render(ToastStack(toasts), in: body)
        if let filter = helpFilter {
            frame.buffer.render(HelpOverlay(keys: helpKeys, filter: filter), in: body)
        }
        if let dialog {
            let widget = Dialog(dialog)
            frame.buffer.render(widget, in: body)
            frame.cursor = widget.cursorPosition(in: body)
        }
        if let commandLine {
            let area = Rect(x: statusRow.x, y: statusRow.y - 1, width: statusRow.width, height: 2)
            let widget = CommandLineView(state: commandLine)
            frame.buffer.render(widget, in: area)
            frame.cursor = widget.cursorPosition(in: area)
        } else {
            var left = [StatusBar.Segment("TerminalKit Gallery", role: .accent)]
            if let busySince {
                left.append(StatusBar.Segment("\(Spinner(now: frame.now - busySince).currentFrame) working"))
            }
            if editingForm { left.append(StatusBar.Segment("EDIT", role: .warning)) }
            let hints = editingForm ? FormState.keys.hints + [KeyHint(key: "esc", label: "done")] : keys.hints
            frame.buffer.render(
                StatusBar(left: left, hints: hints, right: [StatusBar.Segment("theme \(theme.name)")]), in: statusRow)
        }
    }

    private func drawData(into frame: inout Frame, area: Rect) {
        let narrow = area.width < 100
        let split = SplitView(narrow ? .vertical : .horizontal, ratio: narrow ? 70 : 72)
        let (left, right) = split.draw(into: &frame.buffer, area: area)
        let source = TableRows(GalleryData.rows)
        let panel = Panel(
            title: "Applications", focused: true, trailingTitle: "\(source.rowCount) rows · \(table.marks.count) marked"
        )
        frame.buffer.render(panel, in: left)
        frame.buffer.render(Table(columns: GalleryData.columns, source: source, state: table), in: panel.inner(left))
        let listPanel = Panel(title: "Select list")
        frame.buffer.render(listPanel, in: right)
        frame.buffer.render(
            SelectList(
                state: SelectListState(items: GalleryData.columns.map(\.title) + ["Deadline", "Contact"]),
                focused: false), in: listPanel.inner(right))
    }

    private func drawInput(into frame: inout Frame, area: Rect) {
        let panel = Panel(title: editingForm ? "Form — editing" : "Form — press e to edit", focused: editingForm)
        frame.buffer.render(panel, in: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        let form = Form(state: form, focused: editingForm)
        frame.buffer.render(form, in: inner)
        if editingForm { frame.cursor = form.cursorPosition(in: inner) }
    }

    private func drawCharts(into buffer: inout Buffer, area: Rect, now: Duration) {
        let columns = Layout.horizontal([.percent(50), .fill()], spacing: 1).split(area)
        let meters = Panel(title: "Gauges and progress")
        buffer.render(meters, in: columns[0])
        let left = meters.inner(columns[0]).inset(horizontal: 1)
        let rows = Layout.vertical([.fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1), .fixed(1), .fill()]).split(
            left)
        buffer.render(Gauge(label: "Disk", value: 0.42, labelWidth: 6), in: rows[0])
        buffer.render(Gauge(label: "Seats", value: 0.78, labelWidth: 6), in: rows[1])
        buffer.render(Gauge(label: "Queue", value: 0.95, labelWidth: 6), in: rows[2])
        buffer.render(ProgressBar(fraction: 0.63, label: "import"), in: rows[3])
        buffer.render(Spinner(busySince == nil ? "idle (press w)" : "working…", now: now), in: rows[4])
        buffer.render(Sparkline(samples), in: rows[5])
        buffer.render(
            BarChart([
                .init("applied", 128), .init("interview", 42, role: .warning), .init("offered", 17, role: .ok),
                .init("rejected", 63, role: .critical),
            ]), in: rows[6].inset(vertical: rows[6].height > 5 ? 1 : 0))
        let events = Panel(title: "Timeline")
        buffer.render(events, in: columns[1])
        buffer.render(Timeline(GalleryData.timeline), in: events.inner(columns[1]).inset(horizontal: 1))
    }

    private func drawText(into buffer: inout Buffer, area: Rect) {
        let panel = Panel(title: "Scroll view", focused: true, trailingTitle: "j/k scroll")
        buffer.render(panel, in: area)
        buffer.render(ScrollView(GalleryData.article, state: scroll), in: panel.inner(area).inset(horizontal: 1))
    }

    private func drawThemes(into buffer: inout Buffer, area: Rect) {
        let columns = Layout.horizontal([.fixed(28), .fill()], spacing: 1).split(area)
        let listPanel = Panel(title: "Themes", focused: true, trailingTitle: "enter applies")
        buffer.render(listPanel, in: columns[0])
        buffer.render(SelectList(state: list), in: listPanel.inner(columns[0]))
        let preview = Panel(title: "Roles in \(theme.name)")
        buffer.render(preview, in: columns[1])
        let inner = preview.inner(columns[1]).inset(horizontal: 1)
        for (index, role) in Role.core.enumerated() where index < inner.height {
            buffer.write(
                role.name, in: Rect(x: inner.x, y: inner.y + index, width: 14, height: 1), style: Style(.muted))
            buffer.write(
                " The quick brown fox 狐 🦊 ",
                in: Rect(x: inner.x + 15, y: inner.y + index, width: inner.width - 15, height: 1), style: Style(role))
        }
    }
}
