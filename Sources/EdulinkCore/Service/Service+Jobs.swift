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

    public init(
        listingsClosed: Int = 0, remindersSent: Int = 0, messagesDelivered: Int = 0, messagesFailed: Int = 0,
        alertsOpen: Int = 0, placementsStarted: Int = 0, placementsCompleted: Int = 0, placementReminders: Int = 0
    ) {
        self.listingsClosed = listingsClosed
        self.remindersSent = remindersSent
        self.messagesDelivered = messagesDelivered
        self.messagesFailed = messagesFailed
        self.alertsOpen = alertsOpen
        self.placementsStarted = placementsStarted
        self.placementsCompleted = placementsCompleted
        self.placementReminders = placementReminders
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
        report.remindersSent = try await sendDeadlineReminders()
        report.placementsStarted = try await startPlacements()
        (report.placementsCompleted, report.placementReminders) = try await sweepPlacements()
        if let transport {
            (report.messagesDelivered, report.messagesFailed) = try await deliverOutbox(transport)
        }
        report.alertsOpen = await evaluateHealth().alerts.count
        return report
    }

    /// Notifies students whose saved listings close in 3 days and in 1 day, once each.
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
                    let days = listing.deadline.timeIntervalSince(at) <= 86_400 ? 1 : 3
                    let title = days == 1 ? "Deadline tomorrow" : "Deadline in 3 days"
                    for student in try session.savedBy(listingID: listing.id)
                    where try !session.hasNotification(
                        userID: student, kind: .deadlineSoon, listingID: listing.id, title: title)
                    {
                        try self.notify(
                            session, student, .deadlineSoon, title,
                            "\"\(listing.title)\" closes \(days == 1 ? "within a day" : "in 3 days"). Apply before it does.",
                            listing: listing.id)
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
