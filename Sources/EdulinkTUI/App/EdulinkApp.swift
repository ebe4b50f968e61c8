import EdulinkCore
import EdulinkViewModels
import Foundation
public import TerminalKit

/// The whole terminal app as one TerminalKit application: the login screen, the shell with the
/// role's tabs, the screens pushed over a tab (listing detail, apply form), and the overlays (help,
/// command line, dialogs). It owns the view-models and draws their state; every rule lives below it.
///
/// ```swift
/// let app = EdulinkApp(environment: environment)
/// let result = try UILoop.run(app, theme: theme)
/// ```
public struct EdulinkApp: TerminalKit.Application {
    public typealias Action = AppMessage

    static let tickTimer: TimerID = "edulink.tick"
    static let spinnerTimer: TimerID = "edulink.spinner"

    let environment: AppEnvironment
    let bridge: EffectBridge
    let format: DisplayFormat

    var login: LoginScreen
    var session: SessionViewModel
    var lock = LockScreen()
    var tabs: [ShellTab] = []
    var tab = ShellTab.browse
    var browse: BrowseScreen?
    var saved: SavedScreen?
    var applications: ApplicationsScreen?
    var notifications: NotificationsScreen?
    var profile: ProfileScreen?
    var health: HealthScreen?
    var data: DataScreen?
    /// The employer's Listings, Applicants, Dashboard and Profile tabs.
    var employer: EmployerTabs?
    /// The admin's Users, Listings, Security and Audit tabs.
    var admin: AdminTabs?
    var detail: ListingDetailScreen?
    var apply: ApplyFormScreen?
    var dialog: (state: DialogState, purpose: DialogPurpose)?
    var help: (filter: String, scroll: Int)?
    var commandLine: CommandLineState?
    var commandHistory: [String] = []
    var spinning = false
    /// The theme in use, for `:theme` without a name.
    public internal(set) var themeName: String

    /// The app at its login screen.
    public init(environment: AppEnvironment, themeName: String = "default") {
        self.environment = environment
        self.themeName = themeName
        bridge = EffectBridge(clock: environment.effectClock, frameLog: environment.frameLog)
        format = DisplayFormat(timeZone: environment.timeZone)
        login = LoginScreen(
            model: LoginViewModel(
                repository: environment.repository, demoAccounts: environment.demoAccounts,
                demoPassword: environment.demoPassword))
        session = SessionViewModel(
            repository: environment.repository, clock: environment.time, idleLimit: environment.idleLimit)
    }

    public var minimumSize: Size { Size(width: 80, height: 24) }

    var user: UserSummary? { session.state.user }
    var readOnly: Bool { user.map { $0.role != .student } ?? true }

    public mutating func update(_ message: Message<AppMessage>, context: UpdateContext) -> Command<AppMessage> {
        let area = contentArea(size: context.size)
        var effects: [Effect<AppMessage>] = []
        var command = Command<AppMessage>.none
        switch message {
        case .key(let key):
            environment.frameLog?.record("key")
            (effects, command) = handleKey(key, area: area)
        case .result(let result):
            effects = route(result, area: area)
        case .timer(let id) where id == Self.tickTimer:
            effects = sessionSend(.tick)
            if tab == .health, detail == nil { effects += health?.send(.tick) ?? [] }
        case .timer:
            break
        case .resize:
            browse?.syncTable(area: area)
        case .mouse:
            break
        }
        effects += processEvents(area: contentArea(size: context.size))
        return command.and(bridge.command(effects)).and(spinnerCommand()).and(tickCommand())
    }

    /// The session's intent, with its effects in app form.
    mutating func sessionSend(_ intent: SessionViewModel.Intent) -> [Effect<AppMessage>] {
        let previous = session.state.user
        let effects = session.handle(intent).map(keyPrefix: "session.") { AppMessage.session($0) }
        if let previous, session.state.user == nil { signedOut(previous: previous.email) }
        return effects
    }

    /// Builds the screens of a signed-in user.
    mutating func signedIn(_ user: UserSummary, area: Rect) -> [Effect<AppMessage>] {
        let repository = environment.repository
        tabs = ShellTabs.tabs(for: user.role)
        tab = tabs.first ?? .browse
        browse = BrowseScreen(model: BrowseViewModel(repository: repository), readOnly: user.role != .student)
        notifications = NotificationsScreen(model: NotificationsViewModel(repository: repository))
        if user.role == .student {
            saved = SavedScreen(model: SavedViewModel(repository: repository))
            applications = ApplicationsScreen(model: ApplicationsViewModel(repository: repository))
            profile = ProfileScreen(model: ProfileViewModel(repository: repository))
        }
        if user.role == .admin {
            health = HealthScreen(model: HealthViewModel(repository: repository))
            admin = AdminTabs(repository: repository, timeZone: environment.timeZone, now: environment.time.now)
            data = DataScreen(model: DataViewModel(repository: repository))
        }
        if user.role == .employer {
            employer = EmployerTabs(
                repository: repository, user: user, timeZone: environment.timeZone, now: environment.time.now)
        }
        lock = LockScreen()
        var effects = employer?.show(tab) ?? browse?.send(.appeared, area: area) ?? []
        effects += health?.send(.load) ?? []
        effects += notifications?.send(.load) ?? []
        return effects
    }

    /// Drops every screen of the session that ended; the login screen shows again, with the email of
    /// the account that was signed in and the focus on the password, so whatever is typed next (often
    /// the password again, after the idle lock ended the session) never shows in a visible field.
    mutating func signedOut(previous email: String) {
        tabs = []
        browse = nil
        saved = nil
        applications = nil
        notifications = nil
        profile = nil
        health = nil
        data = nil
        employer = nil
        admin = nil
        detail = nil
        apply = nil
        dialog = nil
        help = nil
        commandLine = nil
        login = LoginScreen(
            model: LoginViewModel(
                repository: environment.repository, demoAccounts: environment.demoAccounts,
                demoPassword: environment.demoPassword))
        login.prefill(email: email)
    }

    private var isBusy: Bool {
        if login.model.state.submitting || session.state.lock?.submitting == true { return true }
        if let state = browse?.model.state, state.searching || state.loadingMore || state.loadingDetail { return true }
        if apply?.model.state.submitting == true || apply?.model.state.loading == true { return true }
        if detail?.model.state.loading == true { return true }
        if data?.model.state.working != nil { return true }
        return false
    }

    private mutating func spinnerCommand() -> Command<AppMessage> {
        let busy = isBusy
        guard busy != spinning else { return .none }
        spinning = busy
        return busy ? .startTimer(Self.spinnerTimer, every: Spinner.interval) : .stopTimer(Self.spinnerTimer)
    }

    private var ticking: Bool { session.state.user != nil }
    private var tickStarted = false

    private mutating func tickCommand() -> Command<AppMessage> {
        guard ticking != tickStarted else { return .none }
        tickStarted = ticking
        return ticking ? .startTimer(Self.tickTimer, every: .seconds(1)) : .stopTimer(Self.tickTimer)
    }
}
