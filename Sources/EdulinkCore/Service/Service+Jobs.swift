import Foundation

/// Delivers outbox messages somewhere outside Edulink (email, a spool directory).
public protocol OutboxTransport: Sendable {
    func deliver(_ message: OutboxMessage) async throws
}

/// What one run of the scheduled jobs did.
public struct JobReport: Sendable, Equatable, Codable {
    public var listingsClosed: Int
    public var remindersSent: Int
    public var messagesDelivered: Int
    public var messagesFailed: Int
    /// Health alerts open after this run's evaluation (raised, still holding, or not yet resolved).
    public var alertsOpen: Int
    /// Upcoming placements whose start date came.
    public var placementsStarted: Int
    /// Active placements found complete (the end passed after everything else was done).
    public var placementsCompleted: Int
    /// Logbook and evaluation reminders to students and supervisors.
    public var placementReminders: Int
    /// Offers past their expiry, declined with the reason "expired".
    public var offersExpired: Int
    /// Rows deleted because their retention ended (read notifications, security events, delivered
    /// messages, idempotency records).
    public var rowsPruned: Int
    /// Students told of new listings matching one of their saved searches (one per search).
    public var savedSearchAlerts: Int
    /// Health alerts this run raised (each told to every admin).
    public var alertsRaised: Int
    /// Segments of the full-text index merged into others (SQLite; ``tidySearchIndex()``).
    public var searchIndexSegmentsMerged: Int

    public init(
        listingsClosed: Int = 0, remindersSent: Int = 0, messagesDelivered: Int = 0, messagesFailed: Int = 0,
        alertsOpen: Int = 0, placementsStarted: Int = 0, placementsCompleted: Int = 0, placementReminders: Int = 0,
        offersExpired: Int = 0, rowsPruned: Int = 0, savedSearchAlerts: Int = 0, alertsRaised: Int = 0,
        searchIndexSegmentsMerged: Int = 0
    ) {
        self.listingsClosed = listingsClosed
        self.remindersSent = remindersSent
        self.messagesDelivered = messagesDelivered
        self.messagesFailed = messagesFailed
        self.alertsOpen = alertsOpen
        self.placementsStarted = placementsStarted
        self.placementsCompleted = placementsCompleted
        self.placementReminders = placementReminders
        self.offersExpired = offersExpired
        self.rowsPruned = rowsPruned
        self.savedSearchAlerts = savedSearchAlerts
        self.alertsRaised = alertsRaised
        self.searchIndexSegmentsMerged = searchIndexSegmentsMerged
    }
}

extension JobReport {
    /// What the run did, in one line: the non-zero counts ("2 listings closed, 1 offer expired").
    public var summary: String {
        let parts = [
            (listingsClosed, "listings closed"), (offersExpired, "offers expired"), (remindersSent, "reminders"),
            (savedSearchAlerts, "saved-search alerts"), (placementsStarted, "placements started"),
            (placementsCompleted, "placements completed"), (placementReminders, "placement reminders"),
            (messagesDelivered, "messages delivered"), (messagesFailed, "messages failed"),
            (rowsPruned, "old rows deleted"), (searchIndexSegmentsMerged, "search index segments merged"),
            (alertsRaised, "health alerts raised"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
    }
}

extension EdulinkService {
    /// Runs every periodic job once: close expired listings, expire offers, remind students of saved
    /// listings' deadlines, tell them of their saved searches' new matches, the placement passes,
    /// deliver due outbox messages (those just queued included), prune what the retention no longer
    /// keeps, evaluate the health checks so that alerts are raised (and told to every admin, whose
    /// messages go out at once) and cleared even when no admin has the Health tab open, then merge
    /// the search index's segments a bounded step. Safe to run often and from several processes: a
    /// second run right after the first finds nothing to do.
    public func runScheduledJobs(transport: (any OutboxTransport)?) async throws -> JobReport {
        var report = JobReport()
        report.listingsClosed = try await closeExpiredListings()
        report.offersExpired = try await expireOffers()
        report.remindersSent = try await sendDeadlineReminders()
        report.savedSearchAlerts = try await sendSavedSearchAlerts()
        report.placementsStarted = try await startPlacements()
        (report.placementsCompleted, report.placementReminders) = try await sweepPlacements()
        if let transport {
            (report.messagesDelivered, report.messagesFailed) = try await deliverOutbox(transport)
        }
        report.rowsPruned = try await pruneExpired().values.reduce(0, +)
        let health = await evaluateAlerts()
        report.alertsOpen = health.report.alerts.count
        report.alertsRaised = health.raised
        if let transport, health.raised > 0 {
            let (delivered, failed) = try await deliverOutbox(transport)
            report.messagesDelivered += delivered
            report.messagesFailed += failed
        }
        // Last: upkeep that fails (a lock held past the busy timeout) must not keep the alerts from
        // being evaluated; the run is still recorded as failed, with why.
        report.searchIndexSegmentsMerged = try await tidySearchIndex()
        return report
    }

    /// Runs the jobs for scheduler tick `tick` if this caller is the first to claim it (one run per
    /// tick however many server instances share the database); nil when another instance has it.
    /// The run is recorded in `job_runs` with its report or its failure, and audited.
    public func runScheduledJobs(tick: Int64, instance: String, transport: (any OutboxTransport)?) async throws
        -> JobReport?
    {
        let started = now()
        let claimed = try await store.write { session in
            guard try session.claimJobTick(tick, instance: instance, at: started) else { return false }
            try session.pruneJobRuns(before: started.addingTimeInterval(-7 * 86_400))
            return true
        }
        guard claimed else { return nil }
        do {
            let report = try await runScheduledJobs(transport: transport)
            try await store.write { session in
                try session.finishJobTick(tick, at: self.now(), report: report, failure: nil)
                try self.audit(session, nil, "jobs.run", "job_run", tick, "\(instance): \(report.summary)")
            }
            return report
        } catch {
            let failure = String(describing: error)
            try? await store.write { session in
                try session.finishJobTick(tick, at: self.now(), report: nil, failure: failure)
                try self.audit(session, nil, "jobs.fail", "job_run", tick, "\(instance): \(failure)")
            }
            throw error
        }
    }

    /// Pages of merge work one run gives the search index: a server runs the jobs every minute, so
    /// this bounds the write lock the merge takes to about a second a minute, in steps of
    /// milliseconds, and a live index stays at a handful of segments.
    public static let searchIndexPagesPerRun = 10_000

    /// Merges the search index's segments by at most ``searchIndexPagesPerRun`` pages of work (on
    /// stores that have such segments); how many segments went.
    func tidySearchIndex() async throws -> Int {
        guard let maintenance = environment.operations?.maintenance else { return 0 }
        return try await maintenance.tidySearchIndex(pages: Self.searchIndexPagesPerRun)?.merged ?? 0
    }

    /// The newest runs of the server's scheduler (admins and the local operator).
    public func jobRuns(limit: Int = 50) async throws -> [JobRun] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            return try await store.read { try $0.jobRuns(limit: min(max(limit, 1), 1000)) }
        }
    }

