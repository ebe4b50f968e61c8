import EdulinkCore
import Foundation

// Locking a listing for a write that checks its capacity (the other listing reads are shared).
extension PostgresSession {
    /// `SELECT … FOR UPDATE`: the row stays locked until the transaction ends, so a concurrent
    /// apply to the same listing waits here and then sees this transaction's applications (under
    /// READ COMMITTED each statement after the wait reads the newly committed rows). That is what
    /// makes the capacity rule hold with many writers.
    func lockListing(_ id: ListingID) throws -> Listing? {
        try fetchOne("SELECT * FROM listings WHERE id = $1 FOR UPDATE", [id], Rows.listing)
    }
}
