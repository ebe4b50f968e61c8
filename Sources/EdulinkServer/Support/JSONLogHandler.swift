public import Foundation
public import Logging

/// A swift-log handler that writes one JSON object per line to standard error (or another open
/// file): time, level, label, message and metadata. For log shippers; the access log uses it, and
/// the terminal app writes its log to a file with it (never onto its own screen).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let output: FileHandle

    public init(label: String, output: FileHandle = .standardError) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "time": Self.timestamp(Date()), "level": event.level.rawValue, "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = value.description
        }
        output.write(Data(Self.line(object).utf8))
    }

    /// `object` as one line of JSON, keys sorted, as `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes it, built by hand: the access log writes a line per request,
    /// and an encoder and a date format style per line cost more than the request itself.
    static func line(_ object: [String: String]) -> String {
        var line = "{"
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { line.append(",") }
            appendQuoted(key, to: &line)
            line.append(":")
            appendQuoted(object[key] ?? "", to: &line)
        }
        line.append("}\n")
        return line
    }

    private static func appendQuoted(_ text: String, to line: inout String) {
        line.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line.append("\\\"")
            case "\\": line.append("\\\\")
            case "\n": line.append("\\n")
            case "\r": line.append("\\r")
            case "\t": line.append("\\t")
            case "\u{8}": line.append("\\b")
            case "\u{C}": line.append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                line.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line.append("\"")
    }

    /// `date` in ISO 8601 to the second, UTC (`2026-12-04T03:58:07Z`), as `.iso8601` formats it.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
