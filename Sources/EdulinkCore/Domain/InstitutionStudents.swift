public import Foundation

/// How far a student has got towards (and through) a placement: the Students tab's filter and column.
public enum StudentStage: String, Sendable, Codable, CaseIterable, Hashable {
    case notApplied = "not_applied"
    case applied
    case interviewing
    case offered
    case placed
    case completed

    public var label: String {
        switch self {
        case .notApplied: "not applied"
        case .applied: "applied"
        case .interviewing: "interviewing"
        case .offered: "offered"
        case .placed: "placed"
        case .completed: "completed"
        }
    }
}

/// Which of an institution's students a list shows.
public struct StudentQuery: Sendable, Equatable, Hashable, Codable {
    /// Words in the name, email or registration number.
    public var text: String?
    public var course: String?
    public var yearOfStudy: Int?
    public var stage: StudentStage?
    /// The institution, for a platform admin (an institution admin always sees their own).
    public var institutionID: InstitutionID?
    /// By name, after this student (name and id) for the next page.
    public var after: StudentCursor?
    public var limit: Int

    public init(
        text: String? = nil, course: String? = nil, yearOfStudy: Int? = nil, stage: StudentStage? = nil,
        institutionID: InstitutionID? = nil, after: StudentCursor? = nil, limit: Int = 100
    ) {
        self.text = text
        self.course = course
        self.yearOfStudy = yearOfStudy
        self.stage = stage
        self.institutionID = institutionID
        self.after = after
        self.limit = limit
    }
}

/// Where a page of students by name ends.
public struct StudentCursor: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var id: UserID

    public init(name: String, id: UserID) {
        self.name = name
        self.id = id
    }
}

/// One row of the Students tab.
public struct InstitutionStudent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: UserID
    public var displayName: String
    public var email: String
    public var status: AccountStatus
    public var registrationNumber: String?
    public var course: String?
    public var yearOfStudy: Int?
    public var stage: StudentStage
    public var applications: Int
    public var createdAt: Date
    public var lastLoginAt: Date?

    public init(
        id: UserID, displayName: String, email: String, status: AccountStatus, registrationNumber: String?,
        course: String?, yearOfStudy: Int?, stage: StudentStage, applications: Int, createdAt: Date,
        lastLoginAt: Date?
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.status = status
        self.registrationNumber = registrationNumber
        self.course = course
        self.yearOfStudy = yearOfStudy
        self.stage = stage
        self.applications = applications
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }

    public var cursor: StudentCursor { StudentCursor(name: displayName, id: id) }
}

/// A page of students with the total that match, and the courses to filter by.
public struct StudentPage: Sendable, Equatable, Hashable, Codable {
    public var students: [InstitutionStudent]
    public var total: Int
    /// The courses the institution's students take, for the course filter.
    public var courses: [String]

    public init(students: [InstitutionStudent], total: Int, courses: [String]) {
        self.students = students
        self.total = total
        self.courses = courses
    }
}

/// One student as their institution sees them: profile, applications (read-only) and placements.
public struct InstitutionStudentDetail: Sendable, Equatable, Hashable, Codable {
    public var student: InstitutionStudent
    public var profile: StudentProfile
    public var applications: [ApplicationSummary]
    public var placements: [PlacementSummary]

    public init(
        student: InstitutionStudent, profile: StudentProfile, applications: [ApplicationSummary],
        placements: [PlacementSummary]
    ) {
        self.student = student
        self.profile = profile
        self.applications = applications
        self.placements = placements
    }
}

/// A listing the institution's students applied to: how many of them, how many got an offer and
/// how many accepted one (the institution admin's Listings tab, "where students applied").
public struct InstitutionListingUse: Sendable, Equatable, Hashable, Codable {
    public var listing: ListingSummary
    /// The institution's students who applied.
    public var students: Int
    /// Of those, how many were offered the place (accepted, declined or still open).
    public var offers: Int
    /// Of those, how many accepted.
    public var accepted: Int

    public init(listing: ListingSummary, students: Int, offers: Int, accepted: Int) {
        self.listing = listing
        self.students = students
        self.offers = offers
        self.accepted = accepted
    }
}
