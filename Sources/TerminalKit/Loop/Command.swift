/// Side effects an application asks the loop for, returned from `update` (never performed in `draw`).
///
/// ```swift
/// case .key("enter"):
///     state.searching = true
///     return .run(key: "search") { .searchFinished(await repository.search(query)) }
/// ```
public struct Command<Action: Sendable>: Sendable {
    /// One effect.
    public enum Effect: Sendable {
        case quit
        case run(TaskKey?, @Sendable () async -> Action)
        case cancel(TaskKey)
        case startTimer(TimerID, after: Duration, repeating: Bool)
        case stopTimer(TimerID)
        case setTheme(Theme)
        case enableMouse(Bool)
        case suspend
        case redraw
    }

    public var effects: [Effect]

    public init(_ effects: [Effect] = []) { self.effects = effects }

    /// Nothing to do.
    public static var none: Command { Command() }
    /// Stop the loop and restore the terminal.
    public static var quit: Command { Command([.quit]) }
    /// Stop like Ctrl-Z: restore the terminal, suspend, and repaint on resume.
    public static var suspend: Command { Command([.suspend]) }
    /// Repaint the whole screen (Ctrl-L).
    public static var redraw: Command { Command([.redraw]) }

    /// Runs `operation` off the UI loop; its value comes back as ``Message/result(_:)``. A `key` makes the
    /// task replace (cancel) an earlier one with the same key.
    public static func run(key: TaskKey? = nil, _ operation: @escaping @Sendable () async -> Action) -> Command {
        Command([.run(key, operation)])
    }

    /// Cancels the task running under `key`; its result will not be delivered.
    public static func cancel(_ key: TaskKey) -> Command { Command([.cancel(key)]) }

    /// Delivers ``Message/timer(_:)`` every `interval` (restarting the timer if it runs).
    public static func startTimer(_ id: TimerID, every interval: Duration) -> Command {
        Command([.startTimer(id, after: interval, repeating: true)])
    }

    /// Delivers ``Message/timer(_:)`` once, after `delay`.
    public static func after(_ delay: Duration, id: TimerID) -> Command {
        Command([.startTimer(id, after: delay, repeating: false)])
    }

    /// Stops a timer.
    public static func stopTimer(_ id: TimerID) -> Command { Command([.stopTimer(id)]) }

    /// Switches the theme; the next frame is repainted in full.
    public static func setTheme(_ theme: Theme) -> Command { Command([.setTheme(theme)]) }

    /// Turns mouse reporting on or off (off by default, so the terminal's own selection keeps working).
    public static func enableMouse(_ enabled: Bool) -> Command { Command([.enableMouse(enabled)]) }

    /// All of these, in order.
    public static func batch(_ commands: [Command]) -> Command { Command(commands.flatMap(\.effects)) }

    /// This command followed by `other`.
    public func and(_ other: Command) -> Command { Command(effects + other.effects) }
}
