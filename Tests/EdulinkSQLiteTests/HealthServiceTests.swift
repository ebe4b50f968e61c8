import EdulinkCore
import EdulinkSQLite
import Foundation
import Synchronization
import Testing

/// System figures the test sets, like a disk filling up.
final class AdjustableProbe: SystemProbe {
    let state = Mutex((SystemFigures(cpuPercent: 10, memoryPercent: 40, load1: 0.2, processMemoryBytes: 1 << 20), 50.0))

    func system() -> SystemFigures { state.withLock { $0.0 } }
    func disk(at path: String) -> DiskFigures? {
        DiskFigures(totalBytes: 1000, freeBytes: Int64(state.withLock { $0.1 } * 10))
    }
    func set(cpu: Double? = nil, memory: Double? = nil, freePercent: Double? = nil) {
        state.withLock { state in
            if let cpu { state.0.cpuPercent = cpu }
            if let memory { state.0.memoryPercent = memory }
            if let freePercent { state.1 = freePercent }
        }
    }
}

/// A store whose every transaction first waits `delay` of real time, as on a busy machine.
struct SlowStore: Store {
    let base: SQLiteStore
    let delay: Duration

    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await Task.sleep(for: delay)
        return try await base.read(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await Task.sleep(for: delay)
        return try await base.write(body)
    }
}

/// A service over a fresh database with every health source wired, a fresh backup, and an admin.
struct HealthWorld {
    let store: SQLiteStore
    let folder: URL
    let clock: ManualTimeSource
    let probe = AdjustableProbe()
    let metrics: RequestMetrics
    let service: EdulinkService
    let admin: Principal

    init(store: SQLiteStore, folder: URL, clock: ManualTimeSource) async throws {
        try await self.init(store: store, serviceStore: store, folder: folder, clock: clock)
    }

    /// The service runs on `serviceStore` (a wrapper of `store`, e.g. a slow one).
    init(store: SlowStore, folder: URL, clock: ManualTimeSource) async throws {
        try await self.init(store: store.base, serviceStore: store, folder: folder, clock: clock)
    }

    private init(store: SQLiteStore, serviceStore: any Store, folder: URL, clock: ManualTimeSource) async throws {
        self.store = store
        self.folder = folder
        self.clock = clock
        metrics = RequestMetrics(clock: clock)
        service = EdulinkService(
            environment: ServiceEnvironment(
                store: serviceStore, clock: clock, hasher: BcryptHasher(cost: 4),
                passwordPolicy: PasswordPolicy(commonPasswords: []),
                operations: OperationsEnvironment(
                    maintenance: store, probe: probe, requests: metrics, timesServiceCalls: true,
                    dataDirectory: folder.path)))
        let user = try await store.write { try $0.insertUser(Fixtures.user("root@edulink.test", role: .admin)) }
        admin = Principal(user: user, origin: .tui)
        try await backup()
    }

    func backup() async throws {
        _ = try await store.backup(into: folder.appendingPathComponent("backups"), keepDays: 30)
    }

    func openAlerts(_ kind: AlertKind) async throws -> [Alert] {
        try await service.acting(as: admin).alerts(AlertQuery(openOnly: true, kind: kind))
    }

    func history(_ kind: AlertKind) async throws -> [Alert] {
        try await service.acting(as: admin).alerts(AlertQuery(kind: kind))
    }

