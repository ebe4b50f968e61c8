import EdulinkViewModels
import TerminalKit

/// The idle lock: after the configured idle minutes the screens are hidden until the password is
/// typed again; a wrong one may be retyped (the lockout rules count each try). ctrl-q signs out.
struct LockScreen {
    enum Intent: Hashable { case unlock, signOut }

    static let keys = KeyTable<Intent>([
        KeyBinding(["enter"], hint: "unlock", "Unlock with your password", group: "Locked", action: .unlock),
        KeyBinding(["ctrl-q"], hint: "sign out", "Sign out", group: "Locked", action: .signOut),
    ])

    var password = LineEditor(maxLength: 200)

    func draw(into frame: inout Frame, area: Rect, lock: SessionViewModel.Lock, user: String, context: DrawContext) {
        let box = area.centered(Size(width: min(area.width - 2, 60), height: 9))
        let panel = Panel(title: "Locked", focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        frame.buffer.write(
            "Locked after \(DisplayFormat.counted(lock.afterMinutes, "minute")) idle. Password for \(user):",
            in: inner.row(0), style: Style(.text))
        let row = inner.row(2)
        let widget = TextField(editor: password, placeholder: "password", focused: true, masked: true)
        widget.draw(into: &frame.buffer, area: row)
        frame.cursor = widget.cursorPosition(in: row)
        if lock.submitting {
            Spinner("checking…", now: context.tick).draw(into: &frame.buffer, area: inner.row(4))
        } else if let message = lock.message {
            frame.buffer.write("✗ " + message, in: inner.row(4), style: Style(EdulinkRoles.fieldError))
        }
        frame.buffer.write("enter unlock · ctrl-q sign out", in: inner.row(6), style: Style(.muted), alignment: .center)
    }
}
