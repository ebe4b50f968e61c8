/// A one-row chart of recent values with block heights ▁▂▃▄▅▆▇█; shows the newest values that fit.
public struct Sparkline: Widget, Sendable {
    static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    public var role: Role
    /// The value drawn as a full block (nil: the largest value shown).
    public var maximum: Double?

    public init(_ values: [Double], role: Role = .accent, maximum: Double? = nil) {
        self.values = values
        self.role = role
        self.maximum = maximum
    }

    /// The characters for the newest `width` values.
    public func symbols(width: Int) -> String {
        let shown = values.suffix(max(0, width)).map { $0.isFinite ? max(0, $0) : 0 }
        let top = maximum ?? (shown.max() ?? 0)
        guard top > 0 else { return String(repeating: Self.levels[0], count: shown.count) }
        return shown.map { value in
            Self.levels[min(7, Int((value / top * 7).rounded()))]
        }.joined()
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let text = symbols(width: area.width)
        buffer.write(text, at: Point(x: area.maxX - DisplayWidth.of(text), y: area.maxY - 1), style: Style(role))
    }
}
