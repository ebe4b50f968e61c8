/// A row of tab titles with the active one highlighted; titles that do not fit are cut with `…`.
public struct Tabs: Widget, Sendable {
    public var titles: [String]
    public var selected: Int

    public init(_ titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    /// The index after `selected`, wrapping (for Tab / `]`).
    public static func next(_ selected: Int, count: Int) -> Int { count == 0 ? 0 : (selected + 1) % count }
    /// The index before `selected`, wrapping (for Shift-Tab / `[`).
    public static func previous(_ selected: Int, count: Int) -> Int { count == 0 ? 0 : (selected + count - 1) % count }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, with: .blank(Style(.border)))
        var x = row.x
        for (index, title) in titles.enumerated() {
            let label = " \(index + 1) \(title) "
            let room = row.maxX - x
            guard room > 1 else { break }
            let shown = DisplayWidth.truncate(label, to: room)
            let active = index == selected
            x += buffer.write(
                shown, at: Point(x: x, y: row.y),
                style: Style(active ? .selection : .muted, adding: active ? .bold : []))
            if x < row.maxX {
                x += buffer.write("│", at: Point(x: x, y: row.y), style: Style(.border))
            }
        }
    }
}
