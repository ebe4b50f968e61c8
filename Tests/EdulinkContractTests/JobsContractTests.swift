import EdulinkCore
import EdulinkServer
import Foundation
import Testing

@Suite("Contract: the scheduler's turns", .timeLimit(.minutes(10)))
struct JobsContractTests {
    @Test(
        "two server instances asking for one tick: one runs the jobs, the other skips it; each run is recorded once",
        arguments: ContractBackend.all)
    func oneRunPerTick(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let soon = try await w.publish(
                ContractFixture.draft("Payments Operations Intern", at: w.now, deadlineDays: 2))
            try await w.student.setSaved(soon.id, saved: true)
            let jobs = w.world.setup
            async let first = jobs.runScheduledJobs(tick: 1000, instance: "web-1", transport: nil)
            async let second = jobs.runScheduledJobs(tick: 1000, instance: "web-2", transport: nil)
            let reports = try await [first, second]
            #expect(reports.compactMap { $0 }.count == 1)
            #expect(reports.compactMap { $0 }.first?.remindersSent == 1)
            // The next tick runs again, and finds nothing new to do.
            let next = try await jobs.runScheduledJobs(tick: 1001, instance: "web-2", transport: nil)
            #expect(next?.remindersSent == 0)
            #expect(next?.summary == "nothing to do")

            let runs = try await jobs.acting(as: .localOperator()).jobRuns()
            #expect(runs.map(\.tick) == [1001, 1000])
            #expect(runs.allSatisfy { $0.finishedAt != nil && $0.failure == nil })
            let audited = try await w.admin.auditEvents(AuditQuery(action: "jobs.run"))
            #expect(audited.count == 2)
            #expect(audited.contains { $0.summary.hasSuffix(": 1 reminders") })
        }
    }

    @Test("the scheduler's ticks are the multiples of its interval on the wall clock")
    func ticks() {
        let at = Date(timeIntervalSince1970: 1_790_067_630)  // 30 s into a minute
        #expect(JobScheduler.nextTick(after: at, interval: 60).tick == 29_834_461)
        #expect(JobScheduler.nextTick(after: at, interval: 60).at == Date(timeIntervalSince1970: 1_790_067_660))
        let onTheMinute = Date(timeIntervalSince1970: 1_790_067_660)
        #expect(JobScheduler.nextTick(after: onTheMinute, interval: 60).tick == 29_834_462)
        #expect(JobScheduler.nextTick(after: at, interval: 300).at == Date(timeIntervalSince1970: 1_790_067_900))
    }
}

@Suite("Contract: saved-search alerts and health alerts by message", .timeLimit(.minutes(10)))
struct AlertJobsContractTests {
    @Test(
        "a saved search's new matches are told once a day, counted as the Saved tab counts them, never twice",
        arguments: ContractBackend.all)
    func savedSearchAlerts(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let jobs = w.world.setup
            let search = try await w.student.saveSearch(name: "Maps", query: "geospatial")
            // Another student's search that their listings will match too; that student is disabled.
            _ = try await w.students[1].saveSearch(name: "Maps too", query: "geospatial")
            try await w.admin.disableUser(w.studentIDs[1])
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)

            w.clock.advance(by: 60)
            var published: [Listing] = []
            for index in 1...4 {
                published.append(
                    try await w.publish(ContractFixture.draft("Geospatial Analyst Intern \(index)", at: w.now)))
            }
            _ = try await w.publish(ContractFixture.draft("Graphic Design Intern", at: w.now))
            // Applied to: not news to the student, neither on the Saved tab nor in the alert.
            _ = try await w.application(published[3].id)
            #expect(try await w.student.savedSearches().first?.newMatches == 3)

