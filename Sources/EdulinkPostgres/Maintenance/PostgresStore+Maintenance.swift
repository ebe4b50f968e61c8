public import EdulinkCore
import Foundation
import PostgresNIO

// Status, integrity, vacuum, analyze and reindex: `edulink db …` and the admin Data tab.
extension PostgresStore {
    /// Server version, database size, migrations, row counts, and the last integrity check and backup.
    public func status() async throws -> DatabaseStatus {
        let location = location.redacted
        return try await transaction(.read) { db in
            let session = PostgresSession(db)
            let applied = try PostgresMigrations.appliedIdentifiers(db)
            var counts: [String: Int] = [:]
            for table in DatabaseStatus.countedTables {
                counts[table] = try session.count("SELECT count(*) AS count FROM \(table)")
            }
            let facts = try session.fetchOne(
                "SELECT current_setting('server_version') AS version, pg_database_size(current_database()) AS size"
            ) { (try $0.string("version"), try $0.int64("size")) }
            return DatabaseStatus(
                location: location, engine: "PostgreSQL \(facts?.0 ?? "")", schemaVersion: applied.last ?? "none",
                appliedMigrations: applied,
                pendingMigrations: PostgresMigrations.identifiers.filter { !applied.contains($0) },
                sizeBytes: facts?.1 ?? 0, walSizeBytes: 0, rowCounts: counts,
                lastIntegrityCheck: try Self.lastIntegrityReport(session),
                lastBackup: try session.fetchOne(
                    "SELECT * FROM backups ORDER BY created_at DESC, id DESC LIMIT 1", [], Rows.backupRecord))
        }
    }

