/// Something that paints itself into a buffer, within a rectangle. Widgets are values built fresh each
/// frame from the application's state; the state that must survive frames (a cursor, a scroll offset)
/// lives in a separate value the application keeps.
public protocol Widget {
    func draw(into buffer: inout Buffer, area: Rect)
}

extension Buffer {
    /// Draws `widget` in `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.draw(into: &self, area: area)
    }
}
