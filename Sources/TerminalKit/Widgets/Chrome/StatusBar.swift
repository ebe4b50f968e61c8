/// The bottom line: segments on the left (mode, counts), key hints from the key table, and segments on
/// the right (clock, connection). Hints are dropped from the end when space runs out.
public struct StatusBar: Widget, Sendable {
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var role: Role
        public init(_ text: String, role: Role = .statusBar) {
            self.text = text
            self.role = role
        }
    }

    public var left: [Segment]
    public var hints: [KeyHint]
    public var right: [Segment]

    public init(left: [Segment] = [], hints: [KeyHint] = [], right: [Segment] = []) {
        self.left = left
        self.hints = hints
        self.right = right
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        let base = Style(.statusBar)
        buffer.fill(row, with: .blank(base))
        let rightText = right.map(\.text).joined(separator: "  ")
        let rightWidth = DisplayWidth.of(rightText)
        var x = row.x
        for segment in left {
            guard x < row.maxX else { break }
            x += buffer.write(
                " \(segment.text) ", at: Point(x: x, y: row.y), style: Style(segment.role, adding: .bold),
                maxWidth: row.maxX - x)
        }
        let hintsEnd = row.maxX - (rightWidth > 0 ? rightWidth + 2 : 0)
        x += 1
        for hint in hints {
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label) + 2
            guard x + width <= hintsEnd else { break }
            x += buffer.write(hint.key, at: Point(x: x, y: row.y), style: Style(.accent, adding: .bold))
            x += buffer.write(" " + hint.label + "  ", at: Point(x: x, y: row.y), style: base)
        }
        if rightWidth > 0, rightWidth + 1 < row.width {
            var rx = row.maxX - rightWidth - 1
            for (index, segment) in right.enumerated() {
                if index > 0 { rx += buffer.write("  ", at: Point(x: rx, y: row.y), style: base) }
                rx += buffer.write(
                    segment.text, at: Point(x: rx, y: row.y),
                    style: segment.role == .statusBar ? base : Style(segment.role))
            }
        }
    }
}
