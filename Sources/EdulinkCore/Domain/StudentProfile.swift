public import Foundation

/// What a student writes about themselves: the one list of a profile's editable fields, used by
/// the stored profile, the update the Profile tab sends, the row codec and the API document.
public struct ProfileContent: Sendable, Equatable, Hashable, Codable {
    /// 3–20 of `A-Z 0-9 - /`, unique per institution.
    public var registrationNumber: String?
    /// 1–6.
    public var yearOfStudy: Int?
    public var course: String?
    public var skills: [String]
    public var interests: [String]
    public var githubURL: String?
    public var linkedinURL: String?
    public var websiteURL: String?
    public var resumePath: String?
    public var bio: String?

    public init(
        registrationNumber: String? = nil, yearOfStudy: Int? = nil, course: String? = nil, skills: [String] = [],
        interests: [String] = [], githubURL: String? = nil, linkedinURL: String? = nil, websiteURL: String? = nil,
        resumePath: String? = nil, bio: String? = nil
    ) {
        self.registrationNumber = registrationNumber
        self.yearOfStudy = yearOfStudy
        self.course = course
        self.skills = skills
        self.interests = interests
        self.githubURL = githubURL
        self.linkedinURL = linkedinURL
        self.websiteURL = websiteURL
        self.resumePath = resumePath
        self.bio = bio
    }
}

/// What a student tells employers about themselves: what they wrote (`content`) and the
/// institution they belong to.
@dynamicMemberLookup
public struct StudentProfile: Sendable, Equatable, Hashable, Codable {
    public var userID: UserID
    /// Set by an institution or a platform admin, never by the student.
    public var institutionID: InstitutionID?
    /// What the student wrote.
    public var content: ProfileContent
    public var updatedAt: Date

    public init(
        userID: UserID, institutionID: InstitutionID? = nil, content: ProfileContent = .init(), updatedAt: Date
    ) {
        self.userID = userID
        self.institutionID = institutionID
        self.content = content
        self.updatedAt = updatedAt
    }

    /// A field of the content: `profile.skills`, `profile.course = "Law"`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<ProfileContent, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }

    /// Whether at least one link is filled in.
    public var hasLink: Bool {
        [content.githubURL, content.linkedinURL, content.websiteURL].contains { !($0 ?? "").isEmpty }
    }
}

/// One of the ten equal parts of profile completion.
public enum ProfileField: String, Sendable, Codable, CaseIterable, Hashable {
    case name, phone, registrationNumber = "registration_number", institution, yearOfStudy = "year_of_study",
        course, skills, interests, resume, link

    /// How the profile screen names the missing part.
    public var label: String {
        switch self {
        case .name: "name"
        case .phone: "phone number"
        case .registrationNumber: "registration number"
        case .institution: "institution"
        case .yearOfStudy: "year of study"
        case .course: "course"
        case .skills: "at least one skill"
        case .interests: "at least one interest"
        case .resume: "résumé"
        case .link: "a link (GitHub, LinkedIn or website)"
        }
    }
}

/// How complete a profile is, and what is missing.
public struct ProfileCompletion: Sendable, Equatable, Hashable, Codable {
    /// 0–100, in steps of 10.
    public var percent: Int
    public var missing: [ProfileField]

    /// Applying needs at least this much.
    public static let requiredToApply = 70

    public init(percent: Int, missing: [ProfileField]) {
        self.percent = percent
        self.missing = missing
    }

    /// Computes completion from the user's name and phone and the profile's fields.
    public init(user: User, profile: StudentProfile?) {
        func filled(_ value: String?) -> Bool { !(value ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        var missing: [ProfileField] = []
        if !filled(user.displayName) { missing.append(.name) }
        if !filled(user.phone) { missing.append(.phone) }
        if !filled(profile?.registrationNumber) { missing.append(.registrationNumber) }
        if profile?.institutionID == nil { missing.append(.institution) }
        if profile?.yearOfStudy == nil { missing.append(.yearOfStudy) }
        if !filled(profile?.course) { missing.append(.course) }
        if (profile?.skills ?? []).isEmpty { missing.append(.skills) }
        if (profile?.interests ?? []).isEmpty { missing.append(.interests) }
        if !filled(profile?.resumePath) { missing.append(.resume) }
        if !(profile?.hasLink ?? false) { missing.append(.link) }
        let parts = ProfileField.allCases.count
        self.init(percent: (parts - missing.count) * 100 / parts, missing: missing)
    }

    public var allowsApplying: Bool { percent >= Self.requiredToApply }
}
