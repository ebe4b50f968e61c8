import CoreMetrics
import EdulinkCore
import Foundation
import Testing

@Suite("Health thresholds, percentiles and alert rules")
struct HealthTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// One value on each side of each level of PRODUCT.md.
    @Test(arguments: [
        (AlertKind.cpu, 80.0, 80.5, 95.5), (.memory, 85, 85.5, 95.5), (.diskFree, 20, 19.5, 9.5),
        (.errorRate, 1, 1.5, 5.5), (.p99Latency, 1, 1.5, 2.5), (.backupAge, 24, 25, 73),
        (.failedLogins, 20, 21, 101), (.queueAge, 5, 6, 31),
    ])
    func eachThresholdGrades(kind: AlertKind, ok: Double, warning: Double, critical: Double) {
        #expect(HealthThresholds.grade(kind, ok) == .ok)
        #expect(HealthThresholds.grade(kind, warning) == .warning)
        #expect(HealthThresholds.grade(kind, critical) == .critical)
    }

    @Test func everyMetricKindHasOneThreshold() {
        let measured: Set<AlertKind> = [
            .cpu, .memory, .diskFree, .errorRate, .p99Latency, .backupAge, .failedLogins, .queueAge,
        ]
        #expect(Set(HealthThresholds.table.keys) == measured)
    }

    @Test func percentilesOfKnownSamples() {
        let metrics = RequestMetrics(clock: ManualTimeSource(Self.now))
        // 1 ms … 1000 ms, one each: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms.
        for milliseconds in 1...1000 {
            Timer(label: RequestMetrics.repositoryCallLabel, dimensions: [("outcome", "ok")], factory: metrics)
                .recordMilliseconds(milliseconds)
        }
        let summary = metrics.summary()
        #expect(summary.count == 1000)
        // HdrHistogram with two significant digits: within 1 %.
        #expect(abs((summary.p50 ?? 0) - 0.500) <= 0.005)
        #expect(abs((summary.p95 ?? 0) - 0.950) <= 0.0095)
        #expect(abs((summary.p99 ?? 0) - 0.990) <= 0.0099)
        #expect(summary.errors == 0)
        #expect(summary.slow == 0)
    }

    @Test func errorsAndSlowRequestsAreCounted() {
        let metrics = RequestMetrics(clock: ManualTimeSource(Self.now))
        for index in 0..<200 {
            metrics.record(nanoseconds: index < 4 ? 3_000_000_000 : 10_000_000, failed: index % 50 == 0)
        }
        let summary = metrics.summary()
        #expect(summary.errors == 4)
        #expect(summary.errorRatePercent == 2)
        #expect(summary.slow == 4)
        #expect(HealthThresholds.grade(.errorRate, summary.errorRatePercent ?? 0) == .warning)
    }

    @Test func theWindowRollsOverAnHour() {
        let clock = ManualTimeSource(Self.now)
        let metrics = RequestMetrics(clock: clock)
        metrics.record(nanoseconds: 1_500_000_000, failed: true)
        clock.advance(by: 30 * 60)
        metrics.record(nanoseconds: 1_000_000, failed: false)
        #expect(metrics.summary().count == 2)
        #expect(metrics.summary().perMinute.reduce(0, +) == 2)
        clock.advance(by: 31 * 60)
        let later = metrics.summary()
        #expect(later.count == 1)
        #expect(later.errors == 0)
        #expect((later.p99 ?? 1) < 0.01)
        clock.advance(by: 60 * 60)
        #expect(metrics.summary().count == 0)
        #expect(metrics.summary().p99 == nil)
    }

    @Test func anAlertIsRaisedOnceUpdatedAndCleared() {
        let raised = Self.now
        let warning = AlertFinding(kind: .cpu, status: .warning, message: "CPU: 85 %")
        let first = AlertRules.evaluate([warning, warning], open: [], at: raised)
        #expect(first.raise.count == 1)
        #expect(first.update.isEmpty)
        var open = first.raise[0]
        open.id = 1
        let critical = AlertFinding(kind: .cpu, status: .critical, message: "CPU: 97 %")
        let second = AlertRules.evaluate([critical], open: [open], at: raised.addingTimeInterval(60))
        #expect(second.raise.isEmpty)
        #expect(second.update.map(\.severity) == [.critical])
        #expect(second.update.map(\.message) == ["CPU: 97 %"])
        let calm = AlertFinding(kind: .cpu, status: .ok, message: "CPU: 10 %")
        let third = AlertRules.evaluate([calm], open: second.update, at: raised.addingTimeInterval(120))
        #expect(third.update.map(\.state) == [.cleared])
        #expect(third.update.first?.closedAt == raised.addingTimeInterval(120))
        // Unmeasured kinds are left alone; an ok finding without an open alert does nothing.
        #expect(AlertRules.evaluate([], open: [open], at: raised) == ([], []))
        #expect(AlertRules.evaluate([calm], open: [], at: raised) == ([], []))
    }

    @Test("the write-ahead log's size is reported where the store measures it (SQLite), not as 0 on PostgreSQL")
    func writeAheadLog() throws {
        var status = try #require(Self.healthyInputs().database)
        status.engine = "SQLite 3.40.1"
        status.walSizeBytes = 4_096
        #expect(status.measuredWriteAheadLogBytes == 4_096)
        status.engine = "PostgreSQL 15.18"
        status.walSizeBytes = 0
        #expect(status.measuredWriteAheadLogBytes == nil)
    }

    @Test("the database check shows the WAL and the search index's segments only where the store measures them")
    func measuredDatabaseFigures() throws {
        var inputs = Self.healthyInputs()
        var status = try #require(inputs.database)
        status.engine = "SQLite 3.40.1"
        status.walSizeBytes = 8_192
        status.searchIndexSegments = 3
        inputs.database = status
        let sqlite = try #require(HealthAssessment.report(inputs).check(.database))
        #expect(sqlite.figure("WAL")?.value == 8_192)
        #expect(sqlite.figure("Search index segments")?.value == 3)
        #expect(sqlite.figure("Search index segments")?.status == .ok)
        status.engine = "PostgreSQL 15.18"
        status.walSizeBytes = 0
        status.searchIndexSegments = nil
        inputs.database = status
        let postgres = try #require(HealthAssessment.report(inputs).check(.database))
        #expect(postgres.figure("WAL") == nil)
        #expect(postgres.figure("Search index segments") == nil)
        #expect(postgres.figure("Size")?.value == Double(1 << 20))
        #expect(HealthFormat.segments(0) == "empty")
        #expect(HealthFormat.segments(1) == "1 segment")
        #expect(HealthFormat.segments(12) == "12 segments")
    }

    static func healthyInputs(backupAgeHours: Double = 1, freePercent: Double = 50) -> HealthInputs {
        let status = DatabaseStatus(
            location: "/tmp/x.sqlite", engine: "sqlite", schemaVersion: "v4-alerts", appliedMigrations: [],
            pendingMigrations: [], sizeBytes: 1 << 20, walSizeBytes: 0, rowCounts: [:],
            lastIntegrityCheck: IntegrityReport(ok: true, problems: [], checkedAt: now), lastBackup: nil)
        let backup = BackupRecord(
            path: "/tmp/b.sqlite", createdAt: now.addingTimeInterval(-backupAgeHours * 3600), sizeBytes: 1 << 20,
            verifiedAt: now, integrityOK: true)
        return HealthInputs(
            now: now, database: status, roundTripMilliseconds: 1,
            disk: DiskFigures(totalBytes: 100, freeBytes: Int64(freePercent)),
            system: SystemFigures(cpuPercent: 10, memoryPercent: 40, load1: 0.5, processMemoryBytes: 50 << 20),
            requests: RequestSummary(count: 0, errors: 0, slow: 0, p50: nil, p95: nil, p99: nil),
            queue: OutboxStatistics(pending: 0, failed: 0, sent: 3, oldestPendingAt: nil),
            security: SecurityFigures(
                failedLoginsLastHour: 0, failedLoginsLastDay: 0, lockedAccounts: 0, tokenReuseLastDay: 0),
            backups: [backup])
    }

    @Test func aHealthySetupIsOkEverywhere() {
        let report = HealthAssessment.report(Self.healthyInputs())
        #expect(report.status == .ok)
        #expect(report.checks.map(\.name) == HealthCheckName.allCases.filter { $0 != .configuration })
        #expect(report.findings.allSatisfy { $0.status == .ok })
    }

    @Test func anOldBackupOrALowDiskDegrades() {
        #expect(HealthAssessment.report(Self.healthyInputs(backupAgeHours: 30)).status == .warning)
        #expect(HealthAssessment.report(Self.healthyInputs(backupAgeHours: 80)).status == .critical)
        let lowDisk = HealthAssessment.report(Self.healthyInputs(freePercent: 15))
        #expect(lowDisk.status == .warning)
        #expect(lowDisk.check(.storage)?.figure("Free")?.status == .warning)
    }

    @Test func anUnreachableDatabaseIsCritical() {
        let report = HealthAssessment.report(HealthInputs(now: Self.now, databaseProblem: "connection refused"))
        #expect(report.status == .critical)
        #expect(report.check(.database)?.summary == "unreachable: connection refused")
        #expect(report.findings.map(\.kind) == [.databaseUnreachable])
    }

    @Test func neverBackedUpIsCritical() {
        var inputs = Self.healthyInputs()
        inputs.backups = []
        let report = HealthAssessment.report(inputs)
        #expect(report.check(.backups)?.status == .critical)
        #expect(report.findings.contains { $0.kind == .backupAge && $0.status == .critical })
    }
}

