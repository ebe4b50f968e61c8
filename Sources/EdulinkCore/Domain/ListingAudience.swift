/// Who a listing is meant for: every student, or the students of one institution.
///
/// What verification approves, so a published listing keeps it (see `updateListing`). The
/// institution only counts for an institution-only listing: a public draft that still carries an
/// institution id has the same audience as one without.
public struct ListingAudience: Sendable, Hashable {
    public var visibility: ListingVisibility
    /// The institution of an institution-only listing; nil for a public one.
    public var institutionID: InstitutionID?

    public init(visibility: ListingVisibility, institutionID: InstitutionID?) {
        self.visibility = visibility
        self.institutionID = visibility == .institutionOnly ? institutionID : nil
    }

    public init(_ listing: Listing) {
        self.init(visibility: listing.visibility, institutionID: listing.institutionID)
    }

    public init(_ draft: ListingDraft) {
        self.init(visibility: draft.visibility, institutionID: draft.institutionID)
    }
}
