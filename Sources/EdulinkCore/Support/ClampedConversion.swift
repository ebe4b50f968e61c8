extension Int64 {
    /// `value` rounded to the nearest whole number and clamped to `Int64`'s range (NaN becomes 0).
    ///
    /// For numbers that arrive from outside, such as a page cursor's key, where `Int64(_:)` would
    /// trap and take the process down on a value too large to represent.
    ///
    /// ```swift
    /// Int64(clampingRounded: 1e300)  // Int64.max
    /// ```
    public init(clampingRounded value: Double) {
        guard !value.isNaN else {
            self = 0
            return
        }
        let rounded = value.rounded()
        // ±2^63 are exact doubles: at or beyond them the value does not fit.
        if rounded >= 0x1p63 {
            self = .max
        } else if rounded <= -0x1p63 {
            self = .min
        } else {
            self = Int64(rounded)
        }
    }
}
