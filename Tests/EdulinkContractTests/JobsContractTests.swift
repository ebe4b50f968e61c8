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
