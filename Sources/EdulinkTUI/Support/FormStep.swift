import TerminalKit

/// What a key did to a small form that `esc` closes and that is sent from its last field (`enter`)
/// or from anywhere (`ctrl-s`): the password form, the new registration code.
enum FormStep {
    case close
    /// Send the form as it is now.
    case submit(FormState)
    /// Keep editing the form as it is now.
    case edit(FormState)
}

extension FormState {
    /// `esc` closes, `ctrl-s` sends, `enter` moves to the next field and sends from the last one;
    /// any other key edits the focused field.
    func step(_ key: Key) -> FormStep {
        var next = self
        switch key {
        case "esc": return .close
        case "ctrl-s": return .submit(next)
        default:
            guard next.handle(key) == .submitted else { return .edit(next) }
            guard next.focus == next.fields.count - 1 else {
                next.focus += 1
                return .edit(next)
            }
            return .submit(next)
        }
    }
}

extension FormState {
    /// Draws the form in a focused panel titled `title` over `box` (cleared first), with the cursor.
    func drawPanel(_ title: String, into frame: inout Frame, box: Rect) {
        frame.buffer.fill(box, with: .blank(Style(.text)))
        let panel = Panel(title: title, focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: box)
        let body = panel.inner(box).inset(horizontal: 1)
        let widget = Form(state: self, focused: true)
        widget.draw(into: &frame.buffer, area: body)
        frame.cursor = widget.cursorPosition(in: body)
    }
}
