import EdulinkCore
import Foundation

// Saved listings and saved searches.
extension PostgresSession {

    func insertSavedListing(_ saved: SavedListing) throws -> Bool {
        try execute(
            """
            INSERT INTO saved_listings (student_id, listing_id, saved_at) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING
            """, [saved.studentID, saved.listingID, saved.savedAt]) > 0
    }

}
