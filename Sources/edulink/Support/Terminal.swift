import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The standard streams, and whether a person is at the other end of them.
enum Terminal {
    static var inputIsInteractive: Bool { isatty(STDIN_FILENO) == 1 }
    static var errorIsInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes `text` to standard error, unbuffered.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Sends what `print` buffered to standard output now (`fflush(NULL)` flushes every stream).
    static func flushStandardOutput() {
        fflush(nil)
    }

    /// Reads one line from standard input without its newline; nil at end of input.
    static func readLine() -> String? { Swift.readLine(strippingNewline: true) }

    /// Reads a line with echo off (for passwords), restoring the terminal afterwards.
    static func readLineWithoutEcho() -> String? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readLine() }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            writeError("\n")
        }
        return readLine()
    }
}

/// Passwords come from standard input, never from arguments (which other users can see in `ps`).
enum PasswordInput {
    /// On a terminal: prompts on standard error with echo off, twice when `confirm`. Otherwise reads
    /// one line. Empty input is an error.
    static func read(prompt: String = "Password", confirm: Bool) throws -> String {
        guard Terminal.inputIsInteractive else {
            guard let line = Terminal.readLine(), !line.isEmpty else {
                throw CommandFailure("no password on standard input (give it as one line)")
            }
            return line
        }
        Terminal.writeError("\(prompt): ")
        guard let first = Terminal.readLineWithoutEcho(), !first.isEmpty else {
            throw CommandFailure("the password must not be empty")
        }
        if confirm {
            Terminal.writeError("\(prompt) again: ")
            guard Terminal.readLineWithoutEcho() == first else {
                throw CommandFailure("the passwords do not match")
            }
        }
        return first
    }
}

/// Asks before destructive commands: a question on a terminal, `--yes` in scripts.
enum Confirmation {
    /// Returns when the user agreed or passed `--yes`; throws otherwise. `action` completes
    /// "refusing to …" and the question, e.g. "replace the database at /x".
    static func require(_ action: String, yes: Bool) throws {
        if yes { return }
        guard Terminal.inputIsInteractive else {
            throw CommandFailure(
                "refusing to \(action) without confirmation; pass --yes to confirm", exitCode: 1)
        }
        Terminal.writeError("About to \(action). Continue? [y/N] ")
        let answer = Terminal.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CommandFailure("cancelled; nothing was changed") }
    }
}
