import GRDB

/// The database schema as named, append-only steps.
///
/// A migration is never edited once released: a change is a new step at the end. The identifiers
/// are what `edulink db status` shows as the schema version.
enum Migrations {
    /// Every migration identifier, oldest first.
    static let identifiers = [
        "v1-schema", "v2-search", "v3-server-state", "v4-alerts", "v5-search-prefixes", "v6-session-ends",
    ]

    /// The migrator that brings any Edulink database up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            for statement in SchemaV1.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2-search") { db in
            for statement in SearchIndexV2.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v3-server-state") { db in
            for statement in ServerStateV3.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v4-alerts") { db in
            for statement in AlertsV4.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v5-search-prefixes") { db in
            for statement in SearchPrefixesV5.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v6-session-ends") { db in
            for statement in SessionEndsV6.statements { try db.execute(sql: statement) }
        }
        return migrator
    }
}
