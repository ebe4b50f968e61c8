/// What a table's keys do.
public enum TableAction: Hashable, Sendable {
    case up, down, pageUp, pageDown, first, last, toggleMark, markAll, clearMarks, nextSort, reverseSort
}

/// The part of a table that outlives a frame: selection, scroll, marks and sort order.
public struct TableState: Hashable, Sendable {
    /// The selected row (an index into the data source's rows).
    public var selected: Int = 0
    /// The first row shown.
    public var offset: Int = 0
    /// Marked rows (multi-selection for bulk actions).
    public var marks: Set<Int> = []
    /// The column sorted by, and its direction.
    public var sortColumn: Int?
    public var ascending = true

    public init(selected: Int = 0, sortColumn: Int? = nil, ascending: Bool = true) {
        self.selected = selected
        self.sortColumn = sortColumn
        self.ascending = ascending
    }

    /// The table's keys, for dispatch, the help overlay and hints.
    public static let keys = KeyTable<TableAction>([
        KeyBinding(["up", "k"], "Select the previous row", group: "Table", action: .up),
        KeyBinding(["down", "j"], "Select the next row", group: "Table", action: .down),
        KeyBinding(["pgup", "ctrl-b"], "Up one page", group: "Table", action: .pageUp),
        KeyBinding(["pgdn", "ctrl-f"], "Down one page", group: "Table", action: .pageDown),
        KeyBinding(["home", "g"], "First row", group: "Table", action: .first),
        KeyBinding(["end", "G"], "Last row", group: "Table", action: .last),
        KeyBinding(["space"], hint: "mark", "Mark or unmark the row", group: "Table", action: .toggleMark),
        KeyBinding(["ctrl-a"], "Mark every row", group: "Table", action: .markAll),
        KeyBinding(["esc"], "Clear the marks", group: "Table", action: .clearMarks),
        KeyBinding(["s"], hint: "sort", "Sort by the next column", group: "Table", action: .nextSort),
        KeyBinding(["S"], "Reverse the sort order", group: "Table", action: .reverseSort),
    ])

    /// Handles a table key; returns false for keys the table does not use. `visibleRows` is the page size.
    public mutating func handle(_ key: Key, rowCount: Int, columnCount: Int, visibleRows: Int) -> Bool {
        guard let action = Self.keys.action(for: key) else { return false }
        if action == .clearMarks && marks.isEmpty { return false }
        apply(action, rowCount: rowCount, columnCount: columnCount, visibleRows: visibleRows)
        return true
    }

    /// Performs a table action.
    public mutating func apply(_ action: TableAction, rowCount: Int, columnCount: Int, visibleRows: Int) {
        let page = max(1, visibleRows)
        switch action {
        case .up: selected -= 1
        case .down: selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .first: selected = 0
        case .last: selected = rowCount - 1
        case .toggleMark:
            if marks.remove(selected) == nil, selected < rowCount { marks.insert(selected) }
            selected += 1
        case .markAll: marks = Set(0..<rowCount)
        case .clearMarks: marks.removeAll()
        case .nextSort:
            guard columnCount > 0 else { return }
            sortColumn = ((sortColumn ?? -1) + 1) % columnCount
            ascending = true
        case .reverseSort: ascending.toggle()
        }
        clamp(rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Keeps the selection inside the rows and in view.
    public mutating func clamp(rowCount: Int, visibleRows: Int) {
        selected = max(0, min(selected, rowCount - 1))
        offset = Self.visibleOffset(selected: selected, offset: offset, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// The first row to show so that `selected` is visible, moving `offset` as little as possible.
    static func visibleOffset(selected: Int, offset: Int, rowCount: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0 else { return 0 }
        var first = offset
        if selected < first { first = selected }
        if selected >= first + visibleRows { first = selected - visibleRows + 1 }
        return max(0, min(first, rowCount - visibleRows))
    }
}
