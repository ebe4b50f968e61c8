internal import CNCursesw
internal import Foundation

/// The real terminal, through ncursesw. Only the UI loop owns one (it is deliberately not `Sendable`):
/// ncurses is not thread-safe, so every call happens on the thread that created it.
///
/// Each frame writes only the cells that changed since the last one with wide-character calls, stages
/// them with `wnoutrefresh` and shows them with one `doupdate`. It never calls `clear()` per frame.
public final class NcursesTerminal: Terminal {
    public private(set) var size: Size
    public let capability: ColorCapability
    public var theme: Theme {
        didSet {
            styleCache.removeAll()
            invalidate()
        }
    }

    private var previous: Buffer?
    private var styleCache: [Style: (attr_t, Int32)] = [:]
    private var pairs: ColorPairCache
    private var decoder = CursesKeyDecoder()
    private var active = true
    private var mouseEnabled = false
    private var cursorVisible: Bool? = false
    private var wideScratch: [wchar_t] = Array(repeating: 0, count: 16)

    /// Starts ncurses on the controlling terminal (the locale is adopted first).
    public init(theme: Theme, environment: [String: String] = ProcessEnvironment.current) throws(TerminalError) {
        _ = DisplayWidth.localeIsUTF8
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        switch cnc_start_screen() {
        case 1: break
        case -1: throw .cannotAddressCursor(environment["TERM"] ?? "")
        default: throw .cannotStart
        }
        (capability, pairs) = Self.configure(environment: environment)
        self.theme = theme
        size = Size(width: Int(cnc_cols()), height: Int(cnc_lines()))
        decoder.loadExtendedKeys()
    }

    /// Starts ncurses on `/dev/null` at a fixed size: every ncurses call runs, nothing is shown. For
    /// benchmarks and backend tests that have no terminal. Only one ncurses screen may exist at a time.
    public init(
        headlessSize: Size, theme: Theme, terminalType: String = "xterm-256color",
        environment: [String: String] = [:]
    ) throws(TerminalError) {
        _ = DisplayWidth.localeIsUTF8
        switch cnc_start_headless_screen(terminalType, Int32(headlessSize.height), Int32(headlessSize.width)) {
        case 1: break
        case -1: throw .cannotAddressCursor(terminalType)
        default: throw .cannotStart
        }
        (capability, pairs) = Self.configure(environment: environment)
        self.theme = theme
        size = headlessSize
    }

    /// Colours if the terminal has them (and `NO_COLOR` is unset), raw input so Ctrl-C/Ctrl-Z arrive as
    /// keys, a 25 ms ESC delay (unless `ESCDELAY` is set), keypad translation, non-blocking reads.
    private static func configure(environment: [String: String]) -> (ColorCapability, ColorPairCache) {
        let wantsColor = environment["NO_COLOR"].map(\.isEmpty) ?? true
        var colors = 0
        if has_colors(), wantsColor {
            start_color()
            use_default_colors()
            colors = Int(cnc_colors())
        }
        let capability = ColorCapability.detect(colors: colors, hasColors: has_colors(), environment: environment)
        let pairs = ColorPairCache(limit: Int32(max(1, cnc_color_pairs())))
        raw()
        noecho()
        nonl()
        intrflush(cnc_stdscr(), false)
        keypad(cnc_stdscr(), true)
        nodelay(cnc_stdscr(), true)
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        curs_set(0)
        return (capability, pairs)
    }

