public import EdulinkCore

/// Something a screen's view-model tells the rest of the app: the shell (toasts, offline banner,
/// unread count, sign-out) or the navigation (open another screen).
///
/// A view-model raises them while handling an intent or a message and returns them among that
/// update's effects (``Effect/post(_:)``); the shell acts on them in the same update, most of them
/// by passing them to ``SessionViewModel/handle(_:)-(SessionViewModel.Intent)`` as `.received(event)`.
public enum AppEvent: Sendable, Equatable {
    /// Show a toast.
    case toast(Toast)
    /// A call failed because the database or server is unreachable; show the offline banner.
    case offline(String)
    /// A call reached the repository again; hide the offline banner.
    case online
    /// The session ended; show the login screen with this message.
    case sessionEnded(String)
    /// Somebody signed in.
    case signedIn(UserSummary)
    /// The number of unread notifications changed.
    case unreadCountChanged(Int)
    /// Something may have notified the person signed in (a health alert raised is told to every
    /// admin): count the unread notifications again.
    case notificationsMayHaveChanged
    /// Open the listing detail screen.
    case openListing(ListingID)
    /// Open the apply form for a listing.
    case openApplyForm(ListingID)
    /// Open Browse with this query (a saved search).
    case openSearch(String)
    /// Open an application of the Applications tab.
    case openApplication(ApplicationID)
    /// An application was sent; the Applications tab should refresh.
    case applicationSubmitted(ApplicationID)
    /// The person asked for their data (a Profile's `x`): the shell exports it (``MyDataExport``).
    case exportMyData
}

/// A short message at the bottom of the screen that confirms an action or reports an error.
public struct Toast: Sendable, Equatable {
    /// How the toast is drawn.
    public enum Kind: Sendable, Equatable {
        case info, error
    }

    /// The text.
    public var text: String
    /// Info or error.
    public var kind: Kind

    /// A toast.
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The events a view-model raised during one update, with whether it last reported the repository
/// offline; `drain(_:)` returns them among the update's effects.
public struct AppEventQueue: Sendable, Equatable {
    private var events: [AppEvent] = []
    private var reportedOffline = false

    /// An empty queue.
    public init() {}

    /// Queues an event.
    public mutating func post(_ event: AppEvent) { events.append(event) }

    /// Queues events.
    public mutating func post(_ more: [AppEvent]) { events += more }

    /// Returns the queued events and empties the queue.
    public mutating func take() -> [AppEvent] {
        defer { events = [] }
        return events
    }

    /// `effects` followed by the queued events as ``Effect/post(_:)`` effects; empties the queue.
    /// A view-model's `handle` returns this, so its events travel with the update that raised them.
    public mutating func drain<Message: Sendable>(_ effects: [Effect<Message>]) -> [Effect<Message>] {
        effects + take().map(Effect.post)
    }

    /// A call reached the repository: posts ``AppEvent/online`` if this queue reported it offline.
    public mutating func succeeded() {
        if reportedOffline {
            reportedOffline = false
            events.append(.online)
        }
    }

    /// A call failed: an unreachable repository or an ended session always goes to the shell; other
    /// failures become an error toast when `toast` is true (the screen shows them inline otherwise).
    public mutating func failed(_ failure: Failure, toast: Bool = false) {
        if failure.isUnavailable { reportedOffline = true }
        if toast || failure.isUnavailable || failure.isUnauthenticated { events += failure.appEvents }
    }

    /// The queued events, oldest first.
    public var pending: [AppEvent] { events }
}
