/// One cell of a table row: text and, optionally, a role (a status column coloured by state).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var role: Role?

    public init(_ text: String, role: Role? = nil) {
        self.text = text
        self.role = role
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// A table column: title, width rule, alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint = .fill(), alignment: Alignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows for a table, fetched lazily: the table asks only for the rows it shows, so a data source can
/// page them in from a database.
public protocol TableDataSource {
    /// How many rows there are.
    var rowCount: Int { get }
    /// The cells of row `index` (one per column). Called only for visible rows.
    func cells(forRow index: Int) -> [TableCell]
}

/// An in-memory data source.
public struct TableRows: TableDataSource, Sendable {
    public var rows: [[TableCell]]
    public init(_ rows: [[TableCell]]) { self.rows = rows }
    public var rowCount: Int { rows.count }
    public func cells(forRow index: Int) -> [TableCell] { rows[index] }
}

/// A virtualized table: header with sort indicator, a mark column, the selected row highlighted, and a
/// scrollbar. Wide characters are aligned by display width; long cells end in `…`.
public struct Table<Source: TableDataSource>: Widget {
    public var columns: [TableColumn]
    public var source: Source
    public var state: TableState
    public var focused: Bool
    public var emptyText: String

    public init(
        columns: [TableColumn], source: Source, state: TableState, focused: Bool = true, emptyText: String = "no rows"
    ) {
        self.columns = columns
        self.source = source
        self.state = state
        self.focused = focused
        self.emptyText = emptyText
    }

    /// How many rows fit in `area` (below the header).
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// The widths the columns get at `width` (after the mark column, and a gap and the scrollbar on the right).
    public func columnWidths(for width: Int) -> [Int] {
        Layout.horizontal(columns.map(\.width), spacing: 1).lengths(for: max(0, width - 4))
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0, area.width > 3 else { return }
        let widths = columnWidths(for: area.width)
        // Header.
        let header = area.row(0)
        buffer.fill(header, with: .blank(Style(.header)))
        var x = area.x + 2
        for (index, column) in columns.enumerated() {
            var title = column.title
            if state.sortColumn == index { title += state.ascending ? " ▲" : " ▼" }
            buffer.write(
                title, in: Rect(x: x, y: header.y, width: widths[index], height: 1), style: Style(.header),
                alignment: column.alignment)
            x += widths[index] + 1
        }
        let visible = Self.visibleRows(in: area)
        let rowCount = source.rowCount
        if rowCount == 0 {
            if visible > 0 {
                buffer.write(emptyText, in: area.row(1 + (visible - 1) / 2), style: Style(.muted), alignment: .center)
            }
            return
        }
        let offset = TableState.visibleOffset(
            selected: state.selected, offset: state.offset, rowCount: rowCount, visibleRows: visible)
        for row in 0..<visible {
            let index = offset + row
            guard index < rowCount else { break }
            let line = area.row(row + 1)
            let selected = index == state.selected
            let marked = state.marks.contains(index)
            let rowRole: Role? = selected ? (focused ? .selection : .muted) : (marked ? .mark : nil)
            let rowStyle = Style(rowRole ?? .text, adding: selected && !focused ? .reverse : [])
            buffer.fill(Rect(x: line.x, y: line.y, width: line.width - 1, height: 1), with: .blank(rowStyle))
            buffer.write(
                marked ? "●" : " ", at: Point(x: line.x, y: line.y),
                style: marked && !selected ? Style(.mark) : rowStyle)
            let cells = source.cells(forRow: index)
            var cellX = line.x + 2
            for (column, width) in widths.enumerated() {
                let cell = column < cells.count ? cells[column] : TableCell("")
                let style = rowRole == nil ? Style(cell.role ?? .text) : rowStyle
                buffer.write(
                    cell.text, in: Rect(x: cellX, y: line.y, width: width, height: 1), style: style,
                    alignment: columns[column].alignment)
                cellX += width + 1
            }
        }
        ScrollBar(total: rowCount, visible: visible, offset: offset)
            .draw(into: &buffer, area: Rect(x: area.maxX - 1, y: area.y + 1, width: 1, height: visible))
    }
}
