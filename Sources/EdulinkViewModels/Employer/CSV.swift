import CSV
import Foundation

/// The one place Edulink turns values into CSV files: RFC 4180 text from the CSV.swift library's
/// `CSVWriter` (fields quoted when they hold a comma, a quote, CR or LF, inner quotes doubled,
/// records ending in CRLF), after defusing cells a spreadsheet would run as formulas.
///
/// ```swift
/// try CSV.text([["Ann", "says \"hi\", twice"]])  // "Ann,\"says \"\"hi\"\", twice\"\r\n"
/// ```
public enum CSV {
    /// A field any of whose segments starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`,
    /// so exported applicant text cannot execute in the employer's spreadsheet. Segments are split
    /// at every separator a spreadsheet may split on when it opens the file (`,` `;` tab `|`), so
    /// `Ann;=1+2;x` is defused as well as `=1+2`.
    public static func defused(_ value: String) -> String {
        let separators: Set<Character> = [",", ";", "\t", "|"]
        let segments = value.split(omittingEmptySubsequences: false) { separators.contains($0) }
        let live =
            value.first.map(startsFormula) == true
            || segments.contains { segment in segment.first { !$0.isWhitespace }.map(startsFormula) ?? false }
        return live ? "'" + value : value
    }

    private static func startsFormula(_ character: Character) -> Bool { "=+-@\t\r".contains(character) }

    /// The records as CSV text, each ending with CRLF (RFC 4180 §2.1).
    public static func text(_ rows: [[String]]) throws -> String {
        guard !rows.isEmpty else { return "" }
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row.map(defused)) }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw CSVError.cannotWriteStream
        }
        // The writer separates records; the last one ends with a line break too.
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// Writes (or appends) the records to `path`; `~` means the home folder.
    public static func write(_ rows: [[String]], to path: String, append: Bool) throws {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let data = Data(try text(rows).utf8)
        if append, let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } else {
            try data.write(to: url, options: .atomic)
        }
    }
}
