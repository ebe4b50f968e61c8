public import Foundation

/// One step of the hiring funnel: how many applications got at least this far.
public struct FunnelStep: Sendable, Equatable, Hashable, Codable {
    public var stage: ApplicationStatus
    public var reached: Int

    public init(stage: ApplicationStatus, reached: Int) {
        self.stage = stage
        self.reached = reached
    }
}

/// A listing of the employer's organization with its applications per stage.
public struct ListingFigures: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var listing: ListingSummary
    /// Applications per current status (only statuses that have some).
    public var counts: StatusCounts
    public var id: ListingID { listing.id }
    /// The applications that count as applied, as students see the number in Browse.
    public var total: Int { counts.applied }

    public init(listing: ListingSummary, counts: StatusCounts) {
        self.listing = listing
        self.counts = counts
    }
}

/// What the employer's dashboard shows, computed by the store with aggregates over all of the
/// organization's listings.
public struct EmployerDashboard: Sendable, Equatable, Hashable, Codable {
    /// Received → reviewed → shortlisted → interview → offered → accepted; each step counts the
    /// applications whose furthest stage (undone moves left out) is that one or later, withdrawn ones
    /// included (they were received; "applied" figures leave them out).
    public var funnel: [FunnelStep]
    /// Applications per current status, all listings together.
    public var counts: StatusCounts
    /// Applications the employer has opened or moved at least once.
    public var reviewed: Int
    /// Mean time from submission to first review, over the reviewed ones.
    public var meanSecondsToFirstReview: Double?
    /// Accepted offers ÷ answered offers (accepted + declined); nil before any offer was answered.
    public var acceptanceRate: Double?
    /// The organization's listings, newest first, with their stage counts.
    public var listings: [ListingFigures]
    /// Applications submitted in each of the last `weeks` weeks, oldest first; the last week ends at `asOf`.
    public var weekly: [Int]
    public var asOf: Date

    public init(
        funnel: [FunnelStep], counts: StatusCounts, reviewed: Int, meanSecondsToFirstReview: Double?,
        acceptanceRate: Double?, listings: [ListingFigures], weekly: [Int], asOf: Date
    ) {
        self.funnel = funnel
        self.counts = counts
        self.reviewed = reviewed
        self.meanSecondsToFirstReview = meanSecondsToFirstReview
        self.acceptanceRate = acceptanceRate
        self.listings = listings
        self.weekly = weekly
        self.asOf = asOf
    }
}

/// The store's figures about first reviews of an organization's applications.
public struct FirstReviewFigures: Sendable, Equatable {
    public var reviewed: Int
    public var meanSeconds: Double?

    public init(reviewed: Int, meanSeconds: Double?) {
        self.reviewed = reviewed
        self.meanSeconds = meanSeconds
    }
}
