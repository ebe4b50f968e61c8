/// Where a listing is in its life.
public enum ListingStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case draft
    case pendingReview = "pending_review"
    case published
    case closed

    public var label: String {
        switch self {
        case .draft: "draft"
        case .pendingReview: "pending review"
        case .published: "published"
        case .closed: "closed"
        }
    }
}

/// Something that happens to a listing.
public enum ListingEvent: String, Sendable, Codable, CaseIterable, Hashable {
    /// The employer asks for review.
    case submit
    /// An admin (or the institution admin, for institution-only listings) verifies it.
    case verify
    /// An admin sends it back to draft with a reason.
    case sendBack = "send_back"
    /// The employer closes it.
    case close
    /// The deadline passed or all positions were filled.
    case expire
}

/// The listing lifecycle: `draft → pending_review → published | draft → closed`.
///
/// ```swift
/// ListingLifecycle.transition(from: .draft, on: .submit, by: .employer)  // .success(.pendingReview)
/// ```
public enum ListingLifecycle {
    /// Who may cause each event.
    public static func actors(for event: ListingEvent) -> Set<Role> {
        switch event {
        case .submit, .close: [.employer]
        case .verify, .sendBack: [.admin, .institutionAdmin]
        case .expire: []  // the system only
        }
    }

    /// The status after `event`, or why the event is refused. `role == nil` means the system.
    public static func transition(from status: ListingStatus, on event: ListingEvent, by role: Role?)
        -> Result<ListingStatus, Refusal>
    {
        if let role, !actors(for: event).contains(role) {
            return .failure(Refusal(.forbiddenTransition, "A \(role.rawValue) cannot \(event.verb) a listing."))
        }
        let target: ListingStatus? =
            switch (status, event) {
            case (.draft, .submit): .pendingReview
            case (.pendingReview, .verify): .published
            case (.pendingReview, .sendBack): .draft
            case (.draft, .close), (.pendingReview, .close), (.published, .close): .closed
            case (.published, .expire): .closed
            default: nil
            }
        guard let target else {
            return .failure(
                Refusal(.invalidTransition, "A \(status.label) listing cannot be \(event.pastParticiple)."))
        }
        return .success(target)
    }
}

extension ListingEvent {
    var verb: String {
        switch self {
        case .submit: "submit"
        case .verify: "verify"
        case .sendBack: "send back"
        case .close: "close"
        case .expire: "expire"
        }
    }

    var pastParticiple: String {
        switch self {
        case .submit: "submitted for review"
        case .verify: "verified"
        case .sendBack: "sent back"
        case .close: "closed"
        case .expire: "expired"
        }
    }
}
