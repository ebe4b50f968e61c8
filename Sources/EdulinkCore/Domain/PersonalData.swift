public import Foundation

/// Everything Edulink stores about one person, as one document (PLACEMENTS.md, Privacy): what
/// `edulink user export`, "Export my data" and `GET /api/v1/me/export` hand out. Never the
/// password hash. A student's applications and logbook entries leave out what the employer and the
/// supervisor keep to themselves (rating, notes, private notes), as everywhere a student reads them.
public struct PersonalDataExport: Sendable, Equatable, Hashable, Codable {
    /// The version of this document's layout.
    public var format: Int
    public var exportedAt: Date
    public var account: PersonalAccount
    /// A student's profile.
    public var studentProfile: StudentProfile?
    /// The institution a student studies at or an institution admin administers.
    public var institution: Institution?
    /// The organization an employer (or a workplace supervisor) belongs to.
    public var organization: Organization?
    /// A supervisor's title and capacity.
    public var supervisorProfile: SupervisorProfile?
    /// The placements a supervisor is (or was) assigned to.
    public var supervisedPlacementIDs: [PlacementID]
    /// A student's applications, each with its timeline, oldest first.
    public var applications: [PersonalApplication]
    /// A student's placements with their timelines, logbooks and the evaluations received.
    public var placements: [PersonalPlacement]
    public var notifications: [Notification]
    public var savedListings: [PersonalSavedListing]
    public var savedSearches: [SavedSearch]
    /// What the person did, and what was done to their account, oldest first.
    public var auditEvents: [AuditEvent]
    /// Sign-ins, refusals and the like of the account (or typed with its email), oldest first.
    public var securityEvents: [SecurityEvent]

    /// The layout this build writes.
    public static let currentFormat = 1

    public init(
        format: Int = Self.currentFormat, exportedAt: Date, account: PersonalAccount,
        studentProfile: StudentProfile? = nil, institution: Institution? = nil, organization: Organization? = nil,
        supervisorProfile: SupervisorProfile? = nil, supervisedPlacementIDs: [PlacementID] = [],
        applications: [PersonalApplication] = [], placements: [PersonalPlacement] = [],
        notifications: [Notification] = [], savedListings: [PersonalSavedListing] = [],
        savedSearches: [SavedSearch] = [], auditEvents: [AuditEvent] = [], securityEvents: [SecurityEvent] = []
    ) {
        self.format = format
        self.exportedAt = exportedAt
        self.account = account
        self.studentProfile = studentProfile
        self.institution = institution
        self.organization = organization
        self.supervisorProfile = supervisorProfile
        self.supervisedPlacementIDs = supervisedPlacementIDs
        self.applications = applications
        self.placements = placements
        self.notifications = notifications
        self.savedListings = savedListings
        self.savedSearches = savedSearches
        self.auditEvents = auditEvents
        self.securityEvents = securityEvents
    }

    /// The document as JSON: sorted keys, indented, ISO 8601 dates (what the CLI and the TUI write).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}

/// The account as exported: everything on it but the password hash.
public struct PersonalAccount: Sendable, Equatable, Hashable, Codable {
    public var id: UserID
    public var email: String
    public var displayName: String
    public var role: Role
    public var status: AccountStatus
    public var phone: String?
    public var organizationID: OrganizationID?
    public var institutionID: InstitutionID?
    public var createdAt: Date
    public var lastLoginAt: Date?
    public var lockedUntil: Date?

    public init(_ user: User) {
        id = user.id
        email = user.email
        displayName = user.displayName
        role = user.role
        status = user.status
        phone = user.phone
        organizationID = user.organizationID
        institutionID = user.institutionID
        createdAt = user.createdAt
        lastLoginAt = user.lastLoginAt
        lockedUntil = user.lockedUntil
    }
}

/// One application with the listing's title and its timeline.
public struct PersonalApplication: Sendable, Equatable, Hashable, Codable {
    public var application: Application
    public var listingTitle: String
    public var organizationName: String
    public var timeline: [ApplicationEvent]

