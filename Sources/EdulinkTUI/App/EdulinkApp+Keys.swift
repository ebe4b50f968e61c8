import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// What the shell's own keys do.
enum GlobalIntent: Hashable { case help, command, tab, nextTab, previousTab, quit, redraw, back }

extension EdulinkApp {
    static let globalKeys = KeyTable<GlobalIntent>([
        KeyBinding(["?"], hint: "help", "This help (type to filter it)", group: "Everywhere", action: .help),
        KeyBinding(
            [":"], hint: "cmd",
            "Command line: a tab by name, :theme NAME, :password, :export-my-data, :help, :logout, :quit",
            group: "Everywhere", action: .command),
        KeyBinding(
            ["1", "2", "3", "4", "5", "6", "7"], "Switch to the tab with that number", group: "Everywhere", action: .tab
        ),
        KeyBinding(["]"], "Next tab", group: "Everywhere", action: .nextTab),
        KeyBinding(["["], "Previous tab", group: "Everywhere", action: .previousTab),
        KeyBinding(["q"], hint: "quit", "Back; quit from a tab", group: "Everywhere", action: .quit),
        KeyBinding(["esc"], "Back or cancel (never quits)", group: "Everywhere", action: .back),
        KeyBinding(["ctrl-l"], "Redraw the screen", group: "Everywhere", action: .redraw),
        KeyBinding(["ctrl-c"], "Quit", group: "Everywhere", action: .quit),
    ])

    /// Routes a key: lock, login, dialog, help, command line, the screen on top, then the shell.
    mutating func handleKey(_ key: Key, area: Rect) -> ([Effect<AppMessage>], Command<AppMessage>) {
        if key == "ctrl-c" {
            // A second ctrl-c while the app asks about unsaved changes quits without asking again.
            if case .leave? = dialog?.purpose { return ([], .quit) }
            return leave(quitting: true)
        }
        if key == "ctrl-l" { return ([], .redraw) }
        guard user != nil else {
            return (apply(login.handle(key), area: area), .none)
        }
        let effects = sessionSend(.input)
        // The question about unsaved changes is answered even over the idle lock (ctrl-c there asks it).
        if case .leave? = dialog?.purpose { return dialogKey(key, area: area, effects: effects) }
        if session.isLocked { return (effects + lockKey(key), .none) }
        if dialog != nil { return dialogKey(key, area: area, effects: effects) }
        if help != nil { return (effects + helpKey(key), .none) }
        if commandLine != nil { return commandKey(key, area: area, effects: effects) }
        if passwordForm.isOpen { return (effects + passwordKey(key), .none) }

        let outcome = screenKey(key, area: area)
        let screenEffects = effects + apply(outcome, area: area)
        if outcome.handled || capturesText { return (screenEffects, .none) }
        return global(key, area: area, effects: screenEffects)
    }

    private mutating func dialogKey(_ key: Key, area: Rect, effects: [Effect<AppMessage>]) -> (
        [Effect<AppMessage>], Command<AppMessage>
    ) {
        guard let current = dialog else { return (effects, .none) }
        var state = current.state
        switch state.handle(key) {
        case .pending:
            dialog = (state, current.purpose)
            return (effects, .none)
        case .cancelled:
            dialog = nil
            return (effects + answer(current.purpose, confirmed: nil, area: area), .none)
        case .confirmed(let text):
            dialog = nil
            if case .leave(let quit) = current.purpose {
                return quit ? (effects, .quit) : (effects + sessionSend(.signOut), .none)
            }
            return (effects + answer(current.purpose, confirmed: text, area: area), .none)
        }
    }

    /// Whether the focused screen takes typed characters (so `q` or `1` are text, not commands).
    var capturesText: Bool {
        if apply != nil || passwordForm.isOpen { return true }
        if detail != nil { return false }
        return hostIndex(for: tab).map { hosted[$0].capturesText(on: tab) } ?? false
    }

    private mutating func screenKey(_ key: Key, area: Rect) -> KeyOutcome {
        let context = drawContext(tick: .zero)
        if apply != nil { return apply?.handle(key, area: area) ?? .unhandled }
        if detail != nil { return detail?.handle(key, area: area, context: context) ?? .unhandled }
        guard let index = hostIndex(for: tab) else { return .unhandled }
        return hosted[index].handle(key, on: tab, area: area, context: context)
    }

