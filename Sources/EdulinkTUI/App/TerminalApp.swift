import Foundation
public import TerminalKit

/// Runs the terminal app on the real terminal until the person quits, a signal arrives or the
/// terminal goes away; the terminal is restored on each of those.
public enum TerminalApp {
    /// The theme to start with: `mono` under `NO_COLOR`, else `name`; an unknown or broken theme falls back
    /// to the default with the reason (shown as a one-line warning before the screen starts).
    public static func theme(named name: String?, environment: [String: String] = ProcessEnvironment.current)
        -> StartupTheme
    {
        let library = ThemeLibrary(appName: "edulink", environment: environment)
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let wanted = noColor ? "mono" : (name ?? "default")
        let outcome = library.loadOrDefault(named: wanted)
        let used = outcome.error == nil ? wanted : "default"
        return StartupTheme(theme: EdulinkRoles.prepare(outcome.theme), name: used, problem: outcome.error?.description)
    }

    /// Runs the app; returns the process exit status (0 after `q`, 128 + N after signal N).
    public static func run(environment: AppEnvironment, theme: StartupTheme) throws -> Int32 {
        defer { environment.frameLog?.flush() }
        environment.frameLog?.record("start")
        let app = EdulinkApp(environment: environment, themeName: theme.name)
        let result = try UILoop.run(app, theme: theme.theme)
        return result.outcome.exitStatus
    }
}

/// The theme the app starts with, and why it is not the one asked for.
public struct StartupTheme: Sendable {
    /// The theme, with Edulink's roles filled in.
    public let theme: Theme
    /// Its name.
    public let name: String
    /// Why the theme asked for is not used (missing, broken), or nil.
    public let problem: String?
}
