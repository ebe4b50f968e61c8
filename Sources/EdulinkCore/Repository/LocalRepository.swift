public import Foundation

/// `EdulinkRepository` in process: `EdulinkService` over a `Store`, acting as the signed-in user.
public actor LocalRepository: EdulinkRepository {
    public let service: EdulinkService
    public nonisolated let mode: RepositoryMode
    private let origin: Origin
    private var signedIn: User?

    public init(service: EdulinkService, mode: RepositoryMode, origin: Origin = .tui) {
        self.service = service
        self.mode = mode
        self.origin = origin
    }

    func principal() throws -> Principal {
        guard let signedIn else { throw EdulinkError.unauthenticated("Sign in first.") }
        return Principal(user: signedIn, origin: origin)
    }

    // MARK: Session

    public func login(email: String, password: String) async throws -> UserSummary {
        let user = try await service.login(email: email, password: password, origin: origin, source: "local")
        signedIn = user
        return user.publicProfile
    }

    public func logout() async { signedIn = nil }

    public func currentUser() async -> UserSummary? { signedIn?.publicProfile }

    public func reauthenticate(password: String) async throws {
        do {
            signedIn = try await service.reauthenticate(try principal(), password: password, source: "local")
        } catch let error as EdulinkError {
            if case .unauthenticated = error { signedIn = nil }
            throw error
        }
    }

    public func changePassword(current: String, new: String) async throws {
        try await service.changePassword(try principal(), current: current, new: new)
    }

    // MARK: Listings

    public func search(_ filter: ListingFilter, cursor: PageCursor?, limit: Int) async throws -> Page<ListingSummary> {
        try await service.search(try principal(), filter, cursor: cursor, limit: limit)
    }

    public func count(_ filter: ListingFilter) async throws -> Int {
        try await service.count(try principal(), filter)
    }

    public func listing(_ id: ListingID) async throws -> ListingDetail {
        try await service.listing(try principal(), id)
    }

    public func myListings() async throws -> [ListingSummary] { try await service.myListings(try principal()) }

    public func createListing(_ draft: ListingDraft) async throws -> Listing {
        try await service.createListing(try principal(), draft)
    }

    public func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing {
        try await service.updateListing(try principal(), id, draft)
    }

    public func extendListing(_ id: ListingID, _ change: ListingExtension) async throws -> Listing {
        try await service.extendListing(try principal(), id, change)
    }

    public func duplicateListing(_ id: ListingID) async throws -> Listing {
        try await service.duplicateListing(try principal(), id)
    }

    public func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String?) async throws -> Listing {
        try await service.changeListing(try principal(), id, event, reason: reason)
    }

    public func verificationQueue() async throws -> [ListingSummary] {
        try await service.verificationQueue(try principal())
    }

    // MARK: Applications

    public func apply(_ draft: ApplicationDraft) async throws -> Application {
        try await service.apply(try principal(), draft)
    }

    public func myApplications() async throws -> [ApplicationSummary] {
        try await service.myApplications(try principal())
    }

    public func application(_ id: ApplicationID) async throws -> ApplicationDetail {
        try await service.application(try principal(), id)
    }

    public func withdraw(_ id: ApplicationID, note: String?) async throws -> Application {
        try await service.withdraw(try principal(), id, note: note)
    }

    public func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application {
        try await service.answerOffer(try principal(), id, accept: accept)
    }

    public func applicants(listing: ListingID, status: ApplicationStatus?, after: ApplicationID?, limit: Int)
        async throws -> [ApplicationSummary]
    {
        try await service.applicants(try principal(), listing: listing, status: status, after: after, limit: limit)
    }

    public func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail {
        try await service.openApplication(try principal(), id)
    }

    public func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application {
        try await service.move(try principal(), id, move)
    }

    public func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String {
        try await service.moveMany(try principal(), ids, move)
    }

    public func undoLastMove(_ id: ApplicationID) async throws -> Application {
        try await service.undoLastMove(try principal(), id)
    }

    public func undoBatch(_ batchID: String) async throws -> Int {
        try await service.undoBatch(try principal(), batchID)
    }

    public func rate(_ id: ApplicationID, rating: Int?) async throws {
        try await service.rate(try principal(), id, rating: rating)
    }

    public func setNotes(_ id: ApplicationID, notes: String) async throws {
        try await service.setNotes(try principal(), id, notes: notes)
    }

    public func employerDashboard() async throws -> EmployerDashboard {
        try await service.employerDashboard(try principal())
    }

    // MARK: Saved items

    public func savedListings() async throws -> [ListingSummary] { try await service.savedListings(try principal()) }

    public func setSaved(_ id: ListingID, saved: Bool) async throws {
        try await service.setSaved(try principal(), id, saved: saved)
    }

    public func savedSearches() async throws -> [SavedSearchSummary] {
        try await service.savedSearches(try principal())
    }

    public func saveSearch(name: String, query: String) async throws -> SavedSearch {
        try await service.saveSearch(try principal(), name: name, query: query)
    }

    public func markSavedSearchSeen(_ id: SavedSearchID) async throws {
        try await service.markSavedSearchSeen(try principal(), id)
    }

    public func deleteSavedSearch(_ id: SavedSearchID) async throws {
        try await service.deleteSavedSearch(try principal(), id)
    }

    // MARK: Notifications

    public func notifications(unreadOnly: Bool, limit: Int) async throws -> [Notification] {
        try await service.notifications(try principal(), unreadOnly: unreadOnly, limit: limit)
    }

    public func unreadCount() async throws -> Int { try await service.unreadCount(try principal()) }

    public func markRead(_ ids: [NotificationID]?) async throws {
        try await service.markRead(try principal(), ids)
    }

    // MARK: Profile and organization

    public func profile() async throws -> ProfileDetail { try await service.profile(try principal()) }

    public func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail {
        try await service.updateProfile(try principal(), update)
    }

    public func institutions() async throws -> [Institution] { try await service.institutions() }

    public func organization(_ id: OrganizationID) async throws -> Organization {
        try await service.organization(try principal(), id)
    }

    public func updateOrganization(_ organization: Organization) async throws -> Organization {
        try await service.updateOrganization(try principal(), organization)
    }

    // MARK: Administration

    public func users(matching text: String?, role: Role?, after: UserID?, limit: Int) async throws -> [UserSummary] {
        try await service.users(try principal(), matching: text, role: role, after: after, limit: limit)
    }

    public func createUser(_ account: NewAccount) async throws -> UserSummary {
        try await service.createUser(try principal(), account)
    }

    public func setRole(_ id: UserID, to role: Role) async throws {
        try await service.setRole(try principal(), user: id, to: role)
    }

    public func lockUser(_ id: UserID, until: Date?) async throws {
        try await service.lockUser(try principal(), user: id, until: until)
    }

    public func unlockUser(_ id: UserID) async throws { try await service.unlockUser(try principal(), user: id) }

    public func disableUser(_ id: UserID) async throws { try await service.disableUser(try principal(), user: id) }

    public func resetPassword(_ id: UserID) async throws -> String {
        try await service.resetPassword(try principal(), user: id)
    }

    public func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws {
        try await service.setOrganizationVerified(try principal(), id, verified: verified)
    }

    public func recordExport(_ export: DataExport) async throws {
        try await service.recordExport(try principal(), export)
    }

    public func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        try await service.auditEvents(try principal(), query)
    }

    public func securityEvents(kind: SecurityEventKind?, user: UserID?, since: Date?, limit: Int) async throws
        -> [SecurityEvent]
    {
        try await service.securityEvents(try principal(), kind: kind, user: user, since: since, limit: limit)
    }

    // MARK: Health (admins)

    public func healthReport() async throws -> HealthReport { try await service.healthReport(try principal()) }

    public func alerts(_ query: AlertQuery) async throws -> [Alert] {
        try await service.alerts(try principal(), query)
    }

    public func acknowledgeAlert(_ id: AlertID) async throws -> Alert {
        try await service.acknowledgeAlert(try principal(), id)
    }

    public func resolveAlert(_ id: AlertID) async throws -> Alert {
        try await service.resolveAlert(try principal(), id)
    }

    public func kpis() async throws -> PlatformKPIs { try await service.kpis(try principal()) }

    public func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int) async throws -> [SecurityTally] {
        try await service.failedLogins(try principal(), since: since, by: grouping, limit: limit)
    }
}
