public import Foundation

/// Persistence only: typed reads and writes inside transactions. Business rules never live here;
/// they live in `EdulinkService`, which runs its rules inside one `write` so that what it checked
/// still holds when it writes.
///
/// Transaction bodies are synchronous: a rule is plain logic over values, and the store runs the
/// body on its own connection (GRDB's writer for SQLite, a pooled connection for PostgreSQL).
/// Implementations report an unreachable database as `EdulinkError.unavailable`.
public protocol Store: Sendable {
    /// Runs `body` in a read-only transaction with a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
    /// Runs `body` in a write transaction: everything it writes is saved together, or nothing is.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// Where the store reports waits for another process's lock (see `LockWait`); nil by default.
    var lockWait: LockWait? { get }
    /// Overwrites what the store still keeps on disk of rows as they were before the last writes
    /// (SQLite: the write-ahead log, checkpointed and truncated), after an erasure. Nothing by default.
    func discardFormerVersions() async throws
}

extension Store {
    public func discardFormerVersions() async throws {}
}

/// Counts of applications per status, e.g. for a listing's pipeline.
public typealias StatusCounts = [ApplicationStatus: Int]

/// Typed reads.
public protocol StoreReader {
    // MARK: Users
    func user(_ id: UserID) throws -> User?
    /// `email` must already be normalized (`AccountRules.normalizeEmail`).
    func user(email: String) throws -> User?
    /// Users whose email or name contains `text`, by id, after `after`.
    func users(matching text: String?, role: Role?, after: UserID?, limit: Int) throws -> [User]
    func countUsers(role: Role?, status: AccountStatus?) throws -> Int
    /// Employer accounts of an organization.
    func users(organizationID: OrganizationID) throws -> [User]

    // MARK: Profiles, organizations, institutions
    func profile(_ userID: UserID) throws -> StudentProfile?
    /// Whether another student of the institution already uses this registration number.
    func registrationNumberTaken(_ number: String, institutionID: InstitutionID, excluding: UserID) throws -> Bool
    func organization(_ id: OrganizationID) throws -> Organization?
    func organizations() throws -> [Organization]
    func institution(_ id: InstitutionID) throws -> Institution?
    func institutions() throws -> [Institution]

