import EdulinkCore
import Foundation
import Synchronization
import Testing

/// What one run of `edulink` printed and how it exited.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { status == 0 }
}

/// Runs the built `edulink` binary in a temporary directory of its own, with `EDULINK_DB`,
/// `XDG_DATA_HOME` and `XDG_CONFIG_HOME` pointing inside it and a cheap bcrypt cost.
struct CommandLineHarness {
    let directory: URL
    /// `EDULINK_DB` when it is not the file in the directory (a `postgres://` URL).
    let database: String?

    /// - Parameter database: the database the commands use through `EDULINK_DB`; nil for a SQLite
    ///   file inside the directory (``databaseURL``).
    init(database: String? = nil) throws {
        try self.init(
            directory: FileManager.default.temporaryDirectory
                .appendingPathComponent("edulink-cli-\(UUID().uuidString)", isDirectory: true),
            database: database)
    }

    init(directory: URL, database: String? = nil) throws {
        self.directory = directory
        self.database = database
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Deletes the directory and everything the commands wrote into it.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    var databaseURL: URL { directory.appendingPathComponent("data/edulink/edulink.sqlite") }
    var backupDirectory: URL { directory.appendingPathComponent("data/edulink/backups", isDirectory: true) }
    var outboxDirectory: URL { directory.appendingPathComponent("data/edulink/outbox", isDirectory: true) }

    var environment: [String: String] {
        // LLVM_PROFILE_FILE passes through so that `swift test --enable-code-coverage` also measures the CLI.
        var environment = ProcessInfo.processInfo.environment.filter {
            ["PATH", "LANG", "LLVM_PROFILE_FILE"].contains($0.key)
        }
        environment["HOME"] = directory.path
        environment["EDULINK_DB"] = database ?? databaseURL.path
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("data").path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        environment["EDULINK_BCRYPT_COST"] = "4"
        // A calm machine with room on its disk: the health checks, and the alerts `jobs run` raises,
        // never follow the machine the tests run on (its disk may be just under 20 % free).
        environment[FixedSystemProbe.environmentVariable] =
            "cpu=10,memory=40,load=0.5,disk-free-gb=500,disk-total-gb=1000"
        environment["NO_COLOR"] = "1"
        return environment
    }

    /// Runs `edulink arguments…` to the end; `input` becomes standard input (otherwise /dev/null).
    /// Waits without holding a thread: Swift's concurrency pool has one thread per core, and a
    /// blocking wait in each would starve every other test of the run.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) async throws
        -> CommandResult
    {
        let process = try start(arguments, input: input, environment: extra)
        await process.wait()
        return try process.result()
    }

    /// Runs another program (found on PATH) in the directory and returns its exit status.
    func runTool(_ name: String, _ arguments: [String]) async throws -> Int32 {
        let process = try ChildProcess.launch(
            "/usr/bin/env", [name] + arguments, environment: ProcessInfo.processInfo.environment,
            directory: directory.path)
        await process.exited()
        return process.terminationStatus
    }

    /// Starts `edulink arguments…` without waiting for it.
    func start(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws
        -> RunningCommand
    {
        let id = UUID().uuidString
        let output = directory.appendingPathComponent("stdout-\(id)")
        let error = directory.appendingPathComponent("stderr-\(id)")
        let outputFD = open(output.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errorFD = open(error.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(outputFD)
            close(errorFD)
        }
        guard outputFD >= 0, errorFD >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let pipe = try input.map { _ in try ChildProcess.pipe() }
        let process: ChildProcess
        do {
            process = try ChildProcess.launch(
                try Self.binary().path, arguments, environment: environment.merging(extra) { _, new in new },
                directory: directory.path, standardInput: pipe?.read, standardOutput: outputFD, standardError: errorFD)
        } catch {
            if let pipe {
                close(pipe.read)
                close(pipe.write)
            }
            throw error
        }
        if let pipe {
            close(pipe.read)
            // A command may exit before it reads its input (`init` on an existing database): the
            // write then fails with a broken pipe, which `write(_:)` would turn into a crash.
            let writer = FileHandle(fileDescriptor: pipe.write, closeOnDealloc: true)
            try? writer.write(contentsOf: Data((input ?? "").utf8))
            try writer.close()
        }
        return RunningCommand(process: process, outputFile: output, errorFile: error)
    }

    /// `edulink demo` on this directory's database. A SQLite demo is a copy of the data folder of an
    /// `edulink demo` this process ran less than a minute ago (``DemoTemplate``): a demo costs some
    /// 5 s of CPU in a debug build, and twenty tests start from one. `fresh` runs the command here,
    /// for a test about what a demo is as of the moment it was made.
    func demo(fresh: Bool = false) async throws {
        let data = directory.appendingPathComponent("data")
        guard !fresh, database == nil, !FileManager.default.fileExists(atPath: data.path) else {
            let result = try await run(["demo"])
            try #require(result.succeeded, "demo failed: \(result.standardError)")
            return
        }
        try FileManager.default.copyItem(at: try await DemoTemplate.shared.dataFolder(), to: data)
    }

    /// Decodes JSON printed by a `--json` command.
    func json(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Any {
        let result = try await run(arguments + ["--json"], environment: extra)
        try #require(result.succeeded, "\(arguments) failed: \(result.standardError)")
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    /// The built binary: `EDULINK_BIN`, else beside the test bundle, else the newest
    /// `.build*/debug/edulink` of the checkout.
    static func binary() throws -> URL {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["EDULINK_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        if let testBinary = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var folder = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("edulink")
                if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []
        let built =
            candidates
            .filter { $0.hasPrefix(".build") }
            .map { root.appendingPathComponent($0).appendingPathComponent("debug/edulink") }
            .filter { fileManager.isExecutableFile(atPath: $0.path) }
            .max { modified($0) < modified($1) }
        guard let built else {
            throw HarnessError("no edulink binary; build it with swift build --product edulink or set EDULINK_BIN")
        }
        return built
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }
}

/// A started `edulink` process whose output goes to files.
struct RunningCommand: Sendable {
    let process: ChildProcess
    let outputFile: URL
    let errorFile: URL

    /// What it printed so far.
    func output() -> String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// Returns once the process has exited, without blocking a thread; ends early (the process still
    /// running) when the waiting task is cancelled, e.g. by a test's time limit.
    func wait() async {
        await process.exited()
    }

    /// Sends SIGKILL as soon as `ready` holds for what it printed, watching from a thread of its own;
    /// false when it exited first (or `bound` seconds passed). The watch must not be a task: on Swift's
    /// cooperative pool (two threads on two cores) a task can wait behind other tests' work for longer
    /// than the command takes to finish, and then there is nothing left to kill.
    func kill(when ready: @escaping @Sendable (String) -> Bool, within bound: TimeInterval = 600) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let watcher = Thread {
                let deadline = Date().addingTimeInterval(bound)
                while process.isRunning && Date() < deadline {
                    if ready(output()) {
                        Glibc.kill(process.processIdentifier, SIGKILL)
                        continuation.resume(returning: true)
                        return
                    }
                    usleep(2_000)
                }
                continuation.resume(returning: false)
            }
            watcher.start()
        }
    }

    /// How it ended, for a failure's message: its status and the end of its standard error.
    var ending: String {
        (try? result()).map { "status \($0.status): \($0.standardError.suffix(300))" } ?? "still running"
    }

    func result() throws -> CommandResult {
        CommandResult(
            status: process.terminationStatus, standardOutput: output(),
            standardError: try String(contentsOf: errorFile, encoding: .utf8))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The data folder (database and outbox) of a recent `edulink demo` in a folder of its own, made
/// again once it is a minute old: the demo is seeded as of the time it ran, and a copy made long
/// after would drift from what a new demo is. Asked for at once, one is made; all removed at exit.
actor DemoTemplate {
    static let shared = DemoTemplate()
    static let freshFor: Duration = .seconds(60)
    private var made: (folder: URL, started: ContinuousClock.Instant)?
    private var making: Task<URL, any Error>?
    private static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-cli-demo-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: DemoTemplate.root) }
        return root
    }()

    func dataFolder() async throws -> URL {
        if let made, made.started.duration(to: .now) < Self.freshFor { return made.folder }
        if let making { return try await making.value }
        let started = ContinuousClock.now
        let task = Task { try await Self.make() }
        making = task
        defer { making = nil }
        let folder = try await task.value
        made = (folder, started)
        return folder
    }

    private static func make() async throws -> URL {
        let harness = try CommandLineHarness(directory: root.appendingPathComponent(UUID().uuidString))
        let result = try await harness.run(["demo"])
        guard result.succeeded else { throw HarnessError("demo failed: \(result.standardError)") }
        return harness.directory.appendingPathComponent("data")
    }
}
