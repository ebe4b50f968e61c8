/// A modal question: a confirmation (yes/no, with a default) or a prompt for a line of text.
public struct DialogState: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case confirm
        case prompt
    }

    /// How the dialog was closed.
    public enum Outcome: Hashable, Sendable {
        case pending
        case confirmed(String)
        case cancelled
    }

    public var kind: Kind
    public var title: String
    public var message: String
    /// For confirmations: whether "yes" is chosen (starts at the default).
    public var yesSelected: Bool
    /// For prompts: the answer being typed.
    public var input: LineEditor
    /// A dangerous action's dialog shows its title in the critical role.
    public var dangerous: Bool

    /// A yes/no question; `defaultYes` chooses what Enter does before the user moves.
    public static func confirm(_ title: String, message: String, defaultYes: Bool = false, dangerous: Bool = false)
        -> DialogState
    {
        DialogState(
            kind: .confirm, title: title, message: message, yesSelected: defaultYes, input: LineEditor(),
            dangerous: dangerous)
    }

    /// A question answered with text.
    public static func prompt(_ title: String, message: String, initial: String = "", maxLength: Int? = nil)
        -> DialogState
    {
        DialogState(
            kind: .prompt, title: title, message: message, yesSelected: true,
            input: LineEditor(initial, maxLength: maxLength), dangerous: false)
    }

    /// Left/right/Tab switch the choice, `y`/`n` answer directly, Enter confirms, Esc cancels; in a
    /// prompt, other keys edit the answer.
    public mutating func handle(_ key: Key) -> Outcome {
        if key.code == .escape { return .cancelled }
        switch kind {
        case .confirm:
            switch key {
            case "left", "right", "tab", "shift-tab", "h", "l": yesSelected.toggle()
            case "y", "Y": return .confirmed("yes")
            case "n", "N": return .cancelled
            case "enter": return yesSelected ? .confirmed("yes") : .cancelled
            default: break
            }
        case .prompt:
            if input.handle(key) == .submitted { return .confirmed(input.text) }
        }
        return .pending
    }
}

/// Draws a ``DialogState`` centred over whatever is behind it.
public struct Dialog: Widget, Sendable {
    public var state: DialogState
    public init(_ state: DialogState) { self.state = state }

    /// The dialog box within `area`.
    public func box(in area: Rect) -> Rect {
        let width = min(area.width - 4, max(36, min(60, DisplayWidth.of(state.message) + 6)))
        let messageHeight = TextWrap.lines(state.message, width: max(1, width - 4)).count
        return area.centered(Size(width: width, height: messageHeight + 6))
    }

    /// Where the cursor goes (prompts only).
    public func cursorPosition(in area: Rect) -> Point? {
        guard state.kind == .prompt else { return nil }
        let box = self.box(in: area)
        return TextField(editor: state.input, focused: true).cursorPosition(in: inputRow(box))
    }

    private func inputRow(_ box: Rect) -> Rect { Rect(x: box.x + 2, y: box.maxY - 4, width: box.width - 4, height: 1) }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let box = self.box(in: area)
        buffer.fill(box, with: .blank(Style(.dialog)))
        Panel(title: state.title, focused: true, border: .rounded, fill: .dialog).draw(into: &buffer, area: box)
        if state.dangerous {
            buffer.write(
                " \(state.title) ", at: Point(x: box.x + 2, y: box.y), style: Style(.critical, adding: .bold),
                maxWidth: box.width - 4)
        }
        let body = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 5)
        Paragraph(state.message, style: Style(.dialog)).draw(into: &buffer, area: body)
        let buttons = Rect(x: box.x + 2, y: box.maxY - 2, width: box.width - 4, height: 1)
        switch state.kind {
        case .confirm:
            let yes = state.yesSelected
            var x = buttons.x + max(0, (buttons.width - 18) / 2)
            x += buffer.write(
                "[ Yes ]", at: Point(x: x, y: buttons.y),
                style: Style(yes ? .selection : .dialog, adding: yes ? .bold : []))
            x += 4
            buffer.write(
                "[ No ]", at: Point(x: x, y: buttons.y),
                style: Style(yes ? .dialog : .selection, adding: yes ? [] : .bold))
        case .prompt:
            TextField(editor: state.input, focused: true).draw(into: &buffer, area: inputRow(box))
            buffer.write("enter ok · esc cancel", in: buttons, style: Style(.muted), alignment: .trailing)
        }
    }
}