    /// Deletes what the retention periods no longer keep (`environment.retention`); returns the
    /// rows deleted, by table.
    @discardableResult
    public func pruneExpired() async throws -> [String: Int] {
        let at = now()
        let retention = environment.retention
        return try await store.write { session in try session.prune(retention, at: at) }
    }

    /// Declines every offer past its expiry with the reason "expired" and tells the student and the
    /// employer; once each, since a declined application holds no offer. The student could no longer
    /// accept it anyway (`performMove` refuses an expired offer); this makes the pipeline say so.
    public func expireOffers() async throws -> Int {
        let at = now()
        return try await store.write { session in
            var expired = 0
            for var application in try session.expiredOffers(at: at, limit: 1000) {
                guard let listing = try session.listing(application.listingID) else { continue }
                let from = application.status
                var stage = application.stage
                stage.status = .declined
                application.apply(stage)
                application.updatedAt = at
                try session.updateApplication(application)
                let expiry = application.offerExpiresAt ?? at
                _ = try session.appendEvent(
                    ApplicationEvent(
                        applicationID: application.id, from: from, to: .declined, actorID: nil, actorRole: nil, at: at,
                        reason: "expired", note: "The offer expired on \(expiry.ISO8601Format()) unanswered.",
                        stage: stage))
                let title = "\"\(listing.title)\""
                try self.notify(
                    session, application.studentID, .statusChanged, "Offer expired",
                    "Your offer for \(title) expired unanswered and is declined. Ask the employer if you still want it.",
                    application: application.id, listing: listing.id)
                try self.notify(
                    session, listing.createdBy, .offerAnswered, "Offer expired",
                    "An applicant's offer for \(title) expired unanswered; it is declined and the position is free.",
                    application: application.id, listing: listing.id)
                try self.audit(
                    session, nil, "application.expire_offer", "application", application.id.rawValue,
                    "offered → declined (expired)")
                expired += 1
            }
            return expired
        }
    }

    /// Reminds students of their saved listings' deadlines: once when 3 days or fewer are left
    /// ("closes in N days", N as it is then) and once within the last day; never a student who has
    /// applied to the listing.
    public func sendDeadlineReminders() async throws -> Int {
        let at = now()
        // Only open listings closing within 3 days, page by page through the store's deadline index
        // (never every published listing).
        let filter = ListingFilter(deadlineWithinDays: 3, sort: .deadline)
        let scope = ListingScope(now: at, viewer: .platform)
        return try await store.write { session in
            var sent = 0
            var cursor: PageCursor?
            repeat {
                let page = try session.searchListings(
                    ListingSearchRequest(filter: filter, scope: scope, cursor: cursor, limit: 500))
                for listing in page.items {
                    let reminder = DeadlineReminder(deadline: listing.deadline, at: at)
                    for student in try session.savedBy(listingID: listing.id)
                    where try session.application(studentID: student, listingID: listing.id) == nil
                        && !session.hasNotification(
                            userID: student, kind: .deadlineSoon, listingID: listing.id, title: reminder.title)
                    {
                        try self.notify(
                            session, student, .deadlineSoon, reminder.title,
                            "\"\(listing.title)\" \(reminder.closes). Apply before it does.", listing: listing.id)
                        sent += 1
                    }
                }
                cursor = page.nextCursor
            } while cursor != nil
            return sent
        }
    }

