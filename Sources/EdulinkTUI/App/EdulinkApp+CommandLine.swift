import EdulinkCore
import EdulinkViewModels
import TerminalKit

extension EdulinkApp {
    /// Everything `:` completes: the role's tabs, the themes, and the shell's commands.
    var commandCompletions: [String] {
        tabs.map(\.rawValue) + environment.themes.availableNames().map { "theme " + $0 } + [
            "help", "password", "export-my-data", "logout", "quit",
        ]
    }

    mutating func commandKey(_ key: Key, area: Rect, effects: [Effect<AppMessage>]) -> (
        [Effect<AppMessage>], Command<AppMessage>
    ) {
        guard var state = commandLine else { return (effects, .none) }
        switch state.handle(key, commands: commandCompletions) {
        case .edited:
            commandLine = state
            return (effects, .none)
        case .cancelled:
            commandLine = nil
            return (effects, .none)
        case .submitted(let text):
            commandLine = nil
            if !text.isEmpty, commandHistory.last != text { commandHistory.append(text) }
            return run(command: text, area: area, effects: effects)
        }
    }

    private mutating func run(command text: String, area: Rect, effects: [Effect<AppMessage>]) -> (
        [Effect<AppMessage>], Command<AppMessage>
    ) {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first else { return (effects, .none) }
        if let tab = ShellTab(rawValue: name) {
            guard tabs.contains(tab) else {
                return (effects + toast(":\(name) is not one of your tabs here.", error: true), .none)
            }
            return (effects + show(tab, area: area), .none)
        }
        switch name {
        case "quit", "q", "logout":
            let (more, command) = leave(quitting: name != "logout")
            return (effects + more, command)
        case "help":
            help = ("", 0)
            return (effects, .none)
        case "password":
            passwordChange = PasswordChange()
            passwordForm.open()
            return (effects, .none)
        case "export-my-data":
            return (effects + exportMyData(), .none)
        case "theme":
            let names = environment.themes.availableNames()
            guard words.count == 2 else {
                return (
                    effects + toast("Theme \(themeName) · :theme NAME with one of \(names.joined(separator: ", "))"),
                    .none
                )
            }
            guard names.contains(words[1]) else {
                return (
                    effects + toast("No theme \(words[1]) · one of \(names.joined(separator: ", "))", error: true),
                    .none
                )
            }
            do {
                let theme = try environment.themes.load(named: words[1])
                themeName = words[1]
                return (effects + toast("Theme \(words[1])."), .setTheme(EdulinkRoles.prepare(theme)))
            } catch {
                return (effects + toast(error.description, error: true), .none)
            }
        default:
            return (
                effects
                    + toast(
                        "Unknown command :\(name) — try "
                            + (tabs.map { ":" + $0.rawValue } + [
                                ":theme NAME", ":password", ":export-my-data", ":logout",
                            ]).joined(
                                separator: ", ")
                            + " or :quit.", error: true),
                .none
            )
        }
    }
}
