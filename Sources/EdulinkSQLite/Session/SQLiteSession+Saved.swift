import EdulinkCore
import Foundation
import GRDB

// Saved listings and saved searches.
extension SQLiteSession {

    func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool {
        try count(
            "SELECT count(*) FROM saved_listings WHERE student_id = ? AND listing_id = ?",
            [studentID.rawValue, listingID.rawValue]) > 0
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

}
