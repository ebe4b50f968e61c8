/// Short-lived notifications stacked in a corner, newest at the bottom, each removed when its time is up.
public struct Toasts: Hashable, Sendable {
    /// What a toast reports; sets its role and icon.
    public enum Kind: Hashable, Sendable {
        case info, success, warning, error

        var role: Role {
            switch self {
            case .info: return .info
            case .success: return .ok
            case .warning: return .warning
            case .error: return .critical
            }
        }

        var icon: String {
            switch self {
            case .info: return "i"
            case .success: return "✓"
            case .warning: return "!"
            case .error: return "✗"
            }
        }
    }

    public struct Toast: Hashable, Sendable {
        public var text: String
        public var kind: Kind
        public var expires: Duration
    }

    /// The timer id applications use to expire toasts (see ``post(_:kind:now:lifetime:)``).
    public static let timer: TimerID = "terminalkit.toasts"

    public private(set) var items: [Toast] = []
    /// At most this many are kept; older ones go first.
    public var limit: Int

    public init(limit: Int = 4) { self.limit = limit }

    /// Adds a toast and returns the timer command that will expire it.
    @discardableResult
    public mutating func post<Action>(
        _ text: String, kind: Kind = .info, now: Duration, lifetime: Duration = .seconds(4)
    ) -> Command<Action> {
        items.append(Toast(text: text, kind: kind, expires: now + lifetime))
        if items.count > limit { items.removeFirst(items.count - limit) }
        return .after(nextExpiry(after: now) ?? lifetime, id: Self.timer)
    }

    /// Drops expired toasts (call on ``Message/timer(_:)`` with ``timer``) and returns the timer
    /// command for the next one.
    public mutating func expire<Action>(now: Duration) -> Command<Action> {
        items.removeAll { $0.expires <= now }
        return nextExpiry(after: now).map { .after($0, id: Self.timer) } ?? .none
    }

    private func nextExpiry(after now: Duration) -> Duration? {
        items.map(\.expires).min().map { max(.milliseconds(1), $0 - now) }
    }

    /// Whether any toast is showing.
    public var isEmpty: Bool { items.isEmpty }
}

/// Draws ``Toasts`` in the bottom-right corner of an area (above a status bar, if the area excludes it).
public struct ToastStack: Widget, Sendable {
    public var toasts: Toasts
    public init(_ toasts: Toasts) { self.toasts = toasts }

    /// Columns left free at the right: the corner of a box beneath and one blank beside it.
    public static let cornerMargin = 2

    public func draw(into buffer: inout Buffer, area: Rect) {
        // As wide as the longest message needs (a toast that cuts its own words says nothing), at
        // least a third of the area, at most all of it but the last two columns: the corner of the
        // box drawn beneath stays visible.
        let longest = toasts.items.map { DisplayWidth.of($0.text) + 5 }.max() ?? 0
        let room = max(0, area.width - Self.cornerMargin)
        let width = min(room, max(24, area.width / 3, longest))
        var y = area.maxY - 1
        for toast in toasts.items.reversed() {
            guard y >= area.y else { break }
            let line = Rect(x: area.x + room - width, y: y, width: width, height: 1)
            buffer.fill(line, with: .blank(Style(.toast)))
            buffer.write(
                " \(toast.kind.icon) ", at: Point(x: line.x, y: y),
                style: Style(toast.kind.role, adding: [.bold, .reverse]))
            buffer.write(toast.text, in: Rect(x: line.x + 4, y: y, width: width - 5, height: 1), style: Style(.toast))
            y -= 1
        }
    }
}
