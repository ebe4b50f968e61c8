/// A problem with one field of a form or request, shown next to that field.
public struct FieldError: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The field's name as the API and forms use it, e.g. `cover_letter` or `questions[2]`.
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Machine-readable reasons a business rule refused an action.
public enum RefusalCode: String, Sendable, Codable, CaseIterable, Hashable {
    case listingNotPublished = "listing_not_published"
    case listingNotVerified = "listing_not_verified"
    case listingClosed = "listing_closed"
    case deadlinePassed = "deadline_passed"
    case capacityReached = "capacity_reached"
    case notEligible = "not_eligible"
    case alreadyApplied = "already_applied"
    case profileIncomplete = "profile_incomplete"
    case dailyLimit = "daily_limit"
    case monthlyLimit = "monthly_limit"
    case invalidTransition = "invalid_transition"
    case forbiddenTransition = "forbidden_transition"
    case undoExpired = "undo_expired"
    case nothingToUndo = "nothing_to_undo"
    case offerExpired = "offer_expired"
    case organizationNotVerified = "organization_not_verified"
    case frozenField = "frozen_field"
    case passwordPolicy = "password_policy"
    case lastAdmin = "last_admin"
    /// An admin may not lock, disable or demote their own account (another admin must).
    case ownAccount = "own_account"
    case positionsFilled = "positions_filled"
    /// A supervisor already has as many placements as their capacity.
    case supervisorFull = "supervisor_full"
    /// An evaluation outside the weeks it is open.
    case evaluationNotOpen = "evaluation_not_open"
    /// Signed in with a one-time code: setting their own password comes first.
    case passwordChangeRequired = "password_change_required"
    /// A registration code that does not exist, expired, was used up or revoked: one refusal for all.
    case registrationCodeInvalid = "registration_code_invalid"
    /// An erasure asked for a person with an upcoming or active placement (PLACEMENTS.md, Privacy).
    case placementInProgress = "placement_in_progress"
}

/// A business rule that said no, with a message for people and a code for programs.
public struct Refusal: Error, Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var code: RefusalCode
    public var message: String

    public init(_ code: RefusalCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Every error the service reports. The API maps each case to a status code and back, so a remote
/// error reads the same as a local one.
public enum EdulinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Input was wrong; one message per field.
    case validation([FieldError])
    /// The thing does not exist, or the caller may not know that it exists.
    case notFound(String)
    /// The caller may not do this.
    case forbidden(String)
    /// Not signed in, wrong credentials, or the session ended.
    case unauthenticated(String)
    /// A business rule refused.
    case refused(Refusal)
    /// The request clashes with the current state (e.g. a duplicate).
    case conflict(String)
    /// Too many requests; try again after the given number of seconds.
    case rateLimited(String, retryAfterSeconds: Int?)
    /// The database or server cannot be reached right now.
    case unavailable(String)

    /// One line for people.
    public var message: String {
        switch self {
        case .validation(let errors):
            errors.map(\.description).joined(separator: "; ")
        case .notFound(let what): "\(what) not found."
        case .forbidden(let message), .unauthenticated(let message), .conflict(let message),
            .unavailable(let message):
            message
        case .refused(let refusal): refusal.message
        case .rateLimited(let message, _): message
        }
    }

    public var description: String { message }

    /// The field errors of a validation error, or none.
    public var fieldErrors: [FieldError] {
        if case .validation(let errors) = self { return errors }
        return []
    }

    /// Whether the caller is not (or no longer) signed in.
    public var isUnauthenticated: Bool {
        if case .unauthenticated = self { return true }
        return false
    }

    /// The refusal code of a refused action, or nil.
    public var refusalCode: RefusalCode? {
        if case .refused(let refusal) = self { return refusal.code }
        return nil
    }
}