    /// Makes the condition of `kind` cross its threshold.
    func provoke(_ kind: AlertKind) async throws {
        switch kind {
        case .cpu: probe.set(cpu: 96)
        case .memory: probe.set(memory: 90)
        case .diskFree: probe.set(freePercent: 5)
        case .errorRate:
            for index in 0..<20 { metrics.record(nanoseconds: 1_000_000, failed: index % 2 == 0) }
        case .p99Latency:
            for _ in 0..<20 { metrics.record(nanoseconds: 1_500_000_000, failed: false) }
        case .backupAge: clock.advance(by: 25 * 3600)
        case .failedLogins:
            let at = clock.now()
            try await store.write { session in
                for index in 0..<21 {
                    try session.insertSecurityEvent(
                        SecurityEvent(
                            kind: .loginFailed, email: "guess\(index)@example.com", source: "203.0.113.9",
                            detail: "wrong password", at: at))
                }
            }
        case .queueAge:
            let at = clock.now()
            try await store.write { session in
                let user = try session.insertUser(Fixtures.user("queued@edulink.test"))
                let note = try session.insertNotification(
                    Notification(userID: user.id, kind: .statusChanged, title: "t", body: "b", createdAt: at))
                try session.insertOutbox(
                    OutboxMessage(
                        notificationID: note.id, recipient: user.email, subject: "t", body: "b", createdAt: at,
                        nextAttemptAt: at))
            }
            clock.advance(by: 6 * 60)
        default: Issue.record("no provocation for \(kind)")
        }
    }

    /// Brings the condition of `kind` back under its threshold.
    func calm(_ kind: AlertKind) async throws {
        switch kind {
        case .cpu: probe.set(cpu: 10)
        case .memory: probe.set(memory: 40)
        case .diskFree: probe.set(freePercent: 50)
        case .errorRate, .p99Latency, .failedLogins:
            // The admins' messages about the alert go out meanwhile (else they would raise the queue's).
            _ = try await service.deliverOutbox(DiscardingTransport())
            clock.advance(by: 61 * 60)
        case .backupAge: try await backup()
        case .queueAge:
            let due = try await store.read { [at = clock.now()] in try $0.dueOutbox(at: at, limit: 10) }
            try await store.write { session in
                for var message in due {
                    message.status = .sent
                    try session.updateOutbox(message)
                }
            }
        default: Issue.record("no calming for \(kind)")
        }
    }
}

