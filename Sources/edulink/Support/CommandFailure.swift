import Foundation

/// A failure of a command, reported as one line `edulink: error: <message>` and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    /// 1 for failures; 64 (`EX_USAGE`) when the command was used wrongly.
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }

    /// The one message for a database file that is not there, whichever command looked for it.
    static func noDatabase(at url: URL) -> CommandFailure {
        CommandFailure("no database at \(url.path) — create one with 'edulink demo' or 'edulink init'")
    }

    /// Exit code for a command used wrongly (`EX_USAGE`), the same as ArgumentParser's.
    static let usageExitCode: Int32 = 64
}
