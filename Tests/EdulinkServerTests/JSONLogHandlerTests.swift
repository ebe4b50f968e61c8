import Foundation
import Testing

@testable import EdulinkServer

@Suite("JSONLogHandler: the access log's lines")
struct JSONLogHandlerTests {
    @Test("a line is JSON with sorted keys, escapes what JSON needs, and the time is ISO 8601 as .iso8601 writes it")
    func lines() throws {
        let text = "quote \" back \\ slash / newline \n tab \t bell \u{7} ünïcödé 🎓"
        let line = JSONLogHandler.line(["message": text, "b": "2", "a": "1"])
        #expect(line.hasPrefix(#"{"a":"1","b":"2","message":"#))
        #expect(line.hasSuffix("}\n"))
        #expect(!line.dropLast().contains("\n"))
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(decoded?["message"] == text)
        for seconds in [0.0, 1_790_000_000.75, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONLogHandler.timestamp(date) == date.formatted(.iso8601))
        }
    }
}
