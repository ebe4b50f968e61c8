/// A vertical scrollbar: a track with a thumb sized and placed by what is visible. Draws nothing when
/// everything fits.
public struct ScrollBar: Widget, Sendable {
    public var total: Int
    public var visible: Int
    public var offset: Int

    public init(total: Int, visible: Int, offset: Int) {
        self.total = total
        self.visible = visible
        self.offset = offset
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard total > visible, area.height > 0, area.width > 0 else { return }
        let track = area.height
        let thumb = max(1, track * visible / total)
        let maxOffset = max(1, total - visible)
        let start = min(track - thumb, (track - thumb) * min(offset, maxOffset) / maxOffset)
        for row in 0..<track {
            let isThumb = row >= start && row < start + thumb
            buffer.write(
                isThumb ? "█" : "│", at: Point(x: area.x, y: area.y + row), style: Style(isThumb ? .accent : .border))
        }
    }
}
