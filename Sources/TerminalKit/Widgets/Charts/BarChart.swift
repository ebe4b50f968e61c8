/// Horizontal bars, one row per labelled value, scaled to the largest, with the value at the end.
public struct BarChart: Widget, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Double
        public var role: Role
        public init(_ label: String, _ value: Double, role: Role = .accent) {
            self.label = label
            self.value = value
            self.role = role
        }
    }

    public var bars: [Bar]

    public init(_ bars: [Bar]) { self.bars = bars }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format1: value)
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard !bars.isEmpty, area.width > 4 else { return }
        let labelWidth = min(bars.map { DisplayWidth.of($0.label) }.max() ?? 0, area.width / 3)
        let valueWidth = bars.map { Self.format($0.value).count }.max() ?? 0
        let barWidth = max(1, area.width - labelWidth - valueWidth - 2)
        let top = bars.map(\.value).max() ?? 0
        for (row, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + row
            buffer.write(bar.label, in: Rect(x: area.x, y: y, width: labelWidth, height: 1), style: Style(.text))
            let fraction = top > 0 ? max(0, bar.value) / top : 0
            let drawn = ProgressBar.bar(fraction: fraction, width: barWidth).trimmingTrailingSpaces()
            let x = area.x + labelWidth + 1
            let used = buffer.write(drawn, at: Point(x: x, y: y), style: Style(bar.role))
            buffer.write(" " + Self.format(bar.value), at: Point(x: x + used, y: y), style: Style(.muted))
        }
    }
}

extension String {
    /// A number with one decimal (locale-independent).
    init(format1 value: Double) {
        let scaled = (value * 10).rounded()
        let whole = Int(scaled / 10)
        let tenth = abs(Int(scaled) % 10)
        self = "\(value < 0 && whole == 0 ? "-" : "")\(whole).\(tenth)"
    }
}
