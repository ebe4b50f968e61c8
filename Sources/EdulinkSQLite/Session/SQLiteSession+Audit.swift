import EdulinkCore
import Foundation
import GRDB

// The audit log and security events, newest first.
extension SQLiteSession {
    func auditEvents(_ query: AuditQuery) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: Arguments = ["limit": max(query.limit, 0)]
        if let actor = query.actorID {
            conditions.append("actor_id = :actor")
            arguments["actor"] = actor.rawValue
        }
        if let action = query.action, !action.isEmpty {
            // A prefix, compared exactly (no LIKE wildcards from the input).
            conditions.append("substr(action, 1, length(:action)) = :action")
            arguments["action"] = action
        }
        if let entity = query.entity {
            conditions.append("entity = :entity")
            arguments["entity"] = entity
        }
        if let entityID = query.entityID {
            conditions.append("entity_id = :entity_id")
            arguments["entity_id"] = entityID
        }
        if let since = query.since {
            conditions.append("at >= :since")
            arguments["since"] = ColumnCoding.microseconds(since)
        }
        if let until = query.until {
            conditions.append("at < :until")
            arguments["until"] = ColumnCoding.microseconds(until)
        }
        if let before = query.before {
            conditions.append("id < :before")
            arguments["before"] = before.rawValue
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try fetchAll(
            "SELECT * FROM audit_events \(whereClause) ORDER BY id DESC LIMIT :limit", StatementArguments(arguments),
            Rows.audit)
    }

}
