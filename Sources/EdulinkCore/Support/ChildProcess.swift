public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program started with `posix_spawn`, for the places Foundation's `Process` must not be used.
///
/// On Linux, `Process.run()` of the toolchain in use (Swift 6.3) looks for the highest open file
/// descriptor by copying 256 bytes of every `/proc/self/fd` entry, past the end of short entries:
/// when the last one ends a page before an unmapped one, the whole process crashes
/// (swift-corelibs-foundation#5472, fixed after 6.3; serializing launches does not help, it needs
/// no second thread). The test run crashed that way about once in five runs. Here the child gets
/// its standard streams and, where the C library offers it (`posix_spawn_file_actions_addclosefrom_np`,
/// glibc 2.34+), every other descriptor closed; the descriptors made here are close-on-exec.
///
/// ```swift
/// let child = try ChildProcess.launch("/usr/bin/env", ["true"], environment: [:])
/// await child.exited()  // child.terminationStatus == 0
/// ```
public final class ChildProcess: Sendable {
    public enum TerminationReason: Sendable, Equatable {
        case exit
        case uncaughtSignal
    }

    private struct State {
        var status: (reason: TerminationReason, code: Int32)?
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    public let processIdentifier: pid_t
    private let state = Mutex(State())

    private init(pid: pid_t) {
        processIdentifier = pid
    }

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory` when given.
    /// `standardInput`, `standardOutput` and `standardError` are descriptors the child gets as 0, 1
    /// and 2 (nil: `/dev/null`); the caller keeps and closes its own.
    public static func launch(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws -> ChildProcess {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(null) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(standardInput ?? null, 0), (standardOutput ?? null, 1), (standardError ?? null, 2)] {
            posix_spawn_file_actions_adddup2(&actions, source, Int32(target))
        }
        if let closeFrom = SpawnExtensions.closeFrom { _ = closeFrom(&actions, 3) }
        if let directory {
            guard let chdir = SpawnExtensions.chdir else {
                throw EdulinkError.unavailable("This C library cannot start a program in another folder.")
            }
            let result = directory.withCString { chdir(&actions, $0) }
            guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        }
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no signal blocked and every signal at its default action, whatever
        // this process blocks or ignores (SIGPIPE, a server's SIGTERM handling).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        var argvList = argv + [nil]
        var envpList = envp + [nil]
        let result = argvList.withUnsafeMutableBufferPointer { argvBuffer in
            envpList.withUnsafeMutableBufferPointer { envpBuffer in
                guard let argvStart = argvBuffer.baseAddress, let envpStart = envpBuffer.baseAddress else {
                    return EINVAL
                }
                return posix_spawn(&pid, executable, &actions, &attributes, argvStart, envpStart)
            }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        let child = ChildProcess(pid: pid)
        // One thread per child blocks in waitpid, so no task of Swift's small pool ever does.
        let reaper = Thread { child.reap() }
        reaper.stackSize = 64 << 10
        reaper.start()
        return child
    }

    private func reap() {
        var status: Int32 = 0
        while waitpid(processIdentifier, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        let ended: (TerminationReason, Int32) = signal == 0 ? (.exit, (status >> 8) & 0xff) : (.uncaughtSignal, signal)
        let waiters = state.withLock { state in
            state.status = ended
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    public var isRunning: Bool { state.withLock { $0.status == nil } }
    /// The exit code, or the signal that ended it; -1 while it runs.
    public var terminationStatus: Int32 { state.withLock { $0.status?.code ?? -1 } }
    public var terminationReason: TerminationReason? { state.withLock { $0.status?.reason } }

    /// Blocks the calling thread until the child has exited: for code that already blocks (a backup
    /// tool's run), never on Swift's concurrency threads.
    public func waitUntilExit() {
        while isRunning { usleep(2_000) }
    }

    /// Sends SIGTERM.
    public func terminate() { kill(processIdentifier, SIGTERM) }

    /// Returns once the child has exited, without holding a thread; early (the child still running)
    /// when the waiting task is cancelled.
    public func exited() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.status != nil || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// A pipe whose two ends are close-on-exec from the start where the C library has `pipe2`, so a
    /// child another thread spawns at the same moment cannot inherit them; a child gets one end as a
    /// standard stream only.
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        if let pipe2 = SpawnExtensions.pipe2 {
            guard pipe2(&ends, O_CLOEXEC) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } else {
            guard makePipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        return (ends[0], ends[1])
    }
}

/// The C library's `pipe(2)` (inside `ChildProcess`, `pipe` names its own method).
private func makePipe(_ ends: UnsafeMutablePointer<Int32>) -> Int32 { pipe(ends) }

/// glibc's extensions that Swift's Glibc module does not declare, looked up at run time.
private enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let closeFrom: CloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let chdir: ChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")
    static let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = symbol("pipe2")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
