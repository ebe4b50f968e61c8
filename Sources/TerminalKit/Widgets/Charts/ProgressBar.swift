/// A horizontal bar filled to a fraction, with eighth-cell precision and the percentage beside it.
public struct ProgressBar: Widget, Sendable {
    public var fraction: Double
    public var label: String?
    public var role: Role

    public init(fraction: Double, label: String? = nil, role: Role = .accent) {
        self.fraction = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        self.label = label
        self.role = role
    }

    static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar's cells for `width` columns: full blocks, one partial block, spaces.
    static func bar(fraction: Double, width: Int) -> String {
        let eighths = Int((fraction * Double(width * 8)).rounded())
        let full = min(width, eighths / 8)
        var text = String(repeating: "█", count: full)
        if full < width {
            text += partials[eighths % 8]
            text += String(repeating: " ", count: width - full - (eighths % 8 == 0 ? 0 : 1))
        }
        return text
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0, area.width > 0 else { return }
        let percent = "\(Int((fraction * 100).rounded()))%"
        let suffix = (label.map { " \($0)" } ?? "") + " " + DisplayWidth.pad(percent, to: 4, alignment: .trailing)
        let barWidth = max(0, area.width - DisplayWidth.of(suffix))
        buffer.write(Self.bar(fraction: fraction, width: barWidth), at: Point(x: area.x, y: area.y), style: Style(role))
        buffer.write(
            suffix, at: Point(x: area.x + barWidth, y: area.y), style: Style(.text), maxWidth: area.width - barWidth)
    }
}
