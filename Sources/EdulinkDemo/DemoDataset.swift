public import EdulinkCore
public import Foundation

/// The demo dataset in `data/demo-dataset.json`, decoded as written.
///
/// Records refer to each other by `key` (users, organizations, institutions, listings), never by
/// database id, so the loader that fills a fresh database can assign its own ids. Dates are
/// relative to the moment the demo database is created, so the demo never looks stale:
/// `…DaysAgo` counts back (0 is today), `…InDays` counts forward and is negative for the past.
///
/// ```swift
/// let dataset = try DemoDataset.bundled()
/// let now = Date()
/// for listing in dataset.listings {
///     let deadline = now.addingTimeInterval(TimeInterval(listing.deadlineInDays) * 86_400)
///     // insert the listing with `deadline` …
/// }
/// ```
///
/// `scripts/demo-data/generate.py` writes the file and checks it against DOMAIN.md; the tests in
/// `EdulinkDemoTests` check the same promises from Swift.
public struct DemoDataset: Codable, Sendable, Equatable {
    /// Version of this file's layout; bumped when a field changes meaning.
    public var schemaVersion: Int
    public var institutions: [Institution]
    public var organizations: [Organization]
    public var users: [User]
    /// One per user whose role is `student`.
    public var studentProfiles: [StudentProfile]
    public var listings: [Listing]
    public var applications: [Application]
    public var notifications: [Notification]
    public var savedListings: [SavedListing]
    public var savedSearches: [SavedSearch]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case institutions, organizations, users
        case studentProfiles = "student_profiles"
        case listings, applications, notifications
        case savedListings = "saved_listings"
        case savedSearches = "saved_searches"
    }

    /// The layout version this type decodes.
    public static let supportedSchemaVersion = 1

    /// Decodes a dataset from JSON bytes.
    public static func decode(from data: Data) throws -> DemoDataset {
        try JSONDecoder().decode(DemoDataset.self, from: data)
    }

    /// Reads and decodes a dataset file.
    public static func load(from url: URL) throws -> DemoDataset {
        try decode(from: Data(contentsOf: url))
    }

    /// The dataset shipped with the binary (`data/demo-dataset.json`); a missing one throws
    /// ``DemoResourcesError``, which says where it looked and what to do.
    public static func bundled() throws -> DemoDataset {
        try load(from: DemoResources.demoDatasetURL)
    }
}

// MARK: - People and organizations

extension DemoDataset {
    /// A school students belong to.
    public struct Institution: Codable, Sendable, Equatable {
        public typealias Kind = InstitutionType

        /// Reference used by other records.
        public var key: String
        /// Unique name, e.g. "University of Nairobi".
        public var name: String
        /// Short code shown in tables, e.g. "UON".
        public var shortCode: String
        public var type: Kind
        public var verified: Bool

        enum CodingKeys: String, CodingKey {
            case key, name
            case shortCode = "short_code"
            case type, verified
        }
    }

    /// An employer. Only verified organizations have published listings.
    public struct Organization: Codable, Sendable, Equatable {
        /// Size bracket by number of staff.
        public typealias Size = OrganizationSize

        public var key: String
        public var name: String
        /// Free text, e.g. "Fintech", "Law firm".
        public var industry: String
        public var size: Size
        /// Always under a reserved top-level domain (`.example`), so nothing real is linked.
        public var website: String
        /// "City, Country".
        public var location: String
        /// 100–2000 characters.
        public var description: String
        public var verified: Bool
    }

    /// An account. The password is not in the dataset: the app sets `demo-password` for all.
    public struct User: Codable, Sendable, Equatable {
        public typealias Role = EdulinkCore.Role

        public typealias Status = AccountStatus

