import EdulinkCore
import Foundation
import Synchronization

/// An `EdulinkRepository` that forwards to a real one, records which calls were made (and the
/// filters searched), and can pretend the database is unreachable.
final class ProbeRepository: EdulinkRepository {
    private struct Log {
        var calls: [String] = []
        var searches: [ListingFilter] = []
        var offline = false
        var appliedDrafts: [ApplicationDraft] = []
        var beforeApply: (@Sendable (ApplicationDraft) -> Void)?
    }

    let base: any EdulinkRepository
    private let log = Mutex(Log())

    init(_ base: any EdulinkRepository) { self.base = base }

    var mode: RepositoryMode { base.mode }

    /// Every throwing call made so far, by name.
    var calls: [String] { log.withLock { $0.calls } }

    /// The filters of every `search` call (first pages and later pages).
    var searchedFilters: [ListingFilter] { log.withLock { $0.searches } }

    /// How many times `name` was called.
    func count(of name: String) -> Int { calls.filter { $0 == name }.count }

    /// The drafts of every `apply` call, offline ones included.
    var appliedDrafts: [ApplicationDraft] { log.withLock { $0.appliedDrafts } }

    /// Runs `hook` with the draft at the start of every `apply` call, before it fails offline.
    func beforeApply(_ hook: @escaping @Sendable (ApplicationDraft) -> Void) { log.withLock { $0.beforeApply = hook } }

    /// While true, every throwing call fails with `EdulinkError.unavailable`.
    func setOffline(_ offline: Bool) { log.withLock { $0.offline = offline } }

    func record(_ name: String) throws {
        let offline = log.withLock { log in
            log.calls.append(name)
            return log.offline
        }
        if offline { throw EdulinkError.unavailable("The database cannot be reached.") }
    }

    func login(email: String, password: String) async throws -> UserSummary {
        try record("login")
        return try await base.login(email: email, password: password)
    }

    func logout() async {
        return await base.logout()
    }

    func currentUser() async -> UserSummary? {
        return await base.currentUser()
    }

    func reauthenticate(password: String) async throws {
        try record("reauthenticate")
        return try await base.reauthenticate(password: password)
    }

    func changePassword(current: String, new: String) async throws {
        try record("changePassword")
        return try await base.changePassword(current: current, new: new)
    }

    func search(_ filter: ListingFilter, cursor: PageCursor?, limit: Int) async throws -> Page<ListingSummary> {
        try record("search")
        log.withLock { $0.searches.append(filter) }
        return try await base.search(filter, cursor: cursor, limit: limit)
    }

    func count(_ filter: ListingFilter) async throws -> Int {
        try record("count")
        return try await base.count(filter)
    }

    func listing(_ id: ListingID) async throws -> ListingDetail {
        try record("listing")
        return try await base.listing(id)
    }

    func myListings() async throws -> [ListingSummary] {
        try record("myListings")
        return try await base.myListings()
    }

    func createListing(_ draft: ListingDraft) async throws -> Listing {
        try record("createListing")
        return try await base.createListing(draft)
    }

    func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing {
        try record("updateListing")
        return try await base.updateListing(id, draft)
    }

    func extendListing(_ id: ListingID, _ change: ListingExtension) async throws -> Listing {
        try record("extendListing")
        return try await base.extendListing(id, change)
    }

    func duplicateListing(_ id: ListingID) async throws -> Listing {
        try record("duplicateListing")
        return try await base.duplicateListing(id)
    }

