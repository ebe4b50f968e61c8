import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// A screen the shell hosts on one or more of a role's tabs. The shell holds the signed-in role's
/// screens as values of this protocol (`EdulinkApp.hosted`) and never names one: it routes keys,
/// effect results, drawing, help and dialog answers through these methods; the events its
/// view-models raise come back among the effects it returns (`Effect.post`). Adding a screen
/// is its own file (with this conformance) plus one line in `RoleScreens`.
///
/// Tabs that share questions and state are one hosted screen (the employer's `EmployerTabs`, the
/// admin's `AdminTabs`); a screen pushed over a tab (listing detail, apply form) is not hosted.
protocol HostedScreen {
    /// The tabs this screen draws.
    var tabs: Set<ShellTab> { get }
    /// Loads what `tab` shows as it comes to the front.
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>]
    /// Another tab came to the front in place of `tab`: what `tab` would still have done on its own
    /// (open a listing typed ahead of a search's results) is dropped.
    mutating func hide(_ tab: ShellTab)
    /// A key while `tab` is in front.
    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome
    /// The result of one of its effects, or nil when `message` belongs to another screen.
    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]?
    /// Whether typed characters are text on `tab` now (so `q` or `1` are not commands).
    func capturesText(on tab: ShellTab) -> Bool
    /// The keys of `tab` for the status bar and the help overlay.
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint])
    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext)

    /// What quitting now would lose: its edits that are not saved, by name.
    var unsavedWork: [String] { get }
    /// Whether it is waiting on a call (the status bar spins).
    var isBusy: Bool { get }
    /// About once a second; `front` is the tab in front when nothing is pushed over it.
    mutating func tick(front: ShellTab?) -> [Effect<AppMessage>]
    /// The answer to a dialog it asked for through `KeyOutcome`, or nil when the dialog is not its.
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]?
    /// The terminal changed size.
    mutating func resized(area: Rect)
    /// Work that starts with the session (loads that feed the status bar).
    mutating func started(area: Rect) -> [Effect<AppMessage>]
}

extension HostedScreen {
    var unsavedWork: [String] { [] }
    var isBusy: Bool { false }
    mutating func hide(_ tab: ShellTab) {}
    mutating func tick(front: ShellTab?) -> [Effect<AppMessage>] { [] }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? { nil }
    mutating func resized(area: Rect) {}
    mutating func started(area: Rect) -> [Effect<AppMessage>] { [] }
    func capturesText(on tab: ShellTab) -> Bool { false }
}

/// A hosted screen on one tab over one view-model, whose keys need nothing but the key (most of
/// them): it says its tab, which results are its own, its keys and how it loads; the rest of
/// `HostedScreen` follows from those.
protocol TabScreen: HostedScreen {
    associatedtype Message
    associatedtype Intent: Hashable
    /// The tab it draws.
    static var tab: ShellTab { get }
    /// `message` when it is a result of this screen's effects.
    static func own(_ message: AppMessage) -> Message?
    /// The keys it answers now.
    var activeKeys: KeyTable<Intent> { get }
    /// Loads what it shows.
    mutating func load() -> [Effect<AppMessage>]
    /// A key; `area` is where the screen is drawn (a page key moves by the rows its list shows).
    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome
    mutating func receive(_ message: Message) -> [Effect<AppMessage>]
    func draw(into frame: inout Frame, area: Rect, context: DrawContext)
}

extension TabScreen {
    var tabs: Set<ShellTab> { [Self.tab] }
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>] { load() }
    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome {
        handle(key, area: area)
    }
    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]? {
        guard let own = Self.own(message) else { return nil }
        return receive(own)
    }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        (activeKeys.helpSections(filter: filter), activeKeys.hints)
    }
    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        draw(into: &frame, area: area, context: context)
    }
}

/// The screens each role's tabs hold: one line per screen.
enum RoleScreens {
    static func screens(for user: UserSummary, environment: AppEnvironment) -> [any HostedScreen] {
        let repository = environment.repository
        let notifications = NotificationsScreen(model: NotificationsViewModel(repository: repository))
        switch user.role {
        case .student:
            return [
                BrowseScreen(model: BrowseViewModel(repository: repository), readOnly: false),
                SavedScreen(model: SavedViewModel(repository: repository)),
                ApplicationsScreen(model: ApplicationsViewModel(repository: repository)),
                notifications,
                ProfileScreen(model: ProfileViewModel(repository: repository)),
                PlacementsScreen(
                    model: PlacementsViewModel(repository: repository, drafts: environment.drafts, user: user.id),
                    side: .student, tabs: [.placement]),
            ]
        case .employer:
            return [
                EmployerTabs(
                    repository: repository, user: user, timeZone: environment.timeZone, now: environment.time.now),
                notifications,
                PlacementsScreen(
                    model: PlacementsViewModel(repository: repository, drafts: environment.drafts, user: user.id),
                    side: .employer, tabs: [.placements]),
            ]
        case .admin:
            return [
                HealthScreen(model: HealthViewModel(repository: repository)),
                AdminTabs(repository: repository, timeZone: environment.timeZone, now: environment.time.now),
                DataScreen(model: DataViewModel(repository: repository)),
                OrganizationsScreen(model: OrganizationsViewModel(repository: repository, now: environment.time.now)),
                notifications,
            ]
        case .supervisor:
            return [
                PlacementsScreen(
                    model: PlacementsViewModel(repository: repository, drafts: environment.drafts, user: user.id),
                    side: .supervisor, tabs: [.interns, .evaluations]),
                LogbookQueueScreen(model: LogbookQueueViewModel(repository: repository)),
                notifications,
                SupervisorProfileScreen(model: SupervisorProfileViewModel(repository: repository)),
            ]
        case .institutionAdmin:
            return [
                StudentsScreen(model: StudentsViewModel(repository: repository, now: environment.time.now)),
                AdminTabs(
                    repository: repository, timeZone: environment.timeZone, now: environment.time.now,
                    only: [.verification]),
                ReportsScreen(
                    model: ReportsViewModel(
                        repository: repository, now: environment.time.now, timeZone: environment.timeZone)),
                BrowseScreen(model: BrowseViewModel(repository: repository), readOnly: true),
                PlacementsScreen(
                    model: PlacementsViewModel(repository: repository, drafts: environment.drafts, user: user.id),
                    side: .institution, tabs: [.placements]),
                notifications,
            ]
        }
    }
}
