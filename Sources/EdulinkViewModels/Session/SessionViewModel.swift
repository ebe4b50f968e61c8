public import EdulinkCore
public import Foundation

/// The shell around the screens: who is signed in, the role's tabs, the status bar (mode, unread
/// count), the offline banner, toasts and the idle lock.
///
/// Time comes from the injected `TimeSource`; the UI loop sends ``Intent/input`` on every key and
/// ``Intent/tick`` about once a second.
public struct SessionViewModel: Sendable {
    /// How long the app stays unlocked without input.
    public static let defaultIdleLimit: TimeInterval = 30 * 60
    /// How long a toast stays up.
    public static let toastLifetime: TimeInterval = 4
    /// While the offline banner shows, how often a tick asks the repository again (the unread
    /// count, a cheap read); the first answer clears the banner.
    public static let offlineProbeInterval: TimeInterval = 3

    /// The offline banner: what matters first (offline, drafts kept, retrying), so that a narrow
    /// terminal cuts only the detail.
    static func offlineText(_ reason: String) -> String {
        "Offline — drafts are kept, retrying every \(Int(offlineProbeInterval)) s · \(reason)"
    }

    /// A toast with when it goes away.
    public struct QueuedToast: Sendable, Equatable {
        /// The toast.
        public var toast: Toast
        /// When it is removed.
        public var expiresAt: Date
    }

    /// The idle lock screen.
    public struct Lock: Sendable, Equatable {
        /// The password field.
        public var password = ""
        /// A re-authentication is on its way.
        public var submitting = false
        /// Why the last attempt failed.
        public var message: String?
        /// After how many idle minutes it locked (the configured limit), for its title.
        public var afterMinutes = 0

        public init(afterMinutes: Int = 0) { self.afterMinutes = afterMinutes }
    }

    /// What the shell draws.
    public struct State: Sendable, Equatable {
        /// The signed-in user; nil shows the login screen.
        public var user: UserSummary?
        /// The role's tabs, in number-key order.
        public var tabs: [ShellTab] = []
        /// The tab on screen.
        public var selectedTab: ShellTab?
        /// Unread notifications, for the status bar.
        public var unreadCount = 0
        /// Where the data lives, for the status bar ("local /path" or "server URL").
        public var modeLabel: String
        /// The offline banner's text while the repository is unreachable.
        public var offlineBanner: String?
        /// Toasts, oldest first; the screen shows the first.
        public var toasts: [QueuedToast] = []
        /// Set while the app is locked after idling.
        public var lock: Lock?
        /// Why the session ended, shown on the login screen.
        public var signedOutMessage: String?
    }

    /// What the user or the UI loop does.
    public enum Intent: Sendable, Equatable {
        /// Someone signed in (from the login screen).
        case signedIn(UserSummary)
        /// Number key `n` (1-based) or a tab chosen by name.
        case selectTab(number: Int)
        case showTab(ShellTab)
        /// Any key: resets the idle timer.
        case input
        /// About once a second: expires toasts, locks after idling.
        case tick
        /// Asks for the unread count again.
        case refreshUnread
        /// An event from a screen's view-model.
        case received(AppEvent)
        /// Removes the toast on screen.
        case dismissToast
        /// The lock screen's password field.
        case setLockPassword(String)
        /// Unlocks with the password.
        case unlock
        case signOut
    }

    /// Results of effects.
    public enum Message: Sendable {
        case unread(Result<Int, Failure>)
        case reauthenticated(Result<Void, Failure>)
        case signedOut
    }

    /// The shell's state.
    public private(set) var state: State
    private let repository: any EdulinkRepository
    private let clock: any TimeSource
    private let idleLimit: TimeInterval
    private var lastInputAt: Date
    /// When the repository was last asked, for the offline probe.
    private var lastProbeAt: Date

    /// A shell over `repository`, reading time from `clock`, locking after `idleLimit` seconds.
    public init(
        repository: any EdulinkRepository, clock: any TimeSource = SystemTimeSource(),
        idleLimit: TimeInterval = SessionViewModel.defaultIdleLimit
    ) {
        self.repository = repository
        self.clock = clock
        self.idleLimit = idleLimit
        self.lastInputAt = clock.now()
        self.lastProbeAt = clock.now()
        self.state = State(modeLabel: repository.mode.label)
    }

    /// Whether the idle lock is showing.
    public var isLocked: Bool { state.lock != nil }

