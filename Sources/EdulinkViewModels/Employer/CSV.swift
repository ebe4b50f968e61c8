import Foundation

/// A small RFC 4180 writer: the one place Edulink turns values into CSV. (No CSV package for Swift is
/// available to this build, so it is written here; it only writes, never parses.)
///
/// ```swift
/// CSV.record(["Ann", "says \"hi\", twice"])  // "Ann,\"says \"\"hi\"\", twice\"\r\n"
/// ```
public enum CSV {
    /// One field: enclosed in double quotes when it holds a comma, a quote, CR or LF, with inner
    /// quotes doubled (RFC 4180 §2.5–2.7). A field a spreadsheet would run as a formula (starting
    /// with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, so exported applicant text cannot
    /// execute in the employer's spreadsheet.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, ending with CRLF (RFC 4180 §2.1).
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Writes (or appends) UTF-8 text to `path`; `~` means the home folder.
    public static func write(_ text: String, to path: String, append: Bool) throws {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let data = Data(text.utf8)
        if append, let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } else {
            try data.write(to: url, options: .atomic)
        }
    }
}
