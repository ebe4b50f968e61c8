/// The `?` overlay: every binding of the key table, grouped, filtered by what the user types.
public struct HelpOverlay: Widget, Sendable {
    public var sections: [HelpSection]
    public var filter: String
    public var scroll: Int

    /// Builds the overlay from a key table (the same one that handles the keys).
    public init<Action>(keys: KeyTable<Action>, filter: String = "", scroll: Int = 0) {
        self.sections = keys.helpSections(filter: filter)
        self.filter = filter
        self.scroll = scroll
    }

    /// Edits the filter with typed characters and backspace; returns false for keys it does not use
    /// (the caller closes the overlay on Esc or `?`).
    public static func editFilter(_ filter: inout String, with key: Key) -> Bool {
        if key.code == .backspace {
            if !filter.isEmpty { filter.removeLast() }
            return true
        }
        guard let character = key.typedCharacter, character != "?" else { return false }
        filter.append(character)
        return true
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let box = area.centered(Size(width: min(area.width - 2, 72), height: area.height - 2))
        let panel = Panel(title: "Keys", focused: true, fill: .dialog, trailingTitle: "esc closes")
        buffer.fill(box, with: .blank(Style(.dialog)))
        panel.draw(into: &buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        guard inner.height > 1 else { return }
        buffer.write(
            "filter: " + filter + (filter.isEmpty ? "type to filter" : ""), in: inner.row(0),
            style: Style(filter.isEmpty ? .muted : .accent))
        var rows: [(String, String, Role)] = []
        for section in sections {
            rows.append((section.group, "", .title))
            for row in section.rows { rows.append((row.key, row.label, .text)) }
        }
        if rows.isEmpty { rows.append(("", "no key matches “\(filter)”", .muted)) }
        let keyWidth = min(16, rows.map { DisplayWidth.of($0.0) }.max() ?? 0)
        for line in 0..<(inner.height - 1) {
            let index = scroll + line
            guard index < rows.count else { break }
            let (key, text, role) = rows[index]
            let y = inner.y + 1 + line
            if role == .title {
                buffer.write(
                    key, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.header, adding: .bold)
                )
            } else {
                buffer.write(
                    key, in: Rect(x: inner.x + 1, y: y, width: keyWidth, height: 1),
                    style: Style(.accent, adding: .bold))
                buffer.write(
                    text, in: Rect(x: inner.x + keyWidth + 3, y: y, width: inner.width - keyWidth - 3, height: 1),
                    style: Style(role == .muted ? .muted : .dialog))
            }
        }
    }
}
