/// Draws a ``FormState``: labels in a right-aligned column (`*` marks required fields), inputs beside
/// them, and each error on the row under its field. Scrolls to keep the focused field visible.
public struct Form: Widget, Sendable {
    public var state: FormState
    public var focused: Bool

    public init(state: FormState, focused: Bool = true) {
        self.state = state
        self.focused = focused
    }

    private struct Placement {
        var field: Int
        var y: Int
        var height: Int
    }

    /// Where each field goes, relative to the top, including its error row.
    private func placements() -> [Placement] {
        var y = 0
        return state.fields.indices.map { index in
            let field = state.fields[index]
            let height = field.input.height + (field.error == nil ? 0 : 1)
            defer { y += height + 1 }
            return Placement(field: index, y: y, height: height)
        }
    }

    private func scroll(height: Int) -> Int {
        let all = placements()
        guard let focus = all.first(where: { $0.field == state.focus }) else { return 0 }
        return max(0, focus.y + focus.height - height)
    }

    private func labelWidth(for area: Rect) -> Int {
        min(area.width / 3, (state.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
    }

    /// The input rectangle of field `index` at `area`, if visible.
    public func inputRect(_ index: Int, in area: Rect) -> Rect? {
        let offset = scroll(height: area.height)
        guard let place = placements().first(where: { $0.field == index }) else { return nil }
        let y = area.y + place.y - offset
        guard y >= area.y, y < area.maxY else { return nil }
        let labels = labelWidth(for: area)
        let height = min(state.fields[index].input.height, area.maxY - y)
        return Rect(x: area.x + labels + 1, y: y, width: area.width - labels - 1, height: height)
    }

    /// Where the terminal cursor belongs (in the focused field).
    public func cursorPosition(in area: Rect) -> Point? {
        guard focused, state.fields.indices.contains(state.focus), let rect = inputRect(state.focus, in: area) else {
            return nil
        }
        switch state.fields[state.focus].input {
        case .text(let editor, _, let masked):
            return TextField(editor: editor, focused: true, masked: masked).cursorPosition(in: rect)
        case .multiline(let text, _): return TextArea(state: text, focused: true).cursorPosition(in: rect)
        case .dateTime(let date): return TextField(editor: date.editor, focused: true).cursorPosition(in: rect)
        case .choice: return nil
        }
    }

    /// Whether every option of a choice fits on its row as `(•) option`, two columns apart.
    static func choicesFit(_ options: [String], width: Int) -> Bool {
        options.reduce(0) { $0 + DisplayWidth.of("( ) \($1)") + 2 } - 2 <= width
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let labels = labelWidth(for: area)
        let offset = scroll(height: area.height)
        for place in placements() {
            let field = state.fields[place.field]
            let y = area.y + place.y - offset
            guard y + place.height > area.y, y < area.maxY else { continue }
            let isFocused = focused && place.field == state.focus
            if y >= area.y {
                let label = field.label + (field.required ? " *" : "")
                buffer.write(
                    label, in: Rect(x: area.x, y: y, width: labels, height: 1),
                    style: Style(isFocused ? .accent : .text, adding: isFocused ? .bold : []), alignment: .trailing)
            }
            guard let rect = inputRect(place.field, in: area) else { continue }
            switch field.input {
            case .text(let editor, let placeholder, let masked):
                TextField(editor: editor, placeholder: placeholder, focused: isFocused, masked: masked).draw(
                    into: &buffer, area: rect)
            case .multiline(let text, _):
                var sized = text
                sized.layout(width: max(1, rect.width - 1), height: rect.height)
                TextArea(state: sized, focused: isFocused).draw(into: &buffer, area: rect)
            case .dateTime(let date):
                TextField(editor: date.editor, placeholder: "YYYY-MM-DD HH:MM", focused: isFocused).draw(
                    into: &buffer, area: Rect(x: rect.x, y: rect.y, width: min(rect.width, 18), height: 1))
            case .choice(let options, let selected):
                if !Self.choicesFit(options, width: rect.width) {
                    // Too many to show side by side (a list of institutions): the chosen one between
                    // arrows, and where it stands in the list.
                    let current = options.indices.contains(selected) ? options[selected] : ""
                    let used = buffer.write(
                        "‹ \(current) ›", at: Point(x: rect.x, y: rect.y),
                        style: Style(isFocused ? .selection : .accent),
                        maxWidth: rect.width)
                    buffer.write(
                        "  \(selected + 1) of \(options.count) · ←/→",
                        in: Rect(x: rect.x + used, y: rect.y, width: max(0, rect.width - used), height: 1),
                        style: Style(.muted))
                    break
                }
                var x = rect.x
                for (index, option) in options.enumerated() {
                    let chosen = index == selected
                    let text = chosen ? "(•) \(option)" : "( ) \(option)"
                    guard x + DisplayWidth.of(text) <= rect.maxX else { break }
                    x +=
                        buffer.write(
                            text, at: Point(x: x, y: rect.y),
                            style: Style(chosen ? (isFocused ? .selection : .accent) : .text)) + 2
                }
            }
            if let error = field.error {
                let errorY = rect.y + field.input.height
                if errorY < area.maxY {
                    buffer.write(
                        "✗ " + error, in: Rect(x: rect.x, y: errorY, width: rect.width, height: 1),
                        style: Style(.critical))
                }
            }
        }
    }
}