        public var key: String
        /// Lowercase and unique.
        public var email: String
        public var displayName: String
        public var role: Role
        public var status: Status
        /// E.164, e.g. "+254712345678".
        public var phone: String?
        /// Organization key for employers and workplace supervisors.
        public var organization: String?
        /// Institution key for students, institution admins and academic supervisors.
        public var institution: String?
        /// A supervisor's job title, e.g. "Head of Clinical Training"; supervisors only.
        public var title: String?
        /// How many upcoming and active placements a supervisor takes (1–50, 10 when absent); supervisors only.
        public var capacity: Int?
        public var createdDaysAgo: Int
        /// `nil` when the account was created for the user and never used.
        public var lastLoginDaysAgo: Int?

        enum CodingKeys: String, CodingKey {
            case key, email
            case displayName = "display_name"
            case role, status, phone, organization, institution, title, capacity
            case createdDaysAgo = "created_days_ago"
            case lastLoginDaysAgo = "last_login_days_ago"
        }
    }

    /// What a student has filled in; completion ranges from about 20 % to 100 %.
    public struct StudentProfile: Codable, Sendable, Equatable {
        /// Key of the student user.
        public var user: String
        public var institution: String?
        /// 3–20 of `A-Z 0-9 - /`, unique per institution.
        public var registrationNumber: String?
        public var yearOfStudy: Int?
        public var course: String?
        public var skills: [String]
        public var interests: [String]
        public var github: String?
        public var linkedin: String?
        public var website: String?
        public var resumePath: String?
        public var bio: String?

        enum CodingKeys: String, CodingKey {
            case user, institution
            case registrationNumber = "registration_number"
            case yearOfStudy = "year_of_study"
            case course, skills, interests, github, linkedin, website
            case resumePath = "resume_path"
            case bio
        }
    }
}

// MARK: - Listings

extension DemoDataset {
    /// An internship posting.
    public struct Listing: Codable, Sendable, Equatable {
        public typealias Category = ListingCategory

        public typealias ExperienceLevel = EdulinkCore.ExperienceLevel

        public typealias LocationType = EdulinkCore.LocationType

        public typealias Visibility = ListingVisibility

        public typealias Status = ListingStatus

        public typealias Currency = EdulinkCore.Currency

        public var key: String
        public var organization: String
        /// Key of the employer user who wrote it.
        public var createdBy: String
        public var title: String
        public var description: String
        public var category: Category
        public var experienceLevel: ExperienceLevel
        public var locationType: LocationType
        public var location: String
        /// Negative for listings whose deadline has passed (closed, or published and expired).
        public var deadlineInDays: Int
        public var startInDays: Int
        public var endInDays: Int
        public var durationWeeks: Int
        /// Monthly amount; `nil` means unpaid.
        public var stipend: Int?
        /// Set exactly when `stipend` is.
        public var currency: Currency?
        public var requiredSkills: [String]
        public var preferredSkills: [String]
        /// Empty means every year.
        public var eligibleYears: [Int]
        /// Empty means every course.
        public var eligibleCourses: [String]
        /// Maximum number of applications.
        public var capacity: Int
        /// Interns to hire; accepted applications never exceed it.
        public var positions: Int
        public var visibility: Visibility
        /// Set exactly when `visibility` is `institutionOnly`.
        public var institution: String?
        public var screeningQuestions: [ScreeningQuestion]
        public var featured: Bool
        public var status: Status
        public var createdDaysAgo: Int
        /// `nil` for drafts and listings waiting for review.
        public var publishedDaysAgo: Int?

        enum CodingKeys: String, CodingKey {
            case key, organization
            case createdBy = "created_by"
            case title, description, category
            case experienceLevel = "experience_level"
            case locationType = "location_type"
            case location
            case deadlineInDays = "deadline_in_days"
            case startInDays = "start_in_days"
            case endInDays = "end_in_days"
            case durationWeeks = "duration_weeks"
            case stipend, currency
            case requiredSkills = "required_skills"
            case preferredSkills = "preferred_skills"
            case eligibleYears = "eligible_years"
            case eligibleCourses = "eligible_courses"
            case capacity, positions, visibility, institution
            case screeningQuestions = "screening_questions"
            case featured, status
            case createdDaysAgo = "created_days_ago"
            case publishedDaysAgo = "published_days_ago"
        }
    }

