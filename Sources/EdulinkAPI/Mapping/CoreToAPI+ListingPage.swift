public import EdulinkCore
import Foundation

extension CoreToAPI {
    /// A page of search results, field by field.
    ///
    /// The same value as `convert(_:to:)` gives (tests compare them), without its JSON encode and
    /// decode of every row: a search response is the server's most frequent, and that round trip
    /// was about a tenth of the server's CPU time per search (BENCHMARKS.md, "Server").
    public static func listingPage(_ page: Page<ListingSummary>) throws -> Components.Schemas.ListingPage {
        try Components.Schemas.ListingPage(
            items: page.items.map(listingSummary),
            nextCursor: page.nextCursor.map { Components.Schemas.PageCursor(key: $0.key, id: $0.id) })
    }

    static func listingSummary(_ summary: ListingSummary) throws -> Components.Schemas.ListingSummary {
        try Components.Schemas.ListingSummary(
            id: summary.id.rawValue, title: summary.title, organizationID: summary.organizationID.rawValue,
            organizationName: summary.organizationName, category: same(summary.category),
            level: same(summary.level), locationType: same(summary.locationType), location: summary.location,
            stipend: summary.stipend.map {
                Components.Schemas.Stipend(amount: $0.amount, currency: try same($0.currency))
            },
            deadline: summary.deadline, durationWeeks: summary.durationWeeks,
            applicationCount: summary.applicationCount, status: same(summary.status), featured: summary.featured,
            publishedAt: summary.publishedAt, requiredSkills: summary.requiredSkills, score: summary.score)
    }

    /// The generated enum case with the raw value of `value`.
    private static func same<Output: RawRepresentable<String>>(_ value: some RawRepresentable<String>) throws
        -> Output
    {
        guard let output = Output(rawValue: value.rawValue) else {
            throw EdulinkError.unavailable("Cannot express the \(type(of: value)) \(value.rawValue) in the API.")
        }
        return output
    }
}
