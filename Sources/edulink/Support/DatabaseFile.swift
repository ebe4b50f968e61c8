import Foundation

/// The database file and its SQLite companions (`-wal`, `-shm`).
enum DatabaseFile {
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// Deletes the database and its write-ahead log and shared-memory files.
    static func remove(_ url: URL) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = url.path + suffix
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw CommandFailure("cannot remove \(path): \(error.localizedDescription)")
            }
        }
    }
}
