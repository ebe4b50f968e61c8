import EdulinkCore
import EdulinkTUI
import Foundation

/// How the outbox is delivered: through a sendmail-compatible command (msmtp, Postfix and Exim all
/// install one) when `EDULINK_SENDMAIL` or config.toml's `sendmail` names it, else as files in the
/// outbox folder beside the database (development).
enum MailTransport {
    static func make(outbox: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> any OutboxTransport
    {
        let config = ConfigurationFile.load(path: ConfigurationFile.defaultPath(environment: environment))
        let from = environment["EDULINK_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? config.mailFrom
        if let command = environment["EDULINK_SENDMAIL"].flatMap({ $0.isEmpty ? nil : $0 }) ?? config.sendmail {
            return try SendmailTransport(commandLine: command, from: from ?? "Edulink <noreply@localhost>")
        }
        return try SpoolDirectoryTransport(directory: outbox)
    }

    /// The message as RFC 5322 text, headers each on one line so a value cannot add headers.
    static func text(_ message: OutboxMessage, from: String?) -> String {
        func oneLine(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }
        var headers = [
            "To: \(oneLine(message.recipient))", "Subject: \(oneLine(message.subject))",
            "Date: \(rfc2822(message.createdAt))",
            "X-Edulink-Notification: \(message.notificationID)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        if let from { headers.insert("From: \(oneLine(from))", at: 0) }
        return headers.joined(separator: "\n") + "\n\n" + message.body + "\n"
    }

    private static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Hands each message to a sendmail-compatible command on standard input (`-t`: the recipients are
/// read from the headers). A non-zero exit, or no exit within 30 seconds, is a failed attempt: the
/// outbox retries it on DOMAIN.md's schedule and the queue health check counts what finally fails.
struct SendmailTransport: OutboxTransport {
    let executable: URL
    let arguments: [String]
    let from: String

    /// `commandLine` is split on spaces: the program (a path, or a name found on PATH) and its options.
    init(commandLine: String, from: String) throws {
        let words = commandLine.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let program = words.first else { throw CommandFailure("sendmail: no command given") }
        if program.contains("/") {
            executable = URL(fileURLWithPath: program)
        } else if let found = Self.onPath(program) {
            executable = found
        } else {
            throw CommandFailure("sendmail: \(program) is not on PATH; give its full path (e.g. /usr/sbin/sendmail)")
        }
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CommandFailure("sendmail: \(executable.path) is not an executable program")
        }
        arguments = Array(words.dropFirst())
        self.from = from
        // A command that exits without reading the whole message must fail that delivery (EPIPE on
        // the write), not end this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    func deliver(_ message: OutboxMessage) async throws {
        let input = try ChildProcess.pipe()
        let errors = try ChildProcess.pipe()
        let process: ChildProcess
        do {
            process = try ChildProcess.launch(
                executable.path, arguments, environment: ProcessInfo.processInfo.environment,
                standardInput: input.read, standardError: errors.write)
        } catch {
            [input.read, input.write, errors.read, errors.write].forEach { close($0) }
            throw error
        }
        close(input.read)
        close(errors.write)
        let errorOutput = FileHandle(fileDescriptor: errors.read, closeOnDealloc: true)
        // A write refused (the command exited early) is answered by its exit status below.
        let writer = FileHandle(fileDescriptor: input.write, closeOnDealloc: true)
        try? writer.write(contentsOf: Data(MailTransport.text(message, from: from).utf8))
        try? writer.close()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            process.terminate()
        }
        await process.exited()
        watchdog.cancel()
        let status = process.terminationReason == .exit ? process.terminationStatus : -1
        guard status == 0 else {
            let said =
                String(decoding: errorOutput.readDataToEndOfFile(), as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw EdulinkError.unavailable(
                "\(executable.lastPathComponent) exited with \(status)\(said.isEmpty ? "" : ": \(said)")")
        }
    }

    private static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
