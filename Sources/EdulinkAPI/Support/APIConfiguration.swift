import EdulinkCore
public import Foundation
public import OpenAPIRuntime

/// The wire settings both ends of the API share: dates as RFC 3339 with milliseconds (read with or
/// without fractions) and compact JSON.
public enum APIConfiguration {
    /// The generated client's and server's configuration.
    public static let openAPI = Configuration(dateTranscoder: APIDateTranscoder(), jsonEncodingOptions: [.sortedKeys])

    /// The name SwiftPM gives this module's resource bundle (`<package>_<target>.resources`).
    public static let bundleName = "Edulink_EdulinkAPI.resources"

    /// The document, as bundled with this module; served at `/openapi.yaml`. A binary copied
    /// without its bundle gets an error that says so (`Bundle.module` would stop the process).
    public static func document() throws -> Data {
        // Sources/EdulinkAPI/Support/ → ../openapi.yaml in the checkout (tests, `swift run`).
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
        let places = InstalledResources.locations(of: "openapi.yaml", in: bundleName, checkout: checkout)
        guard let url = InstalledResources.first(places) else {
            throw EdulinkError.unavailable(
                "Edulink's API document is missing (openapi.yaml, looked in "
                    + "\(places.map(\.path).joined(separator: ", "))); copy the \(bundleName) folder next to the "
                    + "edulink binary, or reinstall.")
        }
        return try Data(contentsOf: url)
    }
}

/// RFC 3339 dates with millisecond precision; input without fractional seconds is accepted too.
public struct APIDateTranscoder: DateTranscoder {
    public init() {}

    public func encode(_ date: Date) throws -> String {
        var text: [UInt8] = []
        Self.append(date, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `date` as `encode` writes it, appended as UTF-8 (`2026-12-04T03:58:07.080Z`). Dates from
    /// 1970 to 9999 are written by hand, milliseconds truncated as `ISO8601FormatStyle` does (a
    /// test compares the two over random dates); a format style costs microseconds a date, and a
    /// search page has two dates a row. Others go through the format style.
    public static func append(_ date: Date, to out: inout [UInt8]) {
        let time = date.timeIntervalSince1970
        guard time >= 0, time < latestWrittenByHand else {
            out.append(contentsOf: date.formatted(fractional).utf8)
            return
        }
        let seconds = time.rounded(.down)
        let milliseconds = min(Int(((time - seconds) * 1000).rounded(.down)), 999)
        var whole = time_t(seconds)
        var parts = tm()
        gmtime_r(&whole, &parts)
        func digits(_ value: Int32, _ count: Int) {
            var divisor: Int32 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / divisor % 10))
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2)
        out.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2)
        out.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2)
        out.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2)
        out.append(UInt8(ascii: "."))
        digits(Int32(milliseconds), 3)
        out.append(UInt8(ascii: "Z"))
    }

    /// 10000-01-01T00:00:00Z: later dates need more than four digits for the year.
    private static let latestWrittenByHand: TimeInterval = 253_402_300_800

    public func decode(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: Self.fractional) { return date }
        if let date = try? Date(text, strategy: Self.whole) { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "Expected an RFC 3339 date-time, found \"\(text)\"."))
    }

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let whole = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)
}
