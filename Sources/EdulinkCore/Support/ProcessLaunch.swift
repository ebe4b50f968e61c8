public import Foundation
import Synchronization

/// Starts child processes one at a time, process-wide.
///
/// Foundation's `Process.run()` on Linux is not safe to call from several threads at once: a test
/// run crashed inside it (a bad read in its `memcpy`) while a backup's `pg_dump` and a test's
/// command started together. Every place that starts a program goes through here: `pg_dump` and
/// `pg_restore`, the sendmail command, the tests' command runner. Starting is quick; the waiting
/// that follows is not serialized.
public enum ProcessLaunch {
    private static let launching = Mutex(())

    /// Starts `process` (`Process.run()`) while no other launch through here is under way.
    public static func run(_ process: Process) throws {
        try launching.withLock { _ in try process.run() }
    }
}
