/// Two panes side by side (or stacked) with a divider line; narrow terminals can stack instead.
public struct SplitView: Sendable, Hashable {
    public var direction: Layout.Direction
    /// The first pane's share, in percent.
    public var ratio: Int
    public var focusFirst: Bool

    public init(_ direction: Layout.Direction = .horizontal, ratio: Int = 50, focusFirst: Bool = true) {
        self.direction = direction
        self.ratio = ratio
        self.focusFirst = focusFirst
    }

    /// Draws the divider and returns the two panes' rectangles.
    public func draw(into buffer: inout Buffer, area: Rect) -> (first: Rect, second: Rect) {
        let parts = Layout(direction, [.percent(ratio), .fixed(1), .fill()]).split(area)
        let divider = parts[1]
        let style = Style(.border)
        if direction == .horizontal {
            for y in divider.y..<divider.maxY { buffer.write("│", at: Point(x: divider.x, y: y), style: style) }
        } else if divider.height > 0 {
            buffer.write(
                String(repeating: "─", count: divider.width), at: Point(x: divider.x, y: divider.y), style: style)
        }
        return (parts[0], parts[2])
    }
}
