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
}

/// A mail transport that takes every message.
struct AcceptingTransport: OutboxTransport {
    func deliver(_ message: OutboxMessage) async throws {}
}
