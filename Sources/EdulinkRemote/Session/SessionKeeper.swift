import EdulinkAPI
import EdulinkCore
import Foundation
import OpenAPIRuntime

/// Holds the session's tokens, writes them to a file only the user can read (0600) when one is
/// given, and refreshes them — once for all requests that found the access token expired, because
/// a refresh token works only once (a second use ends the session on the server).
actor SessionKeeper {
    private var session: StoredSession?
    private let file: URL?
    private var refreshing: Task<StoredSession?, Never>?
    /// Performs the refresh call (a client without the session middleware).
    private let exchange: @Sendable (String) async throws -> Components.Schemas.TokenPair?

    init(file: URL?, exchange: @escaping @Sendable (String) async throws -> Components.Schemas.TokenPair?) {
        self.file = file
        self.exchange = exchange
        self.session = file.flatMap(Self.read)
    }

    var current: StoredSession? { session }

    func store(_ pair: Components.Schemas.TokenPair) {
        update(StoredSession(accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user))
    }

    func clear() { update(nil) }

    /// A fresh access token after `stale` was refused, or nil when the session cannot be renewed.
    /// When another request already renewed it, returns that token without asking again.
    func renew(replacing stale: String) async -> String? {
        if let session, session.accessToken != stale { return session.accessToken }
        if let refreshing { return await refreshing.value?.accessToken }
        guard let refreshToken = session?.refreshToken else { return nil }
        let exchange = exchange
        let task = Task { () -> StoredSession? in
            guard let pair = try? await exchange(refreshToken) else { return nil }
            return StoredSession(accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user)
        }
        refreshing = task
        let renewed = await task.value
        refreshing = nil
        update(renewed)
        return renewed?.accessToken
    }

    private func update(_ new: StoredSession?) {
        session = new
        guard let file else { return }
        do {
            if let new {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
                let data = try JSONEncoder().encode(new)
                if !FileManager.default.fileExists(atPath: file.path) {
                    _ = FileManager.default.createFile(
                        atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
                }
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
                try data.write(to: file)
            } else if FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.removeItem(at: file)
            }
        } catch {
            // The session still works in memory; only a later run has to sign in again.
        }
    }

    private static func read(_ file: URL) -> StoredSession? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(StoredSession.self, from: data)
    }
}
