/// The part of the loop that does not touch a terminal: it feeds messages to the application, performs
/// the commands it returns, keeps timers and tasks, and builds frames. ``UILoop`` (ncurses) and
/// ``AppDriver`` (tests) both run applications through it, so tests exercise the real dispatch.
final class ApplicationRuntime<App: Application> {
    /// Effects that the terminal's owner must carry out.
    struct TerminalRequests {
        var theme: Theme?
        var mouse: Bool?
        var suspend = false
        var redraw = false
    }

    private(set) var app: App
    private(set) var size: Size
    private(set) var quitRequested = false
    private var timers = TimerTable()
    let tasks: TaskCenter<App.Action>
    var requests = TerminalRequests()

    init(app: App, size: Size, wake: @escaping @Sendable () -> Void) {
        self.app = app
        self.size = size
        self.tasks = TaskCenter(wake: wake)
    }

    /// Sends one message to the application and performs what it asks for.
    func handle(_ message: Message<App.Action>, now: Duration) {
        if case .resize(let newSize) = message { size = newSize }
        if case .key(let key) = message, !size.fits(app.minimumSize) {
            // Behind the size notice the screen is hidden: only the notice's keys work (q quits,
            // ctrl-l redraws); anything else would land unseen in a hidden field.
            if key == "q" || key == "ctrl-c" { quitRequested = true }
            if key == "ctrl-l" { requests.redraw = true }
            return
        }
        let command = app.update(message, context: UpdateContext(now: now, size: size))
        perform(command, now: now)
    }

    /// Delivers the results of finished tasks.
    func deliverResults(now: Duration) {
        for result in tasks.collect() { handle(.result(result), now: now) }
    }

    /// Delivers the timers due at `now`; returns whether any fired.
    @discardableResult
    func fireTimers(now: Duration) -> Bool {
        let due = timers.fire(now: now)
        for id in due { handle(.timer(id), now: now) }
        return !due.isEmpty
    }

    /// How long the loop may sleep before the next timer (nil: no timer, sleep until input).
    func timeUntilNextTimer(now: Duration) -> Duration? {
        timers.nextDeadline.map { max(.zero, $0 - now) }
    }

    /// The frame for the current state: the application's drawing, or the size notice when too small.
    func frame(now: Duration) -> Frame {
        var frame = Frame(size: size, now: now)
        if size.fits(app.minimumSize) {
            app.draw(into: &frame)
        } else {
            SizeNotice(needed: app.minimumSize, actual: size).draw(into: &frame.buffer, area: frame.area)
        }
        return frame
    }

    /// Stops all tasks (the loop is ending).
    func shutdown() {
        tasks.cancelAll()
    }

    private func perform(_ command: Command<App.Action>, now: Duration) {
        for effect in command.effects {
            switch effect {
            case .quit: quitRequested = true
            case .run(let key, let operation): tasks.run(key: key, operation)
            case .cancel(let key): tasks.cancel(key)
            case .startTimer(let id, let delay, let repeating):
                timers.start(id, after: delay, repeating: repeating, now: now)
            case .stopTimer(let id): timers.stop(id)
            case .setTheme(let theme): requests.theme = theme
            case .enableMouse(let enabled): requests.mouse = enabled
            case .suspend: requests.suspend = true
            case .redraw: requests.redraw = true
            }
        }
    }
}

/// "needs 80×24, have 60×20", centred: what the loop shows when the terminal is below the minimum size.
public struct SizeNotice: Hashable, Sendable {
    public var needed: Size
    public var actual: Size

    public init(needed: Size, actual: Size) {
        self.needed = needed
        self.actual = actual
    }

    /// The message text.
    public var text: String { "needs \(needed), have \(actual)" }

    public func draw(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area)
        guard area.height > 0 else { return }
        let hint = "enlarge the window or press q"
        let middle = area.y + max(0, (area.height - 2) / 2)
        buffer.write(
            text, in: Rect(x: area.x, y: middle, width: area.width, height: 1), style: Style(.warning, adding: .bold),
            alignment: .center)
        if area.height > 2 {
            buffer.write(
                hint, in: Rect(x: area.x, y: middle + 1, width: area.width, height: 1), style: Style(.muted),
                alignment: .center)
        }
    }
}
