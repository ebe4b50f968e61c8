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

    /// The columns every title needs whole (with their numbers and separators).
    public var naturalWidth: Int {
        titles.enumerated().reduce(0) { $0 + DisplayWidth.of(" \($1.offset + 1) \($1.element) ") + 1 }
    }

    /// The titles as drawn in `width` columns: whole when they fit; else the longest titles other
    /// than the selected one lose characters first (ending in `…`, never below three), so every tab
    /// keeps its number and a recognisable start.
    public func fitted(width: Int) -> [String] {
        var shown = titles
        func total() -> Int {
            shown.enumerated().reduce(0) { $0 + DisplayWidth.of(" \($1.offset + 1) \($1.element) ") + 1 }
        }
        while total() > width {
            let candidates = shown.indices.filter { $0 != selected && shown[$0].count > 3 }
            guard let longest = candidates.max(by: { shown[$0].count < shown[$1].count }) else { break }
            // One character fewer: the last two go (the ellipsis, if any, and a letter), an ellipsis comes.
            shown[longest] = String(shown[longest].dropLast(2)) + "…"
        }
        return shown
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, with: .blank(Style(.border)))
        var x = row.x
        for (index, title) in fitted(width: row.width).enumerated() {
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
