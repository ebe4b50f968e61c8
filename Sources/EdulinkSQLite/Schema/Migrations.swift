import EdulinkCore
import GRDB

/// The database schema as named, append-only steps.
///
/// A migration is never edited once released: a change is a new step at the end. The identifiers
/// are what `edulink db status` shows as the schema version.
enum Migrations {
    /// Every migration identifier, oldest first: the migrator's own list, so a step added there is
    /// known everywhere (status, restore checks) at once.
    static let identifiers = migrator.migrations

    /// The steps SQLite only records, oldest first: PostgreSQL's own, registered here (by this list,
    /// the one place they are named) with nothing to do so both stores report the same schema
    /// version. Migrating through these alone changes nothing in the file, so `SQLiteStore` makes no
    /// backup first (a 4.5 GB database took 48 s to back up).
    /// - v18: a GIN index over the newest listings, because GIN reads a word's postings in heap
    ///   order; FTS5's doclists are in rowid order already.
    /// - v19: the shortest prefixes of every word as lexemes of their own, because GIN merges all the
    ///   postings of a prefix before it can skip; FTS5 has its prefix indexes (`prefix='2 3 4'`).
    /// - v20: a table of the documents' words, to spell a longer word being typed as the words it
    ///   begins; FTS5's prefix indexes go to ten characters (v5-search-prefixes).
    static let recordedOnly = ["v18-search-recent", "v19-search-markers", "v20-search-words"]

    /// Whether bringing a database with `pending` steps up to date changes anything in its file.
    static func changesFile(_ pending: [String]) -> Bool {
        !Set(pending).isSubset(of: recordedOnly)
    }

    /// The migrator that brings any Edulink database up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            for statement in SchemaV1.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration("v2-search") { db in
            for statement in SearchIndexV2.statements { try db.execute(sql: statement) }
        }
        register(SharedSchema.serverState, in: &migrator)
        register(SharedSchema.alerts, in: &migrator)
        migrator.registerMigration("v5-search-prefixes") { db in
            for statement in SearchPrefixesV5.statements { try db.execute(sql: statement) }
        }
        register(SharedSchema.sessionEnds, in: &migrator)
        register(SharedSchema.placements, in: &migrator)
        register(SharedSchema.onboarding, in: &migrator)
        register(SharedSchema.jobs, in: &migrator)
        migrator.registerMigration(ErasureV10.identifier) { db in
            for statement in ErasureV10.statements { try db.execute(sql: statement) }
        }
        register(SharedSchema.savedSearchAlerts, in: &migrator)
        migrator.registerMigration(ChangeSignalsV12.identifier) { db in
            for statement in ChangeSignalsV12.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration(OpenListingCountsV13.identifier) { db in
            for statement in OpenListingCountsV13.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration(SearchCoveringV14.identifier) { db in
            for statement in SearchCoveringV14.statements { try db.execute(sql: statement) }
        }
        register(SharedSchema.searchCategory, in: &migrator)
        migrator.registerMigration(SearchFacetsV16.identifier) { db in
            for statement in SearchFacetsV16.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration(SearchOrganizationsV17.identifier) { db in
            for statement in SearchOrganizationsV17.statements { try db.execute(sql: statement) }
        }
        for identifier in recordedOnly { migrator.registerMigration(identifier) { _ in } }
        return migrator
    }

    /// Registers a step both stores share, in SQLite's spelling.
    private static func register(_ step: SchemaStep, in migrator: inout DatabaseMigrator) {
        let statements = step.statements(for: .sqlite)
        migrator.registerMigration(step.identifier) { db in
            for statement in statements { try db.execute(sql: statement) }
        }
    }
}

extension SQLiteStore {
    /// Every migration of this build, oldest first (`db status` shows them).
    public static var migrationIdentifiers: [String] { Migrations.identifiers }

    /// The migrations SQLite only records, with nothing to do (``Migrations/recordedOnly``).
    public static var recordedOnlyMigrations: Set<String> { Set(Migrations.recordedOnly) }

    /// Creates the database file at `path` with the schema up to and including `identifier` only: an
    /// older release's database, for tests of what happens when this release opens it.
    public static func createFile(at path: String, migratedUpTo identifier: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: identifier)
        try queue.close()
    }
}
