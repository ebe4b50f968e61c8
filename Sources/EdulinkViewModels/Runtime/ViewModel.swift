/// The shape every screen's view-model has, so a UI loop (or a test) can drive any of them the same
/// way: draw `state`, send intents, run the returned effects, send their messages back.
///
/// ```swift
/// var effects = browse.handle(.queryChanged("data"))
/// // … the runner later delivers a message:
/// effects = browse.handle(message)
/// ```
public protocol ViewModel: Sendable {
    /// What the screen draws.
    associatedtype State: Sendable & Equatable
    /// What the user does.
    associatedtype Intent: Sendable
    /// Results of effects.
    associatedtype Message: Sendable

    /// The screen's state.
    var state: State { get }
    /// Handles what the user does; returns the work to run.
    mutating func handle(_ intent: Intent) -> [Effect<Message>]
    /// Handles the result of an effect; returns more work to run.
    mutating func handle(_ message: Message) -> [Effect<Message>]
}

extension LoginViewModel: ViewModel {}
extension SessionViewModel: ViewModel {}
extension BrowseViewModel: ViewModel {}
extension ListingDetailViewModel: ViewModel {}
extension ApplyFormViewModel: ViewModel {}
extension SavedViewModel: ViewModel {}
extension ApplicationsViewModel: ViewModel {}
extension NotificationsViewModel: ViewModel {}
extension ProfileViewModel: ViewModel {}
extension ApplicantsViewModel: ViewModel {}
extension EmployerListingsViewModel: ViewModel {}
extension EmployerDashboardViewModel: ViewModel {}
extension OrganizationViewModel: ViewModel {}
