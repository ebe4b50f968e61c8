import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The results as table rows, formatted only for the rows on screen.
struct ListingRows: TableDataSource {
    var rows: [ListingSummary]
    var now: Date
    var format: DisplayFormat

    static let columns = [
        TableColumn("Title", width: .fill(5)), TableColumn("Company", width: .fill(3)),
        TableColumn("Location", width: .fill(2)), TableColumn("Stipend", width: .fixed(10), alignment: .trailing),
        TableColumn("Closes", width: .fixed(6), alignment: .trailing),
        TableColumn("Appl.", width: .fixed(5), alignment: .trailing),
    ]

    var rowCount: Int { rows.count }

    func cells(forRow index: Int) -> [TableCell] {
        let row = rows[index]
        let closes = format.deadline(row.deadline, now: now)
        let soon = row.deadline.timeIntervalSince(now) < 3 * 86_400
        return [
            TableCell((row.featured ? "★ " : "") + row.title), TableCell(row.organizationName),
            TableCell(
                DisplayFormat.place(row.locationType, row.location), role: row.locationType == .remote ? .accent : nil),
            TableCell(
                row.stipend.map { DisplayFormat.count($0.amount) } ?? "unpaid", role: row.stipend == nil ? .muted : nil),
            TableCell(closes, role: soon ? .warning : nil), TableCell(String(row.applicationCount)),
        ]
    }
}

extension BrowseScreen {
    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let layout = BrowseLayout(area: area, panelOpen: state.panelOpen)
        drawSearchLine(into: &frame, row: layout.search, context: context)
        drawMessage(into: &frame.buffer, row: layout.message)
        let rows = ListingRows(rows: state.rows, now: context.now, format: context.format)
        // After a failed search (the message above says why) nothing is known to match or not.
        let emptyText = EmptyText.list(
            loading: state.searching, loaded: state.message == nil,
            state.queryText.isEmpty ? "no listings" : "no listings match", loadingText: "searching…")
        Table(
            columns: ListingRows.columns, source: rows, state: table, focused: focus == .table, emptyText: emptyText
        ).draw(into: &frame.buffer, area: layout.table)
        if let detail = layout.detail {
            drawDetail(into: &frame.buffer, area: detail, context: context)
        }
        if let panel = layout.panel {
            FilterPanelView.draw(
                into: &frame.buffer, area: panel, panel: state.panel, selected: panelRow, focused: focus == .filters)
        }
    }

    private func drawSearchLine(into frame: inout Frame, row: Rect, context: DrawContext) {
        let state = model.state
        var summary = ""
        if state.rowsAreEarlier {
            summary = "earlier results"
        } else if let total = state.total, ListingCount.isAtLeast(total) {
            summary = "\(DisplayFormat.count(ListingCount.limit))+ results"
        } else if let total = state.total {
            summary = "\(DisplayFormat.count(total)) result\(total == 1 ? "" : "s")"
        } else if !state.rows.isEmpty {
            summary = "\(DisplayFormat.count(state.rows.count))\(state.hasMore ? "+" : "") results"
        }
        summary += (summary.isEmpty ? "" : " · ") + "by \(state.sort.rawValue)"
        let summaryWidth = DisplayWidth.of(summary) + 3
        let prompt = focus == .search ? "/ " : "/ "
        frame.buffer.write(prompt, at: Point(x: row.x, y: row.y), style: Style(.accent, adding: .bold))
        let field = Rect(x: row.x + 2, y: row.y, width: max(1, row.width - 2 - summaryWidth), height: 1)
        let editor = focus == .search ? query : LineEditor(state.queryText)
        let widget = TextField(
            editor: editor, placeholder: "search: data remote:yes stipend>=20000 deadline<14d -sales",
            focused: focus == .search)
        widget.draw(into: &frame.buffer, area: field)
        if focus == .search { frame.cursor = widget.cursorPosition(in: field) }
        if let problem = state.queryProblem, focus == .search || state.queryText == editor.text {
            underline(problem.range, of: editor, widget: widget, field: field, buffer: &frame.buffer)
        }
        let busy = state.searching || state.loadingMore
        let right = Rect(x: field.maxX + 1, y: row.y, width: row.maxX - field.maxX - 1, height: 1)
        frame.buffer.write(
            summary, in: Rect(x: right.x + 2, y: row.y, width: right.width - 2, height: 1), style: Style(.muted),
            alignment: .trailing)
        if busy {
            Spinner(now: context.tick).draw(into: &frame.buffer, area: Rect(x: right.x, y: row.y, width: 1, height: 1))
        }
    }

    /// Underlines the offending term of a query that does not parse.
    private func underline(
        _ range: Range<Int>, of editor: LineEditor, widget: TextField, field: Rect, buffer: inout Buffer
    ) {
        let characters = editor.characters
        let lower = min(range.lowerBound, characters.count)
        let upper = min(max(range.upperBound, lower), characters.count)
        let skip = widget.scrollColumn(width: field.width)
        let start = DisplayWidth.of(String(characters[0..<lower])) - skip
        let width = max(1, DisplayWidth.of(String(characters[lower..<upper])))
        for column in max(0, start)..<max(0, min(start + width, field.width)) {
            let point = Point(x: field.x + column, y: field.y)
            guard let cell = buffer[point.x, point.y], cell.style.role != .cursor else { continue }
            buffer.set(
                Cell(symbol: cell.symbol, width: cell.width, style: Style(EdulinkRoles.fieldError, adding: .underline)),
                at: point)
        }
    }

    private func drawMessage(into buffer: inout Buffer, row: Rect) {
        let state = model.state
        if let problem = state.queryProblem {
            buffer.write("✗ " + problem.message, in: row, style: Style(EdulinkRoles.fieldError))
        } else if let message = state.message {
            buffer.write("✗ " + message, in: row, style: Style(.critical))
        } else if focus == .search {
            buffer.write(
                "words, \"phrases\", -exclude, remote:yes type:hybrid stipend>=N deadline<14d category:X level:entry skill:X",
                in: row, style: Style(.muted))
        } else {
            let filter = state.filter.queryString
            buffer.write(
                filter.isEmpty ? "All open listings · / to search · f for filters" : "Showing: \(filter)", in: row,
                style: Style(.muted))
        }
    }

    private func drawDetail(into buffer: inout Buffer, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(title: "Listing", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        if let detail = state.detail, detail.listing.id == state.selectedID {
            ListingDetailView.text(detail, context: context).draw(into: &buffer, area: inner, scroll: detailScroll)
        } else if state.loadingDetail || state.searching {
            Spinner("loading…", now: context.tick).draw(into: &buffer, area: inner.row(0))
        } else if state.rows.isEmpty {
            buffer.write("Nothing selected.", in: inner.row(0), style: Style(.muted))
        }
    }
}
