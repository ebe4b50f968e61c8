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
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-cli-\(UUID().uuidString)", isDirectory: true)
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
        let process = Process()
        let exit = ProcessExit()
        process.terminationHandler = { _ in exit.signal() }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        process.currentDirectoryURL = directory
        try Self.launch(process)
        await exit.wait()
        return process.terminationStatus
    }

    /// Starts `edulink arguments…` without waiting for it.
    func start(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws
        -> RunningCommand
    {
        let id = UUID().uuidString
        let output = directory.appendingPathComponent("stdout-\(id)")
        let error = directory.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        let process = Process()
        let exit = ProcessExit()
        process.terminationHandler = { _ in exit.signal() }
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        let pipe = input.map { _ in Pipe() }
        process.standardInput = pipe ?? FileHandle.nullDevice
        try Self.launch(process)
        if let pipe, let input {
            // A command may exit before it reads its input (`init` on an existing database): the
            // write then fails with a broken pipe, which `write(_:)` would turn into a crash.
            try? pipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        return RunningCommand(process: process, exit: exit, outputFile: output, errorFile: error)
    }

    /// `edulink demo` on this directory's database.
    func demo() async throws {
        let result = try await run(["demo"])
        try #require(result.succeeded, "demo failed: \(result.standardError)")
    }

    /// Decodes JSON printed by a `--json` command.
    func json(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Any {
        let result = try await run(arguments + ["--json"], environment: extra)
        try #require(result.succeeded, "\(arguments) failed: \(result.standardError)")
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    /// One launch at a time, with every other launch of the test process (the PostgreSQL store's
    /// `pg_dump` in the tests that run beside these): see `ProcessLaunch`.
    static func launch(_ process: Process) throws {
        try ProcessLaunch.run(process)
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
struct RunningCommand {
    let process: Process
    let exit: ProcessExit
    let outputFile: URL
    let errorFile: URL

    /// What it printed so far.
    func output() -> String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// Returns once the process has exited, without blocking a thread; ends early (the process still
    /// running) when the waiting task is cancelled, e.g. by a test's time limit.
    func wait() async {
        await exit.wait()
    }

    func result() throws -> CommandResult {
        CommandResult(
            status: process.terminationStatus, standardOutput: output(),
            standardError: try String(contentsOf: errorFile, encoding: .utf8))
    }
}

/// The exit of one process, awaited: `Process.terminationHandler` signals it, any number of tasks wait.
final class ProcessExit: Sendable {
    private struct State {
        var exited = false
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func signal() {
        let waiters = state.withLock { state in
            state.exited = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.exited || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