    // MARK: Listings
    func listing(_ id: ListingID) throws -> Listing?
    func listings(organizationID: OrganizationID) throws -> [Listing]
    func listings(status: ListingStatus, limit: Int) throws -> [Listing]
    /// Published listings whose deadline is before `date`.
    func listingsPastDeadline(_ date: Date, limit: Int) throws -> [Listing]
    func searchListings(_ request: ListingSearchRequest) throws -> Page<ListingSummary>
    /// How many listings `filter` and `scope` admit, counting no further than `limit` when it is set
    /// (the answer is then at most `limit`).
    func countListings(_ filter: ListingFilter, scope: ListingScope, upTo limit: Int?) throws -> Int
    func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary]
    func applicationCounts(listingID: ListingID) throws -> StatusCounts

    // MARK: Applications
    func application(_ id: ApplicationID) throws -> Application?
    func application(studentID: UserID, listingID: ListingID) throws -> Application?
    func applications(studentID: UserID) throws -> [Application]
    /// A listing's applications, optionally of one status and of students whose display name
    /// contains `studentNamed` in any case (the rule of `users(matching:)`), by id after `after`.
    func applications(
        listingID: ListingID, status: ApplicationStatus?, studentNamed: String?, after: ApplicationID?, limit: Int
    ) throws -> [Application]
    /// Offers still waiting for an answer whose expiry is at or before `date`, soonest first.
    func expiredOffers(at date: Date, limit: Int) throws -> [Application]
    /// Saved searches the alert job may look at (`SQLSession.savedSearchesDueForAlert`).
    func savedSearchesDueForAlert(
        at date: Date, quietFor: TimeInterval, checkEvery: TimeInterval, after: SavedSearchID?, limit: Int
    ) throws -> [SavedSearchAlertCandidate]
    /// The newest runs of the server's scheduler.
    func jobRuns(limit: Int) throws -> [JobRun]
    /// How many applications the student submitted at or after `since`.
    func countApplications(studentID: UserID, since: Date) throws -> Int
    func timeline(_ applicationID: ApplicationID) throws -> [ApplicationEvent]
    /// When each application entered its current stage: the time of its latest timeline event.
    func stageEnteredAt(_ ids: [ApplicationID]) throws -> [ApplicationID: Date]

    // MARK: Employer figures (aggregates; never loads the applications)
    /// Applications per listing and status, for the organization's listings.
    func applicationCounts(organizationID: OrganizationID) throws -> [ListingID: StatusCounts]
    /// For each index of `stages`, how many of the organization's applications have that stage as
    /// the furthest one their timeline reached (undo events and the events they undid left out).
    /// Applications that reached none of `stages` are not counted.
    func furthestStageCounts(organizationID: OrganizationID, stages: [ApplicationStatus]) throws -> [Int]
    /// How many of the organization's applications were reviewed, and the mean seconds to that.
    func firstReview(organizationID: OrganizationID) throws -> FirstReviewFigures
    /// Applications submitted to the organization's listings per week, `weeks` weeks ending at
    /// `end`, oldest first.
    func weeklyApplications(organizationID: OrganizationID, end: Date, weeks: Int) throws -> [Int]
    func events(batchID: String) throws -> [ApplicationEvent]

    // MARK: Saved items
    func savedListings(studentID: UserID) throws -> [SavedListing]
    func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool
    /// Students who saved a listing.
    func savedBy(listingID: ListingID) throws -> [UserID]
    func savedSearches(studentID: UserID) throws -> [SavedSearch]
    func savedSearch(_ id: SavedSearchID) throws -> SavedSearch?

    // MARK: Notifications
    /// Unread first, then newest first; after `before` (an id) for paging.
    /// Unread first, then newest first (`notifications_user_inbox` gives this order).
    func notifications(userID: UserID, unreadOnly: Bool, limit: Int) throws -> [Notification]
    func notification(_ id: NotificationID) throws -> Notification?
    func unreadNotificationCount(userID: UserID) throws -> Int
    /// Whether the user already has a notification of this kind for this listing with this title.
    func hasNotification(userID: UserID, kind: NotificationKind, listingID: ListingID?, title: String) throws -> Bool
    func dueOutbox(at date: Date, limit: Int) throws -> [OutboxMessage]
    func outboxStatistics() throws -> OutboxStatistics

    // MARK: Audit and security
    func auditEvents(_ query: AuditQuery) throws -> [AuditEvent]
    /// Newest first.
    func securityEvents(kind: SecurityEventKind?, userID: UserID?, since: Date?, limit: Int) throws -> [SecurityEvent]
    func countSecurityEvents(kind: SecurityEventKind, userID: UserID?, since: Date) throws -> Int
    /// Events of `kind` since `since`, counted per typed email or per source, most first.
    func tallySecurityEvents(kind: SecurityEventKind, since: Date, by grouping: SecurityGrouping, limit: Int) throws
        -> [SecurityTally]

    // MARK: Placements
    func placement(_ id: PlacementID) throws -> Placement?
    func placement(applicationID: ApplicationID) throws -> Placement?
    func placement(completionCode: String) throws -> Placement?
    /// Newest start first.
    func placements(_ scope: PlacementScope) throws -> [Placement]
    /// Oldest first.
    func placementTimeline(_ id: PlacementID) throws -> [PlacementTimelineEvent]
    func supervisorProfiles(_ ids: [UserID]) throws -> [UserID: SupervisorProfile]
    /// Upcoming and active placements per supervisor (either side).
    func supervisorLoads(_ ids: [UserID]) throws -> [UserID: Int]
    /// Accounts of a role, of an organization or an institution when given, by name.
    func users(role: Role, organizationID: OrganizationID?, institutionID: InstitutionID?) throws -> [User]
    /// By placement, then week.
    func logbookEntries(placementIDs: [PlacementID]) throws -> [LogbookEntry]
    /// Weeks, states and hours of the placements' entries, without their texts.
    func logbookMarks(placementIDs: [PlacementID]) throws -> [LogbookMark]
    /// Which evaluation kinds each placement has.
    func evaluationKinds(placementIDs: [PlacementID]) throws -> [PlacementID: Set<EvaluationKind>]
    /// Display names by id.
    func displayNames(_ ids: [UserID]) throws -> [UserID: String]
    func logbookEntry(_ id: LogbookEntryID) throws -> LogbookEntry?
    func logbookEntry(placementID: PlacementID, week: Int) throws -> LogbookEntry?
    /// Oldest first.
    func logbookHistory(entryIDs: [LogbookEntryID]) throws -> [LogbookEvent]
    /// Submitted entries of the supervisor's placements, oldest submission first.
    func logbookQueue(supervisorID: UserID, limit: Int) throws -> [LogbookEntry]
    /// Every version, oldest first.
    func evaluations(placementID: PlacementID) throws -> [Evaluation]

    // MARK: Institutions: registration codes and students
    func registrationCode(_ id: RegistrationCodeID) throws -> RegistrationCode?
    /// `code` as stored (`RegistrationCodeRules.normalize`).
    func registrationCode(code: String) throws -> RegistrationCode?
    /// Newest first.
    func registrationCodes(institutionID: InstitutionID) throws -> [RegistrationCode]
    func countRegistrationCodes(institutionID: InstitutionID, prefix: String) throws -> Int
    /// Newest first.
    func registrationCodeUses(codeID: RegistrationCodeID, limit: Int) throws -> [RegistrationCodeUse]
    /// A page of the institution's students by name, how many match, and their courses.
    func institutionStudents(_ query: StudentQuery, institutionID: InstitutionID) throws -> StudentPage
    /// The courses the institution's students have, sorted.
    func institutionCourses(institutionID: InstitutionID) throws -> [String]
    /// The institution's students who have a registration number: by it, their account and email.
    func institutionRegistrationNumbers(institutionID: InstitutionID) throws -> [String: (id: UserID, email: String)]
    /// The listings the institution's students applied to, most applicants first: the listing and
    /// how many applied, were offered the place and accepted it.
    func institutionApplicationCounts(institutionID: InstitutionID, limit: Int) throws -> [(
        listingID: ListingID, students: Int, offers: Int, accepted: Int
    )]
    /// What an institution's placement report for `period` is computed from.
    func placementReportFacts(institutionID: InstitutionID, period: ReportPeriod) throws -> PlacementReportFacts
    /// Those of `emails` an account has, lowercased (as accounts are told apart).
    func existingEmails(_ emails: [String]) throws -> Set<String>

    // MARK: Privacy (a person's data, to export and erase)
    /// Every notification of the user, oldest first.
    func allNotifications(userID: UserID) throws -> [Notification]
    /// Audit events the user caused or that concern their account, oldest first.
    func personalAuditEvents(userID: UserID) throws -> [AuditEvent]
    /// Security events of the user's account or typed with their email, oldest first.
    func personalSecurityEvents(userID: UserID, email: String) throws -> [SecurityEvent]
    /// The texts that may quote a person (`QuotingColumns`) containing one of `needles`.
    func textsQuoting(_ needles: [String]) throws -> [QuotedText]

    // MARK: Health
    func alerts(_ query: AlertQuery) throws -> [Alert]
    func alert(_ id: AlertID) throws -> Alert?
    /// Raw aggregates for the platform KPIs.
    func platformCounts(registeredSince: Date, appliedSince: Date, openAt: Date) throws -> PlatformCounts
}

