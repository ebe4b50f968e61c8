import EdulinkCore
import Foundation
import GRDB

// In-app notifications and the delivery outbox.
extension SQLiteSession {
    static func notification(_ r: RowReader) throws -> EdulinkCore.Notification {
        EdulinkCore.Notification(
            id: try r.id("id"), userID: try r.id("user_id"), kind: try r.value(NotificationKind.self, "kind"),
            title: try r.string("title"), body: try r.string("body"), createdAt: try r.date("created_at"),
            readAt: try r.optionalDate("read_at"), applicationID: try r.optionalID("application_id"),
            listingID: try r.optionalID("listing_id"))
    }

    /// Unread first, then newest first (`notifications_user_inbox` gives this order). Paging after
    /// `before` continues from that notification's place in the same order.
    func notifications(userID: UserID, unreadOnly: Bool, limit: Int, offsetID before: NotificationID?) throws
        -> [EdulinkCore.Notification]
    {
        var conditions = ["user_id = :user"]
        var arguments: Arguments = ["user": userID.rawValue, "limit": max(limit, 0)]
        if unreadOnly { conditions.append("is_read = 0") }
        if let before {
            guard
                let anchor = try fetchOne(
                    "SELECT is_read, created_at FROM notifications WHERE id = ?", [before.rawValue],
                    { (try $0.int("is_read"), try $0.int64("created_at")) })
            else { return [] }
            conditions.append(
                """
                (is_read > :anchor_read OR (is_read = :anchor_read AND (created_at < :anchor_at
                    OR (created_at = :anchor_at AND id < :anchor_id))))
                """)
            arguments["anchor_read"] = anchor.0
            arguments["anchor_at"] = anchor.1
            arguments["anchor_id"] = before.rawValue
        }
        return try fetchAll(
            """
            SELECT * FROM notifications WHERE \(conditions.joined(separator: " AND "))
            ORDER BY is_read, created_at DESC, id DESC LIMIT :limit
            """, StatementArguments(arguments), Self.notification)
    }

    func notification(_ id: NotificationID) throws -> EdulinkCore.Notification? {
        try fetchOne("SELECT * FROM notifications WHERE id = ?", [id.rawValue], Self.notification)
    }

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
