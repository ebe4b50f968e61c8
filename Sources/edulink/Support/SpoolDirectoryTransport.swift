import EdulinkCore
import Foundation

/// Delivers outbox messages as files in a folder, one per message, for a mail relay or a person
/// to pick up. Each file appears whole (written to a temporary name, then renamed).
struct SpoolDirectoryTransport: OutboxTransport {
    let directory: URL

    init(directory: URL) throws {
        self.directory = directory
        try EdulinkPaths.createPrivateDirectory(directory)
    }

    func deliver(_ message: OutboxMessage) async throws {
        let stamp = message.createdAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
            .replacingOccurrences(of: ":", with: "")
        let name = "\(stamp)-\(message.id).eml"
        let text = MailTransport.text(message, from: nil)
        // `.atomic` writes a temporary file and renames it, so a reader never sees half a message.
        try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
    }
}
