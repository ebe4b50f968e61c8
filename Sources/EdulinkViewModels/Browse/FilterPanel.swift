public import EdulinkCore

/// The filters panel beside Browse: one control per `ListingFilter` field a student sets by hand.
///
/// The panel and the query line show the same filter. ``init(_:)`` reads a filter into the
/// panel, and ``applied(to:)`` writes the panel back onto a filter, keeping what the panel does not
/// show (search words, organization, featured, sort). `BrowseViewModel` then rewrites the query
/// text from the result with `ListingFilter.queryString`, so editing either one updates the other.
public struct FilterPanel: Sendable, Equatable {
    /// Any of these categories; empty means any.
    public var categories: Set<ListingCategory> = []
    /// Any of these location types; empty means any.
    public var locationTypes: Set<LocationType> = []
    /// Location contains this text; empty means anywhere.
    public var location = ""
    /// Only paid listings.
    public var paidOnly = false
    /// Minimum monthly stipend in KES.
    public var minimumStipendKES: Int?
    /// Any of these experience levels; empty means any.
    public var levels: Set<ExperienceLevel> = []
    /// Shortest duration in weeks.
    public var minimumDurationWeeks: Int?
    /// Longest duration in weeks.
    public var maximumDurationWeeks: Int?
    /// Applications close within this many days.
    public var deadlineWithinDays: Int?
    /// Every one of these skills.
    public var skills: [String] = []
    /// Only listings the student may apply to.
    public var eligibleForMe = false

    /// An empty panel: every listing.
    public init() {}

    /// The panel showing `filter`.
    public init(_ filter: ListingFilter) {
        categories = filter.categories
        locationTypes = filter.locationTypes
        location = filter.location ?? ""
        paidOnly = filter.paidOnly
        minimumStipendKES = filter.minimumStipendKES
        levels = filter.levels
        minimumDurationWeeks = filter.minimumDurationWeeks
        maximumDurationWeeks = filter.maximumDurationWeeks
        deadlineWithinDays = filter.deadlineWithinDays
        skills = filter.skills
        eligibleForMe = filter.eligibleForMe
    }

    /// `filter` with the panel's fields written over it, normalized the way the query parser
    /// normalizes (so `applied(to:)` then `queryString` then parsing gives the same filter back).
    public func applied(to filter: ListingFilter) -> ListingFilter {
        var result = filter
        result.categories = categories
        result.locationTypes = locationTypes
        result.location = location.isEmpty ? nil : location
        result.paidOnly = paidOnly
        result.minimumStipendKES = minimumStipendKES
        result.levels = levels
        result.minimumDurationWeeks = minimumDurationWeeks
        result.maximumDurationWeeks = maximumDurationWeeks
        result.deadlineWithinDays = deadlineWithinDays
        result.skills = skills
        result.eligibleForMe = eligibleForMe
        return result.normalized()
    }

    /// One change to the panel.
    public enum Change: Sendable, Equatable {
        case toggleCategory(ListingCategory)
        case toggleLocationType(LocationType)
        case setLocation(String)
        case setPaidOnly(Bool)
        case setMinimumStipend(Int?)
        case toggleLevel(ExperienceLevel)
        case setMinimumDuration(Int?)
        case setMaximumDuration(Int?)
        case setDeadlineWithin(Int?)
        case addSkill(String)
        case removeSkill(String)
        case setEligibleForMe(Bool)
        /// Clears every field.
        case clear
    }

    /// Applies a change.
    public mutating func apply(_ change: Change) {
        switch change {
        case .toggleCategory(let category): categories.formSymmetricDifference([category])
        case .toggleLocationType(let type): locationTypes.formSymmetricDifference([type])
        case .setLocation(let text): location = text
        case .setPaidOnly(let on): paidOnly = on
        case .setMinimumStipend(let amount): minimumStipendKES = amount
        case .toggleLevel(let level): levels.formSymmetricDifference([level])
        case .setMinimumDuration(let weeks): minimumDurationWeeks = weeks
        case .setMaximumDuration(let weeks): maximumDurationWeeks = weeks
        case .setDeadlineWithin(let days): deadlineWithinDays = days
        case .addSkill(let skill):
            if !skills.contains(where: { $0.lowercased() == skill.lowercased() }) { skills.append(skill) }
        case .removeSkill(let skill): skills.removeAll { $0.lowercased() == skill.lowercased() }
        case .setEligibleForMe(let on): eligibleForMe = on
        case .clear: self = FilterPanel()
        }
    }
}
