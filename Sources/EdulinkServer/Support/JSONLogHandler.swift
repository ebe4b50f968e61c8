import EdulinkAPI
public import Foundation
public import Logging
import Synchronization

/// A swift-log handler that writes one JSON object per line to standard error (or another open
/// file): time, level, label, message and metadata. For log shippers; the access log uses it, and
/// the terminal app writes its log to a file with it (never onto its own screen).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    /// Kept open for as long as the handler writes to its descriptor.
    private let output: FileHandle
    private let writer: LineWriter

    public init(label: String, output: FileHandle = .standardError) {
        self.label = label
        self.output = output
        writer = LineWriter(descriptor: output.fileDescriptor)
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
        writer.write(Self.lineBytes(object))
    }

    /// `object` as one line of JSON in UTF-8, keys sorted, as `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes it, built by hand: the access log writes a line per request,
    /// and an encoder and a date format style per line cost more than the request itself.
    static func lineBytes(_ object: [String: String]) -> [UInt8] {
        var line: [UInt8] = [UInt8(ascii: "{")]
        line.reserveCapacity(256)
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(key, to: &line, escapingSlashes: false)
            line.append(UInt8(ascii: ":"))
            JSONBytes.appendString(object[key] ?? "", to: &line, escapingSlashes: false)
        }
        line.append(contentsOf: "}\n".utf8)
        return line
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

/// Whole lines to a file descriptor: one `write(2)` per line (more only if the system writes part of
/// it), under one lock shared by every writer, so lines from several threads and several loggers
/// (each label has its handler) never interleave. `FileHandle.write` did the same through a
/// dispatch queue and a `Data` per line, a sizeable part of a request's cost in the access log
/// (BENCHMARKS.md, "Server").
final class LineWriter: Sendable {
    let descriptor: Int32
    private static let lock = Mutex(())

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Writes `bytes`; an error (a closed descriptor, a full disk) drops the line, as logging must
    /// never stop the server.
    func write(_ bytes: [UInt8]) {
        Self.lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                guard let start = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, start + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }
    }
}
