public import Foundation

/// Folders that hold the database's data (backups, drafts) are the owner's alone (0700), like the
/// database file (0600): a backup is the whole database, passwords' hashes included.
public enum PrivateFolder {
    /// Creates `url` (and missing parents) readable by the owner only; an existing folder of ours
    /// (`tighten`) is narrowed to 0700 too.
    public static func create(_ url: URL, tighten: Bool = true) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            if tighten { try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path) }
            return
        }
        try manager.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
