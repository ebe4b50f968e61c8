import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

@testable import edulink

@Suite("edulink doctor", .timeLimit(.minutes(10)))
struct DoctorTests {
    static let calmSystem = SystemFigures(cpuPercent: 10, memoryPercent: 40, load1: 0.3, processMemoryBytes: 1 << 24)

    static func probe(freePercent: Int64 = 50) -> FixedSystemProbe {
        FixedSystemProbe(figures: calmSystem, disk: DiskFigures(totalBytes: 100, freeBytes: freePercent))
    }

    /// A fresh database (created as the CLI creates it) with a backup taken `backupHoursAgo` ago and,
    /// unless `checked` is false, an integrity check just run.
    static func database(_ harness: CommandLineHarness, backupHoursAgo: Double = 0, checked: Bool = true)
        async throws -> URL
    {
        let url = harness.databaseURL
        _ = try LocalEnvironment(databaseURL: url)
        let clock = ManualTimeSource(Date().addingTimeInterval(-backupHoursAgo * 3600))
        let store = try SQLiteStore(path: url.path, clock: clock)
        _ = try await store.backup(into: harness.backupDirectory, keepDays: 30)
        if checked { _ = try await SQLiteStore(path: url.path).checkIntegrity() }
        return url
    }

    @Test("a database never checked for integrity is degraded (a warning), not healthy")
    func neverCheckedIsAWarning() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = try await Self.database(harness, checked: false)
        let report = await Doctor.examine(location: .sqlite(url), probe: Self.probe(), environment: environment)
        #expect(report.check(.integrity)?.status == .warning)
        #expect(report.check(.integrity)?.summary == "never checked")
        #expect(report.status == .warning)
        #expect(Doctor.exitCode(report.status) == 2)
    }

    var environment: [String: String] { ["NO_COLOR": "1"] }

    @Test func aHealthySetupExitsZero() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = try await Self.database(harness)
        let report = await Doctor.examine(location: .sqlite(url), probe: Self.probe(), environment: environment)
        #expect(report.status == .ok, "\(Doctor.render(report, location: .sqlite(url)))")
        #expect(Doctor.exitCode(report.status) == 0)
        #expect(report.check(.configuration)?.status == .ok)
        #expect(report.checks.count == HealthCheckName.allCases.count)
    }

    @Test func anOldBackupIsDegraded() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = try await Self.database(harness, backupHoursAgo: 30)
        let report = await Doctor.examine(location: .sqlite(url), probe: Self.probe(), environment: environment)
        #expect(report.status == .warning)
        #expect(report.check(.backups)?.status == .warning)
        #expect(Doctor.exitCode(report.status) == 2)
        #expect(report.alerts.map(\.kind) == [.backupAge])
        #expect(Doctor.render(report, location: .sqlite(url)).contains("Overall: degraded (exit 2)"))
    }

    @Test func lowDiskIsDegraded() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = try await Self.database(harness)
        let report = await Doctor.examine(
            location: .sqlite(url), probe: Self.probe(freePercent: 15), environment: environment)
        #expect(report.check(.storage)?.status == .warning)
        #expect(Doctor.exitCode(report.status) == 2)
        let critical = await Doctor.examine(
            location: .sqlite(url), probe: Self.probe(freePercent: 5), environment: environment)
        #expect(Doctor.exitCode(critical.status) == 1)
    }

    @Test("EDULINK_SYSTEM_FIGURES stands in for the machine; a value not understood is said, and the machine read")
    func fixedFigures() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        _ = try await Self.database(harness)
        func storage(_ figures: String) async throws -> (status: String?, standardError: String) {
            let result = try await harness.run(
                ["doctor", "--json"], environment: [FixedSystemProbe.environmentVariable: figures])
            let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            let checks = json?["checks"] as? [[String: Any]] ?? []
            let check = checks.first { $0["name"] as? String == "storage" }
            return (check?["status"] as? String, result.standardError)
        }
        #expect(try await storage("disk-free-gb=5,disk-total-gb=100").status == "critical")
        #expect(try await storage("disk-free-gb=15,disk-total-gb=100").status == "warning")
        let calm = try await storage("cpu=10,memory=40,load=0.5,disk-free-gb=60,disk-total-gb=100")
        #expect(calm.status == "ok" && calm.standardError.isEmpty)
        let refused = try await storage("disk=5")
        #expect(refused.standardError.contains("EDULINK_SYSTEM_FIGURES=disk=5 is not understood"))
        #expect(refused.status != nil)  // the machine's own disk, whatever it holds
    }

    @Test func aDatabaseOpenToOthersIsAConfigurationWarning() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = try await Self.database(harness)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
        let report = await Doctor.examine(location: .sqlite(url), probe: Self.probe(), environment: environment)
        #expect(report.check(.configuration)?.status == .warning)
        #expect(report.check(.configuration)?.summary.contains("644") == true)
    }

    @Test func anUnreachableDatabaseIsUnhealthy() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let url = harness.databaseURL
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: url)
        let report = await Doctor.examine(location: .sqlite(url), probe: Self.probe(), environment: environment)
        #expect(report.check(.database)?.status == .critical)
        #expect(Doctor.exitCode(report.status) == 1)
        // The same through the binary, as cron sees it.
        let result = try await harness.run(["doctor", "--json"])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(json?["status"] as? String == "critical")
        let text = try await harness.run(["doctor"])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("CRITICAL  database"))
    }
}
