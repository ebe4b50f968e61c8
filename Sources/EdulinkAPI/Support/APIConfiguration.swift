public import Foundation
public import OpenAPIRuntime

/// The wire settings both ends of the API share: dates as RFC 3339 with milliseconds (read with or
/// without fractions) and compact JSON.
public enum APIConfiguration {
    /// The generated client's and server's configuration.
    public static let openAPI = Configuration(dateTranscoder: APIDateTranscoder(), jsonEncodingOptions: [.sortedKeys])

    /// The document, as bundled with this module; served at `/openapi.yaml`.
    public static func document() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
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
