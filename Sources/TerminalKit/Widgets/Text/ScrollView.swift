/// The scroll position of long content (a log, a detail pane).
public struct ScrollState: Hashable, Sendable {
    public var offset: Int = 0
    public init(offset: Int = 0) { self.offset = offset }

    /// Scroll keys: up/down/k/j, page up/down, home/end (g/G). Returns false for other keys.
    public mutating func handle(_ key: Key, contentHeight: Int, viewportHeight: Int) -> Bool {
        let page = max(1, viewportHeight - 1)
        switch key {
        case "up", "k": offset -= 1
        case "down", "j": offset += 1
        case "pgup", "ctrl-b": offset -= page
        case "pgdn", "ctrl-f", "space": offset += page
        case "home", "g": offset = 0
        case "end", "G": offset = contentHeight
        default: return false
        }
        offset = max(0, min(offset, contentHeight - viewportHeight))
        return true
    }
}

/// Lines of text in a viewport with a scrollbar; long lines are wrapped.
public struct ScrollView: Widget, Sendable {
    public var text: String
    public var state: ScrollState
    public var style: Style

    public init(_ text: String, state: ScrollState, style: Style = .plain) {
        self.text = text
        self.state = state
        self.style = style
    }

    /// How many rows the content needs at `width` (one column goes to the scrollbar).
    public func contentHeight(width: Int) -> Int { TextWrap.lines(text, width: max(1, width - 1)).count }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let width = max(1, area.width - 1)
        let lines = TextWrap.lines(text, width: width)
        let offset = max(0, min(state.offset, lines.count - area.height))
        for row in 0..<area.height {
            let index = offset + row
            guard index < lines.count else { break }
            buffer.write(lines[index].text, at: Point(x: area.x, y: area.y + row), style: style, maxWidth: width)
        }
        ScrollBar(total: lines.count, visible: area.height, offset: offset)
            .draw(into: &buffer, area: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height))
    }
}
