internal import CNCursesw
internal import Foundation

/// Runs an ``Application`` on the real terminal until it quits, the user interrupts it, or the
/// terminal goes away; the terminal is restored on every one of those paths.
///
/// The loop sleeps in `poll` on standard input and on a wake-up pipe (written by finished tasks and by
/// signal handlers), with the next timer as the timeout: no busy polling. Input is drained with
/// `wget_wch`, each message goes through `update`, and one frame is drawn per batch.
public enum UILoop {
    /// How a run ended.
    public enum Outcome: Hashable, Sendable {
        /// The application returned ``Command/quit``.
        case quit
        /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
        case signal(Int32)
        /// The terminal went away (EOF or EIO on input, hang-up).
        case terminalGone

        /// The conventional exit status: 0, 128 + signal, or 1 when the terminal is gone.
        public var exitStatus: Int32 {
            switch self {
            case .quit: return 0
            case .signal(let number): return 128 + number
            case .terminalGone: return 1
            }
        }
    }

    /// Runs `app` with `theme`; returns how the run ended and the application's final state.
    public static func run<App: Application>(
        _ app: App, theme: Theme, environment: [String: String] = ProcessEnvironment.current
    ) throws(LoopError) -> (outcome: Outcome, app: App) {
        let wake = try WakePipe()
        guard cnc_install_signal_handlers(wake.writeEnd) == 0 else { throw .signals }
        defer { cnc_restore_signal_handlers() }
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(theme: theme, environment: environment)
        } catch {
            throw .terminal(error)
        }
        defer { terminal.shutdown() }
        let clock = ContinuousClock()
        let start = clock.now
        let runtime = ApplicationRuntime(app: app, size: terminal.size, wake: wake.waker)
        defer { runtime.shutdown() }
        let outcome = loop(runtime, terminal: terminal, wake: wake, now: { clock.now - start })
        return (outcome, runtime.app)
    }

    private static func loop<App: Application>(
        _ runtime: ApplicationRuntime<App>, terminal: NcursesTerminal, wake: WakePipe, now: () -> Duration
    ) -> Outcome {
        var silentReads = 0
        var needsFrame = true
        while true {
            if runtime.quitRequested { return .quit }
            applyRequests(runtime, terminal: terminal)
            if needsFrame {
                let frame = runtime.frame(now: now())
                terminal.present(frame.buffer, cursor: frame.cursor)
                needsFrame = false
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            let timeout =
                runtime.timeUntilNextTimer(now: now()).map { duration -> Int32 in
                    let (seconds, attoseconds) = duration.components
                    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
                    return Int32(clamping: milliseconds)
                } ?? -1
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { return .terminalGone }

            if fds[1].revents & Int16(POLLIN) != 0 {
                for byte in wake.drain() {
                    switch Int32(byte) {
                    case 0:
                        break
                    case SIGINT, SIGTERM, SIGHUP, SIGQUIT:
                        return .signal(Int32(byte))
                    case SIGTSTP:
                        terminal.suspend()
                        needsFrame = true
                    case SIGCONT:
                        terminal.invalidate()
                        needsFrame = true
                        fallthrough
                    case SIGWINCH:
                        if terminal.updateSize() {
                            runtime.handle(.resize(terminal.size), now: now())
                            needsFrame = true
                        }
                    default:
                        break
                    }
                }
                runtime.deliverResults(now: now())
                needsFrame = true
            }

            let inputFlags = fds[0].revents
            if inputFlags & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .terminalGone }
            if inputFlags & Int16(POLLIN) != 0 {
                let (events, readNothing) = terminal.drainInput()
                // Readable but nothing to read, again and again: end of file (the terminal closed).
                silentReads = readNothing ? silentReads + 1 : 0
                if silentReads >= 3 { return .terminalGone }
                for event in events {
                    switch event {
                    case .key(let key) where key == Key.control("z"):
                        terminal.suspend()
                    case .key(let key):
                        runtime.handle(.key(key), now: now())
                    case .mouse(let mouse):
                        runtime.handle(.mouse(mouse), now: now())
                    case .resize:
                        terminal.updateSize()
                        runtime.handle(.resize(terminal.size), now: now())
                    }
                    if runtime.quitRequested { return .quit }
                }
                needsFrame = needsFrame || !events.isEmpty
            }

            if runtime.fireTimers(now: now()) { needsFrame = true }
        }
    }

    private static func applyRequests<App: Application>(_ runtime: ApplicationRuntime<App>, terminal: NcursesTerminal) {
        if let theme = runtime.requests.theme { terminal.theme = theme }
        if let mouse = runtime.requests.mouse { terminal.setMouse(enabled: mouse) }
        if runtime.requests.suspend { terminal.suspend() }
        if runtime.requests.redraw { terminal.invalidate() }
        runtime.requests = .init()
    }
}
