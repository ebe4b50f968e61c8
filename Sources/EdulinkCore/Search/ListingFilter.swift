// Placeholder until the query-language branch lands; replaced on merge.
public struct ListingFilter: Sendable, Equatable, Hashable, Codable {
    public var categories: Set<ListingCategory> = []
    public init() {}
}
extension ListingFilter {
    public static func parse(_ query: String) throws -> ListingFilter { ListingFilter() }
    public var queryString: String { "" }
}
