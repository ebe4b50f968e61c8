/// A labelled meter whose role follows thresholds: `ok` below `warning`, `warning` below `critical`,
/// then `critical` (for disk use, capacity, load).
public struct Gauge: Widget, Sendable {
    public var label: String
    public var value: Double
    public var maximum: Double
    public var warningAt: Double
    public var criticalAt: Double
    /// Columns for the label (nil: the label's own width), so stacked gauges line up.
    public var labelWidth: Int?

    public init(
        label: String, value: Double, maximum: Double = 1, warningAt: Double = 0.7, criticalAt: Double = 0.9,
        labelWidth: Int? = nil
    ) {
        self.labelWidth = labelWidth
        self.label = label
        self.value = value
        self.maximum = maximum
        self.warningAt = warningAt
        self.criticalAt = criticalAt
    }

    public var fraction: Double { maximum > 0 && value.isFinite ? min(max(value / maximum, 0), 1) : 0 }

    /// The role for the current value.
    public var role: Role { fraction >= criticalAt ? .critical : fraction >= warningAt ? .warning : .ok }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let labelWidth = min((self.labelWidth ?? DisplayWidth.of(label)) + 1, area.width / 3)
        buffer.write(label, in: Rect(x: area.x, y: area.y, width: labelWidth, height: 1), style: Style(.text))
        let meter = Rect(x: area.x + labelWidth, y: area.y, width: area.width - labelWidth, height: 1)
        buffer.write("[", at: Point(x: meter.x, y: meter.y), style: Style(.border))
        let inner = Rect(x: meter.x + 1, y: meter.y, width: max(0, meter.width - 2), height: 1)
        ProgressBar(fraction: fraction, role: role).draw(into: &buffer, area: inner)
        buffer.write("]", at: Point(x: meter.maxX - 1, y: meter.y), style: Style(.border))
    }
}
