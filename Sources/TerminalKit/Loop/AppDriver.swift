/// Runs an ``Application`` headless on a ``VirtualTerminal``, for tests: send keys, move a fake clock,
/// wait for async tasks, and read the screen. It goes through the same runtime as ``UILoop``.
///
/// ```swift
/// let driver = AppDriver(Gallery(), size: Size(width: 80, height: 24))
/// driver.press("tab", "j")
/// driver.type("hello")
/// #expect(driver.lines[0].contains("Tables"))
/// ```
public final class AppDriver<App: Application> {
    /// The screen.
    public let terminal: VirtualTerminal
    /// The fake monotonic clock; ``advance(by:)`` moves it and fires timers.
    public private(set) var now: Duration = .zero

    private let runtime: ApplicationRuntime<App>
    private let wakeUps: AsyncStream<Void>
    private var pendingWakeUps: AsyncStream<Void>.Iterator

    public init(
        _ app: App, size: Size, capability: ColorCapability = .ansi256, theme: Theme = ThemeLibrary.builtInDefault
    ) {
        terminal = VirtualTerminal(size: size, capability: capability, theme: theme)
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        wakeUps = stream
        pendingWakeUps = stream.makeAsyncIterator()
        runtime = ApplicationRuntime(app: app, size: size, wake: { continuation.yield() })
        render()
    }

    /// The application's current state.
    public var app: App { runtime.app }
    /// Whether the application asked to quit.
    public var quitRequested: Bool { runtime.quitRequested }
    /// Whether async tasks are still running.
    public var isBusy: Bool { runtime.tasks.pendingCount > 0 }
    /// The screen's rows as text.
    public var lines: [String] { terminal.lines }
    /// The screen's snapshot (text, styles, legend).
    public func snapshot() -> String { terminal.snapshot() }

    /// Sends one message and draws a frame.
    public func send(_ message: Message<App.Action>) {
        runtime.handle(message, now: now)
        applyRequests()
        render()
    }

    /// Presses keys one after another, each followed by a frame.
    public func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    /// Types text, one key per character.
    public func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    /// Resizes the terminal, as dragging the window would.
    public func resize(to size: Size) {
        terminal.resize(to: size)
        send(.resize(size))
    }

    /// Moves the clock forward, firing the timers that fall due.
    public func advance(by duration: Duration) {
        now += duration
        if runtime.fireTimers(now: now) {
            applyRequests()
            render()
        }
    }

    /// Waits until every async task has delivered (or been cancelled) and delivers the results.
    public func settle() async {
        runtime.deliverResults(now: now)
        while runtime.tasks.pendingCount > 0 {
            _ = await pendingWakeUps.next()
            runtime.deliverResults(now: now)
        }
        applyRequests()
        render()
    }

    private func applyRequests() {
        if let theme = runtime.requests.theme { terminal.theme = theme }
        if runtime.requests.redraw { terminal.invalidate() }
        runtime.requests = .init()
    }

    private func render() {
        let frame = runtime.frame(now: now)
        terminal.present(frame.buffer, cursor: frame.cursor)
    }
}
