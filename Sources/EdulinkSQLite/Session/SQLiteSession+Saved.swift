import EdulinkCore
import Foundation
import GRDB

// Saved listings and saved searches.
extension SQLiteSession {
    func savedListings(studentID: UserID) throws -> [SavedListing] {
        try fetchAll(
            "SELECT * FROM saved_listings WHERE student_id = ? ORDER BY saved_at DESC, listing_id DESC",
            [studentID.rawValue]
        ) { r in
            SavedListing(
                studentID: try r.id("student_id"), listingID: try r.id("listing_id"), savedAt: try r.date("saved_at"))
        }
    }

    func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool {
        try count(
            "SELECT count(*) FROM saved_listings WHERE student_id = ? AND listing_id = ?",
            [studentID.rawValue, listingID.rawValue]) > 0
    }

    func savedBy(listingID: ListingID) throws -> [UserID] {
        try fetchAll(
            "SELECT student_id FROM saved_listings WHERE listing_id = ? ORDER BY student_id", [listingID.rawValue]
        ) { try $0.id("student_id") }
    }

    func insertSavedListing(_ saved: SavedListing) throws -> Bool {
        try execute(
            "INSERT INTO saved_listings (student_id, listing_id, saved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [saved.studentID.rawValue, saved.listingID.rawValue, ColumnCoding.microseconds(saved.savedAt)])
        return db.changesCount > 0
    }

    func deleteSavedListing(studentID: UserID, listingID: ListingID) throws -> Bool {
        try execute(
            "DELETE FROM saved_listings WHERE student_id = ? AND listing_id = ?",
            [studentID.rawValue, listingID.rawValue])
        return db.changesCount > 0
    }

    func savedSearches(studentID: UserID) throws -> [SavedSearch] {
        try fetchAll(
            "SELECT * FROM saved_searches WHERE student_id = ? ORDER BY id", [studentID.rawValue], Rows.savedSearch)
    }

    func savedSearch(_ id: SavedSearchID) throws -> SavedSearch? {
        try fetchOne("SELECT * FROM saved_searches WHERE id = ?", [id.rawValue], Rows.savedSearch)
    }

    func deleteSavedSearch(_ id: SavedSearchID) throws {
        try execute("DELETE FROM saved_searches WHERE id = ?", [id.rawValue])
    }
}
