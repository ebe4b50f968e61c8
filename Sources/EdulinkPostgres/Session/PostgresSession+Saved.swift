import EdulinkCore
import Foundation

// Saved listings and saved searches.
extension PostgresSession {

    func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool {
        try count(
            "SELECT count(*) AS count FROM saved_listings WHERE student_id = $1 AND listing_id = $2",
            [studentID, listingID]) > 0
    }

    func insertSavedListing(_ saved: SavedListing) throws -> Bool {
        try execute(
            """
            INSERT INTO saved_listings (student_id, listing_id, saved_at) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING
            """, [saved.studentID, saved.listingID, saved.savedAt]) > 0
    }

    func deleteSavedListing(studentID: UserID, listingID: ListingID) throws -> Bool {
        try execute(
            "DELETE FROM saved_listings WHERE student_id = $1 AND listing_id = $2", [studentID, listingID]) > 0
    }

    func savedSearches(studentID: UserID) throws -> [SavedSearch] {
        try fetchAll("SELECT * FROM saved_searches WHERE student_id = $1 ORDER BY id", [studentID], Rows.savedSearch)
    }

}