@Suite("Health report and alerts through the service", .timeLimit(.minutes(10)))
struct HealthServiceTests {
    @Test(arguments: [
        AlertKind.cpu, .memory, .diskFree, .errorRate, .p99Latency, .backupAge, .failedLogins, .queueAge,
    ])
    func eachThresholdRaisesItsAlertOnceAndClearsIt(kind: AlertKind) async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let calm = await world.service.evaluateHealth()
            #expect(calm.alerts.isEmpty, "\(calm.alerts)")
            try await world.provoke(kind)
            let first = await world.service.evaluateHealth()
            let second = await world.service.evaluateHealth()
            #expect(first.alerts.map(\.kind) == [kind])
            #expect(second.alerts.map(\.id) == first.alerts.map(\.id))  // de-duplicated
            #expect(try await world.history(kind).count == 1)
            try await world.calm(kind)
            let cleared = await world.service.evaluateHealth()
            #expect(cleared.alerts.isEmpty)
            let history = try await world.history(kind)
            #expect(history.count == 1)
            #expect(history.first?.state == .cleared)
            #expect(history.first?.closedAt == clock.now())
        }
    }

    @Test func acknowledgedAndResolvedAlertsStayInHistory() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            world.probe.set(cpu: 99)
            let raised = try #require(await world.service.evaluateHealth().alerts.first)
            #expect(raised.severity == .critical)
            let acknowledged = try await world.service.acting(as: world.admin).acknowledgeAlert(raised.id)
            #expect(acknowledged.state == .acknowledged)
            #expect(acknowledged.acknowledgedBy == world.admin.userID)
            await #expect(throws: EdulinkError.self) {
                try await world.service.acting(as: world.admin).acknowledgeAlert(raised.id)
            }
            // Still open after acknowledging: the next evaluation keeps the same alert.
            #expect(await world.service.evaluateHealth().alerts.map(\.id) == [raised.id])
            let resolved = try await world.service.acting(as: world.admin).resolveAlert(raised.id)
            #expect(resolved.state == .resolved)
            #expect(resolved.closedBy == world.admin.userID)
            // The condition still holds: a new alert of the same kind.
            let again = await world.service.evaluateHealth().alerts
            #expect(again.count == 1)
            #expect(again.first?.id != raised.id)
            world.probe.set(cpu: 5)
            _ = await world.service.evaluateHealth()
            let history = try await world.history(.cpu)
            #expect(history.map(\.state) == [.cleared, .resolved])
            let audit = try await world.service.acting(as: world.admin).auditEvents(AuditQuery(action: "alert."))
            #expect(audit.map(\.action) == ["alert.resolve", "alert.acknowledge"])
        }
    }

    @Test("calls are timed on the service's clock: on a test clock, a slow machine measures no time at all")
    func callsAreTimedOnTheInjectedClock() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(
                store: SlowStore(base: store, delay: .milliseconds(50)), folder: folder, clock: clock)
            for _ in 0..<3 { _ = try await world.service.acting(as: world.admin).users(matching: nil) }
            let summary = world.metrics.summary()
            #expect(summary.count == 3)
            // Each call really took over 50 ms; the histogram's smallest step (1 µs) is what a frozen clock records.
            #expect((summary.p99 ?? 1) < 0.001)
            #expect(summary.slow == 0)
            let report = await world.service.evaluateHealth()
            #expect(report.alerts.isEmpty, "\(report.alerts)")
            clock.advance(by: 2)  // the clock moving is what counts, not the work
            #expect((world.metrics.summary().p99 ?? 1) < 0.001)
        }
    }

    @Test func sessionCallsAreTimedAndOnlyFaultsAreErrors() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let student = Principal(userID: 999, role: .student, origin: .tui)
            _ = try await world.service.acting(as: world.admin).users(matching: nil)
            _ = try await world.service.acting(as: world.admin).kpis()
            await #expect(throws: EdulinkError.self) { try await world.service.acting(as: student).kpis() }
            let summary = world.metrics.summary()
            #expect(summary.count == 3)
            #expect(summary.errors == 0)  // a refusal is the caller's error, not the platform's
            let report = try await world.service.acting(as: world.admin).healthReport()
            #expect(report.check(.requests)?.figure("Requests (1 h)")?.value == 3)
        }
    }

    @Test func noNonAdminReadsHealthUsersSecurityOrAudit() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            world.probe.set(cpu: 99)
            let alert = try #require(await world.service.evaluateHealth().alerts.first)
            for role in Role.allCases where role != .admin {
                let principal = Principal(
                    userID: 4242, role: role, organizationID: 1, institutionID: 1, origin: .api)
                let service = world.service
                await #expect(throws: EdulinkError.self, "\(role)") {
                    try await service.acting(as: principal).healthReport()
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).alerts(AlertQuery())
                }
                await #expect(throws: EdulinkError.self) { try await service.acting(as: principal).kpis() }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).acknowledgeAlert(alert.id)
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).resolveAlert(alert.id)
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).failedLogins(since: clock.now(), by: .account)
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).users(matching: nil)
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).auditEvents(AuditQuery())
                }
                await #expect(throws: EdulinkError.self) {
                    try await service.acting(as: principal).securityEvents(kind: nil, user: nil, since: nil, limit: 10)
                }
            }
            #expect(try await world.openAlerts(.cpu).map(\.state) == [.active])
        }
    }

    @Test func kpisComeFromTheData() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let now = clock.now()
            let (organization, employer) = try await Fixtures.employer(store)
            try await store.write { session in
                var old = Fixtures.user("old@student.test")
                old.createdAt = now.addingTimeInterval(-10 * 86_400)
                let oldStudent = try session.insertUser(old)
                let student = try session.insertUser(Fixtures.user("new@student.test"))
                let open = try session.insertListing(Fixtures.listing(organization: organization, createdBy: employer))
                let closed = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, status: .closed))
                let submissions: [(UserID, ListingID, ApplicationStatus, Double, Double?)] = [
                    (student.id, open.id, .pending, 2, nil), (oldStudent.id, open.id, .accepted, 30, 4),
                    (student.id, closed.id, .rejected, 50, 8),
                ]
                for (studentID, listingID, status, hoursAgo, reviewHours) in submissions {
                    let submitted = now.addingTimeInterval(-hoursAgo * 3600)
                    _ = try session.insertApplication(
                        Application(
                            studentID: studentID, listingID: listingID, status: status, coverLetter: "Hello",
                            submittedAt: submitted,
                            reviewedAt: reviewHours.map { submitted.addingTimeInterval($0 * 3600) }))
                }
            }
            let kpis = try await world.service.acting(as: world.admin).kpis()
            // root admin, the employer and the new student this week; the old student not.
            #expect(kpis.registrationsLastWeek == 3)
            #expect(kpis.applicationsLastDay == 1)
            #expect(kpis.successRatePercent == 50)
            #expect(kpis.openListings == 1)
            #expect(kpis.hoursToFirstReview == 6)
        }
    }

    @Test func failedLoginsAreTalliedByAccountAndOrigin() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let at = clock.now()
            try await store.write { session in
                for (email, source) in [
                    ("a@x.test", "10.0.0.1"), ("A@x.test", "10.0.0.2"), ("b@x.test", "10.0.0.1"),
                ] {
                    try session.insertSecurityEvent(
                        SecurityEvent(kind: .loginFailed, email: email, source: source, detail: "wrong", at: at))
                }
            }
            let byAccount = try await world.service.acting(as: world.admin).failedLogins(since: at, by: .account)
            #expect(byAccount.map(\.key) == ["a@x.test", "b@x.test"])
            #expect(byAccount.map(\.count) == [2, 1])
            let bySource = try await world.service.acting(as: world.admin).failedLogins(since: at, by: .source)
            #expect(bySource.map(\.key) == ["10.0.0.1", "10.0.0.2"])
        }
    }
}

