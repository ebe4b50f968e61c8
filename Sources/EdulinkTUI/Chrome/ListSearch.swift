import TerminalKit

/// The `/` search of a list narrowed as you type (the verification queue, organizations, an
/// employer's listings and applicants, placements, the short lists of `NarrowedList`): its line
/// editor, whether keys go to it, and its line drawn at the top of the list. The keys that give the
/// keys back to the list are Enter, Esc and ↓ (``doneKeys(_:backTo:)``); the query stays, and the
/// line with it, until it is emptied.
struct ListSearch {
    private(set) var editor = LineEditor(maxLength: 200)
    /// Whether keys go to the search line.
    private(set) var active = false

    var text: String { editor.text }

    /// Gives the keys to the search line.
    mutating func open() { active = true }

    /// Empties the line (the list it narrowed changed).
    mutating func clear() { replace(with: "") }

    /// Shows `text` instead, when the view-model changed its query on its own (a saved listing the
    /// query would hide drops the query).
    mutating func replace(with text: String) {
        guard text != editor.text else { return }
        editor = LineEditor(text, maxLength: 200)
    }

    /// The keys that give the keys back to the list while the line has them (Enter, Esc, ↓), as a
    /// screen's key table for that time (its status bar and help); `list` names what they go back to.
    static func doneKeys<Intent>(_ intent: Intent, backTo list: String = "the list") -> KeyTable<Intent> {
        KeyTable([
            KeyBinding(
                ["enter", "esc", "down"], hint: "done", "Back to \(list) (the search stays)", group: "Search",
                action: intent)
        ])
    }

    /// A key while the line is active, `done` being the screen's ``doneKeys(_:backTo:)``: the new text
    /// when the key changed it (the caller narrows the list with it), else nil (the line closed, or
    /// nothing changed).
    mutating func edit<Intent>(_ key: Key, done: KeyTable<Intent>) -> String? {
        if done.action(for: key) != nil {
            active = false
            return nil
        }
        let before = editor.text
        guard editor.handle(key) == .edited, editor.text != before else { return nil }
        return editor.text
    }

    /// Whether the line is drawn: while the search has the keys or a query narrows the list.
    var isShown: Bool { active || !editor.text.isEmpty }

    /// The rows of `area` left for the list below the line (all of them while it is not shown).
    func listArea(in area: Rect) -> Rect {
        guard isShown, area.height > 0 else { return area }
        return Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    }

    /// Draws the line (`/` and the field) on the first row of `area` while it is shown, and returns
    /// the rows left for the list.
    func draw(into frame: inout Frame, area: Rect, placeholder: String) -> Rect {
        guard isShown, area.height > 0 else { return area }
        let line = area.row(0).inset(horizontal: 1)
        frame.buffer.write("/", in: line, style: Style(active ? .accent : .muted, adding: .bold))
        let field = Rect(x: line.x + 2, y: line.y, width: max(0, line.width - 2), height: 1)
        let widget = TextField(editor: editor, placeholder: placeholder, focused: active)
        widget.draw(into: &frame.buffer, area: field)
        if active { frame.cursor = widget.cursorPosition(in: field) }
        return listArea(in: area)
    }
}
