import Foundation

/// What the command line says while a database's schema is brought up to date. A step that rebuilds
/// the search index takes many minutes on a large database (BENCHMARKS.md: half an hour at a million
/// listings), and a command, the app or the server that sits silent that long looks hung.
enum MigrationNotice {
    /// How long it may take, and why stopping it is safe: each SQLite step, and PostgreSQL's whole
    /// migration, is one transaction.
    static let patience =
        "On a large database this can take many minutes. Stopping it loses nothing: "
        + "an unfinished step is rolled back and runs again next time."

    /// Before a database opened by any other command (the app, `serve`, `jobs run`…) is migrated: on
    /// standard error, so it never mixes with a command's output.
    static func opening(_ path: String, pending: [String], backupFolder: String?) -> String {
        let backup = backupFolder.map { "a verified backup into \($0), then " } ?? ""
        return "edulink: upgrading \(path) to this release's schema: \(backup)\(steps(pending)). \(patience)"
    }

    /// `1 migration (v16-search-facets)`.
    static func steps(_ pending: [String]) -> String {
        "\(pending.count) migration\(pending.count == 1 ? "" : "s") (\(pending.joined(separator: ", ")))"
    }

    /// `0.4 s`, `3 min 07 s`, `1 h 02 min`: how long a migration took.
    static func elapsed(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, whole % 3600 / 60)
    }

    static func write(_ line: String) { Terminal.writeError(line + "\n") }
}
