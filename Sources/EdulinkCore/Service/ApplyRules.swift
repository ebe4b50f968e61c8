public import Foundation

/// Everything the apply rules look at, read in one transaction.
public struct ApplyContext: Sendable {
    public var listing: Listing
    /// Applications that hold a place (every state but withdrawn).
    public var placesTaken: Int
    public var student: User
    public var profile: StudentProfile?
    /// The state of the student's own application to the listing, if there is one.
    public var existing: ApplicationStatus?
    public var appliedToday: Int
    public var appliedThisMonth: Int
    public var now: Date

    public init(
        listing: Listing, placesTaken: Int, student: User, profile: StudentProfile?, existing: ApplicationStatus?,
        appliedToday: Int, appliedThisMonth: Int, now: Date
    ) {
        self.listing = listing
        self.placesTaken = placesTaken
        self.student = student
        self.profile = profile
        self.existing = existing
        self.appliedToday = appliedToday
        self.appliedThisMonth = appliedThisMonth
        self.now = now
    }
}

/// The apply rules of DOMAIN.md, in their order, each with its own message. The listing detail
/// screen shows the first that fails ("why you cannot apply"); `apply` refuses with it.
public enum ApplyRules {
    /// Why a student with an application in state `existing` cannot apply again: one application
    /// per student and listing, a withdrawn one included.
    public static func alreadyApplied(_ existing: ApplicationStatus) -> Refusal {
        existing == .withdrawn
            ? Refusal(
                .alreadyApplied,
                "You withdrew your application to this listing; a listing takes one application per student, "
                    + "so it cannot be sent again.")
            : Refusal(.alreadyApplied, "You have already applied to this listing.")
    }

    /// The first rule that refuses, or nil when the student may apply.
    public static func firstRefusal(_ c: ApplyContext) -> Refusal? {
        let listing = c.listing
        switch listing.status {
        case .closed: return Refusal(.listingClosed, "This listing is closed.")
        case .draft, .pendingReview: return Refusal(.listingNotPublished, "This listing is not published.")
        case .published: break
        }
        if listing.verifiedAt == nil {
            return Refusal(.listingNotVerified, "This listing has not been verified yet.")
        }
        if listing.deadline <= c.now {
            return Refusal(.deadlinePassed, "The deadline for this listing has passed.")
        }
        if c.placesTaken >= listing.capacity {
            return Refusal(.capacityReached, "This listing has reached its maximum number of applications.")
        }
        if let refusal = eligibilityRefusal(listing, student: c.student, profile: c.profile) { return refusal }
        if let existing = c.existing { return alreadyApplied(existing) }
        let completion = ProfileCompletion(user: c.student, profile: c.profile)
        if !completion.allowsApplying {
            let missing = completion.missing.map(\.label).joined(separator: ", ")
            return Refusal(
                .profileIncomplete,
                "Your profile is \(completion.percent) % complete; applying needs \(ProfileCompletion.requiredToApply) %. "
                    + "Add: \(missing).")
        }
        if c.appliedToday >= EdulinkService.dailyApplicationLimit {
            return Refusal(
                .dailyLimit,
                "You can send at most \(EdulinkService.dailyApplicationLimit) applications a day; try again tomorrow.")
        }
        if c.appliedThisMonth >= EdulinkService.monthlyApplicationLimit {
            return Refusal(
                .monthlyLimit, "You can send at most \(EdulinkService.monthlyApplicationLimit) applications a month.")
        }
        return nil
    }

    /// Whether the listing's visibility, years and courses admit the student.
    public static func eligibilityRefusal(_ listing: Listing, student: User, profile: StudentProfile?) -> Refusal? {
        if !ListingViewer.member(of: profile?.institutionID ?? student.institutionID).sees(listing) {
            return Refusal(.notEligible, "This listing is only open to students of another institution.")
        }
        if !listing.eligibleYears.isEmpty {
            guard let year = profile?.yearOfStudy, listing.eligibleYears.contains(year) else {
                let years = listing.eligibleYears.sorted().map(String.init).joined(separator: ", ")
                return Refusal(.notEligible, "This listing is open to students in year \(years) only.")
            }
        }
        if !listing.eligibleCourses.isEmpty {
            let course = (profile?.course ?? "").lowercased()
            guard !course.isEmpty, listing.eligibleCourses.contains(where: { $0.lowercased() == course }) else {
                return Refusal(
                    .notEligible,
                    "This listing is open to these courses only: \(listing.eligibleCourses.joined(separator: ", ")).")
            }
        }
        return nil
    }
}

/// How a student's skills meet a listing's.
public struct SkillMatch: Sendable, Equatable, Hashable, Codable {
    public var matchedRequired: [String]
    public var missingRequired: [String]
    public var matchedPreferred: [String]

    /// 0–100: the share of required skills the student has (100 when none are required).
    public var percent: Int {
        let total = matchedRequired.count + missingRequired.count
        return total == 0 ? 100 : matchedRequired.count * 100 / total
    }

    public init(listing: Listing, skills: [String]) {
        let have = Set(skills.map { $0.lowercased() })
        matchedRequired = listing.requiredSkills.filter { have.contains($0.lowercased()) }
        missingRequired = listing.requiredSkills.filter { !have.contains($0.lowercased()) }
        matchedPreferred = listing.preferredSkills.filter { have.contains($0.lowercased()) }
    }
}
