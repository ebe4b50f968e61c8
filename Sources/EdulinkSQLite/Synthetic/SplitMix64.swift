/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same
/// sequence on every machine and Swift version, which `SystemRandomNumberGenerator` and the
/// standard library's `random(in:)` helpers do not promise.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, by multiply-shift (no modulo bias worth measuring at these sizes, and
    /// stable across platforms, unlike `Int.random(in:using:)`).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let high = next().multipliedFullWidth(by: span).high
        return range.lowerBound + Int(high)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ values: [T]) -> T? {
        values.isEmpty ? nil : values[int(0...(values.count - 1))]
    }

    /// `count` distinct elements (fewer if there are not enough), in drawing order.
    mutating func sample<T>(_ values: [T], count: Int) -> [T] {
        guard !values.isEmpty else { return [] }
        var indexes: [Int] = []
        let wanted = min(count, values.count)
        while indexes.count < wanted {
            let index = int(0...(values.count - 1))
            if !indexes.contains(index) { indexes.append(index) }
        }
        return indexes.map { values[$0] }
    }
}
