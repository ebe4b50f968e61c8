import EdulinkCore
import Foundation
import GRDB

// Listings: rows, derived filter columns, and the reads that are not a search.
extension SQLiteSession {
    /// The columns of `ListingSummary`, for every query that returns summaries.
    static let summaryColumns = """
        l.id, l.title, l.organization_id, l.organization_name, l.category, l.level, l.location_type, l.location,
        l.stipend_amount, l.stipend_currency, l.deadline, l.duration_weeks, l.application_count, l.status,
        l.featured, l.published_at, l.required_skills
        """

    /// Every column of a listing, including the derived ones SQL filters on.
    static func listingArguments(_ listing: Listing) throws -> Arguments {
        let skills = listing.requiredSkills + listing.preferredSkills
        return [
            "id": newID(listing.id.rawValue), "organization_id": listing.organizationID.rawValue,
            "created_by": listing.createdBy.rawValue, "title": listing.title, "description": listing.description,
            "category": listing.category.rawValue, "level": listing.level.rawValue,
            "location_type": listing.locationType.rawValue, "location": listing.location,
            "location_lower": listing.location.lowercased(),
            "start_date": ColumnCoding.microseconds(listing.startDate),
            "end_date": ColumnCoding.microseconds(listing.endDate), "duration_weeks": listing.durationWeeks,
            "stipend_amount": listing.stipend?.amount, "stipend_currency": listing.stipend?.currency.rawValue,
            "stipend_kes": listing.stipend?.kesEquivalent,
            "required_skills": try ColumnCoding.json(listing.requiredSkills),
            "preferred_skills": try ColumnCoding.json(listing.preferredSkills),
            "skills_text": skills.joined(separator: ", "), "skills_key": ColumnCoding.key(skills),
            "eligible_years": try ColumnCoding.json(listing.eligibleYears),
            "eligible_years_mask": ColumnCoding.yearMask(listing.eligibleYears),
            "eligible_courses": try ColumnCoding.json(listing.eligibleCourses),
            "eligible_courses_key": ColumnCoding.key(listing.eligibleCourses),
            "deadline": ColumnCoding.microseconds(listing.deadline), "capacity": listing.capacity,
            "positions": listing.positions, "visibility": listing.visibility.rawValue,
            "institution_id": listing.institutionID?.rawValue, "questions": try ColumnCoding.json(listing.questions),
            "featured": listing.featured, "status": listing.status.rawValue, "status_reason": listing.statusReason,
            "verified_by": listing.verifiedBy?.rawValue, "verified_at": ColumnCoding.microseconds(listing.verifiedAt),
            "created_at": ColumnCoding.microseconds(listing.createdAt),
            "updated_at": ColumnCoding.microseconds(listing.updatedAt),
            "published_at": ColumnCoding.microseconds(listing.publishedAt),
            "closed_at": ColumnCoding.microseconds(listing.closedAt),
        ]
    }

    static let insertListingSQL = """
        INSERT INTO listings (id, organization_id, organization_name, created_by, title, description, category,
            level, location_type, location, location_lower, start_date, end_date, duration_weeks, stipend_amount,
            stipend_currency, stipend_kes, required_skills, preferred_skills, skills_text, skills_key,
            eligible_years, eligible_years_mask, eligible_courses, eligible_courses_key, deadline, capacity,
            positions, visibility, institution_id, questions, featured, status, status_reason, verified_by,
            verified_at, created_at, updated_at, published_at, closed_at)
        VALUES (:id, :organization_id, (SELECT name FROM organizations WHERE id = :organization_id), :created_by,
            :title, :description, :category, :level, :location_type, :location, :location_lower, :start_date,
            :end_date, :duration_weeks, :stipend_amount, :stipend_currency, :stipend_kes, :required_skills,
            :preferred_skills, :skills_text, :skills_key, :eligible_years, :eligible_years_mask, :eligible_courses,
            :eligible_courses_key, :deadline, :capacity, :positions, :visibility, :institution_id, :questions,
            :featured, :status, :status_reason, :verified_by, :verified_at, :created_at, :updated_at,
            :published_at, :closed_at)
        """

    func listing(_ id: ListingID) throws -> Listing? {
        try fetchOne("SELECT * FROM listings WHERE id = ?", [id.rawValue], Rows.listing)
    }

    func listings(organizationID: OrganizationID) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE organization_id = ? ORDER BY id", [organizationID.rawValue], Rows.listing)
    }

    func listings(status: ListingStatus, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = ? ORDER BY id LIMIT ?", [status.rawValue, max(limit, 0)],
            Rows.listing)
    }

    func listingsPastDeadline(_ date: Date, limit: Int) throws -> [Listing] {
        try fetchAll(
            "SELECT * FROM listings WHERE status = 'published' AND deadline < ? ORDER BY deadline, id LIMIT ?",
            [ColumnCoding.microseconds(date), max(limit, 0)], Rows.listing)
    }

    func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary] {
        guard !ids.isEmpty else { return [] }
        let json = try ColumnCoding.json(ids.map(\.rawValue))
        let found = try fetchAll(
            "SELECT \(Self.summaryColumns) FROM listings AS l WHERE l.id IN (SELECT value FROM json_each(?))",
            [json]
        ) { try Rows.summary($0, score: nil) }
        // In the order asked for.
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    func applicationCounts(listingID: ListingID) throws -> StatusCounts {
        let pairs = try fetchAll(
            "SELECT status, count(*) AS n FROM applications WHERE listing_id = ? GROUP BY status",
            [listingID.rawValue]
        ) { (try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    func insertListing(_ listing: Listing) throws -> Listing {
        var saved = listing
        saved.id = ListingID(try insert(Self.insertListingSQL, try Self.listingArguments(listing)))
        return saved
    }

    func updateListing(_ listing: Listing) throws {
        var arguments = try Self.listingArguments(listing)
        arguments["id"] = listing.id.rawValue
        try updateOne(
            """
            UPDATE listings SET organization_id = :organization_id,
                organization_name = (SELECT name FROM organizations WHERE id = :organization_id),
                created_by = :created_by, title = :title, description = :description, category = :category,
                level = :level, location_type = :location_type, location = :location, location_lower = :location_lower,
                start_date = :start_date, end_date = :end_date, duration_weeks = :duration_weeks,
                stipend_amount = :stipend_amount, stipend_currency = :stipend_currency, stipend_kes = :stipend_kes,
                required_skills = :required_skills, preferred_skills = :preferred_skills, skills_text = :skills_text,
                skills_key = :skills_key, eligible_years = :eligible_years,
                eligible_years_mask = :eligible_years_mask, eligible_courses = :eligible_courses,
                eligible_courses_key = :eligible_courses_key, deadline = :deadline, capacity = :capacity,
                positions = :positions, visibility = :visibility, institution_id = :institution_id,
                questions = :questions, featured = :featured, status = :status, status_reason = :status_reason,
                verified_by = :verified_by, verified_at = :verified_at, created_at = :created_at,
                updated_at = :updated_at, published_at = :published_at, closed_at = :closed_at
            WHERE id = :id
            """, arguments, what: "Listing")
    }

    /// A plain read. SQLite has one writer: the service calls this inside `write`, whose
    /// `BEGIN IMMEDIATE` already holds the database's write lock, so no other connection or process
    /// can change the listing (or its applications) until the transaction ends — the guarantee
    /// PostgreSQL needs `SELECT … FOR UPDATE` for.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try listing(id)
    }
}
