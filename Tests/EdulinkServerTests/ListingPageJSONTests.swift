import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
@_spi(Generated) import OpenAPIRuntime
import Testing

@testable import EdulinkSQLite

/// The JSON written by hand (`JSONBytes`, `ListingPageJSON`, `APIDateTranscoder`) against what the
/// generated code's encoder writes for the same values: byte for byte, or the writer declines.
/// Random values come from a seeded generator, so a failure names a seed that repeats it.
@Suite("Listing pages written by hand: the encoder's bytes")
struct ListingPageJSONTests {
    /// Text with what JSON must escape, what it must not, and what `JSONEncoder` escapes by choice.
    static let awkward: [String] = [
        "", "Data Analyst Intern", #"Say "hi""#, #"back\slash"#, "a/b https://x.example/y", "tab\there",
        "new\nline\r\n", "\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F}", "Café Ngũgĩ", "数据分析", "😀 emoji 👩🏽‍💻",
        "\u{2028}\u{2029}\u{FEFF}", String((0..<32).map { Character(UnicodeScalar(UInt8($0))) }),
    ]

    static func summary(_ random: inout SplitMix64, id: Int64) -> ListingSummary {
        func text() -> String {
            Bool.random(using: &random)
                ? awkward.randomElement(using: &random) ?? "" : "Listing \(random.next() % 1000)"
        }
        func date() -> Date {
            // Mostly milliseconds, as the stores keep them; some any double; some before 1970 or
            // after 9999, which the format style writes.
            switch random.next() % 6 {
            case 0: Date(timeIntervalSince1970: Double.random(in: 0..<4e9, using: &random))
            case 1: Date(timeIntervalSince1970: Double.random(in: -4e10 ..< -1, using: &random))
            case 2: Date(timeIntervalSince1970: Double.random(in: 2.5e11..<3e11, using: &random))
            default: Date(timeIntervalSince1970: Double(Int64.random(in: 0..<4_000_000_000_000, using: &random)) / 1000)
            }
        }
        let doubles: [Double] = [
            0, -0.0, 1, 4.0, 0.1, 1e-7, 1.5e-5, 1e16, 1e21, -3.964_298_679_767_018_6, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude,
        ]
        let score =
            Bool.random(using: &random)
            ? (doubles.randomElement(using: &random) ?? 0) : Double.random(in: -50...50, using: &random)
        return ListingSummary(
            id: ListingID(id), title: text(),
            organizationID: OrganizationID(Int64.random(in: 1...Int64.max, using: &random)),
            organizationName: text(), category: ListingCategory.allCases.randomElement(using: &random) ?? .technology,
            level: ExperienceLevel.allCases.randomElement(using: &random) ?? .entry,
            locationType: LocationType.allCases.randomElement(using: &random) ?? .remote, location: text(),
            stipend: Bool.random(using: &random)
                ? Stipend(amount: Int.random(in: 0...130_000_000, using: &random), currency: .kes) : nil,
            deadline: date(), durationWeeks: Int.random(in: 1...52, using: &random),
            applicationCount: Int.random(in: 0...100_000, using: &random),
            status: ListingStatus.allCases.randomElement(using: &random) ?? .published,
            featured: Bool.random(using: &random), publishedAt: Bool.random(using: &random) ? date() : nil,
            requiredSkills: (0..<Int.random(in: 0...4, using: &random)).map { _ in text() },
            score: Bool.random(using: &random) ? score : nil)
    }

    /// What the generated server code writes for `value`.
    static func encoded<Value: Encodable & Sendable>(_ value: Value) async throws -> [UInt8] {
        var fields = HTTPFields()
        let body = try Converter(configuration: APIConfiguration.openAPI)
            .setResponseBodyAsJSON(value, headerFields: &fields, contentType: "application/json; charset=utf-8")
        return try await [UInt8](collecting: body, upTo: .max)
    }

    @Test("random pages are written byte for byte as the encoder writes them", arguments: 0..<40)
    func sameAsEncoder(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let items = (0..<Int(random.next() % 30)).map { Self.summary(&random, id: Int64($0 + 1)) }
        let cursor: PageCursor? =
            switch random.next() % 3 {
            case 0: nil
            case 1: PageCursor(key: nil, id: Int64(random.next() >> 1))
            default: PageCursor(key: Double.random(in: -1e11...1e11, using: &random), id: 42)
            }
        let page = Page(items: items, nextCursor: cursor)
        let written = try #require(ListingPageJSON.bytes(page))
        let expected = try await Self.encoded(page)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        // And the API's client reads it back as the same page.
        let read = try JSONDecoder.api.decode(Page<ListingSummary>.self, from: Data(written))
        #expect(read.items.map(\.id) == page.items.map(\.id))
        #expect(read.nextCursor == page.nextCursor)
    }

    @Test("a score or cursor the encoder refuses (not finite) is declined, for the encoder to refuse")
    func declinesNonFinite() throws {
        var random = SplitMix64(seed: 7)
        var item = Self.summary(&random, id: 1)
        item.score = .nan
        #expect(ListingPageJSON.bytes(Page(items: [item], nextCursor: nil)) == nil)
        item.score = 1
        #expect(ListingPageJSON.bytes(Page(items: [item], nextCursor: PageCursor(key: .infinity, id: 1))) == nil)
        #expect(ListingPageJSON.bytes(Page(items: [item], nextCursor: PageCursor(key: 2, id: 1))) != nil)
    }

    @Test("the writer knows every stored property of ListingSummary (a new one must be written too)")
    func knowsEveryProperty() throws {
        var random = SplitMix64(seed: 1)
        let labels = Mirror(reflecting: Self.summary(&random, id: 1)).children.compactMap(\.label)
        #expect(labels.sorted() == ListingPageJSON.summaryProperties)
    }

    @Test("strings: every control character, quotes, slashes and non-ASCII as the encoder escapes them")
    func strings() throws {
        let escaping = JSONEncoder()
        escaping.outputFormatting = [.sortedKeys]
        let plain = JSONEncoder()
        plain.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let every = String(String.UnicodeScalarView((0..<0x80).compactMap(UnicodeScalar.init)))
        for text in Self.awkward + [every] {
            var written: [UInt8] = []
            JSONBytes.appendString(text, to: &written)
            #expect(written == Array(try escaping.encode([text]).dropFirst().dropLast()), "\(text.debugDescription)")
            written = []
            JSONBytes.appendString(text, to: &written, escapingSlashes: false)
            #expect(written == Array(try plain.encode([text]).dropFirst().dropLast()), "\(text.debugDescription)")
        }
    }

    @Test("dates: the transcoder writes what ISO8601FormatStyle writes, milliseconds truncated")
    func dates() throws {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        var random = SplitMix64(seed: 16)
        var dates = [0, 0.0799999, 1_797_000_000.080, 253_402_300_799.999, 253_402_300_800, -0.001].map {
            Date(timeIntervalSince1970: $0)
        }
        for _ in 0..<5_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -1e11...3e11, using: &random)))
            dates.append(Date(timeIntervalSinceReferenceDate: Double.random(in: -1e9...7e9, using: &random)))
        }
        let transcoder = APIDateTranscoder()
        for date in dates {
            #expect(try transcoder.encode(date) == date.formatted(style), "\(date.timeIntervalSince1970)")
        }
    }
}

extension JSONDecoder {
    /// A decoder reading dates as the API's client does.
    fileprivate static var api: JSONDecoder {
        let decoder = JSONDecoder()
        let transcoder = APIDateTranscoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try transcoder.decode(try decoder.singleValueContainer().decode(String.self))
        }
        return decoder
    }
}