    /// Carries out what a screen asked of the shell.
    private mutating func apply(_ outcome: KeyOutcome, area: Rect) -> [Effect<AppMessage>] {
        var effects = outcome.effects
        switch outcome.request {
        case .pop?:
            if apply != nil { apply = nil } else { detail = nil }
        case .dialog(let state, let purpose)?:
            dialog = (state, purpose)
        case .openListing(let id)?:
            effects += openListing(id)
        case nil:
            break
        }
        return effects
    }

    private mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>] {
        switch purpose {
        case .submitApplication: return confirmed != nil ? apply?.submit() ?? [] : []
        case .leave: return []
        default:
            for index in hosted.indices {
                if let effects = hosted[index].answer(purpose, confirmed: confirmed, area: area) { return effects }
            }
            return []
        }
    }

    /// What quitting or signing out now would lose: the edits that are not saved, by where they are.
    /// The apply form is not among them: it keeps a draft.
    var unsavedWork: [String] { hosted.flatMap(\.unsavedWork) }

    /// Quits (or signs out) at once when nothing would be lost; otherwise asks first.
    mutating func leave(quitting: Bool) -> ([Effect<AppMessage>], Command<AppMessage>) {
        let work = unsavedWork
        guard !work.isEmpty else { return quitting ? ([], .quit) : (sessionSend(.signOut), .none) }
        let verb = quitting ? "Quit" : "Sign out"
        dialog = (
            .confirm(
                "\(verb) without saving?",
                message: "Changes to \(work.joined(separator: " and ")) are not saved. \(verb) and lose them?",
                dangerous: true),
            .leave(quit: quitting)
        )
        return ([], .none)
    }

    private mutating func lockKey(_ key: Key) -> [Effect<AppMessage>] {
        if let intent = LockScreen.keys.action(for: key) {
            switch intent {
            case .unlock: return sessionSend(.unlock)
            // Signing out from the lock asks first when edits are not saved, as :logout does.
            case .signOut: return leave(quitting: false).0
            }
        }
        guard lock.password.handle(key) == .edited else { return [] }
        return sessionSend(.setLockPassword(lock.password.text))
    }

    private mutating func helpKey(_ key: Key) -> [Effect<AppMessage>] {
        guard var state = help else { return [] }
        switch key {
        case "esc", "?":
            help = nil
            return []
        case "down", "ctrl-n": state.scroll += 1
        case "up", "ctrl-p": state.scroll = max(0, state.scroll - 1)
        default:
            if HelpOverlay.editFilter(&state.filter, with: key) { state.scroll = 0 }
        }
        help = state
        return []
    }

    private mutating func global(_ key: Key, area: Rect, effects: [Effect<AppMessage>]) -> (
        [Effect<AppMessage>], Command<AppMessage>
    ) {
        guard let intent = Self.globalKeys.action(for: key) else { return (effects, .none) }
        switch intent {
        case .help:
            help = ("", 0)
        case .command:
            commandLine = CommandLineState(history: commandHistory)
        case .tab:
            guard case .character(let character) = key.code, let number = character.wholeNumberValue,
                tabs.indices.contains(number - 1)
            else { return (effects, .none) }
            return (effects + show(tabs[number - 1], area: area), .none)
        case .nextTab, .previousTab:
            guard let index = tabs.firstIndex(of: tab) else { return (effects, .none) }
            let next =
                intent == .nextTab ? Tabs.next(index, count: tabs.count) : Tabs.previous(index, count: tabs.count)
            return (effects + show(tabs[next], area: area), .none)
        case .quit:
            if apply != nil || detail != nil {
                if apply != nil { apply = nil } else { detail = nil }
                return (effects, .none)
            }
            let (more, command) = leave(quitting: true)
            return (effects + more, command)
        case .back:
            if apply != nil { apply = nil } else if detail != nil { detail = nil }
        case .redraw:
            return (effects, .redraw)
        }
        return (effects, .none)
    }

    /// The hints and help of whatever has the keys now.
    var activeHelp: (sections: [HelpSection], hints: [KeyHint]) {
        func pack<A>(_ table: KeyTable<A>) -> (sections: [HelpSection], hints: [KeyHint]) {
            let filter = help?.filter ?? ""
            return (table.helpSections(filter: filter), table.hints)
        }
        if session.isLocked { return pack(LockScreen.keys) }
        if passwordForm.isOpen { return pack(PasswordForm.keys) }
        if apply != nil { return pack(ApplyFormScreen.keys.merged(with: ApplyFormScreen.fieldKeys)) }
        if let detail { return pack(detail.keys.merged(with: ListingDetailScreen.scrollKeys)) }
        guard let index = hostIndex(for: tab) else { return ([], []) }
        return hosted[index].help(for: tab, filter: help?.filter ?? "")
    }
}
