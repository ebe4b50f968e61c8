import EdulinkCore
import Foundation

// In-app notifications and the delivery outbox.
extension PostgresSession {
    static func notification(_ r: PostgresRowReader) throws -> EdulinkCore.Notification {
        EdulinkCore.Notification(
            id: try r.id("id"), userID: try r.id("user_id"), kind: try r.value(NotificationKind.self, "kind"),
            title: try r.string("title"), body: try r.string("body"), createdAt: try r.date("created_at"),
            readAt: try r.optionalDate("read_at"), applicationID: try r.optionalID("application_id"),
            listingID: try r.optionalID("listing_id"))
    }

    /// Unread first (false sorts before true), then newest first (`notifications_user_inbox` gives
    /// this order). Paging after `before` continues from that notification's place in the same order.
    func notifications(userID: UserID, unreadOnly: Bool, limit: Int, offsetID before: NotificationID?) throws
        -> [EdulinkCore.Notification]
    {
        var arguments = SQLArguments()
        var conditions = ["user_id = \(arguments.bind(userID))"]
        if unreadOnly { conditions.append("NOT is_read") }
        if let before {
            guard
                let anchor = try fetchOne(
                    "SELECT is_read, created_at FROM notifications WHERE id = $1", [before],
                    { (try $0.bool("is_read"), try $0.date("created_at")) })
            else { return [] }
            let read = arguments.bind(anchor.0)
            let at = arguments.bind(anchor.1)
            let id = arguments.bind(before)
            conditions.append(
                """
                (is_read > \(read) OR (is_read = \(read) AND (created_at < \(at)
                    OR (created_at = \(at) AND id < \(id)))))
                """)
        }
        let limit = arguments.bind(max(limit, 0))
        return try fetchAll(
            """
            SELECT * FROM notifications WHERE \(conditions.joined(separator: " AND "))
            ORDER BY is_read, created_at DESC, id DESC LIMIT \(limit)
            """, arguments.values, Self.notification)
    }

    func notification(_ id: NotificationID) throws -> EdulinkCore.Notification? {
        try fetchOne("SELECT * FROM notifications WHERE id = $1", [id], Self.notification)
    }

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
