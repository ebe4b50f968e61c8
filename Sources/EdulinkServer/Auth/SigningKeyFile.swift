public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server's HMAC signing keys, kept in a file only the server's user can read (0600).
///
/// The newest key signs; every key still in the file verifies. `edulink keys rotate` adds a key and
/// retires the current one; a retired key is dropped once every token it signed has expired.
public struct SigningKeyFile: Sendable, Codable, Equatable {
    /// One signing key.
    public struct Key: Sendable, Codable, Equatable {
        /// The `kid` header of tokens it signs.
        public var kid: String
        /// The secret, base64.
        public var secret: String
        public var createdAt: Date
        /// When a newer key took over signing; nil for the current key.
        public var retiredAt: Date?
    }

    public var keys: [Key]

    /// The key that signs new tokens.
    public var current: Key? { keys.last { $0.retiredAt == nil } ?? keys.last }

    /// Reads the file, creating it with one fresh key when it does not exist.
    public static func loadOrCreate(_ url: URL, now: Date) throws -> SigningKeyFile {
        if FileManager.default.fileExists(atPath: url.path) {
            return try load(url)
        }
        var file = SigningKeyFile(keys: [])
        file.keys.append(try Self.newKey(now: now))
        try file.save(to: url)
        return file
    }

    public static func load(_ url: URL) throws -> SigningKeyFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SigningKeyFile.self, from: Data(contentsOf: url))
    }

    /// Adds a key that signs from now on, retires the current one, and drops keys retired longer
    /// than `tokenLifetime` ago (no unexpired token can name them).
    public mutating func rotate(now: Date, tokenLifetime: TimeInterval) throws -> Key {
        for index in keys.indices where keys[index].retiredAt == nil { keys[index].retiredAt = now }
        keys.removeAll { key in key.retiredAt.map { $0.addingTimeInterval(tokenLifetime) < now } ?? false }
        let key = try Self.newKey(now: now)
        keys.append(key)
        return key
    }

    /// Writes the file atomically with mode 0600 inside a 0700 folder: the keys go to a temporary
    /// file beside it, flushed to disk, which `rename(2)` puts in place of the old file in one step.
    /// A failure leaves the old file as it was and no temporary file behind.
    public func save(to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(self)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: url.path,
                        NSLocalizedDescriptionKey: "cannot replace \(url.path): \(String(cString: strerror(errno)))",
                    ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func newKey(now: Date) throws -> Key {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let suffix = (0..<4).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined()
        let stamp = Int(now.timeIntervalSince1970)
        return Key(kid: "k\(stamp)-\(suffix)", secret: Data(secret).base64EncodedString(), createdAt: now)
    }
}