@Suite("Scheduled jobs evaluate the health checks", .timeLimit(.minutes(10)))
struct JobsHealthTests {
    @Test("the scheduled jobs merge the segments a live search index gathers; the health report counts them")
    func jobsTidyTheSearchIndex() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let (organization, employer) = try await Fixtures.employer(store)
            // One listing per write transaction, as a server adds them: a segment each, until FTS5
            // merges four on a level.
            for index in 0..<24 {
                _ = try await store.write { session in
                    try session.insertListing(
                        Fixtures.listing(
                            organization: organization, createdBy: employer, title: "Upkeep Intern \(index)"))
                }
            }
            let live = try await store.searchIndexSegments()
            #expect(live > 4)
            let health = try await world.service.acting(as: world.admin).healthReport()
            #expect(health.check(.database)?.figure("Search index segments")?.value == Double(live))

            let report = try await world.service.runScheduledJobs(transport: DiscardingTransport())
            #expect(report.searchIndexSegmentsMerged == live - (try await store.searchIndexSegments()))
            #expect(report.searchIndexSegmentsMerged > 0)
            #expect(try await store.searchIndexSegments() <= 3)
            #expect(report.summary.contains("\(report.searchIndexSegmentsMerged) search index segments merged"))
            #expect(try await store.search("upkeep").count == 24)
            #expect(try await store.checkIntegrity().ok)
            // Nothing left to merge: the next run merges none.
            #expect(
                try await world.service.runScheduledJobs(transport: DiscardingTransport()).searchIndexSegmentsMerged
                    == 0)
        }
    }

    @Test func jobsRunRaisesAndClearsAlertsWithoutTheHealthTab() async throws {
        try await withTemporaryStore { store, folder, clock in
            let world = try await HealthWorld(store: store, folder: folder, clock: clock)
            let mail = DiscardingTransport()
            #expect(try await world.service.runScheduledJobs(transport: mail).alertsOpen == 0)
            try await world.provoke(.failedLogins)
            let raised = try await world.service.runScheduledJobs(transport: mail)
            #expect(raised.alertsOpen == 1 && raised.alertsRaised == 1)
            #expect(try await world.openAlerts(.failedLogins).count == 1)
            try await world.calm(.failedLogins)
            #expect(try await world.service.runScheduledJobs(transport: mail).alertsOpen == 0)
            #expect(try await world.history(.failedLogins).first?.state == .cleared)
        }
    }
}
