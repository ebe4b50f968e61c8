import EdulinkCore
import Foundation

// The audit log and security events, newest first.
extension PostgresSession {
    func auditEvents(_ query: AuditQuery) throws -> [AuditEvent] {
        var arguments = SQLArguments()
        var conditions: [String] = []
        if let actor = query.actorID {
            conditions.append("actor_id = \(arguments.bind(actor))")
        }
        if let action = query.action, !action.isEmpty {
            // A prefix, compared exactly (no LIKE wildcards from the input).
            let prefix = arguments.bind(action)
            conditions.append("left(action, length(\(prefix))) = \(prefix)")
        }
        if let entity = query.entity {
            conditions.append("entity = \(arguments.bind(entity))")
        }
        if let entityID = query.entityID {
            conditions.append("entity_id = \(arguments.bind(entityID))")
        }
        if let since = query.since {
            conditions.append("at >= \(arguments.bind(since))")
        }
        if let until = query.until {
            conditions.append("at < \(arguments.bind(until))")
        }
        if let before = query.before {
            conditions.append("id < \(arguments.bind(before))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = arguments.bind(max(query.limit, 0))
        return try fetchAll(
            "SELECT * FROM audit_events \(whereClause) ORDER BY id DESC LIMIT \(limit)", arguments.values, Rows.audit)
    }

}
