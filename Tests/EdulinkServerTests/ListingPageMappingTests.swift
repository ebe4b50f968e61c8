import EdulinkAPI
import EdulinkCore
import Foundation
import Testing

@Suite("The search response, mapped field by field")
struct ListingPageMappingTests {
    static func summary(_ id: Int64, stipend: Stipend?, publishedAt: Date?, score: Double?) -> ListingSummary {
        ListingSummary(
            id: ListingID(rawValue: id), title: "Data Analyst Intern — Mobile Money ✓",
            organizationID: OrganizationID(rawValue: 7),
            organizationName: "Kusi Payments", category: .technology, level: .entry, locationType: .hybrid,
            location: "Nairobi, Kenya", stipend: stipend, deadline: Date(timeIntervalSince1970: 1_800_000_000.123456),
            durationWeeks: 12, applicationCount: 3, status: .published, featured: id.isMultiple(of: 2),
            publishedAt: publishedAt, requiredSkills: ["SQL", "Python"], score: score)
    }

    @Test("equals the generic JSON mapping, with and without the optional fields")
    func sameAsBridge() throws {
        let pages = [
            Page(
                items: [
                    Self.summary(
                        1, stipend: Stipend(amount: 25_000, currency: .kes),
                        publishedAt: Date(timeIntervalSince1970: 1_790_000_000.5), score: 2.718_281_8),
                    Self.summary(2, stipend: Stipend(amount: 400, currency: .usd), publishedAt: nil, score: nil),
                    Self.summary(3, stipend: nil, publishedAt: nil, score: 0.060_792_7),
                ], nextCursor: PageCursor(key: 0.060_792_7, id: 3)),
            Page(
                items: [Self.summary(4, stipend: nil, publishedAt: nil, score: nil)],
                nextCursor: PageCursor(key: nil, id: 4)),
            Page(items: [], nextCursor: nil),
        ]
        for page in pages {
            let bridged: Components.Schemas.ListingPage = try CoreToAPI.convert(page)
            #expect(try CoreToAPI.listingPage(page) == bridged)
        }
    }
}
