import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import EdulinkViewModels
import Foundation
import Logging
import TerminalKit

@testable import EdulinkTUI

/// A real local-mode service (`EdulinkService.localSession`) over a temporary copy of a demo database seeded once with a fixed clock,
/// and the app driven headless through `AppDriver`.
struct Harness {
    /// 2026-09-21 09:00 UTC: "today" of the seeded data and of the app.
    static let now = Date(timeIntervalSince1970: 1_790_067_600)
    static let student = "student@edulink.demo"

    let directory: URL
    let clock: ManualTimeSource
    let repository: EdulinkService
    let drafts: FileDraftStore
    /// What the app is told about waits for another process's lock.
    var lockWait: LockWait?
    /// Warnings the app was started with.
    var startupWarnings: [String] = []

    static func make() async throws -> Harness {
        let template = try await TemplateDatabase.shared.url()
        let directory = TestScratch.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("edulink.sqlite")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template.path + suffix) {
            try FileManager.default.copyItem(atPath: template.path + suffix, toPath: path.path + suffix)
        }
        let clock = ManualTimeSource(now)
        let repository = try service(path: path.path, clock: clock).localSession(
            mode: .local(path: "/tmp/edulink.sqlite"))
        return Harness(
            directory: directory, clock: clock, repository: repository,
            drafts: FileDraftStore(directory: directory.appendingPathComponent("drafts")))
    }

    static func service(path: String, clock: ManualTimeSource) throws -> EdulinkService {
        let store = try SQLiteStore(path: path, clock: clock)
        let policy = try PasswordPolicy(commonPasswordsFile: try DemoResources.commonPasswordsURL)
        return EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: clock, random: CountingRandomSource(), hasher: BcryptHasher(cost: 4),
                passwordPolicy: policy,
                calendar: calendar, logger: Logger(label: "edulink.tui.tests"),
                operations: OperationsEnvironment(
                    maintenance: store, probe: systemProbe, requests: requests(clock: clock),
                    timesServiceCalls: false, dataDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path
                )))
    }

    /// Fixed machine figures for the Health tab: memory above its warning level.
    static let systemProbe = FixedSystemProbe(
        figures: SystemFigures(cpuPercent: 42, memoryPercent: 87, load1: 0.8, processMemoryBytes: 48 << 20),
        disk: DiskFigures(totalBytes: 100 << 30, freeBytes: 35 << 30))

    /// An hour of known requests: a few a minute, slower towards the end, one in fifty failing.
    static func requests(clock: ManualTimeSource) -> RequestMetrics {
        let metrics = RequestMetrics(clock: clock)
        for minute in 0..<60 {
            let at = clock.now().addingTimeInterval(Double(minute - 59) * 60)
            for call in 0..<(2 + minute % 7) {
                let milliseconds = Int64(5 + minute + call * 3)
                metrics.record(nanoseconds: milliseconds * 1_000_000, failed: (minute * 7 + call) % 50 == 0, at: at)
            }
        }
        return metrics
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }

    var environment: AppEnvironment {
        AppEnvironment(
            repository: repository, drafts: drafts, time: clock, timeZone: .gmt, effectClock: ImmediateEffectClock(),
            demoAccounts: [
                DemoAccount(email: "student@edulink.demo", role: .student),
                DemoAccount(email: "employer@edulink.demo", role: .employer),
                DemoAccount(email: "admin@edulink.demo", role: .admin),
                DemoAccount(email: "institution@edulink.demo", role: .institutionAdmin),
                DemoAccount(email: "supervisor@edulink.demo", role: .supervisor),
            ], demoPassword: DemoSeeder.demoPassword,
            themes: ThemeLibrary(folders: [ThemeLibrary.Folder(path: Self.themesFolder, displayPrefix: "themes/")]),
            lockWait: lockWait, startupWarnings: startupWarnings, exportFolders: [directory.path])
    }

    /// The checkout's `themes/`.
    static var themesFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path
    }

    /// The app at `size`, in colour (default theme, 256 colours) or as under NO_COLOR (mono theme).
    func driver(_ size: Size, monochrome: Bool = false) -> AppDriver<EdulinkApp> {
        let library = ThemeLibrary(folders: [ThemeLibrary.Folder(path: Self.themesFolder, displayPrefix: "themes/")])
        let name = monochrome ? "mono" : "default"
        let theme = EdulinkRoles.prepare((try? library.load(named: name)) ?? ThemeLibrary.builtInDefault)
        return AppDriver(
            EdulinkApp(environment: environment, themeName: name), size: size,
            capability: monochrome ? .monochrome : .ansi256, theme: theme)
    }

    /// A driver signed in as `email` with every load finished.
    func signedIn(_ size: Size, monochrome: Bool = false, as email: String = student) async -> AppDriver<EdulinkApp> {
        let driver = driver(size, monochrome: monochrome)
        driver.type(email)
        driver.press("tab")
        driver.type(DemoSeeder.demoPassword)
        driver.press("enter")
        await driver.settle()
        return driver
    }
}

/// The demo database, seeded once per test run and copied for each test.
///
/// The seeding is one task every caller awaits: the actor alone would let each test that asks while
/// the first seeding is suspended start a seeding of its own (dozens at once, each a demo database).
actor TemplateDatabase {
    static let shared = TemplateDatabase()
    private var seeding: Task<URL, any Error>?

    func url() async throws -> URL {
        if let seeding { return try await seeding.value }
        let task = Task { try await Self.seed() }
        seeding = task
        return try await task.value
    }

    private static func seed() async throws -> URL {
        let directory = TestScratch.root.appendingPathComponent("template")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("edulink.sqlite")
        let store = try SQLiteStore(path: path.path, clock: ManualTimeSource(Harness.now))
        // As the app's first start does, the jobs' messages go out (to files there; here nowhere).
        try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: Harness.now).seed(
            try DemoSeeder.loadBundledDataset(), into: store, transport: NowhereTransport())
        return path
    }
}

/// A mail transport that takes every message and sends it nowhere.
struct NowhereTransport: OutboxTransport {
    func deliver(_ message: OutboxMessage) async throws {}
}

/// The folder of this test process's databases (the template and every test's copy, about 12 MB
/// each), removed when the process exits: a run leaves nothing behind in the temporary folder.
enum TestScratch {
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-tui-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return root
    }()
}

/// Bytes that follow a counter: the same secrets on every run (a reset password in a snapshot), still
/// different from one call to the next.
final class CountingRandomSource: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func bytes(_ count: Int) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<count).map { _ in
            next += 1
            return UInt8((next * 151 + 7) % 256)
        }
    }
}
