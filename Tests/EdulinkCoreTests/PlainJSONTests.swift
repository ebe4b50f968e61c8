import Foundation
import Testing

@testable import EdulinkCore

@Suite("JSON arrays of strings read without a decoder")
struct PlainJSONTests {
    static let decodable = [
        "[]", " [ ] ", #"["python"]"#, #"["python","sql"]"#, #"["python", "sql"]"#, "[\n  \"a\",\n\t\"b\"\r\n]",
        #"["é", "東京", "🚀 rockets"]"#, #"[""]"#, #"["a, b", "[c]"]"#, #"["a\"b"]"#, #"["a\\b"]"#, #"["line\nbreak"]"#,
        #"["\u00e9"]"#, #"["a\/b"]"#,
    ]
    static let undecodable = [
        "", "[", "]", #"["a""#, #"["a" "b"]"#, "[1]", #"["a", 1]"#, #"{"a": 1}"#, #""a""#,
        #"["a"] x"#, "[null]", "[\"tab\there\"]", #"[["a"]]"#,
    ]

    @Test("reads what JSONDecoder reads, or leaves it to the decoder", arguments: decodable)
    func agreesWithDecoder(_ text: String) throws {
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        if let plain = PlainJSON.strings(text) { #expect(plain == decoded) }
        #expect(try Row(text).json([String].self, "skills") == decoded)
    }

    @Test("arrays without escapes are read without the decoder")
    func plainArrays() {
        #expect(PlainJSON.strings(#"["python", "sql"]"#) == ["python", "sql"])
        #expect(PlainJSON.strings(" [ ] ") == [])
        #expect(PlainJSON.strings(#"["é", "東京"]"#) == ["é", "東京"])
        #expect(PlainJSON.strings(#"["a\"b"]"#) == nil)
        // A trailing comma is left to the decoder (Foundation's accepts it).
        #expect(PlainJSON.strings(#"["a",]"#) == nil)
    }

    @Test("what is not a JSON array of strings is refused, as the decoder refuses it", arguments: undecodable)
    func refusesWhatDecoderRefuses(_ text: String) {
        #expect(PlainJSON.strings(text) == nil)
        #expect(throws: EdulinkError.self) { try Row(text).json([String].self, "skills") }
    }

    /// One column of text.
    struct Row: RowReading {
        var text: String
        init(_ text: String) { self.text = text }
        func optionalString(_ column: String) throws -> String? { text }
        func optionalInt64(_ column: String) throws -> Int64? { nil }
        func optionalDouble(_ column: String) throws -> Double? { nil }
        func optionalBool(_ column: String) throws -> Bool? { nil }
        func optionalDate(_ column: String) throws -> Date? { nil }
    }
}
