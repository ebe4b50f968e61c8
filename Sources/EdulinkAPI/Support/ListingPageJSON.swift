public import EdulinkCore
import Foundation

/// A page of listings as the API's JSON (`ListingPage`), written by hand, byte for byte what the
/// generated code's encoder writes (`APIConfiguration.openAPI`: keys sorted, compact, dates by
/// `APIDateTranscoder`). `JSONEncoder` took two thirds of the server's CPU answering Browse's
/// 100-row pages; written by hand, the same kept page is answered 3.5–4 times as often
/// (BENCHMARKS.md, "Terminal app", the fourteenth pass).
///
/// Tests compare it with the encoder over pages with every optional field present and absent,
/// text with escapes and non-ASCII, and random numbers; another test fails when `ListingSummary`
/// gains a property that this writer does not know.
public enum ListingPageJSON {
    /// The stored properties of `ListingSummary` written below, each by name.
    public static let summaryProperties = [
        "applicationCount", "category", "deadline", "durationWeeks", "featured", "id", "level", "location",
        "locationType", "organizationID", "organizationName", "publishedAt", "requiredSkills", "score", "status",
        "stipend", "title",
    ]

    /// `page` as JSON; nil when the encoder would refuse it (a score or cursor that is not a finite
    /// number), so the caller lets the encoder say so.
    public static func bytes(_ page: Page<ListingSummary>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(64 + page.items.count * 560)
        return append(page, to: &out) ? out : nil
    }

    /// Appends `page`'s JSON to `out`; false when it cannot be written (see `bytes`), with `out`
    /// then partly written.
    public static func append(_ page: Page<ListingSummary>, to out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "{"))
        JSONBytes.appendKey("items", to: &out)
        out.append(UInt8(ascii: "["))
        for (index, item) in page.items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard append(item, to: &out) else { return false }
        }
        out.append(UInt8(ascii: "]"))
        if let cursor = page.nextCursor {
            out.append(UInt8(ascii: ","))
            JSONBytes.appendKey("nextCursor", to: &out)
            out.append(UInt8(ascii: "{"))
            JSONBytes.appendKey("id", to: &out)
            JSONBytes.appendInteger(cursor.id, to: &out)
            if let key = cursor.key {
                out.append(UInt8(ascii: ","))
                JSONBytes.appendKey("key", to: &out)
                guard JSONBytes.appendDouble(key, to: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// One listing, its keys in the encoder's sorted order (`summaryProperties`); optional
    /// properties that are nil are left out, as the synthesized `encode(to:)` does.
    private static func append(_ item: ListingSummary, to out: inout [UInt8]) -> Bool {
        func key(_ name: StaticString, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendKey(name, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        key("applicationCount", first: true)
        JSONBytes.appendInteger(item.applicationCount, to: &out)
        key("category")
        JSONBytes.appendString(item.category.rawValue, to: &out)
        key("deadline")
        appendDate(item.deadline, to: &out)
        key("durationWeeks")
        JSONBytes.appendInteger(item.durationWeeks, to: &out)
        key("featured")
        JSONBytes.appendBool(item.featured, to: &out)
        key("id")
        JSONBytes.appendInteger(item.id.rawValue, to: &out)
        key("level")
        JSONBytes.appendString(item.level.rawValue, to: &out)
        key("location")
        JSONBytes.appendString(item.location, to: &out)
        key("locationType")
        JSONBytes.appendString(item.locationType.rawValue, to: &out)
        key("organizationID")
        JSONBytes.appendInteger(item.organizationID.rawValue, to: &out)
        key("organizationName")
        JSONBytes.appendString(item.organizationName, to: &out)
        if let publishedAt = item.publishedAt {
            key("publishedAt")
            appendDate(publishedAt, to: &out)
        }
        key("requiredSkills")
        out.append(UInt8(ascii: "["))
        for (index, skill) in item.requiredSkills.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(skill, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let score = item.score {
            key("score")
            guard JSONBytes.appendDouble(score, to: &out) else { return false }
        }
        key("status")
        JSONBytes.appendString(item.status.rawValue, to: &out)
        if let stipend = item.stipend {
            key("stipend")
            out.append(UInt8(ascii: "{"))
            JSONBytes.appendKey("amount", to: &out)
            JSONBytes.appendInteger(stipend.amount, to: &out)
            out.append(UInt8(ascii: ","))
            JSONBytes.appendKey("currency", to: &out)
            JSONBytes.appendString(stipend.currency.rawValue, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        key("title")
        JSONBytes.appendString(item.title, to: &out)
        out.append(UInt8(ascii: "}"))
        return true
    }

    private static func appendDate(_ date: Date, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        APIDateTranscoder.append(date, to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
