/// A colour as written in a theme: 24-bit, a palette index (0–255) or the terminal's default.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own foreground or background (lets a transparent background show through).
    case terminalDefault
    /// A palette entry: 0–7 the ANSI colours, 8–15 their bright forms, 16–255 the xterm cube and greys.
    case palette(UInt8)
    /// A 24-bit colour, approximated on the palette the terminal has.
    case rgb(UInt8, UInt8, UInt8)

    /// The sixteen colour names a theme may use, in palette order.
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    /// Reads `#rrggbb`, a palette number written as text, a colour name (`bright-blue`, `grey` = bright-black)
    /// or `default`. Nil when the text is none of these.
    public init?(text: String) {
        let lowered = text.lowercased()
        if lowered == "default" || lowered == "none" {
            self = .terminalDefault
        } else if lowered.hasPrefix("#") {
            let hex = lowered.dropFirst()
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        } else if let index = Self.names.firstIndex(of: lowered) {
            self = .palette(UInt8(index))
        } else if lowered == "grey" || lowered == "gray" {
            self = .palette(8)
        } else if let number = Int(lowered), (0...255).contains(number) {
            self = .palette(UInt8(number))
        } else {
            return nil
        }
    }

    /// The red, green and blue of this colour (palette entries as xterm shows them).
    public var components: (Int, Int, Int)? {
        switch self {
        case .terminalDefault: return nil
        case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
        case .palette(let index): return Self.xtermComponents(Int(index))
        }
    }

    /// The nearest palette index within the first `limit` entries (256, 16 or 8); -1 for the terminal default.
    public func paletteIndex(limit: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .palette(let index) where Int(index) < limit: return Int(index)
        case .palette(let index) where limit == 8 && index < 16: return Int(index) - 8
        default:
            guard let (r, g, b) = components else { return -1 }
            if limit >= 256 { return Self.cubeIndex(r, g, b) }
            var best = 0
            var bestDistance = Int.max
            for candidate in 0..<min(limit, 16) {
                let (cr, cg, cb) = Self.xtermComponents(candidate)
                let distance = (cr - r) * (cr - r) * 3 + (cg - g) * (cg - g) * 4 + (cb - b) * (cb - b) * 2
                if distance < bestDistance {
                    bestDistance = distance
                    best = candidate
                }
            }
            return best
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    static func xtermComponents(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return basic[max(0, index)] }
        if index < 232 {
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        }
        let level = 8 + (index - 232) * 10
        return (level, level, level)
    }

    /// The xterm-256 index nearest to an RGB colour: the 6×6×6 cube or the grey ramp, whichever is closer.
    static func cubeIndex(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let (lr, lg, lb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * lr + 6 * lg + lb
        let (cr, cg, cb) = (cubeLevels[lr], cubeLevels[lg], cubeLevels[lb])
        let average = (r + g + b) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + greyIndex * 10
        func distance(_ x: Int, _ y: Int, _ z: Int) -> Int { (x - r) * (x - r) + (y - g) * (y - g) + (z - b) * (z - b) }
        return distance(grey, grey, grey) < distance(cr, cg, cb) ? 232 + greyIndex : cube
    }
}
