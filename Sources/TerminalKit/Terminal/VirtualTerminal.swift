/// An in-memory terminal for tests: it keeps the screen as a ``Buffer``, applying only the changes each
/// frame sends, so a test sees exactly what a real terminal would after the diff.
public final class VirtualTerminal: Terminal {
    public private(set) var size: Size
    public var capability: ColorCapability
    public var theme: Theme {
        didSet { invalidate() }
    }

    /// What the screen shows now.
    public private(set) var screen: Buffer
    /// Where the text cursor is (nil: hidden).
    public private(set) var cursor: Point?
    /// How many frames were presented.
    public private(set) var frameCount = 0
    /// How many cells the last frame wrote.
    public private(set) var lastChangeCount = 0

    private var previous: Buffer?

    public init(size: Size, capability: ColorCapability = .ansi256, theme: Theme = ThemeLibrary.builtInDefault) {
        self.size = size
        self.capability = capability
        self.theme = theme
        self.screen = Buffer(size: size)
    }

    /// Changes the size, as a terminal window does when dragged.
    public func resize(to newSize: Size) {
        size = newSize
        screen.resize(to: newSize)
        invalidate()
    }

    public func present(_ buffer: Buffer, cursor: Point?) {
        let changes = buffer.diff(from: previous ?? Buffer(size: Size(width: 0, height: 0)))
        if screen.size != buffer.size { screen = Buffer(size: buffer.size) }
        for change in changes {
            screen.set(change.cell, at: Point(x: change.x, y: change.y))
        }
        previous = buffer
        self.cursor = cursor
        lastChangeCount = changes.count
        frameCount += 1
    }

    public func invalidate() { previous = nil }

    /// The screen as text rows.
    public var lines: [String] { screen.lines }

    /// The screen's snapshot text (text, styles and legend).
    public func snapshot() -> String { screen.snapshot() }

    /// The colours and attributes the theme gives the cell at (x, y) on this terminal.
    public func resolvedStyle(x: Int, y: Int) -> ResolvedStyle? {
        screen[x, y].map { theme.resolve($0.style, for: capability) }
    }
}
