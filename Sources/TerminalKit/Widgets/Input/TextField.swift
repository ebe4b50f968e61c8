/// A one-line text input. The editing state is a ``LineEditor`` the application keeps; the field draws it,
/// scrolled horizontally so the cursor stays visible, with a placeholder when empty.
///
/// ```swift
/// TextField(editor: state.query, placeholder: "search", focused: true).draw(into: &frame.buffer, area: row)
/// frame.cursor = TextField(...).cursorPosition(in: row)
/// ```
public struct TextField: Widget, Sendable {
    public var editor: LineEditor
    public var placeholder: String
    public var focused: Bool
    /// Shows `•` for each character (passwords).
    public var masked: Bool

    public init(editor: LineEditor, placeholder: String = "", focused: Bool = false, masked: Bool = false) {
        self.editor = editor
        self.placeholder = placeholder
        self.focused = focused
        self.masked = masked
    }

    private var shownCharacters: [Character] {
        masked ? Array(repeating: "•", count: editor.characters.count) : editor.characters
    }

    /// The first column shown: 0 until the cursor would leave the field, then the cursor sits at the right edge.
    public func scrollColumn(width: Int) -> Int {
        let shown = shownCharacters
        let cursorColumn = DisplayWidth.of(String(shown[0..<editor.cursor]))
        return max(0, cursorColumn - max(0, width - 1))
    }

    /// Where the terminal cursor belongs when the field is focused.
    public func cursorPosition(in area: Rect) -> Point? {
        guard focused, area.width > 0, area.height > 0 else { return nil }
        let shown = shownCharacters
        let cursorColumn = DisplayWidth.of(String(shown[0..<editor.cursor]))
        return Point(x: area.x + cursorColumn - scrollColumn(width: area.width), y: area.y)
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let role: Role = focused ? .inputFocus : .input
        let row = area.row(0)
        buffer.fill(row, with: .blank(Style(role)))
        if editor.characters.isEmpty {
            buffer.write(
                DisplayWidth.truncate(placeholder, to: row.width), at: Point(x: row.x, y: row.y), style: Style(.muted))
        } else {
            let skip = scrollColumn(width: area.width)
            var column = 0
            var x = row.x
            for character in shownCharacters {
                let w = DisplayWidth.of(character)
                defer { column += w }
                if column < skip { continue }
                if x + w > row.maxX { break }
                x += buffer.write(String(character), at: Point(x: x, y: row.y), style: Style(role))
            }
        }
        if focused, let cursor = cursorPosition(in: area) {
            // Also mark the cursor cell, so it shows in snapshots and on terminals that hide the cursor.
            let cell = buffer[cursor.x, cursor.y] ?? .blank()
            buffer.set(Cell(symbol: cell.symbol, width: cell.width, style: Style(.cursor)), at: cursor)
        }
    }
}