    /// A question an applicant answers when applying.
    public struct ScreeningQuestion: Codable, Sendable, Equatable {
        public typealias Kind = QuestionKind

        public var prompt: String
        public var kind: Kind
        /// Non-empty exactly for `choice`.
        public var choices: [String]
        public var required: Bool
    }
}

// MARK: - Applications and activity

extension DemoDataset {
    /// A student's application and its full history. The current state is the last timeline
    /// event's `to`, or `pending` when the timeline is empty.
    public struct Application: Codable, Sendable, Equatable {
        public var student: String
        public var listing: String
        public var coverLetter: String
        /// One per screening question, in order; "" for an unanswered optional question.
        public var answers: [String]
        public var resumePath: String?
        public var submittedDaysAgo: Int
        /// Employer's 1–5 rating.
        public var rating: Int?
        /// Employer's private notes; never shown to the student.
        public var notes: String?
        /// Oldest first; `daysAgo` never increases along it.
        public var timeline: [TimelineEvent]

        /// The state the application is in now.
        public var currentState: State {
            timeline.last?.to ?? .pending
        }

        enum CodingKeys: String, CodingKey {
            case student, listing
            case coverLetter = "cover_letter"
            case answers
            case resumePath = "resume_path"
            case submittedDaysAgo = "submitted_days_ago"
            case rating, notes, timeline
        }
    }

    /// Every state an application can be in.
    public typealias State = ApplicationStatus

    /// One change of an application's state.
    public struct TimelineEvent: Codable, Sendable, Equatable {
        /// States a change can lead to (every state but `pending`).
        public typealias Target = ApplicationStatus

        public typealias RejectionReason = EdulinkCore.RejectionReason

        public var to: Target
        public var daysAgo: Int
        /// Set exactly when `to` is `rejected`.
        public var reason: RejectionReason?
        public var note: String?
        /// Set exactly when `to` is `interviewScheduled`; relative to now, so past interviews are negative.
        public var interviewInDays: Int?
        public var interviewPlace: String?
        /// Set exactly when `to` is `offered`.
        public var offerExpiresInDays: Int?

        enum CodingKeys: String, CodingKey {
            case to
            case daysAgo = "days_ago"
            case reason, note
            case interviewInDays = "interview_in_days"
            case interviewPlace = "interview_place"
            case offerExpiresInDays = "offer_expires_in_days"
        }
    }

    /// An in-app notification.
    public struct Notification: Codable, Sendable, Equatable {
        public typealias Kind = NotificationKind

        public var user: String
        public var kind: Kind
        public var title: String
        public var body: String
        public var daysAgo: Int
        public var read: Bool
        /// The listing it is about (its key): Enter opens the application of the notified student, or
        /// of `applicant` for the employer, to it, else the listing.
        public var listing: String?
        /// The student whose application an employer's notification is about.
        public var applicant: String?

        enum CodingKeys: String, CodingKey {
            case user, kind, title, body
            case daysAgo = "days_ago"
            case read, listing, applicant
        }
    }

    /// A listing a student bookmarked.
    public struct SavedListing: Codable, Sendable, Equatable {
        public var student: String
        public var listing: String
        public var daysAgo: Int

        enum CodingKeys: String, CodingKey {
            case student, listing
            case daysAgo = "days_ago"
        }
    }

    /// A named search in the browse query language, e.g. `data remote:yes stipend>=20000`.
    public struct SavedSearch: Codable, Sendable, Equatable {
        public var student: String
        public var name: String
        public var query: String
        public var daysAgo: Int

        enum CodingKeys: String, CodingKey {
            case student, name, query
            case daysAgo = "days_ago"
        }
    }
}
