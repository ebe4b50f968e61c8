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
        date.formatted(Self.fractional)
    }

    public func decode(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: Self.fractional) { return date }
        if let date = try? Date(text, strategy: Self.whole) { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "Expected an RFC 3339 date-time, found \"\(text)\"."))
    }

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let whole = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)
}
