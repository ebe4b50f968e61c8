public import Foundation

/// A row of a query, as both stores' drivers give it (GRDB's `Row`, PostgresNIO's row): typed,
/// throwing access to its columns by name, so a missing or unreadable value is an error and never
/// a crash. A store implements the few primitives its driver decodes in its own way (dates are
/// microseconds on SQLite and `timestamptz` on PostgreSQL); the rest, and every entity's decoder
/// (``Rows``), are written once here.
public protocol RowReading {
    func optionalString(_ column: String) throws -> String?
    func optionalInt64(_ column: String) throws -> Int64?
    func optionalDouble(_ column: String) throws -> Double?
    func optionalBool(_ column: String) throws -> Bool?
    func optionalDate(_ column: String) throws -> Date?
}

extension RowReading {
    /// The error for a column that holds NULL where a value must be.
    @inlinable
    public func missing(_ column: String) -> EdulinkError {
        .unavailable("The database holds no value in column \(column).")
    }

    @inlinable
    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map { Int($0) } }
    @inlinable
    public func int(_ column: String) throws -> Int { Int(try int64(column)) }

    @inlinable
    public func double(_ column: String) throws -> Double {
        guard let value = try optionalDouble(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func bool(_ column: String) throws -> Bool {
        guard let value = try optionalBool(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func date(_ column: String) throws -> Date {
        guard let value = try optionalDate(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func id<Entity>(_ column: String) throws -> EntityID<Entity> { EntityID(try int64(column)) }

    @inlinable
    public func optionalID<Entity>(_ column: String) throws -> EntityID<Entity>? {
        try optionalInt64(column).map { EntityID($0) }
    }

    /// A value of a string-backed enumeration; a value the code does not know is an error.
    @inlinable
    public func value<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else {
            throw EdulinkError.unavailable("The database holds an unknown value \"\(raw)\" in column \(column).")
        }
        return value
    }

    @inlinable
    public func optionalValue<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E?
    where E.RawValue == String {
        guard try optionalString(column) != nil else { return nil }
        return try value(type, column)
    }

    /// A JSON column that may be NULL, decoded.
    @inlinable
    public func optionalJSON<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
        guard try optionalString(column) != nil else { return nil }
        return try json(type, column)
    }

    /// A JSON array of strings (skills, courses, answers): read straight from its text when none of
    /// its strings has an escape in it, as the stores write them almost always; by `JSONDecoder`
    /// otherwise, which costs several microseconds more a value (a page of search results reads one
    /// per listing).
    public func json(_ type: [String].Type, _ column: String) throws -> [String] {
        let text = try string(column)
        if let strings = PlainJSON.strings(text) { return strings }
        return try json(type, column, text: text)
    }

    /// A JSON column (text on SQLite, `jsonb` on PostgreSQL), decoded.
    @inlinable
    public func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        try json(type, column, text: try string(column))
    }

    @usableFromInline
    func json<T: Decodable>(_ type: T.Type, _ column: String, text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw EdulinkError.unavailable("The database holds unreadable data in column \(column): \(error).")
        }
    }
}

/// The JSON arrays of strings the stores write, read without a decoder.
enum PlainJSON {
    /// The strings of `text` when it is a JSON array of strings none of which holds an escape or a
    /// control character (`["a", "b"]`, `[]`, with any JSON whitespace); nil for anything else, which
    /// the caller decodes in full.
    static func strings(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        var index = 0
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard take(UInt8(ascii: "[")) else { return nil }
        var strings: [String] = []
        if !take(UInt8(ascii: "]")) {
            repeat {
                guard take(UInt8(ascii: "\"")) else { return nil }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    // An escape or a raw control character: left to the decoder (which refuses the latter).
                    if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
                    index += 1
                }
                guard index < bytes.count else { return nil }
                strings.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 1
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
        }
        skipSpace()
        return index == bytes.count ? strings : nil
    }
}
