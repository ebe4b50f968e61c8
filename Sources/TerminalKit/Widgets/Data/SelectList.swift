/// The state of a single-choice list: the items, the selection, and a type-to-filter query.
public struct SelectListState: Hashable, Sendable {
    public var items: [String]
    /// The selected index into ``visibleItems``.
    public var selected: Int = 0
    public var offset: Int = 0
    /// Items containing this text (case-insensitive) are shown; empty shows all.
    public var filter: String = "" {
        didSet { selected = 0 }
    }

    public init(items: [String], selected: Int = 0) {
        self.items = items
        self.selected = selected
    }

    /// Indices into `items` that pass the filter.
    public var visibleItems: [Int] {
        guard !filter.isEmpty else { return Array(items.indices) }
        let needle = filter.lowercased()
        return items.indices.filter { items[$0].lowercased().contains(needle) }
    }

    /// The chosen item, if any passes the filter.
    public var selectedItem: String? {
        let visible = visibleItems
        return visible.indices.contains(selected) ? items[visible[selected]] : nil
    }

    /// Up/down/home/end/page keys move; printable characters and backspace edit the filter. Returns
    /// `.submitted` on Enter, `.ignored` for other keys.
    public mutating func handle(_ key: Key, visibleRows: Int = 10) -> LineEditor.Outcome {
        let count = visibleItems.count
        switch key.code {
        case .up: selected -= 1
        case .down: selected += 1
        case .pageUp: selected -= max(1, visibleRows)
        case .pageDown: selected += max(1, visibleRows)
        case .home: selected = 0
        case .end: selected = count - 1
        case .enter: return .submitted
        case .backspace:
            guard !filter.isEmpty else { return .ignored }
            filter.removeLast()
        case .character where key.typedCharacter != nil:
            if let character = key.typedCharacter { filter.append(character) }
        default: return .ignored
        }
        let visibleCount = visibleItems.count
        selected = max(0, min(selected, visibleCount - 1))
        offset = TableState.visibleOffset(
            selected: selected, offset: offset, rowCount: visibleCount, visibleRows: visibleRows)
        return .edited
    }
}

/// A list of choices with the selected one highlighted, a filter line when filtering, and a scrollbar.
public struct SelectList: Widget, Sendable {
    public var state: SelectListState
    public var focused: Bool

    public init(state: SelectListState, focused: Bool = true) {
        self.state = state
        self.focused = focused
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        var list = area
        if !state.filter.isEmpty {
            buffer.write("/ " + state.filter, in: area.row(0), style: Style(.accent))
            list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        let visible = state.visibleItems
        if visible.isEmpty {
            buffer.write("no matches", in: list.row(0), style: Style(.muted))
            return
        }
        let offset = TableState.visibleOffset(
            selected: state.selected, offset: state.offset, rowCount: visible.count, visibleRows: list.height)
        for row in 0..<list.height {
            let index = offset + row
            guard index < visible.count else { break }
            let isSelected = index == state.selected
            let style = Style(isSelected ? (focused ? .selection : .accent) : .text)
            let marker = isSelected ? "› " : "  "
            buffer.write(
                marker + state.items[visible[index]],
                in: Rect(x: list.x, y: list.y + row, width: list.width - 1, height: 1), style: style)
        }
        ScrollBar(total: visible.count, visible: list.height, offset: offset)
            .draw(into: &buffer, area: Rect(x: list.maxX - 1, y: list.y, width: 1, height: list.height))
    }
}
