public import Foundation

/// A monthly stipend. A listing without one is unpaid.
public struct Stipend: Sendable, Equatable, Hashable, Codable {
    public var amount: Int
    public var currency: Currency

    public init(amount: Int, currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// The amount in Kenyan shillings, for filtering and sorting across currencies.
    public var kesEquivalent: Int { amount * currency.kesPerUnit }

    /// `KES 25,000` or `USD 600`.
    public var formatted: String {
        let digits = String(amount)
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return "\(currency.rawValue) \(String(grouped.reversed()))"
    }
}

/// A question an employer asks every applicant to a listing.
public struct ScreeningQuestion: Sendable, Equatable, Hashable, Codable {
    public var prompt: String
    public var kind: QuestionKind
    /// The allowed answers of a `.choice` question.
    public var choices: [String]
    public var required: Bool

    public init(prompt: String, kind: QuestionKind, choices: [String] = [], required: Bool) {
        self.prompt = prompt
        self.kind = kind
        self.choices = choices
        self.required = required
    }
}

/// An internship listing: the terms its employer writes (`ListingDraft`, the one list of those
/// fields, which the form, the validation, the row codec and the API document all use) and what
/// the platform keeps around them (who, state, verification, times). `listing.title` reads the
/// terms' field through `terms`.
@dynamicMemberLookup
public struct Listing: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: ListingID
    public var organizationID: OrganizationID
    public var createdBy: UserID
    /// What the employer wrote.
    public var terms: ListingDraft
    public var featured: Bool
    public var status: ListingStatus
    /// Why an admin sent the listing back to draft, or why it closed.
    public var statusReason: String?
    public var verifiedBy: UserID?
    /// When an admin verified it; a listing is published only once verified.
    public var verifiedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    public var closedAt: Date?

    public init(
        id: ListingID = 0, organizationID: OrganizationID, createdBy: UserID, terms: ListingDraft,
        featured: Bool = false, status: ListingStatus = .draft, statusReason: String? = nil,
        verifiedBy: UserID? = nil, verifiedAt: Date? = nil, createdAt: Date, updatedAt: Date? = nil,
        publishedAt: Date? = nil, closedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.createdBy = createdBy
        self.terms = terms
        self.featured = featured
        self.status = status
        self.statusReason = statusReason
        self.verifiedBy = verifiedBy
        self.verifiedAt = verifiedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.publishedAt = publishedAt
        self.closedAt = closedAt
    }

    /// A field of the terms: `listing.deadline`, `listing.capacity = 20`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<ListingDraft, Value>) -> Value {
        get { terms[keyPath: field] }
        set { terms[keyPath: field] = newValue }
    }

    /// Published, verified and before its deadline at `date`.
    public func isOpen(at date: Date) -> Bool {
        status == .published && verifiedAt != nil && terms.deadline > date
    }
}

/// What an employer fills in to create or edit a listing.
public struct ListingDraft: Sendable, Equatable, Hashable, Codable {
    public var title: String
    public var description: String
    public var category: ListingCategory
    public var level: ExperienceLevel
    public var locationType: LocationType
    public var location: String
    public var startDate: Date
    public var endDate: Date
    public var durationWeeks: Int
    public var stipend: Stipend?
    public var requiredSkills: [String]
    public var preferredSkills: [String]
    public var eligibleYears: [Int]
    public var eligibleCourses: [String]
    public var deadline: Date
    public var capacity: Int
    public var positions: Int
    public var visibility: ListingVisibility
    public var institutionID: InstitutionID?
    public var questions: [ScreeningQuestion]

    public init(
        title: String, description: String, category: ListingCategory, level: ExperienceLevel,
        locationType: LocationType, location: String, startDate: Date, endDate: Date, durationWeeks: Int,
        stipend: Stipend?, requiredSkills: [String] = [], preferredSkills: [String] = [],
        eligibleYears: [Int] = [], eligibleCourses: [String] = [], deadline: Date, capacity: Int = 100,
        positions: Int = 1, visibility: ListingVisibility = .public, institutionID: InstitutionID? = nil,
        questions: [ScreeningQuestion] = []
    ) {
        self.title = title
        self.description = description
        self.category = category
        self.level = level
        self.locationType = locationType
        self.location = location
        self.startDate = startDate
        self.endDate = endDate
        self.durationWeeks = durationWeeks
        self.stipend = stipend
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.eligibleYears = eligibleYears
        self.eligibleCourses = eligibleCourses
        self.deadline = deadline
        self.capacity = capacity
        self.positions = positions
        self.visibility = visibility
        self.institutionID = institutionID
        self.questions = questions
    }
}

/// A listing as a result row: what the Browse table and the CLI show.
public struct ListingSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: ListingID
    public var title: String
    public var organizationID: OrganizationID
    public var organizationName: String
    public var category: ListingCategory
    public var level: ExperienceLevel
    public var locationType: LocationType
    public var location: String
    public var stipend: Stipend?
    public var deadline: Date
    public var durationWeeks: Int
    public var applicationCount: Int
    public var status: ListingStatus
    public var featured: Bool
    public var publishedAt: Date?
    public var requiredSkills: [String]
    /// Relevance score of a text search (higher is better), when there was one.
    public var score: Double?

    public init(
        id: ListingID, title: String, organizationID: OrganizationID, organizationName: String,
        category: ListingCategory, level: ExperienceLevel, locationType: LocationType, location: String,
        stipend: Stipend?, deadline: Date, durationWeeks: Int, applicationCount: Int, status: ListingStatus,
        featured: Bool, publishedAt: Date?, requiredSkills: [String], score: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.category = category
        self.level = level
        self.locationType = locationType
        self.location = location
        self.stipend = stipend
        self.deadline = deadline
        self.durationWeeks = durationWeeks
        self.applicationCount = applicationCount
        self.status = status
        self.featured = featured
        self.publishedAt = publishedAt
        self.requiredSkills = requiredSkills
        self.score = score
    }
}
