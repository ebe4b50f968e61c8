import EdulinkViewModels
import TerminalKit

/// The "change your password" form of every Profile tab (`p`): the current password, the new one
/// twice, never shown. It opens by itself for an account that signed in with a one-time code and
/// closes once the password changed; the errors go under their fields.
struct PasswordForm {
    static let keys = KeyTable<String>([
        KeyBinding(
            ["enter", "ctrl-s"], hint: "change", "Next field; on the last one (or ctrl-s) change the password",
            group: "Password", action: "submit"),
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Password", action: "next"),
        KeyBinding(["esc"], hint: "cancel", "Close without changing it", group: "Password", action: "close"),
    ])

    /// What a key did to the form.
    enum Step {
        /// The form is closed: the key is the screen's.
        case closed
        case handled
        /// Change the password to these.
        case submit(current: String, new: String, confirmation: String)
    }

    /// The form, while open.
    private(set) var state: FormState?

    var isOpen: Bool { state != nil }

    mutating func open() {
        state = FormState(fields: [
            FormField(id: "current", label: "Current", input: .text(LineEditor("", maxLength: 200), masked: true)),
            FormField(id: "new", label: "New", input: .text(LineEditor("", maxLength: 200), masked: true)),
            FormField(
                id: "confirmation", label: "New again", input: .text(LineEditor("", maxLength: 200), masked: true)),
        ])
    }

    /// Follows the view-model: closes once changed, opens when a change is required, and puts the
    /// errors on their fields.
    mutating func sync(_ change: PasswordChange) {
        if change.changed { state = nil }
        if state == nil, !change.changed, change.required { open() }
        guard var current = state else { return }
        for error in change.fieldErrors {
            let id = error.field == "password" ? "new" : error.field == "current_password" ? "current" : error.field
            if let index = current.fields.firstIndex(where: { $0.id == id }) {
                current.fields[index].error = error.message
                current.focus = index
            }
        }
        state = current
    }

    mutating func handle(_ key: Key) -> Step {
        guard let current = state else { return .closed }
        switch current.step(key) {
        case .close: state = nil
        case .edit(let next): state = next
        case .submit(let next):
            state = next
            return .submit(
                current: next.value("current") ?? "", new: next.value("new") ?? "",
                confirmation: next.value("confirmation") ?? "")
        }
        return .handled
    }

    /// The rows the form takes at the bottom of `area`.
    static func height(in area: Rect) -> Int { min(area.height, 9) }

    /// Draws the open form over the bottom of `area`.
    func draw(into frame: inout Frame, area: Rect) {
        guard let state else { return }
        let height = Self.height(in: area)
        state.drawPanel(
            "Change your password", into: &frame,
            box: Rect(x: area.x, y: area.maxY - height, width: area.width, height: height))
    }

    /// The note that tells an account with a one-time code what to do, or how to change the password.
    static func note(required: Bool) -> (String, TerminalKit.Role) {
        required
            ? (
                "You signed in with a one-time code: set your own password to start. Type the code as the current "
                    + "password.", .warning
            )
            : ("p changes your password.", .muted)
    }
}
