public import Foundation

/// What a notification is about.
public enum NotificationKind: String, Sendable, Codable, CaseIterable, Hashable {
    case applicationSubmitted = "application_submitted"
    case newApplicant = "new_applicant"
    case statusChanged = "status_changed"
    case interviewScheduled = "interview_scheduled"
    case offerMade = "offer_made"
    case offerAnswered = "offer_answered"
    case applicationWithdrawn = "application_withdrawn"
    case listingVerified = "listing_verified"
    case listingSentBack = "listing_sent_back"
    case deadlineSoon = "deadline_soon"
    case savedSearchMatches = "saved_search_matches"
    case accountLocked = "account_locked"
    /// A placement was created, started, moved, staffed, terminated or completed.
    case placementUpdate = "placement_update"
    /// A logbook entry was approved, returned or excused.
    case logbookReviewed = "logbook_reviewed"
    /// A logbook entry is due tomorrow, overdue, or waiting for review.
    case logbookDue = "logbook_due"
    /// An evaluation of the placement was submitted.
    case evaluationReceived = "evaluation_received"
    /// An evaluation opened or is about to close.
    case evaluationDue = "evaluation_due"
    /// A listing only the institution's students see waits for its admin's verification.
    case listingWaiting = "listing_waiting"
    /// A health check raised a new alert (to every admin).
    case healthAlert = "health_alert"
}

/// An in-app notification.
public struct Notification: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: NotificationID
    public var userID: UserID
    public var kind: NotificationKind
    public var title: String
    public var body: String
    public var createdAt: Date
    public var readAt: Date?
    public var applicationID: ApplicationID?
    public var listingID: ListingID?

    public init(
        id: NotificationID = 0, userID: UserID, kind: NotificationKind, title: String, body: String,
        createdAt: Date, readAt: Date? = nil, applicationID: ApplicationID? = nil, listingID: ListingID? = nil
    ) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.title = title
        self.body = body
        self.createdAt = createdAt
        self.readAt = readAt
        self.applicationID = applicationID
        self.listingID = listingID
    }

    public var isRead: Bool { readAt != nil }
}

/// Delivery state of an outbox message.
public enum OutboxStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pending, sent, failed
}

/// A notification waiting to be delivered elsewhere (email), with retries.
public struct OutboxMessage: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var notificationID: NotificationID
    public var recipient: String
    public var subject: String
    public var body: String
    public var status: OutboxStatus
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var lastError: String?

    /// Minutes to wait after each failed attempt; after the last the message is failed.
    public static let retryDelaysMinutes = [2, 4, 8, 16, 32]

    public init(
        id: Int64 = 0, notificationID: NotificationID, recipient: String, subject: String, body: String,
        status: OutboxStatus = .pending, attempts: Int = 0, createdAt: Date, nextAttemptAt: Date,
        lastError: String? = nil
    ) {
        self.id = id
        self.notificationID = notificationID
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }

    /// The message after a failed delivery attempt at `date`: retried later, or failed for good.
    public func afterFailure(_ error: String, at date: Date) -> OutboxMessage {
        var copy = self
        copy.attempts += 1
        copy.lastError = error
        if copy.attempts > Self.retryDelaysMinutes.count {
            copy.status = .failed
        } else {
            copy.nextAttemptAt = date.addingTimeInterval(Double(Self.retryDelaysMinutes[copy.attempts - 1]) * 60)
        }
        return copy
    }
}

/// A listing a student bookmarked.
public struct SavedListing: Sendable, Equatable, Codable {
    public var studentID: UserID
    public var listingID: ListingID
    public var savedAt: Date

    public init(studentID: UserID, listingID: ListingID, savedAt: Date) {
        self.studentID = studentID
        self.listingID = listingID
        self.savedAt = savedAt
    }
}

/// A search a student keeps, with the time they last looked at its results.
public struct SavedSearch: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: SavedSearchID
    public var studentID: UserID
    public var name: String
    /// The query in the query language; parsed again when run.
    public var query: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(
        id: SavedSearchID = 0, studentID: UserID, name: String, query: String, createdAt: Date, lastSeenAt: Date
    ) {
        self.id = id
        self.studentID = studentID
        self.name = name
        self.query = query
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A saved search with how many listings were published since it was last seen.
public struct SavedSearchSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var search: SavedSearch
    public var newMatches: Int
    public var id: SavedSearchID { search.id }

    public init(search: SavedSearch, newMatches: Int) {
        self.search = search
        self.newMatches = newMatches
    }
}
