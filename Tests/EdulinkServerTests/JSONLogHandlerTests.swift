import Foundation
import Testing

@testable import EdulinkServer

@Suite("JSONLogHandler: the access log's lines")
struct JSONLogHandlerTests {
    @Test("a line is JSON with sorted keys, escapes what JSON needs, and the time is ISO 8601 as .iso8601 writes it")
    func lines() throws {
        let text = "quote \" back \\ slash / newline \n tab \t bell \u{7} ünïcödé 🎓"
        let line = String(decoding: JSONLogHandler.lineBytes(["message": text, "b": "2", "a": "1"]), as: UTF8.self)
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

    @Test("a line is byte for byte what JSONEncoder writes with sorted keys and unescaped slashes")
    func sameAsEncoder() throws {
        let object = [
            "message":
                "quote \" back \\ slash / newline \n return \r tab \t bell \u{7} del \u{7F} ünïcödé 🎓 \u{8}\u{C}\u{1F}",
            "path": "/api/v1/listings/search", "b": "", "duration_ms": "0.25",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(JSONLogHandler.lineBytes(object) == Array(try encoder.encode(object)) + [UInt8(ascii: "\n")])
    }

    @Test("lines written from many tasks at once arrive whole, one per line")
    func wholeLines() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let writer = LineWriter(descriptor: handle.fileDescriptor)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let padding = String(repeating: "x", count: (task * 37 + index) % 300)
                        writer.write(
                            JSONLogHandler.lineBytes(["task": "\(task)", "index": "\(index)", "pad": padding]))
                    }
                }
            }
        }
        try handle.close()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1600)
        var seen = Set<String>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            seen.insert("\(object["task"] ?? "?")/\(object["index"] ?? "?")")
        }
        #expect(seen.count == 1600)
    }

    @Test("a request's duration in milliseconds with two decimals, rounded as %.2f rounds it")
    func duration() {
        #expect(AccessLogMiddleware.milliseconds(.zero) == "0.00")
        #expect(AccessLogMiddleware.milliseconds(.microseconds(4)) == "0.00")
        #expect(AccessLogMiddleware.milliseconds(.microseconds(6)) == "0.01")
        #expect(AccessLogMiddleware.milliseconds(.microseconds(2_345_678)) == "2345.68")
        #expect(AccessLogMiddleware.milliseconds(.milliseconds(12) + .microseconds(50)) == "12.05")
        #expect(AccessLogMiddleware.milliseconds(.seconds(3)) == "3000.00")
        for microseconds in [1, 99, 1_234, 98_765, 1_000_001] {
            let duration = Duration.microseconds(microseconds)
            let expected = String(format: "%.2f", Double(microseconds) / 1000)
            #expect(AccessLogMiddleware.milliseconds(duration) == expected)
        }
    }
}
