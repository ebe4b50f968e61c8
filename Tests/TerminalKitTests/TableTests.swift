import TerminalKit
import Testing

/// Counts which rows a table asks for, to prove it only reads what it shows.
final class CountingSource: TableDataSource {
    let rowCount: Int
    private(set) var requested: Set<Int> = []

    init(rowCount: Int) { self.rowCount = rowCount }

    func cells(forRow index: Int) -> [TableCell] {
        requested.insert(index)
        return [TableCell("row \(index)")]
    }
}

@Suite("Table")
struct TableTests {
    @Test("the table asks its data source only for the rows it shows")
    func virtualized() {
        let source = CountingSource(rowCount: 1_000_000)
        var state = TableState()
        _ = state.handle("G", rowCount: source.rowCount, columnCount: 1, visibleRows: 9)
        var buffer = Buffer(size: Size(width: 30, height: 10))
        buffer.render(Table(columns: [TableColumn("Name")], source: source, state: state), in: buffer.area)
        #expect(source.requested == Set(999_991..<1_000_000))
        #expect(buffer.line(9).contains("row 999999"))
    }

    @Test("j, k, page and end keys move the selection and keep it in view")
    func navigation() {
        var state = TableState()
        for key: Key in ["j", "j", "down"] { _ = state.handle(key, rowCount: 100, columnCount: 3, visibleRows: 10) }
        #expect(state.selected == 3)
        _ = state.handle("pgdn", rowCount: 100, columnCount: 3, visibleRows: 10)
        #expect(state.selected == 13)
        #expect(state.offset == 4)
        _ = state.handle("G", rowCount: 100, columnCount: 3, visibleRows: 10)
        #expect(state.selected == 99)
        #expect(state.offset == 90)
        _ = state.handle("k", rowCount: 100, columnCount: 3, visibleRows: 10)
        #expect(state.offset == 90)
        _ = state.handle("g", rowCount: 100, columnCount: 3, visibleRows: 10)
        #expect(state.selected == 0)
        #expect(state.offset == 0)
    }

    @Test("space marks the row and moves on; esc clears the marks")
    func marks() {
        var state = TableState()
        _ = state.handle("space", rowCount: 5, columnCount: 1, visibleRows: 5)
        _ = state.handle("space", rowCount: 5, columnCount: 1, visibleRows: 5)
        #expect(state.marks == [0, 1])
        #expect(state.selected == 2)
        let cleared = state.handle("esc", rowCount: 5, columnCount: 1, visibleRows: 5)
        #expect(cleared)
        #expect(state.marks.isEmpty)
        let handledAgain = state.handle("esc", rowCount: 5, columnCount: 1, visibleRows: 5)
        #expect(handledAgain == false)
    }

    @Test("s cycles the sort column and S reverses it; the header shows the direction")
    func sorting() {
        var state = TableState()
        _ = state.handle("s", rowCount: 3, columnCount: 2, visibleRows: 3)
        _ = state.handle("s", rowCount: 3, columnCount: 2, visibleRows: 3)
        _ = state.handle("S", rowCount: 3, columnCount: 2, visibleRows: 3)
        #expect(state.sortColumn == 1)
        #expect(state.ascending == false)
        var buffer = Buffer(size: Size(width: 30, height: 3))
        let columns = [TableColumn("Name"), TableColumn("City")]
        buffer.render(Table(columns: columns, source: TableRows([["a", "b"]]), state: state), in: buffer.area)
        #expect(buffer.line(0).contains("City ▼"))
    }

    @Test("a table with CJK and emoji columns stays aligned")
    func wideCharactersAlign() {
        var buffer = Buffer(size: Size(width: 60, height: 10))
        buffer.render(
            Table(columns: Fixtures.columns, source: TableRows(Fixtures.rows), state: TableState()), in: buffer.area)
        let widths = Table(columns: Fixtures.columns, source: TableRows(Fixtures.rows), state: TableState())
            .columnWidths(for: 60)
        let cityStart = 2 + widths[0] + 1
        for y in 1..<9 {
            // Each row is exactly the buffer's width, and the City column starts at the same column.
            #expect(DisplayWidth.of(buffer.line(y)) == 60)
            #expect(buffer[cityStart - 1, y]?.symbol == " ", "row \(y): \(buffer.line(y))")
            #expect(buffer[cityStart, y]?.isContinuation == false, "row \(y): \(buffer.line(y))")
        }
        #expect(buffer.line(5).hasPrefix("  北京数据科技有限公司… 北京"))
    }

    @Test("an empty table says so")
    func empty() {
        var buffer = Buffer(size: Size(width: 30, height: 5))
        buffer.render(
            Table(columns: [TableColumn("Name")], source: TableRows([]), state: TableState()), in: buffer.area)
        #expect(buffer.lines.contains { $0.contains("no rows") })
    }
}
