import EdulinkCore
import Foundation
import PostgresNIO

/// One bound parameter of a statement, typed the way the schema stores it.
///
/// Dates are bound as `timestamptz` from whole Unix microseconds (rounded, like the SQLite store),
/// arrays and questions as `jsonb`, so a value written by either store reads back identical.
enum SQLValue: Sendable, Equatable {
    case int(Int64)
    case text(String)
    case bool(Bool)
    case double(Double)
    /// Unix microseconds.
    case timestamp(Int64)
    /// JSON text, bound as `jsonb`.
    case json(String)
    case intArray([Int64])
    /// Bound as `bytea`.
    case bytes([UInt8])
    case null

    /// The JSON of `value` as a `jsonb` parameter (sorted keys, like the SQLite store's text).
    static func json<T: Encodable>(_ value: T) throws -> SQLValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Unix microseconds of a date, rounded.
    static func microseconds(_ date: Date) -> Int64 {
        Int64(clampingRounded: date.timeIntervalSince1970 * 1_000_000)
    }

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .int(let value): bindings.append(value)
        case .text(let value): bindings.append(value)
        case .bool(let value): bindings.append(value)
        case .double(let value): bindings.append(value)
        case .timestamp(let value): bindings.append(TimestampParameter(unixMicroseconds: value))
        case .json(let value): bindings.append(JSONBParameter(text: value))
        case .intArray(let value): bindings.append(value)
        case .bytes(let value): bindings.append(ByteBuffer(bytes: value))
        case .null: bindings.appendNull()
        }
    }
}

/// Something that can be bound as a parameter.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    var sqlValue: SQLValue { self }
}

extension Int: SQLBindable {
    var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int64: SQLBindable {
    var sqlValue: SQLValue { .int(self) }
}

extension String: SQLBindable {
    var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
    var sqlValue: SQLValue { .bool(self) }
}

extension Double: SQLBindable {
    var sqlValue: SQLValue { .double(self) }
}

extension Date: SQLBindable {
    var sqlValue: SQLValue { .timestamp(SQLValue.microseconds(self)) }
}

extension EntityID: SQLBindable {
    var sqlValue: SQLValue { .int(rawValue) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// Microseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
let postgresEpochOffsetMicroseconds: Int64 = 946_684_800 * 1_000_000

/// A `timestamptz` parameter in PostgreSQL's binary form (microseconds since 2000-01-01), built
/// from exact Unix microseconds so no floating-point step can move it.
struct TimestampParameter: PostgresNonThrowingEncodable {
    let unixMicroseconds: Int64

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(unixMicroseconds - postgresEpochOffsetMicroseconds)
    }
}

/// A `jsonb` parameter in binary form: version 1, then the JSON text.
struct JSONBParameter: PostgresNonThrowingEncodable {
    let text: String

    static var psqlType: PostgresDataType { .jsonb }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(UInt8(1))
        byteBuffer.writeString(text)
    }
}
