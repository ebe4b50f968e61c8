public import Foundation

/// Who is searching, and which listings they may see; the service fills it in, the store turns it
/// into SQL.
/// How far Browse's total counts (the count beside every keystroke's results).
public enum ListingCount {
    /// Matches are counted exactly up to this many; a larger count is answered as `limit + 1` and
    /// shown as "1,000+", so counting a broad word reads a thousand matches, not its whole match
    /// (`data` matches 40 % of a million listings). A count walks and checks each match it counts,
    /// unscored: a thousand keeps the count of every query shape within a frame at a million
    /// listings (three words walked 10,001 matches in 60 ms), and past a thousand the number only
    /// says "narrow it". All open listings, with no filter, are always counted exactly
    /// (``OpenListingTally``).
    public static let limit = 1_000

    /// Whether `count` is the answer for "more than ``limit``": a capped count is exactly `limit + 1`;
    /// a larger one is exact (all open listings, ``OpenListingTally``) and is shown as it is.
    public static func isAtLeast(_ count: Int) -> Bool { count == limit + 1 }
}

public struct ListingScope: Sendable, Equatable {
    public var now: Date
    /// Only listings students can apply to: published, verified and before the deadline.
    public var openOnly: Bool
    /// Who is looking: which audiences they see (the one visibility rule, `ListingViewer`).
    public var viewer: ListingViewer
    /// For "eligible for me": the student's year of study and course.
    public var eligibility: EligibilityContext?
    /// Only listings published after this instant (new matches of a saved search).
    public var publishedAfter: Date?
    /// Restrict to one organization (an employer's own listings).
    public var organizationID: OrganizationID?
    /// Leave out the listings this student applied to (any state): a saved search's new matches.
    public var notAppliedBy: UserID?

    public init(
        now: Date, openOnly: Bool = true, viewer: ListingViewer = .member(of: nil),
        eligibility: EligibilityContext? = nil, publishedAfter: Date? = nil, organizationID: OrganizationID? = nil,
        notAppliedBy: UserID? = nil
    ) {
        self.now = now
        self.openOnly = openOnly
        self.viewer = viewer
        self.eligibility = eligibility
        self.publishedAfter = publishedAfter
        self.organizationID = organizationID
        self.notAppliedBy = notAppliedBy
    }
}

/// What "eligible for me" compares a listing against: the student's year and course, and the
/// listings they already applied to (one application per listing: those are not for them any more).
public struct EligibilityContext: Sendable, Equatable, Hashable, Codable {
    public var yearOfStudy: Int?
    public var course: String?
    /// Listings with an application of this student (any state) are left out.
    public var studentID: UserID?

    public init(yearOfStudy: Int?, course: String?, studentID: UserID? = nil) {
        self.yearOfStudy = yearOfStudy
        self.course = course
        self.studentID = studentID
    }
}

/// A position in a sorted result list, for keyset pagination (never OFFSET).
///
/// `key` is the sort value of the last row seen (relevance, a date as seconds, a stipend), nil when
/// that row had no value; `id` breaks ties.
public struct PageCursor: Sendable, Equatable, Hashable, Codable {
    public var key: Double?
    public var id: Int64

    public init(key: Double?, id: Int64) {
        self.key = key
        self.id = id
    }

    /// The largest key a store ever hands out: dates are seconds since 1970 (about 1.8e9 today),
    /// stipends at most 1.3e8 shillings, relevance scores are small. Anything beyond comes from outside
    /// (and ±1e11 seconds, years 1200 BC to 5100 AD, is still a valid PostgreSQL timestamp).
    public static let maximumKeyMagnitude = 1e11

    /// Whether the key could have come from a store; the service refuses other cursors.
    public var isPlausible: Bool {
        guard let key else { return true }
        return key.isFinite && abs(key) <= Self.maximumKeyMagnitude
    }

    /// A compact text form for URLs and the CLI: `k:<key>:<id>` or `n:<id>`.
    public var token: String {
        if let key { return "k:\(key):\(id)" }
        return "n:\(id)"
    }

    /// Parses `token`; nil when malformed.
    public init?(token: String) {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "k", let key = Double(parts[1]), key.isFinite, let id = Int64(parts[2]) {
            self.init(key: key, id: id)
        } else if parts.count == 2, parts[0] == "n", let id = Int64(parts[1]) {
            self.init(key: nil, id: id)
        } else {
            return nil
        }
    }
}

/// One page of results and where the next one starts.
public struct Page<Item: Sendable & Equatable>: Sendable, Equatable {
    public var items: [Item]
    /// Nil at the end of the list.
    public var nextCursor: PageCursor?

    public init(items: [Item], nextCursor: PageCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Codable where Item: Codable {}

extension Page: Hashable where Item: Hashable {}

/// A search for listings.
public struct ListingSearchRequest: Sendable, Equatable {
    public var filter: ListingFilter
    public var scope: ListingScope
    public var cursor: PageCursor?
    public var limit: Int

    public init(filter: ListingFilter, scope: ListingScope, cursor: PageCursor? = nil, limit: Int = 50) {
        self.filter = filter
        self.scope = scope
        self.cursor = cursor
        self.limit = limit
    }
}