            // A search is looked at once an hour: the run right after saving it did.
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)
            w.clock.advance(by: 3600)
            let first = try await jobs.runScheduledJobs(transport: nil)
            #expect(first.savedSearchAlerts == 1)
            #expect(first.summary.contains("1 saved-search alerts"))
            var alerts = try await w.student.notifications(unreadOnly: false, limit: 50).filter {
                $0.kind == .savedSearchMatches
            }
            #expect(alerts.count == 1)
            let alert = try #require(alerts.first)
            #expect(alert.title == "New matches for \"Maps\"")
            // The three, in the search's order (relevance: equal here), not the one applied to.
            #expect(
                alert.body.hasPrefix("3 new listings match your saved search \"Maps\": \"Geospatial Analyst Intern "))
            #expect(alert.body.hasSuffix("\". Open Saved to see them."))
            #expect((1...3).allSatisfy { alert.body.contains("\"Geospatial Analyst Intern \($0)\"") })
            #expect(!alert.body.contains("Intern 4") && alert.listingID == nil)
            // The Saved tab still counts from when the student last looked.
            #expect(try await w.student.savedSearches().first?.newMatches == 3)

            // A second run, and one later the same day after another match: nothing more.
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)
            w.clock.advance(by: 2 * 3600)
            let fifth = try await w.publish(ContractFixture.draft("Geospatial Data Intern", at: w.now))
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)

            // A day after the first alert: the one listing published since, linked.
            w.clock.advance(by: 22 * 3600 + 60)
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 1)
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)
            alerts = try await w.student.notifications(unreadOnly: false, limit: 50).filter {
                $0.kind == .savedSearchMatches
            }
            #expect(alerts.count == 2)
            let second = try #require(alerts.first { $0.id != alert.id })
            #expect(
                second.body
                    == "1 new listing matches your saved search \"Maps\": \"Geospatial Data Intern\". Open Saved to see them."
            )
            #expect(second.listingID == fifth.id)
            #expect(try await w.student.savedSearches().first?.newMatches == 4)

            // Seen: nothing new since, however long it waits.
            try await w.student.markSavedSearchSeen(search.id)
            w.clock.advance(by: 3 * ContractFixture.day)
            #expect(try await jobs.runScheduledJobs(transport: nil).savedSearchAlerts == 0)

            // Each alert is an email to the student too; the disabled student got nothing at all.
            let mail = MailBag()
            _ = try await jobs.deliverOutbox(mail, limit: 1000)
            let subjects = await mail.messages.filter { $0.recipient == "student0@uon.example" }.map(\.subject)
            #expect(subjects.filter { $0 == "New matches for \"Maps\"" }.count == 2)
            #expect(await !mail.messages.contains { $0.subject.hasPrefix("New matches for \"Maps too\"") })
        }
    }

    @Test(
        "a new health alert is told to every admin once, by message and email, however many evaluate it",
        arguments: ContractBackend.all)
    func healthAlertNotifications(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let jobs = w.world.setup
            let op = Principal.localOperator()
            let second = try await jobs.acting(as: op).createUser(
                NewAccount(
                    email: "admin2@edulink.test", displayName: "Second Admin", role: .admin,
                    password: ContractFixture.password))
            #expect(try await jobs.runScheduledJobs(transport: nil).alertsRaised == 0)
            for index in 0..<21 {
                _ = try? await jobs.login(
                    email: "ghost\(index)@example.com", password: "not the password", origin: .api,
                    source: "203.0.113.7")
            }
            // Two processes evaluating at once (the Health tab and the jobs): one alert, one message each.
            async let tab = jobs.evaluateHealth()
            async let run = jobs.runScheduledJobs(transport: nil)
            let (report, jobReport) = try await (tab, run)
            #expect(report.alerts.map(\.kind) == [.failedLogins] || jobReport.alertsOpen == 1)
            #expect(try await jobs.runScheduledJobs(transport: nil).alertsRaised == 0)
            _ = try await w.admin.healthReport()
            let told = try await w.admin.notifications(unreadOnly: false, limit: 50).filter { $0.kind == .healthAlert }
            #expect(told.count == 1)
            #expect(told.first?.title == "Health alert: Failed logins (1 h)")
            #expect(told.first?.body.hasPrefix("Warning: Failed logins (1 h): 21.") == true)
            // Students and employers are not told.
            #expect(
                try await !w.student.notifications(unreadOnly: false, limit: 50).contains { $0.kind == .healthAlert })
            let mail = MailBag()
            _ = try await jobs.deliverOutbox(mail, limit: 1000)
            let recipients = await mail.messages.filter { $0.subject == "Health alert: Failed logins (1 h)" }
                .map(\.recipient).sorted()
            #expect(recipients == [second.email, "admin@edulink.test"])

            // Cleared (an hour later) and raised again: a new alert, told again.
            w.clock.advance(by: 61 * 60)
            #expect(try await jobs.runScheduledJobs(transport: nil).alertsOpen == 0)
            for index in 0..<21 {
                _ = try? await jobs.login(
                    email: "ghost\(index)@example.com", password: "not the password", origin: .api,
                    source: "203.0.113.7")
            }
            #expect(try await jobs.runScheduledJobs(transport: nil).alertsRaised == 1)
            #expect(
                try await w.admin.notifications(unreadOnly: false, limit: 50).filter { $0.kind == .healthAlert }.count
                    == 2)
        }
    }
}

