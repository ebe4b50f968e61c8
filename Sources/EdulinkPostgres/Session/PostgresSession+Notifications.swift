import EdulinkCore
import Foundation

// In-app notifications and the delivery outbox.
extension PostgresSession {
    func hasNotification(userID: UserID, kind: NotificationKind, listingID: ListingID?, title: String) throws -> Bool {
        if let listingID {
            return try count(
                """
                SELECT count(*) AS count FROM notifications
                WHERE user_id = $1 AND kind = $2 AND listing_id = $3 AND title = $4
                """, [userID, kind.rawValue, listingID, title]) > 0
        }
        return try count(
            """
            SELECT count(*) AS count FROM notifications
            WHERE user_id = $1 AND kind = $2 AND listing_id IS NULL AND title = $3
            """, [userID, kind.rawValue, title]) > 0
    }

    func markNotificationsRead(userID: UserID, ids: [NotificationID]?, at date: Date) throws -> Int {
        if let ids {
            guard !ids.isEmpty else { return 0 }
            return try execute(
                """
                UPDATE notifications SET read_at = $1, is_read = TRUE
                WHERE user_id = $2 AND NOT is_read AND id = ANY($3)
                """, [date, userID, SQLValue.intArray(ids.map(\.rawValue))])
        }
        return try execute(
            "UPDATE notifications SET read_at = $1, is_read = TRUE WHERE user_id = $2 AND NOT is_read", [date, userID])
    }

    // MARK: Outbox

}
