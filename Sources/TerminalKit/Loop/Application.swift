/// A screen or a whole app in the Elm style: state, an `update` that handles one message and returns
/// commands, and a `draw` that paints the whole state into the frame every time.
///
/// ```swift
/// struct Counter: Application {
///     var count = 0
///     let keys = KeyTable<Intent>(...)
///     mutating func update(_ message: Message<Never>, context: UpdateContext) -> Command<Never> {
///         guard case .key(let key) = message, let intent = keys.action(for: key) else { return .none }
///         ...
///     }
///     func draw(into frame: inout Frame) { frame.buffer.write("\(count)", in: frame.area) }
/// }
/// let outcome = try UILoop.run(Counter(), theme: theme)
/// ```
public protocol Application {
    /// The values async tasks deliver back (use `Never` when there are none).
    associatedtype Action: Sendable

    /// Below this size the loop shows "needs W×H, have w×h" instead of calling `draw`.
    var minimumSize: Size { get }

    /// Handles one message; returns the side effects to perform.
    mutating func update(_ message: Message<Action>, context: UpdateContext) -> Command<Action>

    /// Paints the whole state. Called after every batch of messages; must not have side effects.
    func draw(into frame: inout Frame)
}

extension Application {
    public var minimumSize: Size { Size(width: 80, height: 24) }
}

/// What `draw` paints into: the frame's buffer, where to put the text cursor, and the time.
public struct Frame {
    public var buffer: Buffer
    /// Where the terminal's cursor goes (nil: hidden). Text inputs set it.
    public var cursor: Point?
    /// Monotonic time since the loop started, for spinners and toasts.
    public let now: Duration

    public init(size: Size, now: Duration) {
        self.buffer = Buffer(size: size)
        self.now = now
    }

    /// The whole frame.
    public var area: Rect { buffer.area }
}

extension Command.Effect {
    var isQuit: Bool {
        if case .quit = self { return true }
        return false
    }
}
