import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The supervisor's Profile tab: their account and side, capacity and load; `p` changes their
/// password (the current one first, the new one twice, never shown).
struct SupervisorProfileScreen {
    enum Intent: Hashable {
        case send(SupervisorProfileViewModel.Intent)
        case password
    }

    static let keys = KeyTable<Intent>([
        KeyBinding(["p"], hint: "password", "Change your password", group: "Profile", action: .password),
        KeyBinding(["ctrl-r"], "Reload", group: "Profile", action: .send(.load)),
    ])

    static let formKeys = KeyTable<String>([
        KeyBinding(
            ["enter", "ctrl-s"], hint: "change", "Next field; on the last one (or ctrl-s) change the password",
            group: "Password", action: "submit"),
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Password", action: "next"),
        KeyBinding(["esc"], hint: "cancel", "Close without changing it", group: "Password", action: "close"),
    ])

    private(set) var model: SupervisorProfileViewModel
    /// The password form, while open.
    var form: FormState?

    init(model: SupervisorProfileViewModel) { self.model = model }

    mutating func send(_ intent: SupervisorProfileViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "supervisor-profile.") { AppMessage.supervisorProfile($0) }
        sync()
        return effects
    }

    mutating func receive(_ message: SupervisorProfileViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "supervisor-profile.") { AppMessage.supervisorProfile($0) }
        sync()
        return effects
    }

    /// Opens the form for an account that must set its password, closes it once the password
    /// changed, and puts the errors on their fields.
    private mutating func sync() {
        if model.state.passwordChanged { form = nil }
        if form == nil, !model.state.passwordChanged, model.state.profile?.user.mustChangePassword == true {
            form = Self.passwordForm()
        }
        guard var current = form else { return }
        for error in model.state.fieldErrors {
            let id = error.field == "password" ? "new" : error.field == "current_password" ? "current" : error.field
            if let index = current.fields.firstIndex(where: { $0.id == id }) {
                current.fields[index].error = error.message
                current.focus = index
            }
        }
        form = current
    }

    static func passwordForm() -> FormState {
        FormState(fields: [
            FormField(id: "current", label: "Current", input: .text(LineEditor("", maxLength: 200), masked: true)),
            FormField(id: "new", label: "New", input: .text(LineEditor("", maxLength: 200), masked: true)),
            FormField(
                id: "confirmation", label: "New again", input: .text(LineEditor("", maxLength: 200), masked: true)),
        ])
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        if let current = form {
            switch current.step(key) {
            case .close: form = nil
            case .edit(let next): form = next
            case .submit(let next): return KeyOutcome(effects: submit(next))
            }
            return KeyOutcome()
        }
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        switch intent {
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .password:
            form = Self.passwordForm()
            return KeyOutcome()
        }
    }

    private mutating func submit(_ current: FormState) -> [Effect<AppMessage>] {
        form = current
        return send(
            .changePassword(
                current: current.value("current") ?? "", new: current.value("new") ?? "",
                confirmation: current.value("confirmation") ?? ""))
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let panel = Panel(title: "Profile", focused: form == nil, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        var text = StyledText()
        if let profile = model.state.profile {
            let user = profile.user
            text.add(user.displayName, .title, .bold)
            text.add("\(profile.title) · \(profile.kind.label) supervisor", .muted)
            text.gap()
            text.add("Email     \(user.email)")
            text.add("Phone     \(profile.phone ?? "—")")
            text.add(
                "Interns   \(profile.load) of \(profile.capacity) (upcoming and active placements)",
                profile.isFull ? .warning : .text)
            if let last = user.lastLoginAt { text.add("Last sign-in \(context.format.dateTime(last))", .muted) }
            text.gap()
            if user.mustChangePassword {
                text.add(
                    "You signed in with a one-time code: set your own password to start. Type the code as the "
                        + "current password.", .warning, .bold)
            } else {
                text.add("p changes your password.", .muted)
            }
        } else {
            text.add(model.state.message ?? "loading…", model.state.message == nil ? .muted : .critical)
        }
        let height = form == nil ? inner.height : max(0, inner.height - 9)
        text.draw(
            into: &frame.buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: height), scroll: 0)
        guard let form else { return }
        let box = Rect(x: area.x, y: area.maxY - min(area.height, 9), width: area.width, height: min(area.height, 9))
        form.drawPanel("Change your password", into: &frame, box: box)
    }
}

extension SupervisorProfileScreen: TabScreen {
    static var tab: ShellTab { .profile }
    static func own(_ message: AppMessage) -> SupervisorProfileViewModel.Message? {
        if case .supervisorProfile(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { form != nil }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        form == nil
            ? (Self.keys.helpSections(filter: filter), Self.keys.hints)
            : (Self.formKeys.helpSections(filter: filter), Self.formKeys.hints)
    }
    var isBusy: Bool { model.state.loading || model.state.saving }
}
