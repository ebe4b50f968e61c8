import EdulinkCore
import Foundation
import GRDB

// In-app notifications and the delivery outbox.
extension SQLiteSession {
    func hasNotification(userID: UserID, kind: NotificationKind, listingID: ListingID?, title: String) throws -> Bool {
        try count(
            """
            SELECT count(*) FROM notifications
            WHERE user_id = ? AND kind = ? AND listing_id IS ? AND title = ?
            """, [userID.rawValue, kind.rawValue, listingID?.rawValue, title]) > 0
    }

    func markNotificationsRead(userID: UserID, ids: [NotificationID]?, at date: Date) throws -> Int {
        let at = ColumnCoding.microseconds(date)
        if let ids {
            guard !ids.isEmpty else { return 0 }
            try execute(
                """
                UPDATE notifications SET read_at = ?, is_read = 1
                WHERE user_id = ? AND is_read = 0 AND id IN (SELECT value FROM json_each(?))
                """, [at, userID.rawValue, try ColumnCoding.json(ids.map(\.rawValue))])
        } else {
            try execute(
                "UPDATE notifications SET read_at = ?, is_read = 1 WHERE user_id = ? AND is_read = 0",
                [at, userID.rawValue])
        }
        return db.changesCount
    }

    // MARK: Outbox

}
