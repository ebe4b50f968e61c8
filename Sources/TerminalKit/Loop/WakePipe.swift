internal import Foundation

/// A non-blocking pipe that wakes the UI loop's `poll`: finished tasks write a 0 byte, the C signal
/// handlers write the signal's number.
final class WakePipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws(LoopError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .wakePipe(errno) }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// A closure any thread may call to wake the loop.
    var waker: @Sendable () -> Void {
        let fd = writeEnd
        return {
            var zero: UInt8 = 0
            // A full pipe already guarantees a wake-up, so a failed write loses nothing.
            _ = write(fd, &zero, 1)
        }
    }

    /// Everything written since the last call.
    func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &chunk, chunk.count)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

/// Why the loop could not run.
public enum LoopError: Error, Hashable, Sendable, CustomStringConvertible {
    case wakePipe(Int32)
    case signals
    case terminal(TerminalError)

    public var description: String {
        switch self {
        case .wakePipe(let code): return "cannot create the loop's wake-up pipe (errno \(code))"
        case .signals: return "cannot install signal handlers"
        case .terminal(let error): return error.description
        }
    }
}
