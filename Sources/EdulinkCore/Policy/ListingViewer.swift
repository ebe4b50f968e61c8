/// Who is looking at listings, for the one visibility rule: which audiences (`ListingAudience`) a
/// caller sees. The service asks it of a listing (`sees`), and the stores put the same rule into
/// their search SQL (`sqlCondition`), so detail, apply, search and counts never disagree.
public enum ListingViewer: Sendable, Hashable {
    /// Admins, and the jobs working for the platform: every listing, whatever its audience.
    case platform
    /// Everyone else: public listings, and the institution-only listings of `institution` (a
    /// student's own institution, an institution admin's); nil sees public listings only.
    case member(of: InstitutionID?)

    /// Whether a listing meant for `audience` is visible to this viewer.
    public func sees(_ audience: ListingAudience) -> Bool {
        switch (self, audience.visibility) {
        case (.platform, _), (_, .public): true
        case (.member(let institution), .institutionOnly):
            institution != nil && institution == audience.institutionID
        }
    }

    /// Whether `listing` is visible to this viewer, by its audience.
    public func sees(_ listing: Listing) -> Bool { sees(ListingAudience(listing)) }

    /// The same rule as a SQL condition on the listings table aliased `table`, binding the
    /// institution's id with the store's `bind`; nil when every listing qualifies.
    public func sqlCondition(table: String = "l", bind: (Int64) -> String) -> String? {
        let open = "\(table).visibility = '\(ListingVisibility.public.rawValue)'"
        switch self {
        case .platform: return nil
        case .member(nil): return open
        case .member(let institution?): return "(\(open) OR \(table).institution_id = \(bind(institution.rawValue)))"
        }
    }
}
