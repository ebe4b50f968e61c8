import Foundation

/// Where Edulink keeps its files on this machine, following the XDG base directory spec.
struct EdulinkPaths {
    var environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    private var home: URL {
        URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
    }

    /// `$XDG_DATA_HOME/edulink`, with `XDG_DATA_HOME` defaulting to `~/.local/share`.
    var dataDirectory: URL {
        let base =
            nonEmpty(environment["XDG_DATA_HOME"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? home.appendingPathComponent(".local/share", isDirectory: true)
        return base.appendingPathComponent("edulink", isDirectory: true)
    }

    /// `$XDG_STATE_HOME/edulink`, with `XDG_STATE_HOME` defaulting to `~/.local/state`: tokens of
    /// remote sessions and the server's signing keys.
    var stateDirectory: URL {
        let base =
            nonEmpty(environment["XDG_STATE_HOME"]).map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? home.appendingPathComponent(".local/state", isDirectory: true)
        return base.appendingPathComponent("edulink", isDirectory: true)
    }

    /// `$XDG_STATE_HOME/edulink/server`: a server's signing keys, and for a PostgreSQL database
    /// the files kept on this machine (backups, the development outbox), unless `--state-dir`.
    var serverStateDirectory: URL { stateDirectory.appendingPathComponent("server", isDirectory: true) }

    /// The database when neither `--db`, `EDULINK_DB` nor config.toml says otherwise.
    var defaultDatabase: URL { dataDirectory.appendingPathComponent("edulink.sqlite") }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// Creates `directory` and its missing parents, readable by the owner only (0700).
    static func createPrivateDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure("cannot create \(directory.path): \(error.localizedDescription)")
        }
    }
}
