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
    /// messages).
    public var rowsPruned: Int

    public init(
        listingsClosed: Int = 0, remindersSent: Int = 0, messagesDelivered: Int = 0, messagesFailed: Int = 0,
        alertsOpen: Int = 0, placementsStarted: Int = 0, placementsCompleted: Int = 0, placementReminders: Int = 0,
        offersExpired: Int = 0, rowsPruned: Int = 0
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
    }
}

extension JobReport {
    /// What the run did, in one line: the non-zero counts ("2 listings closed, 1 offer expired").
    public var summary: String {
        let parts = [
            (listingsClosed, "listings closed"), (offersExpired, "offers expired"), (remindersSent, "reminders"),
            (placementsStarted, "placements started"), (placementsCompleted, "placements completed"),
            (placementReminders, "placement reminders"), (messagesDelivered, "messages delivered"),
            (messagesFailed, "messages failed"), (rowsPruned, "old rows deleted"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "nothing to do" : parts.joined(separator: ", ")
    }
}

extension EdulinkService {
    /// Runs every periodic job once: close expired listings, remind students of saved listings'
    /// deadlines, deliver due outbox messages, then evaluate the health checks so that alerts are
    /// raised and cleared even when no admin has the Health tab open. Safe to run often and from
    /// several processes.
    public func runScheduledJobs(transport: (any OutboxTransport)?) async throws -> JobReport {
        var report = JobReport()
        report.listingsClosed = try await closeExpiredListings()
        report.offersExpired = try await expireOffers()
        report.remindersSent = try await sendDeadlineReminders()
        report.placementsStarted = try await startPlacements()
        (report.placementsCompleted, report.placementReminders) = try await sweepPlacements()
        if let transport {
            (report.messagesDelivered, report.messagesFailed) = try await deliverOutbox(transport)
        }
        report.rowsPruned = try await pruneExpired().values.reduce(0, +)
        report.alertsOpen = await evaluateHealth().alerts.count
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
