import EdulinkCore
import Foundation

/// Machine output: pretty-printed JSON with sorted keys, snake_case names and ISO-8601 dates, so
/// that scripts can rely on it and diffs stay small.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// Prints `value` as JSON on standard output.
    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}

/// Human output: columns aligned under a header.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns whose values are aligned to the right (numbers).
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines, columns separated by two spaces, without trailing spaces.
    func render() -> String {
        let all = [headers] + rows
        var widths = Array(repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() where index < widths.count {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                let isLast = index == row.count - 1
                if rightAligned.contains(index) {
                    line += padding + cell
                } else {
                    line += cell + (isLast ? "" : padding)
                }
                if !isLast { line += "  " }
            }
            return line
        }.joined(separator: "\n")
    }
}

/// Short human forms of values.
enum Format {
    /// `2026-03-14`.
    static func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        return date.formatted(.iso8601.year().month().day())
    }

    /// `2026-03-14 09:30 UTC`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false)
                .dateTimeSeparator(.space)) + " UTC"
    }

    /// `1.2 MB`.
    static func bytes(_ count: Int64) -> String { HealthFormat.bytes(Double(count)) }

    /// Cuts `text` to `width` characters with an ellipsis.
    static func truncated(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