    /// Tells students of new listings matching their saved searches: one notification (and its email)
    /// per search, at most once a day, naming the search, how many and the first few titles.
    ///
    /// New means what `newMatches(of:since:scope:)` says (the rule of the Saved tab's "N new": open,
    /// visible to the student, matching, not applied to), published after the later of the search's
    /// last alert and when the student last looked at its results (saving a search counts as looking):
    /// so no listing is told twice, and none the student has already seen. Each search is looked at
    /// at most once an hour, so a search that matches nothing costs a query an hour, not one a run;
    /// an alert is claimed on its row first, so two processes never send the same one.
    public func sendSavedSearchAlerts() async throws -> Int {
        let at = now()
        let quiet = Self.savedSearchAlertInterval
        var sent = 0
        var after: SavedSearchID?
        while true {
            let (last, count, alerts) = try await store.write { [after] session in
                let due = try session.savedSearchesDueForAlert(
                    at: at, quietFor: quiet, checkEvery: Self.savedSearchCheckInterval, after: after, limit: 200)
                var alerts = 0
                for candidate in due where try self.alertSavedSearch(candidate, at: at, in: session) {
                    alerts += 1
                }
                return (due.last?.search.id, due.count, alerts)
            }
            sent += alerts
            guard let last, count == 200 else { break }
            after = last
        }
        return sent
    }

    /// At most one alert per saved search within this many seconds (a day).
    static let savedSearchAlertInterval: TimeInterval = 86_400
    /// A saved search is looked at for new matches at most once within this many seconds (an hour).
    static let savedSearchCheckInterval: TimeInterval = 3600

    /// Looks at one saved search and alerts its student when it has new matches; true when sent.
    private func alertSavedSearch(_ candidate: SavedSearchAlertCandidate, at: Date, in session: any StoreWriter)
        throws -> Bool
    {
        let search = candidate.search
        let since = max(search.lastSeenAt, candidate.lastAlertedAt ?? search.lastSeenAt)
        let scope = try studentScope(search.studentID, account: candidate.accountInstitutionID, in: session)
        guard let matches = Self.newMatches(of: search, since: since, scope: scope),
            case let count = try session.countListings(matches.filter, scope: matches.scope), count > 0,
            try session.claimSavedSearchAlert(
                search.id, at: at, quietSince: at.addingTimeInterval(-Self.savedSearchAlertInterval))
        else {
            try session.markSavedSearchChecked(search.id, at: at)
            return false
        }
        let first = try session.searchListings(
            ListingSearchRequest(filter: matches.filter, scope: matches.scope, limit: 3)
        ).items
        let alert = SavedSearchAlert(search: search.name, count: count, titles: first.map(\.title))
        try notify(
            session, search.studentID, .savedSearchMatches, alert.title, alert.body,
            listing: count == 1 ? first.first?.id : nil)
        return true
    }

    /// Delivers due outbox messages; failures are retried after 2, 4, 8, 16 and 32 minutes.
    public func deliverOutbox(_ transport: any OutboxTransport, limit: Int = 200) async throws -> (Int, Int) {
        let due = try await store.read { [at = now()] in try $0.dueOutbox(at: at, limit: limit) }
        var delivered = 0
        var failed = 0
        for message in due {
            var updated = message
            do {
                try await transport.deliver(message)
                updated.status = .sent
                updated.attempts += 1
                delivered += 1
            } catch {
                updated = message.afterFailure(String(describing: error), at: now())
                if updated.status == .failed { failed += 1 }
            }
            let final = updated
            try await store.write { try $0.updateOutbox(final) }
        }
        return (delivered, failed)
    }
}

/// The reminder a saved listing's deadline calls for: its title names the reminder (one of each is
/// sent), its text says how long is really left.
struct DeadlineReminder: Equatable {
    let title: String
    /// "closes in 3 days", "closes in 2 days", "closes within a day".
    let closes: String

    init(deadline: Date, at: Date) {
        let hours = deadline.timeIntervalSince(at) / 3600
        if hours <= 24 {
            title = "Deadline within a day"
            closes = "closes within a day"
        } else {
            let days = Int((hours / 24).rounded(.up))
            title = "Deadline soon"
            closes = "closes in \(days) days"
        }
    }
}

/// The words of a saved-search alert.
struct SavedSearchAlert: Equatable {
    let title: String
    let body: String

    /// `titles`: the first few of the `count` new matches, in the search's order.
    init(search: String, count: Int, titles: [String]) {
        title = "New matches for \"\(search)\""
        let named = titles.prefix(3).map { "\"\($0)\"" }
        let more = count - named.count
        let list =
            more > 0
            ? named.joined(separator: ", ") + " and \(more) more"
            : named.dropLast().joined(separator: ", ") + (named.count > 1 ? " and " : "") + (named.last ?? "")
        let what = count == 1 ? "1 new listing matches" : "\(count) new listings match"
        body = "\(what) your saved search \"\(search)\": \(list). Open Saved to see them."
    }
}