/// Typed writes; every writer can also read inside the same transaction.
extension StoreReader {
    /// Every listing `filter` and `scope` admit, counted exactly.
    public func countListings(_ filter: ListingFilter, scope: ListingScope) throws -> Int {
        try countListings(filter, scope: scope, upTo: nil)
    }
}

public protocol StoreWriter: StoreReader {
    func insertUser(_ user: User) throws -> User
    func updateUser(_ user: User) throws
    /// Claims scheduler tick `tick` for `instance`: true for the one caller that inserted its row.
    func claimJobTick(_ tick: Int64, instance: String, at date: Date) throws -> Bool
    /// Records how the run of `tick` ended.
    func finishJobTick(_ tick: Int64, at date: Date, report: JobReport?, failure: String?) throws
    /// Forgets scheduler runs that started before `date`.
    @discardableResult
    func pruneJobRuns(before date: Date) throws -> Int
    /// Records that the alert job looked at a saved search.
    func markSavedSearchChecked(_ id: SavedSearchID, at date: Date) throws
    /// Records an alert of a saved search unless another was recorded after `quietSince`; true when
    /// this caller may send it.
    func claimSavedSearchAlert(_ id: SavedSearchID, at date: Date, quietSince: Date) throws -> Bool
    /// Deletes what `retention` no longer keeps as of `date`; returns how many rows, by table.
    func prune(_ retention: Retention, at date: Date) throws -> [String: Int]
    /// Ends every sign-in session of every account begun before `date` (`sessionsEndedAt`); returns
    /// how many accounts there are.
    func endEverySession(at date: Date) throws -> Int
    func saveProfile(_ profile: StudentProfile) throws
    func insertOrganization(_ organization: Organization) throws -> Organization
    func updateOrganization(_ organization: Organization) throws
    func insertInstitution(_ institution: Institution) throws -> Institution
    func updateInstitution(_ institution: Institution) throws

    func insertListing(_ listing: Listing) throws -> Listing
    func updateListing(_ listing: Listing) throws
    /// Reads a listing and keeps it locked until the transaction ends (`FOR UPDATE` on PostgreSQL;
    /// SQLite's single writer already serializes).
    func lockListing(_ id: ListingID) throws -> Listing?

    func insertApplication(_ application: Application) throws -> Application
    func updateApplication(_ application: Application) throws
    func appendEvent(_ event: ApplicationEvent) throws -> ApplicationEvent

