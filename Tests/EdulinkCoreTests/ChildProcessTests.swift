import EdulinkCore
import Foundation
import Testing

@Suite("Child processes started with posix_spawn", .timeLimit(.minutes(10)))
struct ChildProcessTests {
    @Test("standard input, output and error, the folder, the environment and the exit status")
    func streamsAndStatus() async throws {
        let input = try ChildProcess.pipe()
        let output = try ChildProcess.pipe()
        let child = try ChildProcess.launch(
            "/bin/sh", ["-c", "read line; echo \"$line $GREETING $(pwd)\"; echo oops >&2; exit 3"],
            environment: ["GREETING": "hello", "PATH": "/usr/bin:/bin"], directory: "/tmp",
            standardInput: input.read, standardOutput: output.write, standardError: output.write)
        close(input.read)
        close(output.write)
        let writer = FileHandle(fileDescriptor: input.write, closeOnDealloc: true)
        try writer.write(contentsOf: Data("ping\n".utf8))
        try writer.close()
        let printed = FileHandle(fileDescriptor: output.read, closeOnDealloc: true).readDataToEndOfFile()
        await child.exited()
        #expect(String(decoding: printed, as: UTF8.self) == "ping hello /tmp\noops\n")
        #expect(!child.isRunning)
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == 3)
    }

    @Test("both ends of a pipe are close-on-exec from the start")
    func pipeIsCloseOnExec() throws {
        let ends = try ChildProcess.pipe()
        defer {
            close(ends.read)
            close(ends.write)
        }
        #expect(fcntl(ends.read, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(ends.write, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test("a child ended by a signal says so; one that is not started is an error")
    func signalAndMissingProgram() async throws {
        let child = try ChildProcess.launch("/bin/sleep", ["30"], environment: [:])
        #expect(child.isRunning)
        child.terminate()
        await child.exited()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(child.terminationStatus == SIGTERM)
        #expect(throws: (any Error).self) {
            try ChildProcess.launch("/nonexistent/program", [], environment: [:])
        }
    }

    @Test("the child does not inherit the parent's other descriptors")
    func closesOtherDescriptors() async throws {
        let kept = try ChildProcess.pipe()
        _ = fcntl(kept.write, F_SETFD, 0)  // inheritable, as a careless caller's would be
        defer {
            close(kept.read)
            close(kept.write)
        }
        let output = try ChildProcess.pipe()
        let child = try ChildProcess.launch(
            "/bin/sh", ["-c", "ls /proc/self/fd | wc -l"], environment: ["PATH": "/usr/bin:/bin"],
            standardOutput: output.write)
        close(output.write)
        let printed = FileHandle(fileDescriptor: output.read, closeOnDealloc: true).readDataToEndOfFile()
        await child.exited()
        // 0, 1, 2 and the one `ls` opens to read the folder.
        #expect(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "4")
    }
}