    public init(application: Application, listingTitle: String, organizationName: String, timeline: [ApplicationEvent])
    {
        self.application = application
        self.listingTitle = listingTitle
        self.organizationName = organizationName
        self.timeline = timeline
    }
}

/// One placement with its timeline, logbook (each entry's history) and the evaluations received.
public struct PersonalPlacement: Sendable, Equatable, Hashable, Codable {
    public var placement: Placement
    public var timeline: [PlacementTimelineEvent]
    public var logbook: [LogbookEntry]
    public var logbookHistory: [LogbookEvent]
    public var evaluations: [Evaluation]

    public init(
        placement: Placement, timeline: [PlacementTimelineEvent], logbook: [LogbookEntry],
        logbookHistory: [LogbookEvent], evaluations: [Evaluation]
    ) {
        self.placement = placement
        self.timeline = timeline
        self.logbook = logbook
        self.logbookHistory = logbookHistory
        self.evaluations = evaluations
    }
}

/// A listing the student saved, and when.
public struct PersonalSavedListing: Sendable, Equatable, Hashable, Codable {
    public var listingID: ListingID
    public var title: String?
    public var savedAt: Date

    public init(listingID: ListingID, title: String?, savedAt: Date) {
        self.listingID = listingID
        self.title = title
        self.savedAt = savedAt
    }
}

/// What an erasure did, for the admin who asked (and the CLI).
public struct ErasureResult: Sendable, Equatable, Hashable, Codable {
    public var userID: UserID
    /// The account's email now (`ErasureRules.placeholderEmail`).
    public var email: String
    /// False when the account had been erased already and nothing was left to erase.
    public var erased: Bool
    /// Texts elsewhere (audit summaries, notifications, messages, others' notes) that quoted the
    /// person and were rewritten.
    public var textsRewritten: Int

    public init(userID: UserID, email: String, erased: Bool, textsRewritten: Int) {
        self.userID = userID
        self.email = email
        self.erased = erased
        self.textsRewritten = textsRewritten
    }
}

/// What an erased account and the texts about it look like (PLACEMENTS.md, Privacy).
public enum ErasureRules {
    /// What replaces a text the person wrote, and their name, email or phone inside other texts.
    public static let marker = "[erased]"
    /// Placements that hold up an erasure (unless forced).
    public static let blockingPlacementStates: Set<PlacementStatus> = [.upcoming, .active]
    /// What the password hash becomes: no password hashes to it, so nobody can sign in.
    static let unusablePasswordHash = "!erased"

    /// A unique address that can never receive mail (`.invalid` is reserved, RFC 2606).
    public static func placeholderEmail(_ id: UserID) -> String { "erased-\(id.rawValue)@erased.invalid" }

    /// The display name of an erased account: still tells apart the rows of a list.
    public static func placeholderName(_ id: UserID) -> String { "Erased user \(id.rawValue)" }

    /// Whether `user` was erased already.
    public static func isErased(_ user: User) -> Bool { user.email == placeholderEmail(user.id) }

    /// The person's identifying values to look for in other texts: email, name and phone as stored.
    /// A name or phone shorter than 3 characters is not looked for (it would match inside words).
    public static func needles(of user: User) -> [String] {
        let values = [user.email, user.displayName, user.phone ?? ""].map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return Array(Set(values.filter { $0.count >= 3 }))
    }

    /// `text` with every occurrence of `needles` replaced by the marker, or nil when none occurs.
    /// Matches ignore case; a needle that starts or ends with a letter or digit matches only as a
    /// whole word there, so that the name "Ann" leaves "Annual" alone.
    public static func scrub(_ text: String, needles: [String]) -> String? {
        var result = text
        // Longest first: an email that contains the name is replaced whole.
        for needle in needles.sorted(by: { $0.count > $1.count }) {
            result = replacingWholeWords(needle, in: result)
        }
        return result == text ? nil : result
    }

    private static func replacingWholeWords(_ needle: String, in text: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: needle, options: [.caseInsensitive]) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let touchesWord =
                (needle.first.map(isWordCharacter) == true && before.map(isWordCharacter) == true)
                || (needle.last.map(isWordCharacter) == true && after.map(isWordCharacter) == true)
            result += rest[..<range.lowerBound]
            result += touchesWord ? String(rest[range]) : marker
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