@Suite("System probe over /proc")
struct ProcSystemProbeTests {
    @Test func readsCPUMemoryLoadAndProcessMemoryFromProcFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-proc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("self"), withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("stat", "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n")
        try write("meminfo", "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    250 kB\n")
        try write("loadavg", "0.75 0.50 0.25 1/100 4242\n")
        try write("self/status", "Name:\tedulink\nVmRSS:\t    2048 kB\n")
        let probe = ProcSystemProbe(procRoot: root.path)
        let first = probe.system()
        // Since boot: busy 200 of 1000 jiffies.
        #expect(first.cpuPercent == 20)
        #expect(first.memoryPercent == 75)
        #expect(first.load1 == 0.75)
        #expect(first.processMemoryBytes == Int64(2048 * 1024))
        // Between two calls: 90 busy of 100 more jiffies.
        try write("stat", "cpu  190 0 100 710 100 0 0 0 0 0\n")
        #expect(probe.system().cpuPercent == 90)
        #expect((probe.disk(at: root.path)?.totalBytes ?? 0) > 0)
    }

    @Test("fixed figures from EDULINK_SYSTEM_FIGURES: every figure, some, or none understood")
    func fixedFiguresFromText() throws {
        let all = try #require(
            FixedSystemProbe(describing: "cpu=12, memory=40,load=0.5,disk-free-gb=60,disk-total-gb=100"))
        #expect(all.system() == SystemFigures(cpuPercent: 12, memoryPercent: 40, load1: 0.5, processMemoryBytes: nil))
        #expect(all.disk(at: "/anywhere")?.freePercent == 60)
        let some = try #require(FixedSystemProbe(describing: "cpu=99"))
        #expect(some.system().cpuPercent == 99 && some.system().memoryPercent == nil)
        #expect(some.disk(at: "/") == nil)
        for bad in [
            "cpu", "cpu=x", "cpu=-1", "disk=5", "disk-free-gb=5", "disk-free-gb=50,disk-total-gb=10", "cpu=nan",
            "disk-free-gb=1,disk-total-gb=1e30",
        ] {
            #expect(FixedSystemProbe(describing: bad) == nil, "\(bad)")
        }
    }
}
