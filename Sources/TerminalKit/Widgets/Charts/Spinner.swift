/// A busy indicator whose frame follows the clock, so it animates with a repeating timer and is
/// deterministic in tests.
public struct Spinner: Widget, Sendable {
    /// Frame sets.
    public static let braille = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    public static let ascii = ["|", "/", "-", "\\"]
    /// How often the frame changes; start a timer with this interval while something is busy.
    public static let interval: Duration = .milliseconds(80)

    public var label: String
    public var now: Duration
    public var frames: [String]

    public init(_ label: String = "", now: Duration, frames: [String] = Spinner.braille) {
        self.label = label
        self.now = now
        self.frames = frames
    }

    /// The frame shown at `now`.
    public var currentFrame: String {
        guard !frames.isEmpty else { return "" }
        let ticks = now / Self.interval
        return frames[Int(ticks.rounded(.down)) % frames.count]
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let x =
            area.x
            + buffer.write(currentFrame, at: Point(x: area.x, y: area.y), style: Style(.accent), maxWidth: area.width)
        if !label.isEmpty, area.maxX - x > 1 {
            buffer.write(" " + label, at: Point(x: x, y: area.y), style: Style(.muted), maxWidth: area.maxX - x)
        }
    }
}
