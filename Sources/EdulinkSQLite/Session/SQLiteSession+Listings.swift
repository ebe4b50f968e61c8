import EdulinkCore
import Foundation
import GRDB

// Locking a listing for a write that checks its capacity (the other listing reads are shared).
extension SQLiteSession {
    /// A plain read. SQLite has one writer: the service calls this inside `write`, whose
    /// `BEGIN IMMEDIATE` already holds the database's write lock, so no other connection or process
    /// can change the listing (or its applications) until the transaction ends — the guarantee
    /// PostgreSQL needs `SELECT … FOR UPDATE` for.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try listing(id)
    }
}
