public import Foundation

/// Where the session's data lives, for the status bar.
public enum RepositoryMode: Sendable, Equatable {
    /// A SQLite file on this machine.
    case local(path: String)
    /// An Edulink server.
    case remote(url: String)

    public var label: String {
        switch self {
        case .local(let path): "local \(path)"
        case .remote(let url): "server \(url)"
        }
    }
}

/// The use cases of one signed-in session: what view-models talk to. In local mode the service
/// itself is the repository (`EdulinkService.localSession(mode:origin:)`); the remote client sends
/// the same calls to a server that runs the service. Both must pass the same contract suite.
public protocol EdulinkRepository: Sendable {
    var mode: RepositoryMode { get }

    // MARK: Session
    /// Signs in; later calls act as this user.
    func login(email: String, password: String) async throws -> UserSummary
    func logout() async
    /// The signed-in user, or nil.
    func currentUser() async -> UserSummary?
    /// Checks the password of the signed-in user again (the idle lock).
    func reauthenticate(password: String) async throws
    func changePassword(current: String, new: String) async throws
    /// A student creates their own account with a registration code; signs in as them.
    func signUp(_ form: StudentSignUp) async throws -> UserSummary

    // MARK: Listings
    func search(_ filter: ListingFilter, cursor: PageCursor?, limit: Int) async throws -> Page<ListingSummary>
    func count(_ filter: ListingFilter) async throws -> Int
    /// The first page of `filter` (`limit` rows) and its first listing's detail; the remote client
    /// asks for both in one request.
    func browse(_ filter: ListingFilter, limit: Int) async throws -> BrowsePage
    func listing(_ id: ListingID) async throws -> ListingDetail
    func myListings() async throws -> [ListingSummary]
    func createListing(_ draft: ListingDraft) async throws -> Listing
    func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing
    func extendListing(_ id: ListingID, _ change: ListingExtension) async throws -> Listing
    func duplicateListing(_ id: ListingID) async throws -> Listing
    func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String?) async throws -> Listing
    func verificationQueue() async throws -> [ListingSummary]

    // MARK: Applications
    func apply(_ draft: ApplicationDraft) async throws -> Application
    func myApplications() async throws -> [ApplicationSummary]
    func application(_ id: ApplicationID) async throws -> ApplicationDetail
    func withdraw(_ id: ApplicationID, note: String?) async throws -> Application
    func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application
    /// A listing's applicants, optionally of one stage and of students whose name contains `named`.
    func applicants(
        listing: ListingID, status: ApplicationStatus?, named: String?, after: ApplicationID?, limit: Int
    ) async throws -> [ApplicationSummary]
    func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail
    func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application
    func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String
    func undoLastMove(_ id: ApplicationID) async throws -> Application
    func undoBatch(_ batchID: String) async throws -> Int
    func rate(_ id: ApplicationID, rating: Int?) async throws
    func setNotes(_ id: ApplicationID, notes: String) async throws
    /// The employer's figures over their organization's listings.
    func employerDashboard() async throws -> EmployerDashboard

    // MARK: Placements (PLACEMENTS.md)
    /// The caller's placements (a student's own, an organization's, a supervisor's assigned ones, an
    /// institution's students', all for an admin), newest start first.
    func placements() async throws -> [PlacementSummary]
    func placement(_ id: PlacementID) async throws -> PlacementDetail
    /// Terminates, moves or staffs a placement.
    func changePlacement(_ id: PlacementID, _ change: PlacementChangeRequest) async throws -> Placement
    /// The supervisors the caller assigns, with their loads.
    func supervisors() async throws -> [SupervisorSummary]
    /// The signed-in supervisor's own profile (side, title, capacity, load).
    func supervisorProfile() async throws -> SupervisorSummary
    /// A supervisor account on the caller's side, with its one-time sign-in code.
    func createSupervisor(_ new: NewSupervisor) async throws -> SupervisorAccount
    /// The student saves (or submits) their entry for a week.
    func saveLogbookEntry(_ placement: PlacementID, week: Int, _ content: LogbookContent, submit: Bool) async throws
        -> LogbookEntry
    /// Submitted entries waiting for the caller (a supervisor), oldest first.
    func logbookQueue() async throws -> [LogbookQueueItem]
    func reviewLogbookEntry(_ id: LogbookEntryID, _ review: LogbookReview) async throws -> LogbookEntry
    /// Approves entries in one transaction; returns how many changed.
    func approveLogbookEntries(_ ids: [LogbookEntryID]) async throws -> Int
    func excuseWeek(_ placement: PlacementID, week: Int, reason: ExcuseReason, note: String?) async throws
        -> LogbookEntry
    func submitEvaluation(_ placement: PlacementID, _ kind: EvaluationKind, _ draft: EvaluationDraft) async throws
        -> Evaluation
    func completionRecord(_ placement: PlacementID) async throws -> CompletionRecord
    /// Checks a completion record's verification code.
    func verifyCompletion(code: String) async throws -> CompletionRecord

    // MARK: Institution (PLACEMENTS.md, Institution admin)
    /// The institution's registration codes, newest first.
    func registrationCodes() async throws -> [RegistrationCode]
    func createRegistrationCode(_ new: NewRegistrationCode) async throws -> RegistrationCode
    func revokeRegistrationCode(_ id: RegistrationCodeID) async throws -> RegistrationCode
    /// Every attempt to sign up with the code, newest first.
    func registrationCodeUses(_ id: RegistrationCodeID) async throws -> [RegistrationCodeUse]
    /// A page of the institution's students by name, how many match, and their courses.
    func institutionStudents(_ query: StudentQuery) async throws -> StudentPage
    func institutionStudent(_ id: UserID) async throws -> InstitutionStudentDetail
    /// The institution's placement figures for `period` (an admin names the institution).
    func placementReport(_ period: ReportPeriod, institution: InstitutionID?) async throws -> PlacementReport
    /// The listings the institution's students applied to, most applicants first.
    func institutionListings() async throws -> [InstitutionListingUse]
    /// Reads a CSV of students and reports on every row; with `apply`, creates the new ones.
    func importStudents(_ request: StudentImportRequest) async throws -> StudentImportReport

    // MARK: Saved items
    func savedListings() async throws -> [ListingSummary]
    func setSaved(_ id: ListingID, saved: Bool) async throws
    func savedSearches() async throws -> [SavedSearchSummary]
    func saveSearch(name: String, query: String) async throws -> SavedSearch
    func markSavedSearchSeen(_ id: SavedSearchID) async throws
    func deleteSavedSearch(_ id: SavedSearchID) async throws

    // MARK: Notifications
    func notifications(unreadOnly: Bool, limit: Int) async throws -> [Notification]
    func unreadCount() async throws -> Int
    func markRead(_ ids: [NotificationID]?) async throws

    // MARK: Profile and organization
    func profile() async throws -> ProfileDetail
    func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail
    func institutions() async throws -> [Institution]
    func organization(_ id: OrganizationID) async throws -> Organization
    func updateOrganization(_ organization: Organization) async throws -> Organization

    // MARK: Administration
    func users(matching text: String?, role: Role?, after: UserID?, limit: Int) async throws -> [UserSummary]
    func createUser(_ account: NewAccount) async throws -> UserSummary
    func setRole(_ id: UserID, to role: Role) async throws
    func lockUser(_ id: UserID, until: Date?) async throws
    func unlockUser(_ id: UserID) async throws
    func disableUser(_ id: UserID) async throws
    func resetPassword(_ id: UserID) async throws -> String
    /// Marks an employer's organization verified (or not); only verified organizations publish.
    func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws
    /// Every organization, by name.
    func allOrganizations() async throws -> [Organization]
    /// Registers an organization; its employers are then created into it (`createUser`).
    func createOrganization(_ organization: Organization) async throws -> Organization
    /// Registers an institution.
    func createInstitution(_ institution: Institution) async throws -> Institution
    /// Changes an institution's name, short code and type.
    func updateInstitution(_ institution: Institution) async throws -> Institution
    /// Marks an institution verified (or not).
    func setInstitutionVerified(_ id: InstitutionID, verified: Bool) async throws -> Institution
    /// Records that the signed-in user exported data (a `data_export` security event).
    func recordExport(_ export: DataExport) async throws
    func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent]
    func securityEvents(kind: SecurityEventKind?, user: UserID?, since: Date?, limit: Int) async throws
        -> [SecurityEvent]

    // MARK: Privacy (PLACEMENTS.md)
    /// Everything stored about the signed-in person, as one document (a `data_export` event).
    func exportMyData() async throws -> PersonalDataExport
    /// Everything stored about account `id` (admins; anyone for their own).
    func exportPersonalData(of id: UserID) async throws -> PersonalDataExport
    /// Anonymises account `id` (admins); refused during an upcoming or active placement unless `force`.
    func erasePersonalData(of id: UserID, force: Bool) async throws -> ErasureResult

    // MARK: Health (admins)
    /// Every check graded by the thresholds, the open alerts and the KPIs; evaluates alerts.
    func healthReport() async throws -> HealthReport
    func alerts(_ query: AlertQuery) async throws -> [Alert]
    func acknowledgeAlert(_ id: AlertID) async throws -> Alert
    func resolveAlert(_ id: AlertID) async throws -> Alert
    func kpis() async throws -> PlatformKPIs
    func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int) async throws -> [SecurityTally]

    // MARK: Data (admins)
    /// Database status, snapshots and the retention rule.
    func dataOverview() async throws -> DataOverview
    /// Integrity and foreign-key check; the result is kept for the health check.
    func checkDatabaseIntegrity() async throws -> IntegrityReport
    func runDatabaseTask(_ task: DatabaseTask) async throws -> DatabaseTaskResult
    /// A verified snapshot in the server's (or local) backup folder.
    func createBackup() async throws -> BackupRecord
    func verifyBackup(_ id: BackupID) async throws -> BackupRecord
    /// Replaces the database with a snapshot; the current database is backed up first.
    func restoreBackup(_ id: BackupID) async throws -> RestoreResult
    /// Deletes snapshots older than the retention, never the newest.
    func pruneBackups() async throws -> PruneResult
}

extension EdulinkRepository {
    /// `firstPageThenDetail`: the local stores' browse.
    public func browse(_ filter: ListingFilter, limit: Int) async throws -> BrowsePage {
        try await firstPageThenDetail(filter, limit: limit)
    }

    /// `search`, then `listing` of the first row. A detail that cannot be read leaves the page
    /// without it (it loads again when selected); cancellation is never swallowed.
    public func firstPageThenDetail(_ filter: ListingFilter, limit: Int) async throws -> BrowsePage {
        let page = try await search(filter, cursor: nil, limit: limit)
        guard let first = page.items.first else { return BrowsePage(page: page, firstDetail: nil) }
        let detail = try? await listing(first.id)
        try Task.checkCancellation()
        return BrowsePage(page: page, firstDetail: detail)
    }

    /// A listing's applicants, optionally of one stage, whatever their names.
    public func applicants(listing: ListingID, status: ApplicationStatus?, after: ApplicationID?, limit: Int)
        async throws -> [ApplicationSummary]
    {
        try await applicants(listing: listing, status: status, named: nil, after: after, limit: limit)
    }
}
