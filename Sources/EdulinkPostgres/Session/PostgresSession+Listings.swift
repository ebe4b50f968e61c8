import EdulinkCore
import Foundation

// Listings: rows, derived filter columns, and the reads that are not a search.
extension PostgresSession {
    /// The columns of `ListingSummary`, for every query that returns summaries.
    static let summaryColumns = """
        l.id, l.title, l.organization_id, l.organization_name, l.category, l.level, l.location_type, l.location,
        l.stipend_amount, l.stipend_currency, l.deadline, l.duration_weeks, l.application_count, l.status,
        l.featured, l.published_at, l.required_skills
        """

    /// Every column of a listing, including the derived ones SQL filters on. `organization_name` is
    /// not among them: the `listings_organization_name` trigger copies it from the organization.
    static func listingColumns(_ listing: Listing) throws -> Columns {
        let skills = listing.requiredSkills + listing.preferredSkills
        return [
            "id": listing.id, "organization_id": listing.organizationID, "created_by": listing.createdBy,
            "title": listing.title, "description": listing.description, "category": listing.category.rawValue,
            "level": listing.level.rawValue, "location_type": listing.locationType.rawValue,
            "location": listing.location, "location_lower": listing.location.lowercased(),
            "start_date": listing.startDate, "end_date": listing.endDate, "duration_weeks": listing.durationWeeks,
            "stipend_amount": listing.stipend?.amount, "stipend_currency": listing.stipend?.currency.rawValue,
            "stipend_kes": listing.stipend?.kesEquivalent, "required_skills": try SQLValue.json(listing.requiredSkills),
            "preferred_skills": try SQLValue.json(listing.preferredSkills),
            "skills_text": skills.joined(separator: ", "), "skills_key": ListKey.key(skills),
            "eligible_years": try SQLValue.json(listing.eligibleYears),
            "eligible_years_mask": ListKey.yearMask(listing.eligibleYears),
            "eligible_courses": try SQLValue.json(listing.eligibleCourses),
            "eligible_courses_key": ListKey.key(listing.eligibleCourses), "deadline": listing.deadline,
            "capacity": listing.capacity, "positions": listing.positions,
            "visibility": listing.visibility.rawValue, "institution_id": listing.institutionID,
            "questions": try SQLValue.json(listing.questions), "featured": listing.featured,
            "status": listing.status.rawValue, "status_reason": listing.statusReason,
            "verified_by": listing.verifiedBy, "verified_at": listing.verifiedAt, "created_at": listing.createdAt,
            "updated_at": listing.updatedAt, "published_at": listing.publishedAt, "closed_at": listing.closedAt,
        ]
    }

    func listing(_ id: ListingID) throws -> Listing? {
        try fetchOne("SELECT * FROM listings WHERE id = $1", [id], Rows.listing)
    }

    func listings(organizationID: OrganizationID) throws -> [Listing] {
        try fetchAll("SELECT * FROM listings WHERE organization_id = $1 ORDER BY id", [organizationID], Rows.listing)
    }

    func listings(status: ListingStatus, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = $1 ORDER BY id LIMIT $2", [status.rawValue, max(limit, 0)],
            Rows.listing)
    }

    func listingsPastDeadline(_ date: Date, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = 'published' AND deadline < $1 ORDER BY deadline, id LIMIT $2",
            [date, max(limit, 0)], Rows.listing)
    }

    func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary] {
        guard !ids.isEmpty else { return [] }
        let found = try fetchAll(
            "SELECT \(Self.summaryColumns) FROM listings AS l WHERE l.id = ANY($1)",
            [SQLValue.intArray(ids.map(\.rawValue))]
        ) { try Rows.summary($0, score: nil) }
        // In the order asked for.
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    func applicationCounts(listingID: ListingID) throws -> StatusCounts {
        let pairs = try fetchAll(
            "SELECT status, count(*) AS n FROM applications WHERE listing_id = $1 GROUP BY status", [listingID]
        ) { (try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    func insertListing(_ listing: Listing) throws -> Listing {
        var saved = listing
        saved.id = ListingID(try insert("listings", try Self.listingColumns(listing)))
        return saved
    }

    func updateListing(_ listing: Listing) throws {
        try update("listings", id: listing.id.rawValue, try Self.listingColumns(listing), what: "Listing")
    }

    /// `SELECT … FOR UPDATE`: the row stays locked until the transaction ends, so a concurrent
    /// apply to the same listing waits here and then sees this transaction's applications (under
    /// READ COMMITTED each statement after the wait reads the newly committed rows). That is what
    /// makes the capacity rule hold with many writers.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try fetchOne("SELECT * FROM listings WHERE id = $1 FOR UPDATE", [id], Rows.listing)
    }
}
