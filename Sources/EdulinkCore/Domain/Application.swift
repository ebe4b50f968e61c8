public import Foundation

/// An interview slot.
public struct Interview: Sendable, Equatable, Hashable, Codable {
    public var at: Date
    public var place: String

    public init(at: Date, place: String) {
        self.at = at
        self.place = place
    }
}

/// Why an application was rejected.
public struct Rejection: Sendable, Equatable, Hashable, Codable {
    public var reason: RejectionReason
    public var note: String?

    public init(reason: RejectionReason, note: String? = nil) {
        self.reason = reason
        self.note = note
    }
}

/// A student's application to a listing.
public struct Application: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: ApplicationID
    public var studentID: UserID
    public var listingID: ListingID
    public var status: ApplicationStatus
    public var coverLetter: String
    /// One answer per screening question of the listing, in order ("" when an optional one is skipped).
    public var answers: [String]
    public var resumePath: String?
    public var submittedAt: Date
    public var updatedAt: Date
    /// When the employer first opened it.
    public var reviewedAt: Date?
    /// 1–5, the employer's; never shown to the student.
    public var rating: Int?
    /// The employer's notes; never shown to the student.
    public var notes: String?
    public var interview: Interview?
    public var rejection: Rejection?
    public var offerExpiresAt: Date?

    public init(
        id: ApplicationID = 0, studentID: UserID, listingID: ListingID, status: ApplicationStatus = .pending,
        coverLetter: String, answers: [String] = [], resumePath: String? = nil, submittedAt: Date,
        updatedAt: Date? = nil, reviewedAt: Date? = nil, rating: Int? = nil, notes: String? = nil,
        interview: Interview? = nil, rejection: Rejection? = nil, offerExpiresAt: Date? = nil
    ) {
        self.id = id
        self.studentID = studentID
        self.listingID = listingID
        self.status = status
        self.coverLetter = coverLetter
        self.answers = answers
        self.resumePath = resumePath
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt ?? submittedAt
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.notes = notes
        self.interview = interview
        self.rejection = rejection
        self.offerExpiresAt = offerExpiresAt
    }

    /// The application as its student may see it: without the employer's rating and notes.
    public var redactedForStudent: Application {
        var copy = self
        copy.rating = nil
        copy.notes = nil
        return copy
    }

    /// The pipeline fields that a move changes and an undo restores.
    public var stage: ApplicationStage {
        ApplicationStage(
            status: status, interview: interview, rejection: rejection, offerExpiresAt: offerExpiresAt)
    }

    /// Applies a stage (after a move or an undo).
    public mutating func apply(_ stage: ApplicationStage) {
        status = stage.status
        interview = stage.interview
        rejection = stage.rejection
        offerExpiresAt = stage.offerExpiresAt
    }
}

/// The part of an application that moves through the pipeline.
public struct ApplicationStage: Sendable, Equatable, Hashable, Codable {
    public var status: ApplicationStatus
    public var interview: Interview?
    public var rejection: Rejection?
    public var offerExpiresAt: Date?

    public init(
        status: ApplicationStatus, interview: Interview? = nil, rejection: Rejection? = nil,
        offerExpiresAt: Date? = nil
    ) {
        self.status = status
        self.interview = interview
        self.rejection = rejection
        self.offerExpiresAt = offerExpiresAt
    }
}

/// What a student submits.
public struct ApplicationDraft: Sendable, Equatable, Hashable, Codable {
    public var listingID: ListingID
    public var coverLetter: String
    public var answers: [String]
    public var resumePath: String?
    /// Set by a client that may send this draft more than once (remote mode, where an answer can be
    /// lost on the way back): the same key with the same draft is applied once, and a retry gets the
    /// first answer again. Not part of the application; the service ignores it.
    public var idempotencyKey: String?

    public init(
        listingID: ListingID, coverLetter: String, answers: [String] = [], resumePath: String? = nil,
        idempotencyKey: String? = nil
    ) {
        self.listingID = listingID
        self.coverLetter = coverLetter
        self.answers = answers
        self.resumePath = resumePath
        self.idempotencyKey = idempotencyKey
    }
}

/// A move an employer or student asks for, with the data the target state needs.
public enum ApplicationMove: Sendable, Equatable, Codable {
    case review
    case shortlist
    case scheduleInterview(Interview)
    case offer(expiresAt: Date?)
    case reject(Rejection)
    case accept
    case decline
    case withdraw(note: String?)

    /// The state this move leads to.
    public var target: ApplicationStatus {
        switch self {
        case .review: .reviewed
        case .shortlist: .shortlisted
        case .scheduleInterview: .interviewScheduled
        case .offer: .offered
        case .reject: .rejected
        case .accept: .accepted
        case .decline: .declined
        case .withdraw: .withdrawn
        }
    }
}

/// One entry of an application's timeline. The timeline is append-only: an undo is a new event.
public struct ApplicationEvent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: TimelineEventID
    public var applicationID: ApplicationID
    /// Nil for the submission.
    public var from: ApplicationStatus?
    public var to: ApplicationStatus
    public var actorID: UserID?
    public var actorRole: Role?
    public var at: Date
    /// The rejection reason, or a note.
    public var reason: String?
    public var note: String?
    /// Stage after this event, so an undo knows what to restore.
    public var stage: ApplicationStage
    /// Set on an undo event: the event it reverted.
    public var undoes: TimelineEventID?
    /// Set on events made together by one bulk action.
    public var batchID: String?

    public init(
        id: TimelineEventID = 0, applicationID: ApplicationID, from: ApplicationStatus?, to: ApplicationStatus,
        actorID: UserID?, actorRole: Role?, at: Date, reason: String? = nil, note: String? = nil,
        stage: ApplicationStage, undoes: TimelineEventID? = nil, batchID: String? = nil
    ) {
        self.id = id
        self.applicationID = applicationID
        self.from = from
        self.to = to
        self.actorID = actorID
        self.actorRole = actorRole
        self.at = at
        self.reason = reason
        self.note = note
        self.stage = stage
        self.undoes = undoes
        self.batchID = batchID
    }
}
