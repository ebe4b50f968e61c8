import Foundation

/// Which side a supervisor is on: the employer's (workplace) or the institution's (academic).
public enum SupervisorKind: String, Sendable, Codable, CaseIterable, Hashable {
    case workplace
    case academic

    public var label: String { rawValue }
}

/// What a supervisor account holds besides the user: a title and how many placements they take.
/// The affiliation is the user's organization (workplace) or institution (academic).
public struct SupervisorProfile: Sendable, Equatable, Hashable, Codable {
    public var userID: UserID
    public var title: String
    /// Placements at once (upcoming or active), 1–50.
    public var capacity: Int

    public init(userID: UserID, title: String, capacity: Int = SupervisorRules.defaultCapacity) {
        self.userID = userID
        self.title = title
        self.capacity = capacity
    }
}

/// A supervisor as the people who assign them see one: who, their side, and their load.
public struct SupervisorSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var user: UserSummary
    public var kind: SupervisorKind
    public var title: String
    public var phone: String?
    public var capacity: Int
    /// Upcoming and active placements assigned to them now.
    public var load: Int
    public var id: UserID { user.id }

    public init(
        user: UserSummary, kind: SupervisorKind, title: String, phone: String?, capacity: Int, load: Int
    ) {
        self.user = user
        self.kind = kind
        self.title = title
        self.phone = phone
        self.capacity = capacity
        self.load = load
    }

    /// Whether one more placement would exceed the capacity.
    public var isFull: Bool { load >= capacity }
}

/// A supervisor account to create; its side and affiliation are the creator's (an employer's
/// organization, an institution admin's institution).
public struct NewSupervisor: Sendable, Equatable, Hashable, Codable {
    public var email: String
    public var displayName: String
    public var title: String
    public var phone: String?
    public var capacity: Int

    public init(
        email: String, displayName: String, title: String, phone: String? = nil,
        capacity: Int = SupervisorRules.defaultCapacity
    ) {
        self.email = email
        self.displayName = displayName
        self.title = title
        self.phone = phone
        self.capacity = capacity
    }
}

/// A new supervisor account and its one-time sign-in code, shown once and never stored in clear.
public struct SupervisorAccount: Sendable, Equatable, Hashable, Codable {
    public var supervisor: SupervisorSummary
    public var oneTimePassword: String

    public init(supervisor: SupervisorSummary, oneTimePassword: String) {
        self.supervisor = supervisor
        self.oneTimePassword = oneTimePassword
    }
}

/// The supervisor rules of PLACEMENTS.md that need no database.
public enum SupervisorRules {
    public static let capacity = 1...50
    public static let defaultCapacity = 10
    public static let title = 2...100

    /// The checks on a new supervisor's own fields (the account's are `AccountRules`').
    public static func validate(title: String, capacity: Int) throws(EdulinkError) {
        var v = FieldValidator()
        v.text("title", title, label: "Title", range: Self.title)
        if !Self.capacity.contains(capacity) {
            v.add("capacity", "Capacity must be between \(Self.capacity.lowerBound) and \(Self.capacity.upperBound).")
        }
        try v.check()
    }

    /// Why `supervisor` cannot take one more placement, or nil.
    public static func refusal(assigning supervisor: SupervisorSummary) -> Refusal? {
        guard supervisor.isFull else { return nil }
        return Refusal(
            .supervisorFull,
            "\(supervisor.user.displayName) already supervises \(supervisor.load) of \(supervisor.capacity) "
                + "placements; raise the capacity or choose someone else.")
    }
}
