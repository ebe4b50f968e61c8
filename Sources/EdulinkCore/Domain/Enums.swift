/// The role a user acts in. Permissions are decided by role, action and ownership (see `PermissionPolicy`).
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case student
    case employer
    case institutionAdmin = "institution_admin"
    case supervisor
    case admin
}

/// What a listing is about; used for filtering and the demo dataset.
public enum ListingCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case technology, finance, marketing, healthcare, education, engineering, design, research,
        business, legal, media, other
}

/// How much experience a listing expects.
public enum ExperienceLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case entry, intermediate, advanced
}

/// Where the intern works.
public enum LocationType: String, Sendable, Codable, CaseIterable, Hashable {
    case remote
    case onSite = "on_site"
    case hybrid
}

/// Who may see and apply to a listing.
public enum ListingVisibility: String, Sendable, Codable, CaseIterable, Hashable {
    case `public`
    case institutionOnly = "institution_only"
}

/// Size bracket of an organization.
public enum OrganizationSize: String, Sendable, Codable, CaseIterable, Hashable {
    case tiny = "1-10"
    case small = "11-50"
    case medium = "51-200"
    case large = "201-500"
    case veryLarge = "501-1000"
    case enterprise = "1000+"
}

/// Kind of educational institution.
public enum InstitutionType: String, Sendable, Codable, CaseIterable, Hashable {
    case university, college, polytechnic, tvet, institute
}

/// Currency of a stipend. Amounts are compared across currencies through `kesEquivalent`.
public enum Currency: String, Sendable, Codable, CaseIterable, Hashable {
    case kes = "KES"
    case usd = "USD"

    /// Fixed conversion used only to filter and sort stipends across currencies.
    public var kesPerUnit: Int {
        switch self {
        case .kes: 1
        case .usd: 130
        }
    }
}

/// Kind of a screening question on a listing.
public enum QuestionKind: String, Sendable, Codable, CaseIterable, Hashable {
    case text
    case longText = "long_text"
    case yesNo = "yes_no"
    case choice
}

/// Why an employer rejected an application.
public enum RejectionReason: String, Sendable, Codable, CaseIterable, Hashable {
    case notQualified = "not_qualified"
    case positionFilled = "position_filled"
    case notEligible = "not_eligible"
    case other

    public var label: String {
        switch self {
        case .notQualified: "Not qualified"
        case .positionFilled: "Position filled"
        case .notEligible: "Not eligible"
        case .other: "Other"
        }
    }
}

/// Where a change came from, recorded on audit events.
public enum Origin: String, Sendable, Codable, CaseIterable, Hashable {
    case tui, cli, api, system
}