    /// Checks what PostgreSQL does not enforce by itself and keeps the result in `meta` for
    /// `status()` and the health panel:
    ///
    /// - every listing's `application_count` equals its applications that are not withdrawn;
    /// - every listing's copy of its organization's name and its search vector are current;
    /// - the append-only triggers on `application_events` exist and are enabled;
    /// - with the `amcheck` extension installed, every B-tree index of the schema passes
    ///   `bt_index_check`. (Foreign keys are enforced by PostgreSQL on every write.)
    public func checkIntegrity() async throws -> IntegrityReport {
        let at = clock.now()
        return try await transaction(.write) { db in
            let session = PostgresSession(db)
            var problems: [String] = []
            let counts = try session.fetchAll(
                """
                SELECT l.id, l.application_count, (SELECT count(*) FROM applications a
                    WHERE a.listing_id = l.id AND a.status <> 'withdrawn') AS actual
                FROM listings l
                WHERE l.application_count <> (SELECT count(*) FROM applications a
                    WHERE a.listing_id = l.id AND a.status <> 'withdrawn')
                ORDER BY l.id LIMIT 100
                """
            ) { r in
                "listing \(try r.int64("id")) counts \(try r.int64("application_count")) applications, "
                    + "has \(try r.int64("actual"))"
            }
            problems += counts
            problems += try session.fetchAll(
                """
                SELECT l.id FROM listings l JOIN organizations o ON o.id = l.organization_id
                WHERE l.organization_name <> o.name ORDER BY l.id LIMIT 100
                """
            ) { "listing \(try $0.int64("id")) has a stale organization name" }
            problems += try session.fetchAll(
                """
                SELECT id FROM listings
                WHERE search_vector <> listings_search_document(title, skills_text, organization_name, location,
                    description)
                ORDER BY id LIMIT 100
                """
            ) { "listing \(try $0.int64("id")) has a stale search vector" }
            let missing = try session.fetchAll(SearchWordsV20.missingWordsCheck) { try $0.string("word") }
            if !missing.isEmpty {
                problems.append(
                    "search_words lacks words the listings hold (\(missing.joined(separator: ", "))): a search "
                        + "typing them would miss those listings; 'edulink db reindex' adds them")
            }
            let guards = try session.count(
                """
                SELECT count(*) AS count FROM pg_trigger
                WHERE tgrelid = 'application_events'::regclass AND tgenabled <> 'D'
                    AND tgname IN ('application_events_no_update', 'application_events_no_truncate')
                """)
            if guards < 2 { problems.append("application_events is not protected by its append-only triggers") }
            let hasAmcheck =
                try session.count("SELECT count(*) AS count FROM pg_extension WHERE extname = 'amcheck'") > 0
            if hasAmcheck {
                try db.execute("SAVEPOINT amcheck")
                do {
                    try db.execute(
                        """
                        SELECT bt_index_check(c.oid) FROM pg_index i
                        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                        WHERE am.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace
                        """)
                    try db.execute("RELEASE SAVEPOINT amcheck")
                } catch {
                    try db.execute("ROLLBACK TO SAVEPOINT amcheck")
                    problems.append("amcheck: \(Self.serverMessage(error))")
                }
            }
            let report = IntegrityReport(ok: problems.isEmpty, problems: problems, checkedAt: at)
            try session.execute(
                """
                INSERT INTO meta (key, value) VALUES ('last_integrity_check', $1)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [try Self.json(report)])
            return report
        }
    }

    /// `VACUUM (ANALYZE)`: reclaims dead rows for new ones and refreshes statistics; with `full`,
    /// `VACUUM (FULL, ANALYZE)`: rewrites every table and its indexes, so the space goes back to the
    /// file system, holding each table while it is rewritten (reads wait too) and needing as much
    /// free disk as the table takes. Outside a transaction, as PostgreSQL requires.
    public func vacuum(full: Bool) async throws {
        try await command(full ? "VACUUM (FULL, ANALYZE)" : "VACUUM (ANALYZE)")
    }

    /// Rolls the index over the newest listings when it has grown (``rollRecentSearchIndex(coverage:)``);
    /// nothing else: the GIN indexes' pending entries are merged by autovacuum (and `vacuum()`).
    /// Nil: there are no segments to report.
    public func tidySearchIndex(pages: Int) async throws -> SearchIndexTidy? {
        try await rollRecentSearchIndex()
        return nil
    }

    /// Builds `listings_search_recent` (``SearchRecentV18``) again over the newest `coverage` ids
    /// once it covers more than twice that, without blocking searches or writes: the new index is
    /// built concurrently under another name, then in one transaction the two are renamed and the
    /// bound recorded, then the old one is dropped concurrently. A roll cut short (a crash during the
    /// build leaves an invalid index) is cleared by the next. One process at a time (an advisory
    /// lock; another finds it taken and does nothing). An index dropped by hand is made again the
    /// same way. Returns whether it rolled; a failure fails
    /// the jobs' run, which records why (the searches go on with the index as it was).
    @discardableResult
    func rollRecentSearchIndex(coverage: Int64 = SearchRecentV18.coverage) async throws -> Bool {
        let index = SearchRecentV18.index
        let table = SearchRecentV18.table
        do {
            return try await onConnection { db in
                let state = try db.query(
                    """
                    SELECT bound, (SELECT max(id) FROM listings) AS newest,
                        to_regclass('\(index)') IS NULL AS missing
                    FROM \(table)
                    """
                ).rows.first.map(PostgresRowReader.init)
                guard let state, let newest = try state.optionalInt64("newest") else { return false }
                let grown = newest - (try state.int64("bound")) > 2 * coverage
                let missing = try state.optionalBool("missing") == true
                guard grown || missing else { return false }
                let locked =
                    try db.query("SELECT pg_try_advisory_lock($1) AS locked", [.int(Self.rollLockKey)])
                    .rows.first.map { try PostgresRowReader($0).optionalBool("locked") } ?? nil
                guard locked == true else { return false }
                defer { _ = try? db.query("SELECT pg_advisory_unlock($1)", [.int(Self.rollLockKey)]) }
                let bound = newest - coverage
                _ = try db.execute("DROP INDEX CONCURRENTLY IF EXISTS \(index)_next")
                _ = try db.execute("DROP INDEX CONCURRENTLY IF EXISTS \(index)_old")
                _ = try db.execute(
                    SearchRecentV18.createIndex(named: "\(index)_next", above: bound, concurrently: true))
                _ = try db.execute("BEGIN")
                do {
                    // IF EXISTS: an index dropped by hand is made again by the roll.
                    _ = try db.execute("ALTER INDEX IF EXISTS \(index) RENAME TO \(index)_old")
                    _ = try db.execute("ALTER INDEX \(index)_next RENAME TO \(index)")
                    _ = try db.execute("UPDATE \(table) SET bound = $1", [.int(bound)])
                    _ = try db.execute("COMMIT")
                } catch {
                    _ = try? db.execute("ROLLBACK")
                    throw error
                }
                _ = try db.execute("DROP INDEX CONCURRENTLY IF EXISTS \(index)_old")
                return true
            }
        } catch {
            throw mapped(error)
        }
    }

    /// The advisory lock a roll of the recent search index holds ("search" in ASCII).
    static let rollLockKey: Int64 = 0x73_65_61_72_63_68

    /// Refreshes the query planner's statistics.
    public func analyze() async throws {
        try await command("ANALYZE")
    }

    /// Rebuilds every index of the schema, the GIN search index included, after adding to
    /// `search_words` any word the listings hold that it lacks (``SearchWordsV20``).
    public func reindex() async throws {
        try await command(SearchWordsV20.addMissingWords)
        try await command("REINDEX SCHEMA CONCURRENTLY \(try await currentSchema())")
    }

    // MARK: Helpers

    /// Runs one statement outside any transaction block.
    func command(_ sql: String) async throws {
        do {
            try await onConnection { db in _ = try db.execute(sql) }
        } catch {
            throw mapped(error)
        }
    }

    func currentSchema() async throws -> String {
        try await transaction(.read) { db in
            try PostgresSession(db).fetchOne("SELECT current_schema() AS schema") { try $0.string("schema") }
                ?? "public"
        }
    }

    static func lastIntegrityReport(_ session: PostgresSession) throws -> IntegrityReport? {
        guard
            let json = try session.fetchOne(
                "SELECT value FROM meta WHERE key = 'last_integrity_check'", [], { try $0.string("value") })
        else { return nil }
        do {
            return try JSONDecoder().decode(IntegrityReport.self, from: Data(json.utf8))
        } catch {
            throw EdulinkError.unavailable("The database holds an unreadable integrity report: \(error).")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func serverMessage(_ error: any Error) -> String {
        (error as? PSQLError)?.serverInfo?[.message] ?? "\(error)"
    }
}
