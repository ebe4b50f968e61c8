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
        case exportData
    }

    static let keys = KeyTable<Intent>([
        KeyBinding(["p"], hint: "password", "Change your password", group: "Profile", action: .password),
        KeyBinding(
            ["x"], hint: "export data", "Export everything stored about you to a file", group: "Profile",
            action: .exportData),
        KeyBinding(["ctrl-r"], "Reload", group: "Profile", action: .send(.load)),
    ])

    private(set) var model: SupervisorProfileViewModel
    var password = PasswordForm()

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

    private mutating func sync() { password.sync(model.state.password) }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch password.handle(key) {
        case .closed: break
        case .handled: return KeyOutcome()
        case .submit(let current, let new, let confirmation):
            return KeyOutcome(effects: send(.changePassword(current: current, new: new, confirmation: confirmation)))
        }
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        switch intent {
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .password:
            password.open()
            return KeyOutcome()
        case .exportData:
            return KeyOutcome(effects: [.post(.exportMyData)])
        }
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let panel = Panel(title: "Profile", focused: !password.isOpen, border: .rounded)
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
            let (note, role) = PasswordForm.note(required: user.mustChangePassword)
            text.add(note, role, user.mustChangePassword ? .bold : [])
        } else {
            text.add(model.state.message ?? "loading…", model.state.message == nil ? .muted : .critical)
        }
        let height = password.isOpen ? max(0, inner.height - PasswordForm.height(in: area)) : inner.height
        text.draw(
            into: &frame.buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: height), scroll: 0)
        password.draw(into: &frame, area: area)
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
    func capturesText(on tab: ShellTab) -> Bool { password.isOpen }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        password.isOpen
            ? (PasswordForm.keys.helpSections(filter: filter), PasswordForm.keys.hints)
            : (Self.keys.helpSections(filter: filter), Self.keys.hints)
    }
    var isBusy: Bool { model.state.loading || model.state.password.saving }
}
