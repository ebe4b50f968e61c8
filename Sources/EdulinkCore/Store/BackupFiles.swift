public import Foundation

/// How snapshots are named and which have expired, the same for every store: a snapshot is
/// `edulink-YYYYMMDD-HHMMSS.<ext>` (UTC) in the backups folder, `-2`, `-3`… when one of that
/// second exists; one older than the retention goes (``BackupRetention``), the one being kept
/// never does. Only the file extension differs (`sqlite` copies, `dump` archives).
public struct BackupFiles: Sendable {
    public let fileExtension: String

    public static let sqlite = BackupFiles(fileExtension: "sqlite")
    public static let postgres = BackupFiles(fileExtension: "dump")

    static let nameFormat = "yyyyMMdd-HHmmss"

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = nameFormat
        return formatter
    }

    /// A file name for a snapshot made at `date` that no file in `directory` has yet.
    public func availableFile(in directory: URL, at date: Date) -> URL {
        let stamp = Self.formatter().string(from: date)
        var file = directory.appendingPathComponent("edulink-\(stamp).\(fileExtension)")
        var suffix = 2
        while FileManager.default.fileExists(atPath: file.path) {
            file = directory.appendingPathComponent("edulink-\(stamp)-\(suffix).\(fileExtension)")
            suffix += 1
        }
        return file
    }

    /// The time in a snapshot's file name; nil for any other file.
    public func date(fileName: String) -> Date? {
        guard fileName.hasPrefix("edulink-"), fileName.hasSuffix(".\(fileExtension)") else { return nil }
        let stamp = fileName.dropFirst("edulink-".count).prefix(Self.nameFormat.count)
        return Self.formatter().date(from: String(stamp))
    }

    /// Snapshot files in `directory` whose name says they were made before `cutoff` (made before
    /// they were recorded, or by another copy of the database), except `keeping`.
    public func expired(in directory: URL, before cutoff: Date, keeping: String?) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { name in
            let path = directory.appendingPathComponent(name).path
            guard let date = date(fileName: name), date < cutoff, path != keeping else { return nil }
            return path
        }
    }
}

extension BackupRetention {
    /// Snapshots made before this are past a retention of `keepDays`.
    public static func cutoff(keepDays: Int, now: Date) -> Date {
        now.addingTimeInterval(-Double(max(keepDays, 0)) * 86_400)
    }
}