    /// The text ncurses holds for row `y` (what `doupdate` would show), for backend tests.
    public func screenRow(_ y: Int) -> String {
        var characters = [wchar_t](repeating: 0, count: size.width * 2 + 1)
        let count = cnc_read_row(Int32(y), &characters, Int32(size.width * 2))
        guard count > 0 else { return "" }
        return String(
            String.UnicodeScalarView(
                characters.prefix(Int(count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    deinit { shutdown() }

    public func present(_ buffer: Buffer, cursor: Point?) {
        guard active else { return }
        let window = cnc_stdscr()
        let changes = buffer.diff(from: previous ?? Buffer(size: Size(width: 0, height: 0)))
        for change in changes where change.x < size.width && change.y < size.height {
            let (attributes, pair) = resolved(change.cell.style)
            write(change.cell.symbol, x: change.x, y: change.y, attributes: attributes, pair: pair, window: window)
        }
        previous = buffer
        let wantsCursor = cursor.map { size.fits(Size(width: $0.x + 1, height: $0.y + 1)) } ?? false
        if wantsCursor != cursorVisible {
            curs_set(wantsCursor ? 1 : 0)
            cursorVisible = wantsCursor
        }
        if let cursor, wantsCursor { wmove(window, Int32(cursor.y), Int32(cursor.x)) }
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes only the ncurses refresh for an unchanged frame: the floor a frame can cost.
    public func refreshOnly() {
        guard active else { return }
        wnoutrefresh(cnc_stdscr())
        doupdate()
    }

    public func invalidate() {
        previous = nil
        if active { clearok(cnc_stdscr(), true) }
    }

    /// Reads the kernel's window size and tells ncurses; returns whether it changed.
    @discardableResult
    public func updateSize() -> Bool {
        var rows: Int32 = 0
        var cols: Int32 = 0
        guard cnc_window_size(STDOUT_FILENO, &rows, &cols) == 0 else { return false }
        let newSize = Size(width: Int(cols), height: Int(rows))
        if newSize != size || Int(cnc_cols()) != newSize.width || Int(cnc_lines()) != newSize.height {
            resizeterm(rows, cols)
            size = newSize
            invalidate()
            return true
        }
        return false
    }

    /// Turns mouse reporting on or off.
    public func setMouse(enabled: Bool) {
        guard active, enabled != mouseEnabled else { return }
        mouseEnabled = enabled
        mousemask(enabled ? cnc_mouse_all_events() : 0, nil)
        mouseinterval(0)
    }

    /// Leaves curses mode (the terminal is usable again), stops the process like Ctrl-Z in a shell would,
    /// and, once resumed with `fg`, re-enters curses mode and repaints.
    public func suspend() {
        guard active else { return }
        endwin()
        cnc_suspend_self()
        refresh()
        updateSize()
        invalidate()
    }

    /// Restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        if mouseEnabled { mousemask(0, nil) }
        if cnc_has_alternate_screen() == 0 {
            // Nothing hides the last frame on these terminals (vt100, linux): clear it, and leave the
            // cursor at the top so the shell's prompt does not land on top of a stale status bar.
            erase()
            move(0, 0)
            refresh()
        }
        curs_set(1)
        endwin()
    }

    /// Reads every pending input without blocking. `endOfInput` is true when nothing could be read at all.
    public func drainInput() -> (events: [InputEvent], readNothing: Bool) {
        guard active else { return ([], true) }
        var events: [InputEvent] = []
        var pendingEscape = false
        var readAnything = false
        let window = cnc_stdscr()
        while true {
            var value: wint_t = 0
            let result = wget_wch(window, &value)
            if result == cnc_err() { break }
            readAnything = true
            if result == cnc_key_code_yes() {
                let code = Int32(value)
                if pendingEscape {
                    events.append(.key(Key(.escape)))
                    pendingEscape = false
                }
                if code == KEY_RESIZE {
                    events.append(.resize)
                } else if code == KEY_MOUSE {
                    if let mouse = readMouse() { events.append(.mouse(mouse)) }
                } else if let key = decoder.functionKey(code) {
                    events.append(.key(key))
                }
                continue
            }
            let scalar = UInt32(value)
            if scalar == 27 {
                if pendingEscape { events.append(.key(Key(.escape))) }
                pendingEscape = true
                continue
            }
            guard var key = CursesKeyDecoder.characterKey(scalar) else { continue }
            if pendingEscape {
                key.modifiers.insert(.alt)
                pendingEscape = false
            }
            events.append(.key(key))
        }
        if pendingEscape { events.append(.key(Key(.escape))) }
        return (events, !readAnything)
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) != cnc_err() else { return nil }
        let state = event.bstate
        let position = Point(x: Int(event.x), y: Int(event.y))
        let kind: MouseEvent.Kind
        if state & cnc_button4_pressed() != 0 {
            kind = .scrollUp
        } else if cnc_button5_pressed() != 0, state & cnc_button5_pressed() != 0 {
            kind = .scrollDown
        } else if state & cnc_button1_clicked() != 0 {
            kind = .click
        } else if state & cnc_button1_pressed() != 0 {
            kind = .press
        } else if state & cnc_button1_released() != 0 {
            kind = .release
        } else if state & cnc_button3_clicked() != 0 {
            kind = .rightClick
        } else {
            kind = .move
        }
        return MouseEvent(kind: kind, position: position)
    }

    private func resolved(_ style: Style) -> (attr_t, Int32) {
        if let known = styleCache[style] { return known }
        let look = theme.resolve(style, for: capability)
        var bits = cnc_a_normal()
        if look.attributes.contains(.bold) { bits |= cnc_a_bold() }
        if look.attributes.contains(.dim) { bits |= cnc_a_dim() }
        if look.attributes.contains(.italic) { bits |= cnc_a_italic() }
        if look.attributes.contains(.underline) { bits |= cnc_a_underline() }
        if look.attributes.contains(.reverse) { bits |= cnc_a_reverse() }
        if look.attributes.contains(.blink) { bits |= cnc_a_blink() }
        let pair =
            capability == .monochrome ? 0 : pairs.pair(foreground: look.foreground, background: look.background)
        styleCache[style] = (bits, pair)
        return (bits, pair)
    }

    private func write(
        _ symbol: String, x: Int, y: Int, attributes: attr_t, pair: Int32, window: UnsafeMutablePointer<WINDOW>?
    ) {
        var count = 0
        for scalar in symbol.unicodeScalars {
            if count == wideScratch.count - 1 { break }
            wideScratch[count] = wchar_t(bitPattern: scalar.value)
            count += 1
        }
        if count == 0 {
            wideScratch[0] = 32
            count = 1
        }
        wideScratch[count] = 0
        _ = wideScratch.withUnsafeBufferPointer { text in
            cnc_put_cell(window, Int32(y), Int32(x), text.baseAddress, attributes, pair)
        }
    }
}

/// Why the terminal could not be started.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    case notATerminal
    case cannotStart
    /// The terminal type (its name) cannot move the cursor, e.g. `dumb`.
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .cannotStart: return "cannot start the terminal (is TERM set to a known terminal type?)"
        case .cannotAddressCursor(let name):
            return
                "the terminal type '\(name)' cannot move the cursor, so the full-screen app cannot draw; "
                + "use a terminal such as xterm-256color (TERM), or the subcommands for scripts (edulink --help)"
        }
    }
}
