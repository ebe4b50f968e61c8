import Foundation

/// A small deterministic generator (SplitMix64) seeded from a text, so that a dataset gives the
/// same demo on every run, platform and Swift version (the standard library's `random(in:using:)`
/// may change how it draws).
///
/// ```swift
/// var random = DemoRandom(seed: "student-116 kusipay-fraud")
/// let hours = Double(random.int(300...420)) / 10  // 30.0…42.0, the same every time
/// ```
struct DemoRandom {
    private var state: UInt64

    init(seed: String) {
        state = Self.hash(seed)
    }

    /// FNV-1a of the text's UTF-8 bytes: stable, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    /// One of `items`; `fallback` when there are none.
    mutating func pick<Item>(_ items: [Item], or fallback: Item) -> Item {
        items.isEmpty ? fallback : items[int(0...(items.count - 1))]
    }

    /// `count` different items of `items` (all of them when there are fewer), in the order drawn.
    mutating func sample<Item>(_ items: [Item], count: Int) -> [Item] {
        var pool = items
        var drawn: [Item] = []
        while drawn.count < count && !pool.isEmpty {
            drawn.append(pool.remove(at: int(0...(pool.count - 1))))
        }
        return drawn
    }

    /// A duration of a whole number of hours in `range`.
    mutating func hours(_ range: ClosedRange<Int>) -> TimeInterval {
        Double(int(range)) * 3600
    }
}
