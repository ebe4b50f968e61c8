public import Foundation

/// `EdulinkRepository` in process: `EdulinkService` over a `Store`, acting as the signed-in user.
public actor LocalRepository: EdulinkRepository {
    public let service: EdulinkService
    public nonisolated let mode: RepositoryMode
    private let origin: Origin
    private var signedIn: User?
    /// When this session began: an admin's lock, disable, role change or reset after it ends it.
    private var signedInAt = Date.distantPast

    public init(service: EdulinkService, mode: RepositoryMode, origin: Origin = .tui) {
        self.service = service
        self.mode = mode
        self.origin = origin
    }

    /// The signed-in user as the account is now: every call sees its current role and status, and
    /// a session an admin ended signs out here at its next call.
    func principal() async throws -> Principal {
        guard let current = signedIn else { throw EdulinkError.unauthenticated("Sign in first.") }
        do {
            let user = try await service.resumeSession(current.id, begunAt: signedInAt)
            signedIn = user
            return Principal(user: user, origin: origin)
        } catch let error as EdulinkError {
            if case .unauthenticated = error { signedIn = nil }
            throw error
        }
    }

    // MARK: Session

    public func login(email: String, password: String) async throws -> UserSummary {
        let user = try await service.login(email: email, password: password, origin: origin, source: "local")
        signedIn = user
        signedInAt = user.lastLoginAt ?? service.now()
        return user.publicProfile
    }

    public func logout() async { signedIn = nil }

    public func currentUser() async -> UserSummary? { signedIn?.publicProfile }

    public func reauthenticate(password: String) async throws {
        do {
            signedIn = try await service.reauthenticate(try await principal(), password: password, source: "local")
        } catch let error as EdulinkError {
            if case .unauthenticated = error { signedIn = nil }
            throw error
        }
    }

    public func changePassword(current: String, new: String) async throws {
        try await service.changePassword(try await principal(), current: current, new: new)
    }

    // MARK: Listings

    public func search(_ filter: ListingFilter, cursor: PageCursor?, limit: Int) async throws -> Page<ListingSummary> {
        try await service.search(try await principal(), filter, cursor: cursor, limit: limit)
    }

    public func count(_ filter: ListingFilter) async throws -> Int {
        try await service.count(try await principal(), filter)
    }

    public func listing(_ id: ListingID) async throws -> ListingDetail {
        try await service.listing(try await principal(), id)
    }

    public func myListings() async throws -> [ListingSummary] { try await service.myListings(try await principal()) }

    public func createListing(_ draft: ListingDraft) async throws -> Listing {
        try await service.createListing(try await principal(), draft)
    }

    public func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing {
        try await service.updateListing(try await principal(), id, draft)
    }

    public func extendListing(_ id: ListingID, _ change: ListingExtension) async throws -> Listing {
        try await service.extendListing(try await principal(), id, change)
    }

    public func duplicateListing(_ id: ListingID) async throws -> Listing {
        try await service.duplicateListing(try await principal(), id)
    }

    public func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String?) async throws -> Listing {
        try await service.changeListing(try await principal(), id, event, reason: reason)
    }

    public func verificationQueue() async throws -> [ListingSummary] {
        try await service.verificationQueue(try await principal())
    }

    // MARK: Applications

    public func apply(_ draft: ApplicationDraft) async throws -> Application {
        try await service.apply(try await principal(), draft)
    }

    public func myApplications() async throws -> [ApplicationSummary] {
        try await service.myApplications(try await principal())
    }

    public func application(_ id: ApplicationID) async throws -> ApplicationDetail {
        try await service.application(try await principal(), id)
    }

    public func withdraw(_ id: ApplicationID, note: String?) async throws -> Application {
        try await service.withdraw(try await principal(), id, note: note)
    }

    public func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application {
        try await service.answerOffer(try await principal(), id, accept: accept)
    }

    public func applicants(listing: ListingID, status: ApplicationStatus?, after: ApplicationID?, limit: Int)
        async throws -> [ApplicationSummary]
    {
        try await service.applicants(
            try await principal(), listing: listing, status: status, after: after, limit: limit)
    }

    public func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail {
        try await service.openApplication(try await principal(), id)
    }

    public func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application {
        try await service.move(try await principal(), id, move)
    }

    public func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String {
        try await service.moveMany(try await principal(), ids, move)
    }

    public func undoLastMove(_ id: ApplicationID) async throws -> Application {
        try await service.undoLastMove(try await principal(), id)
    }

    public func undoBatch(_ batchID: String) async throws -> Int {
        try await service.undoBatch(try await principal(), batchID)
    }

    public func rate(_ id: ApplicationID, rating: Int?) async throws {
        try await service.rate(try await principal(), id, rating: rating)
    }

    public func setNotes(_ id: ApplicationID, notes: String) async throws {
        try await service.setNotes(try await principal(), id, notes: notes)
    }

    public func employerDashboard() async throws -> EmployerDashboard {
        try await service.employerDashboard(try await principal())
    }

    // MARK: Saved items

    public func savedListings() async throws -> [ListingSummary] {
        try await service.savedListings(try await principal())
    }

    public func setSaved(_ id: ListingID, saved: Bool) async throws {
        try await service.setSaved(try await principal(), id, saved: saved)
    }

    public func savedSearches() async throws -> [SavedSearchSummary] {
        try await service.savedSearches(try await principal())
    }

    public func saveSearch(name: String, query: String) async throws -> SavedSearch {
        try await service.saveSearch(try await principal(), name: name, query: query)
    }

    public func markSavedSearchSeen(_ id: SavedSearchID) async throws {
        try await service.markSavedSearchSeen(try await principal(), id)
    }

    public func deleteSavedSearch(_ id: SavedSearchID) async throws {
        try await service.deleteSavedSearch(try await principal(), id)
    }

    // MARK: Notifications

    public func notifications(unreadOnly: Bool, limit: Int) async throws -> [Notification] {
        try await service.notifications(try await principal(), unreadOnly: unreadOnly, limit: limit)
    }

    public func unreadCount() async throws -> Int { try await service.unreadCount(try await principal()) }

    public func markRead(_ ids: [NotificationID]?) async throws {
        try await service.markRead(try await principal(), ids)
    }

    // MARK: Profile and organization

    public func profile() async throws -> ProfileDetail { try await service.profile(try await principal()) }

    public func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail {
        try await service.updateProfile(try await principal(), update)
    }

    public func institutions() async throws -> [Institution] { try await service.institutions() }

    public func organization(_ id: OrganizationID) async throws -> Organization {
        try await service.organization(try await principal(), id)
    }

    public func updateOrganization(_ organization: Organization) async throws -> Organization {
        try await service.updateOrganization(try await principal(), organization)
    }

    // MARK: Administration

    public func users(matching text: String?, role: Role?, after: UserID?, limit: Int) async throws -> [UserSummary] {
        try await service.users(try await principal(), matching: text, role: role, after: after, limit: limit)
    }

    public func createUser(_ account: NewAccount) async throws -> UserSummary {
        try await service.createUser(try await principal(), account)
    }

    public func setRole(_ id: UserID, to role: Role) async throws {
        try await service.setRole(try await principal(), user: id, to: role)
    }

    public func lockUser(_ id: UserID, until: Date?) async throws {
        try await service.lockUser(try await principal(), user: id, until: until)
    }

    public func unlockUser(_ id: UserID) async throws { try await service.unlockUser(try await principal(), user: id) }

    public func disableUser(_ id: UserID) async throws {
        try await service.disableUser(try await principal(), user: id)
    }

    public func resetPassword(_ id: UserID) async throws -> String {
        try await service.resetPassword(try await principal(), user: id)
    }

    public func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws {
        try await service.setOrganizationVerified(try await principal(), id, verified: verified)
    }

    public func recordExport(_ export: DataExport) async throws {
        try await service.recordExport(try await principal(), export)
    }

    public func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        try await service.auditEvents(try await principal(), query)
    }

    public func securityEvents(kind: SecurityEventKind?, user: UserID?, since: Date?, limit: Int) async throws
        -> [SecurityEvent]
    {
        try await service.securityEvents(try await principal(), kind: kind, user: user, since: since, limit: limit)
    }

    // MARK: Health (admins)

    public func healthReport() async throws -> HealthReport { try await service.healthReport(try await principal()) }

    public func alerts(_ query: AlertQuery) async throws -> [Alert] {
        try await service.alerts(try await principal(), query)
    }

    public func acknowledgeAlert(_ id: AlertID) async throws -> Alert {
        try await service.acknowledgeAlert(try await principal(), id)
    }

    public func resolveAlert(_ id: AlertID) async throws -> Alert {
        try await service.resolveAlert(try await principal(), id)
    }

    public func kpis() async throws -> PlatformKPIs { try await service.kpis(try await principal()) }

    public func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int) async throws -> [SecurityTally] {
        try await service.failedLogins(try await principal(), since: since, by: grouping, limit: limit)
    }
}