@Suite("Contract: retention", .timeLimit(.minutes(10)))
struct RetentionContractTests {
    @Test(
        "the jobs delete read notifications after 180 days and security events after a year, keeping the rest",
        arguments: ContractBackend.all)
    func retention(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            _ = try await w.employer.move(application.id, .shortlist)
            let read = try await w.student.notifications(unreadOnly: true, limit: 50)
            #expect(read.count >= 2)
            try await w.student.markRead([try #require(read.first?.id)])
            let eventsBefore = try await w.admin.securityEvents(kind: nil, user: nil, since: nil, limit: 500).count
            #expect(eventsBefore > 0)

            // Their emails are sent; a notification is kept while a message still refers to it.
            let (sent, _) = try await w.world.setup.deliverOutbox(AcceptingTransport())
            #expect(sent > 0)
            w.clock.advance(by: 179 * ContractFixture.day)
            let early = try await w.world.setup.pruneExpired()
            #expect(early["outbox"] == sent)  // delivered messages go after 30 days
            #expect(early["notifications"] == nil)
            w.clock.advance(by: 2 * ContractFixture.day)
            let deleted = try await w.world.setup.pruneExpired()
            #expect(deleted["notifications"] == 1)
            #expect(deleted["security_events"] == nil)
            // Unread ones stay, however old (signed in again: the session ended long ago).
            _ = try await w.student.login(email: "student0@uon.example", password: ContractFixture.password)
            #expect(try await w.student.notifications(unreadOnly: false, limit: 50).count == read.count - 1)

            // A year on, the security events of the first day go (the sign-in just now stays).
            w.clock.advance(by: 185 * ContractFixture.day)
            #expect(try await w.world.setup.pruneExpired()["security_events"] == eventsBefore)
        }
    }

    @Test(
        "the jobs delete idempotency records after 24 hours, even when no write comes", arguments: ContractBackend.all)
    func idempotencyRecords(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let store = try #require(w.world.setup.environment.store as? any ServerStateStore)
            let student = w.studentIDs[0]
            let old = IdempotencyRecord(
                userID: student, key: "old", fingerprint: "f", status: 201, body: Array("{}".utf8), createdAt: w.now)
            #expect(try await store.writeServerState { try $0.insertIdempotencyRecord(old) })
            w.clock.advance(by: 23 * 3600)
            let recent = IdempotencyRecord(
                userID: student, key: "new", fingerprint: "f", status: 201, body: Array("{}".utf8), createdAt: w.now)
            #expect(try await store.writeServerState { try $0.insertIdempotencyRecord(recent) })
            #expect(try await w.world.setup.pruneExpired()["idempotency_records"] == nil)
            w.clock.advance(by: 3600 + 1)
            // The old one, and any the server kept for the remote backends' writes of the setup.
            #expect(try await w.world.setup.pruneExpired()["idempotency_records"] ?? 0 >= 1)
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: student, key: "old") } == nil)
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: student, key: "new") } != nil)
            #expect(Retention.standard.idempotencyRecordHours == 24)
        }
    }
}

/// A mail transport that takes every message.
struct AcceptingTransport: OutboxTransport {
    func deliver(_ message: OutboxMessage) async throws {}
}

/// A mail transport that keeps every message it takes.
actor MailBag: OutboxTransport {
    private(set) var messages: [OutboxMessage] = []

    func deliver(_ message: OutboxMessage) async throws { messages.append(message) }
}
