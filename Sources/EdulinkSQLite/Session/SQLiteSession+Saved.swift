import EdulinkCore
import Foundation
import GRDB

// Saved listings and saved searches.
extension SQLiteSession {

    func insertSavedListing(_ saved: SavedListing) throws -> Bool {
        try execute(
            "INSERT INTO saved_listings (student_id, listing_id, saved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [saved.studentID.rawValue, saved.listingID.rawValue, ColumnCoding.microseconds(saved.savedAt)])
        return db.changesCount > 0
    }

}
