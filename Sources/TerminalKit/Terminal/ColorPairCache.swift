internal import CNCursesw

/// Allocates ncurses colour pairs on demand, one per (foreground, background), and remembers them.
/// Uses extended pairs (`init_extended_pair`) so more than 32 767 combinations fit.
struct ColorPairCache {
    private var pairs: [Int64: Int32] = [:]
    private var next: Int32 = 1
    private let limit: Int32

    init(limit: Int32) { self.limit = limit }

    /// The pair for `foreground`/`background` (-1: terminal default); 0 when the terminal has no room left.
    mutating func pair(foreground: Int, background: Int) -> Int32 {
        if foreground < 0, background < 0 { return 0 }
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: Int32(background)))
        if let known = pairs[key] { return known }
        guard next < limit else { return 0 }
        let number = next
        guard init_extended_pair(number, Int32(foreground), Int32(background)) != cnc_err() else { return 0 }
        next += 1
        pairs[key] = number
        return number
    }
}