    /// Returns false when it was already saved.
    func insertSavedListing(_ saved: SavedListing) throws -> Bool
    /// Returns false when it was not saved.
    func deleteSavedListing(studentID: UserID, listingID: ListingID) throws -> Bool
    func insertSavedSearch(_ search: SavedSearch) throws -> SavedSearch
    func updateSavedSearch(_ search: SavedSearch) throws
    func deleteSavedSearch(_ id: SavedSearchID) throws

    func insertNotification(_ notification: Notification) throws -> Notification
    /// Marks the given notifications (or all when nil) of the user read; returns how many changed.
    func markNotificationsRead(userID: UserID, ids: [NotificationID]?, at date: Date) throws -> Int
    func insertOutbox(_ message: OutboxMessage) throws
    func updateOutbox(_ message: OutboxMessage) throws

    func insertAudit(_ event: AuditEvent) throws
    func insertSecurityEvent(_ event: SecurityEvent) throws

    func insertPlacement(_ placement: Placement) throws -> Placement
    func updatePlacement(_ placement: Placement) throws
    /// Reads a placement and keeps it locked until the transaction ends.
    func lockPlacement(_ id: PlacementID) throws -> Placement?
    func appendPlacementEvent(_ event: PlacementTimelineEvent) throws -> PlacementTimelineEvent
    func saveSupervisorProfile(_ profile: SupervisorProfile) throws
    func insertLogbookEntry(_ entry: LogbookEntry) throws -> LogbookEntry
    func updateLogbookEntry(_ entry: LogbookEntry) throws
    func appendLogbookEvent(_ event: LogbookEvent) throws -> LogbookEvent
    func insertEvaluation(_ evaluation: Evaluation) throws -> Evaluation

    func insertRegistrationCode(_ code: RegistrationCode) throws -> RegistrationCode
    func updateRegistrationCode(_ code: RegistrationCode) throws
    /// Takes one use of the code if it still has one (not used up, not revoked): true when it did.
    func claimRegistrationCode(_ id: RegistrationCodeID) throws -> Bool
    func insertRegistrationCodeUse(_ use: RegistrationCodeUse) throws

    func insertAlert(_ alert: Alert) throws -> Alert
    func updateAlert(_ alert: Alert) throws

    /// Clears the person's own records and the texts they wrote elsewhere (`PersonalRecordsErasure`).
    func erasePersonalRecords(_ erasure: PersonalRecordsErasure) throws
    /// Writes `text` where `quoted` was read from.
    func rewriteText(_ quoted: QuotedText, to text: String) throws
    /// Deletes the idempotency records whose stored answer contains one of `needles`.
    @discardableResult
    func forgetAnswersQuoting(_ needles: [String]) throws -> Int
}

/// Figures about the notification outbox.
public struct OutboxStatistics: Sendable, Equatable, Codable {
    public var pending: Int
    public var failed: Int
    public var sent: Int
    public var oldestPendingAt: Date?

    public init(pending: Int, failed: Int, sent: Int, oldestPendingAt: Date?) {
        self.pending = pending
        self.failed = failed
        self.sent = sent
        self.oldestPendingAt = oldestPendingAt
    }
}

/// How security events are counted together.
public enum SecurityGrouping: String, Sendable, Codable, CaseIterable {
    /// By the email typed (also for unknown accounts).
    case account
    /// By network address (or `local`).
    case source
}

/// One group of security events.
public struct SecurityTally: Sendable, Equatable, Hashable, Codable {
    public var key: String
    public var count: Int
    public var lastAt: Date

    public init(key: String, count: Int, lastAt: Date) {
        self.key = key
        self.count = count
        self.lastAt = lastAt
    }
}

/// Raw figures behind the platform KPIs, from SQL aggregates.
public struct PlatformCounts: Sendable, Equatable, Codable {
    /// Accounts created since the given date.
    public var registrations: Int
    /// Applications submitted since the given date.
    public var applications: Int
    /// Applications in a final state (accepted, declined, rejected, withdrawn).
    public var finished: Int
    public var accepted: Int
    /// Published listings whose deadline has not passed.
    public var openListings: Int
    /// Mean seconds from submission to first review, over reviewed applications.
    public var meanSecondsToFirstReview: Double?

    public init(
        registrations: Int, applications: Int, finished: Int, accepted: Int, openListings: Int,
        meanSecondsToFirstReview: Double?
    ) {
        self.registrations = registrations
        self.applications = applications
        self.finished = finished
        self.accepted = accepted
        self.openListings = openListings
        self.meanSecondsToFirstReview = meanSecondsToFirstReview
    }
}
