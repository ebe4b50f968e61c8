/// What an application's `update` receives: input, time and the results of its own async work.
public enum Message<Action: Sendable>: Sendable {
    /// A key press.
    case key(Key)
    /// A mouse event (only after ``Command/enableMouse(_:)``).
    case mouse(MouseEvent)
    /// The terminal changed size; the next frame is drawn at this size.
    case resize(Size)
    /// A timer started with ``Command/startTimer(_:every:)`` or ``Command/after(_:id:)`` fired.
    case timer(TimerID)
    /// An async task started with ``Command/run(key:_:)`` finished with this value.
    case result(Action)
}

/// Names a timer, so it can be restarted or stopped.
public struct TimerID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
}

/// Names an async task. Starting a task under a key cancels the one already running under it, and a
/// cancelled task's result is never delivered (a stale search cannot overwrite a newer one).
public struct TaskKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
}

/// What `update` knows besides the message: the time and the terminal's size.
public struct UpdateContext: Sendable {
    /// Monotonic time since the loop started (a test controls it).
    public var now: Duration
    /// The terminal's size.
    public var size: Size

    public init(now: Duration, size: Size) {
        self.now = now
        self.size = size
    }
}

extension Message: Equatable where Action: Equatable {}