    /// Handles what the user or the UI loop does.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] {
        let now = clock.now()
        if state.lock != nil {
            return handleLocked(intent)
        }
        switch intent {
        case .signedIn(let user):
            state.user = user
            state.tabs = ShellTab.tabs(for: user)
            state.selectedTab = state.tabs.first
            state.signedOutMessage = nil
            lastInputAt = now
            // An account that must set its password first has nothing else to count yet.
            return user.mustChangePassword ? [] : [refreshUnread()]
        case .selectTab(let number):
            if state.tabs.indices.contains(number - 1) { state.selectedTab = state.tabs[number - 1] }
            lastInputAt = now
        case .showTab(let tab):
            if state.tabs.contains(tab) { state.selectedTab = tab }
        case .input:
            lastInputAt = now
        case .tick:
            state.toasts.removeAll { $0.expiresAt <= now }
            if state.user != nil, now.timeIntervalSince(lastInputAt) >= idleLimit {
                state.lock = Lock(afterMinutes: Int((idleLimit / 60).rounded()))
                return [.cancel("unread")]
            }
            if state.user != nil, state.offlineBanner != nil,
                now.timeIntervalSince(lastProbeAt) >= Self.offlineProbeInterval
            {
                return [refreshUnread()]
            }
        case .refreshUnread:
            guard let user = state.user, !user.mustChangePassword else { return [] }
            return [refreshUnread()]
        case .received(let event):
            return receive(event, now: now)
        case .dismissToast:
            if !state.toasts.isEmpty { state.toasts.removeFirst() }
        case .setLockPassword, .unlock:
            break
        case .signOut:
            return signOut(message: nil)
        }
        return []
    }

    private mutating func handleLocked(_ intent: Intent) -> [Effect<Message>] {
        guard var lock = state.lock else { return [] }
        switch intent {
        case .setLockPassword(let password):
            guard !lock.submitting else { return [] }
            lock.password = password
            lock.message = nil
        case .unlock:
            guard !lock.submitting else { return [] }
            guard !lock.password.isEmpty else {
                lock.message = "Enter your password to unlock."
                state.lock = lock
                return []
            }
            lock.submitting = true
            lock.message = nil
            let repository = self.repository
            let password = lock.password
            state.lock = lock
            return [
                Effect(key: "reauthenticate") {
                    .reauthenticated(await attempt { try await repository.reauthenticate(password: password) })
                }
            ]
        case .received(let event):
            // Screens keep working in the background; their events still count.
            return receive(event, now: clock.now())
        case .tick:
            let now = clock.now()
            state.toasts.removeAll { $0.expiresAt <= now }
            return []
        case .signOut:
            return signOut(message: nil)
        case .signedIn, .selectTab, .showTab, .input, .refreshUnread, .dismissToast:
            return []
        }
        state.lock = lock
        return []
    }

    private mutating func receive(_ event: AppEvent, now: Date) -> [Effect<Message>] {
        switch event {
        case .toast(let toast):
            state.toasts.append(QueuedToast(toast: toast, expiresAt: now.addingTimeInterval(Self.toastLifetime)))
        case .offline(let message):
            if state.offlineBanner == nil { lastProbeAt = now }
            state.offlineBanner = Self.offlineText(message)
        case .online:
            state.offlineBanner = nil
        case .sessionEnded(let message):
            return signOut(message: message)
        case .signedIn(let user):
            return handle(.signedIn(user))
        case .unreadCountChanged(let count):
            state.unreadCount = count
        case .notificationsMayHaveChanged:
            guard let user = state.user, !user.mustChangePassword else { return [] }
            return [refreshUnread()]
        case .applicationSubmitted:
            state.toasts.append(
                QueuedToast(toast: Toast("Application sent."), expiresAt: now.addingTimeInterval(Self.toastLifetime)))
        case .openListing, .openApplyForm, .openSearch, .openApplication, .exportMyData:
            break  // navigation and the export belong to the UI loop
        }
        return []
    }

    private mutating func signOut(message: String?) -> [Effect<Message>] {
        state.user = nil
        state.tabs = []
        state.selectedTab = nil
        state.lock = nil
        state.unreadCount = 0
        state.signedOutMessage = message
        let repository = self.repository
        return [
            .cancel("unread"),
            Effect(key: "signOut") {
                await repository.logout(); return .signedOut
            },
        ]
    }

    private mutating func refreshUnread() -> Effect<Message> {
        lastProbeAt = clock.now()
        let repository = self.repository
        return Effect(key: "unread") { .unread(await attempt { try await repository.unreadCount() }) }
    }

    /// Handles the result of an effect.
    public mutating func handle(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .unread(.success(let count)):
            state.unreadCount = count
            state.offlineBanner = nil
        case .unread(.failure(let failure)):
            return receive(failure.appEvents.first ?? .toast(Toast(failure.message, kind: .error)), now: clock.now())
        case .reauthenticated(.success):
            state.lock = nil
            lastInputAt = clock.now()
            return [refreshUnread()]
        case .reauthenticated(.failure(let failure)):
            if failure.isUnavailable {
                state.lock?.submitting = false
                state.lock?.password = ""
                state.lock?.message = failure.message
                state.offlineBanner = Self.offlineText(failure.message)
            } else if failure.isUnauthenticated {
                // The repository ended the session; sign in again from the login screen.
                return signOut(message: failure.message)
            } else {
                // A wrong password keeps the lock: try again (the lockout rules count each try).
                state.lock?.submitting = false
                state.lock?.password = ""
                state.lock?.message = failure.fieldErrors.first?.message ?? failure.message
            }
        case .signedOut:
            break
        }
        return []
    }
}
