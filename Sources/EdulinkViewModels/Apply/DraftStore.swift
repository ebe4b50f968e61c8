public import EdulinkCore
public import Foundation

/// Where unsent application drafts are kept, per user and listing, so that a draft survives
/// leaving the form and a crash.
///
/// Calls do file I/O: view-models call them inside effects, never on the UI loop.
public protocol DraftStore: Sendable {
    /// The draft of `user` for `listing`, or nil.
    func load(user: UserID, listing: ListingID) throws -> ApplicationDraft?
    /// Replaces the draft of `user` for the draft's listing.
    func save(_ draft: ApplicationDraft, user: UserID) throws
    /// Removes the draft, if any.
    func delete(user: UserID, listing: ListingID) throws

    /// The logbook entry `user` was writing for a placement's week, or nil.
    func loadLogbook(user: UserID, placement: PlacementID, week: Int) throws -> LogbookDraft?
    /// Replaces the logbook draft of `user` for the draft's placement and week.
    func saveLogbook(_ draft: LogbookDraft, user: UserID) throws
    /// Removes the logbook draft, if any.
    func deleteLogbook(user: UserID, placement: PlacementID, week: Int) throws
}

/// Drafts as JSON files under a directory, one per user and listing
/// (`draft-u<user>-l<listing>.json`), readable only by their owner (0600, directory 0700).
///
/// A save writes a temporary file in the same directory and renames it over the draft, so a crash
/// mid-write leaves the previous draft whole.
public struct FileDraftStore: DraftStore {
    /// The directory the drafts live in.
    public let directory: URL

    /// Drafts under `directory`, created on first save.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The file of one draft.
    public func fileURL(user: UserID, listing: ListingID) -> URL {
        directory.appendingPathComponent("draft-u\(user.rawValue)-l\(listing.rawValue).json")
    }

    /// Reads a draft; nil when there is none.
    public func load(user: UserID, listing: ListingID) throws -> ApplicationDraft? {
        let url = fileURL(user: user, listing: listing)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode(ApplicationDraft.self, from: data)
    }

    /// Writes a draft atomically: a 0600 temporary file, then a rename over the old one.
    public func save(_ draft: ApplicationDraft, user: UserID) throws {
        try write(draft, to: fileURL(user: user, listing: draft.listingID))
    }

    /// The file of one logbook draft.
    public func logbookURL(user: UserID, placement: PlacementID, week: Int) -> URL {
        directory.appendingPathComponent("logbook-u\(user.rawValue)-p\(placement.rawValue)-w\(week).json")
    }

    public func loadLogbook(user: UserID, placement: PlacementID, week: Int) throws -> LogbookDraft? {
        let url = logbookURL(user: user, placement: placement, week: week)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(LogbookDraft.self, from: try Data(contentsOf: url))
    }

    public func saveLogbook(_ draft: LogbookDraft, user: UserID) throws {
        try write(draft, to: logbookURL(user: user, placement: draft.placementID, week: draft.week))
    }

    public func deleteLogbook(user: UserID, placement: PlacementID, week: Int) throws {
        let url = logbookURL(user: user, placement: placement, week: week)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.removeItem(at: url)
    }

    /// Writes `value` as JSON atomically: a 0600 temporary file, then a rename over `target`.
    private func write(_ value: some Encodable, to target: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        if rename(temporary.path, target.path) != 0 {
            try? manager.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    /// Deletes a draft; no error when there is none.
    public func delete(user: UserID, listing: ListingID) throws {
        let url = fileURL(user: user, listing: listing)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        try FileManager.default.removeItem(at: url)
    }
}
