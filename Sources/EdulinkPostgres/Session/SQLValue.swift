import EdulinkCore
import Foundation
import PostgresNIO

/// A bound parameter: Core's ``ColumnValue`` (what entities write, the same for both stores).
typealias SQLValue = ColumnValue
/// Something that can be bound as a parameter.
typealias SQLBindable = ColumnValueConvertible

extension ColumnValue {
    /// Binds the value in PostgreSQL's form: dates as `timestamptz` from whole Unix microseconds,
    /// JSON as `jsonb`.
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
