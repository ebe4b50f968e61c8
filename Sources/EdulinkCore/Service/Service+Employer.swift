import Foundation

extension EdulinkService {
    /// The stages of the dashboard's funnel, in order.
    public static let funnelStages: [ApplicationStatus] = [
        .pending, .reviewed, .shortlisted, .interviewScheduled, .offered, .accepted,
    ]
    /// How many weeks the dashboard's application sparkline covers.
    public static let dashboardWeeks = 12

    /// The employer's dashboard: funnel, time to first review, acceptance rate, per-listing stage
    /// counts and weekly applications, over the organization's listings. Every figure is an
    /// aggregate the store computes.
    public func employerDashboard() async throws -> EmployerDashboard {
        let principal = try await caller()
        return try await guarded(principal) {
            guard let organizationID = principal.organizationID else {
                throw EdulinkError.forbidden("You have no organization.")
            }
            try authorize(principal, .viewApplicants, on: Ownership(organizationID: organizationID))
            let at = now()
            return try await store.read { session in
                let listings = try session.listings(organizationID: organizationID)
                    .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                let perListing = try session.applicationCounts(organizationID: organizationID)
                let figures = try session.listingSummaries(listings.map(\.id)).map {
                    ListingFigures(listing: $0, counts: perListing[$0.id] ?? [:])
                }
                var counts: StatusCounts = [:]
                for listingCounts in perListing.values { counts.merge(listingCounts, uniquingKeysWith: +) }
                let furthest = try session.furthestStageCounts(
                    organizationID: organizationID, stages: Self.funnelStages)
                let funnel = Self.funnelStages.indices.map { index in
                    FunnelStep(stage: Self.funnelStages[index], reached: furthest[index...].reduce(0, +))
                }
                let review = try session.firstReview(organizationID: organizationID)
                let accepted = counts[.accepted] ?? 0
                let answered = accepted + (counts[.declined] ?? 0)
                return EmployerDashboard(
                    funnel: funnel, counts: counts, reviewed: review.reviewed,
                    meanSecondsToFirstReview: review.meanSeconds,
                    acceptanceRate: answered == 0 ? nil : Double(accepted) / Double(answered), listings: figures,
                    weekly: try session.weeklyApplications(
                        organizationID: organizationID, end: at, weeks: Self.dashboardWeeks),
                    asOf: at)
            }
        }
    }
}