    func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String?) async throws -> Listing {
        try record("changeListing")
        return try await base.changeListing(id, event, reason: reason)
    }

    func verificationQueue() async throws -> [ListingSummary] {
        try record("verificationQueue")
        return try await base.verificationQueue()
    }

    func apply(_ draft: ApplicationDraft) async throws -> Application {
        let hook = log.withLock { log in
            log.appliedDrafts.append(draft)
            return log.beforeApply
        }
        hook?(draft)
        try record("apply")
        return try await base.apply(draft)
    }

    func myApplications() async throws -> [ApplicationSummary] {
        try record("myApplications")
        return try await base.myApplications()
    }

    func application(_ id: ApplicationID) async throws -> ApplicationDetail {
        try record("application")
        return try await base.application(id)
    }

    func withdraw(_ id: ApplicationID, note: String?) async throws -> Application {
        try record("withdraw")
        return try await base.withdraw(id, note: note)
    }

    func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application {
        try record("answerOffer")
        return try await base.answerOffer(id, accept: accept)
    }

    func applicants(
        listing: ListingID, status: ApplicationStatus?, named: String?, after: ApplicationID?, limit: Int
    ) async throws -> [ApplicationSummary] {
        try record("applicants")
        return try await base.applicants(listing: listing, status: status, named: named, after: after, limit: limit)
    }

    func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail {
        try record("openApplication")
        return try await base.openApplication(id)
    }

    func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application {
        try record("move")
        return try await base.move(id, move)
    }

    func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String {
        try record("moveMany")
        return try await base.moveMany(ids, move)
    }

    func undoLastMove(_ id: ApplicationID) async throws -> Application {
        try record("undoLastMove")
        return try await base.undoLastMove(id)
    }

    func undoBatch(_ batchID: String) async throws -> Int {
        try record("undoBatch")
        return try await base.undoBatch(batchID)
    }

    func rate(_ id: ApplicationID, rating: Int?) async throws {
        try record("rate")
        return try await base.rate(id, rating: rating)
    }

    func setNotes(_ id: ApplicationID, notes: String) async throws {
        try record("setNotes")
        return try await base.setNotes(id, notes: notes)
    }

    func employerDashboard() async throws -> EmployerDashboard {
        try record("employerDashboard")
        return try await base.employerDashboard()
    }

    func savedListings() async throws -> [ListingSummary] {
        try record("savedListings")
        return try await base.savedListings()
    }

    func setSaved(_ id: ListingID, saved: Bool) async throws {
        try record("setSaved")
        return try await base.setSaved(id, saved: saved)
    }

    func savedSearches() async throws -> [SavedSearchSummary] {
        try record("savedSearches")
        return try await base.savedSearches()
    }

    func saveSearch(name: String, query: String) async throws -> SavedSearch {
        try record("saveSearch")
        return try await base.saveSearch(name: name, query: query)
    }

    func markSavedSearchSeen(_ id: SavedSearchID) async throws {
        try record("markSavedSearchSeen")
        return try await base.markSavedSearchSeen(id)
    }

    func deleteSavedSearch(_ id: SavedSearchID) async throws {
        try record("deleteSavedSearch")
        return try await base.deleteSavedSearch(id)
    }

    func notifications(unreadOnly: Bool, limit: Int) async throws -> [EdulinkCore.Notification] {
        try record("notifications")
        return try await base.notifications(unreadOnly: unreadOnly, limit: limit)
    }

    func unreadCount() async throws -> Int {
        try record("unreadCount")
        return try await base.unreadCount()
    }

    func markRead(_ ids: [NotificationID]?) async throws {
        try record("markRead")
        return try await base.markRead(ids)
    }

    func profile() async throws -> ProfileDetail {
        try record("profile")
        return try await base.profile()
    }

    func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail {
        try record("updateProfile")
        return try await base.updateProfile(update)
    }

    func institutions() async throws -> [Institution] {
        try record("institutions")
        return try await base.institutions()
    }

    func organization(_ id: OrganizationID) async throws -> Organization {
        try record("organization")
        return try await base.organization(id)
    }

    func updateOrganization(_ organization: Organization) async throws -> Organization {
        try record("updateOrganization")
        return try await base.updateOrganization(organization)
    }

    func users(matching text: String?, role: Role?, after: UserID?, limit: Int) async throws -> [UserSummary] {
        try record("users")
        return try await base.users(matching: text, role: role, after: after, limit: limit)
    }

    func createUser(_ account: NewAccount) async throws -> UserSummary {
        try record("createUser")
        return try await base.createUser(account)
    }

    func setRole(_ id: UserID, to role: Role) async throws {
        try record("setRole")
        return try await base.setRole(id, to: role)
    }

    func lockUser(_ id: UserID, until: Date?) async throws {
        try record("lockUser")
        return try await base.lockUser(id, until: until)
    }

    func unlockUser(_ id: UserID) async throws {
        try record("unlockUser")
        return try await base.unlockUser(id)
    }

    func disableUser(_ id: UserID) async throws {
        try record("disableUser")
        return try await base.disableUser(id)
    }

    func resetPassword(_ id: UserID) async throws -> String {
        try record("resetPassword")
        return try await base.resetPassword(id)
    }

    func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws {
        try record("setOrganizationVerified")
        try await base.setOrganizationVerified(id, verified: verified)
    }

    func allOrganizations() async throws -> [Organization] {
        try record("allOrganizations")
        return try await base.allOrganizations()
    }

    func createOrganization(_ organization: Organization) async throws -> Organization {
        try record("createOrganization")
        return try await base.createOrganization(organization)
    }

    func createInstitution(_ institution: Institution) async throws -> Institution {
        try record("createInstitution")
        return try await base.createInstitution(institution)
    }

    func updateInstitution(_ institution: Institution) async throws -> Institution {
        try record("updateInstitution")
        return try await base.updateInstitution(institution)
    }

    func setInstitutionVerified(_ id: InstitutionID, verified: Bool) async throws -> Institution {
        try record("setInstitutionVerified")
        return try await base.setInstitutionVerified(id, verified: verified)
    }

    func recordExport(_ export: DataExport) async throws {
        try record("recordExport")
        try await base.recordExport(export)
    }

    func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        try record("auditEvents")
        return try await base.auditEvents(query)
    }

    func securityEvents(kind: SecurityEventKind?, user: UserID?, since: Date?, limit: Int) async throws
        -> [SecurityEvent]
    {
        try record("securityEvents")
        return try await base.securityEvents(kind: kind, user: user, since: since, limit: limit)
    }

    func healthReport() async throws -> HealthReport {
        try record("healthReport")
        return try await base.healthReport()
    }

    func alerts(_ query: AlertQuery) async throws -> [Alert] {
        try record("alerts")
        return try await base.alerts(query)
    }

    func acknowledgeAlert(_ id: AlertID) async throws -> Alert {
        try record("acknowledgeAlert")
        return try await base.acknowledgeAlert(id)
    }

    func resolveAlert(_ id: AlertID) async throws -> Alert {
        try record("resolveAlert")
        return try await base.resolveAlert(id)
    }

    func kpis() async throws -> PlatformKPIs {
        try record("kpis")
        return try await base.kpis()
    }

    func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int) async throws -> [SecurityTally] {
        try record("failedLogins")
        return try await base.failedLogins(since: since, by: grouping, limit: limit)
    }
}
