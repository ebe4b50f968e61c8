import EdulinkCore
import Foundation

// Saved listings and saved searches.
extension PostgresSession {
    func savedListings(studentID: UserID) throws -> [SavedListing] {
        try fetchAll(
            "SELECT * FROM saved_listings WHERE student_id = $1 ORDER BY saved_at DESC, listing_id DESC", [studentID]
        ) { r in
            SavedListing(
                studentID: try r.id("student_id"), listingID: try r.id("listing_id"), savedAt: try r.date("saved_at"))
        }
    }

    func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool {
        try count(
            "SELECT count(*) AS count FROM saved_listings WHERE student_id = $1 AND listing_id = $2",
            [studentID, listingID]) > 0
    }

    func savedBy(listingID: ListingID) throws -> [UserID] {
        try fetchAll(
            "SELECT student_id FROM saved_listings WHERE listing_id = $1 ORDER BY student_id", [listingID]
        ) { try $0.id("student_id") }
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

    func savedSearch(_ id: SavedSearchID) throws -> SavedSearch? {
        try fetchOne("SELECT * FROM saved_searches WHERE id = $1", [id], Rows.savedSearch)
    }

    func deleteSavedSearch(_ id: SavedSearchID) throws {
        try execute("DELETE FROM saved_searches WHERE id = $1", [id])
    }
}
