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
    /// The signed-in role's screens (`RoleScreens`), each on one or more of `tabs`.
    var hosted: [any HostedScreen] = []
    var detail: ListingDetailScreen?
    var apply: ApplyFormScreen?
    var dialog: (state: DialogState, purpose: DialogPurpose)?
    var help: (filter: String, scroll: Int)?
    var commandLine: CommandLineState?
    /// `:password`: the form every role changes its own password in, over any tab.
    var passwordForm = PasswordForm()
    var passwordChange = PasswordChange()
    /// `:export-my-data`: every role's own data, to a file.
    var myDataExport = MyDataExport()
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
            let front = detail == nil && apply == nil ? tab : nil
            for index in hosted.indices { effects += hosted[index].tick(front: front) }
        case .timer:
            break
        case .resize:
            for index in hosted.indices { hosted[index].resized(area: area) }
        case .mouse:
            break
        }
        effects = settleEvents(effects, area: area)
        return command.and(bridge.command(effects)).and(spinnerCommand()).and(tickCommand())
    }

    /// The session's intent, with its effects in app form.
    mutating func sessionSend(_ intent: SessionViewModel.Intent) -> [Effect<AppMessage>] {
        let previous = session.state.user
        let effects = session.handle(intent).map(keyPrefix: "session.") { AppMessage.session($0) }
        if let previous, session.state.user == nil { signedOut(previous: previous.email) }
        return effects
    }

    /// Builds the screens of a signed-in user and shows their first tab.
    mutating func signedIn(_ user: UserSummary, area: Rect) -> [Effect<AppMessage>] {
        tabs = ShellTab.tabs(for: user)
        tab = tabs.first ?? .browse
        hosted = RoleScreens.screens(for: user, environment: environment)
        lock = LockScreen()
        var effects = show(tab, area: area)
        for index in hosted.indices { effects += hosted[index].started(area: area) }
        return effects
    }

    /// The hosted screen that draws `tab`, by its index in `hosted`.
    func hostIndex(for tab: ShellTab) -> Int? { hosted.firstIndex { $0.tabs.contains(tab) } }

    /// The hosted screen of type `S`, if the role has one.
    func hosted<S: HostedScreen>(_ type: S.Type) -> S? { hosted.lazy.compactMap { $0 as? S }.first }

    /// Changes the hosted screen of type `S` (for the few events one screen sends another's way);
    /// nil when the role has none.
    mutating func withHosted<S: HostedScreen, R>(_ type: S.Type, _ change: (inout S) -> R) -> R? {
        guard let index = hosted.firstIndex(where: { $0 is S }), var screen = hosted[index] as? S else { return nil }
        let result = change(&screen)
        hosted[index] = screen
        return result
    }

    // The screens by type, for tests and the few places that need one in particular.
    var browse: BrowseScreen? { hosted(BrowseScreen.self) }
    var saved: SavedScreen? { hosted(SavedScreen.self) }
    var applications: ApplicationsScreen? { hosted(ApplicationsScreen.self) }
    var notifications: NotificationsScreen? { hosted(NotificationsScreen.self) }
    var profile: ProfileScreen? { hosted(ProfileScreen.self) }
    var employer: EmployerTabs? { hosted(EmployerTabs.self) }
    var admin: AdminTabs? { hosted(AdminTabs.self) }
    var organizations: OrganizationsScreen? { hosted(OrganizationsScreen.self) }

    /// Drops every screen of the session that ended; the login screen shows again, with the email of
    /// the account that was signed in and the focus on the password, so whatever is typed next (often
    /// the password again, after the idle lock ended the session) never shows in a visible field.
    mutating func signedOut(previous email: String) {
        tabs = []
        hosted = []
        detail = nil
        apply = nil
        dialog = nil
        help = nil
        commandLine = nil
        passwordForm = PasswordForm()
        passwordChange = PasswordChange()
        login = LoginScreen(
            model: LoginViewModel(
                repository: environment.repository, demoAccounts: environment.demoAccounts,
                demoPassword: environment.demoPassword))
        login.prefill(email: email)
    }

    private var isBusy: Bool {
        if login.model.state.submitting || session.state.lock?.submitting == true { return true }
        if apply?.model.state.submitting == true || apply?.model.state.loading == true { return true }
        if detail?.model.state.loading == true { return true }
        return hosted.contains { $0.isBusy }
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
