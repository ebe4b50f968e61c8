import Foundation

/// Moves a value between a Core type and the generated type of the same shape.
///
/// The document's schemas describe Core's `Codable` form (property names, raw values), so one
/// encode/decode converts between them; the few types whose shapes differ on purpose
/// (`ApplicationMove`, errors) are mapped by hand in `CoreToAPI` and `APIToCore`. Dates travel as
/// exact seconds here; only the wire rounds them to milliseconds.
enum ShapeBridge {
    static func convert<Output: Decodable>(_ value: some Encodable, to: Output.Type = Output.self) throws -> Output {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(Output.self, from: encoder.encode(value))
    }
}
