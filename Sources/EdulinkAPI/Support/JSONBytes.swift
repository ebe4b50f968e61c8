/// JSON values written by hand as UTF-8 bytes, byte for byte as Foundation's `JSONEncoder` writes
/// them (compact): for the few bodies and lines written so often that an encoder's cost shows
/// (a search page per keystroke, an access-log line per request). Tests compare each writer with
/// `JSONEncoder` over strings with every control character, quotes, slashes and non-ASCII text, and
/// over random doubles.
public enum JSONBytes {
    /// `text` as a JSON string: its UTF-8 as it is, but for the quote, the backslash, the control
    /// characters (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00xx` in lower case) and, unless
    /// `escapingSlashes` is false (`.withoutEscapingSlashes`), the slash, escaped.
    public static func appendString(_ text: String, to out: inout [UInt8], escapingSlashes: Bool = true) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/") where escapingSlashes: out.append(contentsOf: #"\/"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `value` in decimal.
    public static func appendInteger<Value: BinaryInteger>(_ value: Value, to out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    /// `value` as `JSONEncoder` writes a `Double`: the shortest text that reads back as the same
    /// value, without a trailing `.0`. False (nothing written) for infinity and NaN, which the
    /// encoder refuses.
    public static func appendDouble(_ value: Double, to out: inout [UInt8]) -> Bool {
        guard value.isFinite else { return false }
        let text = value.description
        let bytes = text.utf8
        if text.hasSuffix(".0") {
            out.append(contentsOf: bytes.dropLast(2))
        } else {
            out.append(contentsOf: bytes)
        }
        return true
    }

    /// `true` or `false`.
    public static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// `"name":`, a key of an object (names here are plain ASCII, never escaped).
    static func appendKey(_ name: StaticString, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: "\":".utf8)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
