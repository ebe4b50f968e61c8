import EdulinkCore

/// The database schema as named, append-only steps, recorded in `schema_migrations`.
///
/// The identifiers match the SQLite store's, so `edulink db status` reads the same on both. A
/// migration is never edited once released: a change is a new step at the end. `PostgresStore`
/// applies the pending steps in one transaction holding a transaction-level advisory lock, so
/// several server instances starting at once apply each step exactly once: the first takes the
/// lock and migrates, the others wait for it, then find nothing pending.
enum PostgresMigrations {
    struct Migration: Sendable {
        let identifier: String
        let statements: [String]
        /// Run once the step's transaction has committed, one by one outside any transaction: what
        /// cannot be done right inside it (an index built in the transaction that rewrote its table
        /// also holds every row version that transaction replaced). Never needed for correctness: a
        /// statement that fails or never runs leaves a slower database, not a wrong one.
        let afterCommit: [String]

        init(identifier: String, statements: [String], afterCommit: [String] = []) {
            self.identifier = identifier
            self.statements = statements
            self.afterCommit = afterCommit
        }

        /// A step both stores share, in PostgreSQL's spelling.
        init(_ step: SchemaStep) {
            self.init(identifier: step.identifier, statements: step.statements(for: .postgres))
        }
    }

    static let all = [
        Migration(identifier: "v1-schema", statements: SchemaV1.statements),
        Migration(identifier: "v2-search", statements: SearchIndexV2.statements),
        Migration(SharedSchema.serverState),
        Migration(SharedSchema.alerts),
        // SQLite's v5 adds FTS5 prefix indexes of 5–10 characters. GIN needs none: it finds a prefix
        // (`'marketing':*`) in its sorted list of terms. The step is recorded so both stores report
        // the same schema version.
        Migration(identifier: "v5-search-prefixes", statements: []),
        Migration(SharedSchema.sessionEnds),
        Migration(SharedSchema.placements),
        Migration(SharedSchema.onboarding),
        Migration(SharedSchema.jobs),
        Migration(identifier: ErasureV10.identifier, statements: ErasureV10.statements),
        Migration(SharedSchema.savedSearchAlerts),
        Migration(identifier: ChangeSignalsV12.identifier, statements: ChangeSignalsV12.statements),
        Migration(identifier: OpenListingCountsV13.identifier, statements: OpenListingCountsV13.statements),
        Migration(identifier: SearchCoveringV14.identifier, statements: SearchCoveringV14.statements),
        Migration(SharedSchema.searchCategory),
        // SQLite's v16 puts the filters' values in the FTS5 index, so a count with words intersects
        // doclists instead of looking every match up: FTS5 cannot combine its match with another
        // index. PostgreSQL's planner can (a BitmapAnd of the GIN match and a b-tree of the filter
        // columns), so the step adds nothing here; it is recorded so both stores report the same
        // schema version.
        Migration(identifier: "v16-search-facets", statements: []),
        // SQLite's v17 adds the organization to those facets; `listings_organization` serves here.
        Migration(identifier: "v17-search-organizations", statements: []),
        Migration(identifier: SearchRecentV18.identifier, statements: SearchRecentV18.statements),
        Migration(
            identifier: SearchMarkersV19.identifier, statements: SearchMarkersV19.statements,
            afterCommit: SearchMarkersV19.afterCommit),
        Migration(identifier: SearchWordsV20.identifier, statements: SearchWordsV20.statements),
    ]

    /// Every migration identifier, oldest first.
    static var identifiers: [String] { all.map(\.identifier) }

    /// The advisory lock key migrations hold ("edulink" in ASCII).
    static let lockKey: Int64 = 0x65_64_75_6C_69_6E_6B

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            identifier text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Applies every pending migration inside the caller's transaction; returns those it applied.
    static func migrate(_ db: BlockingConnection) throws -> [String] {
        try db.query("SELECT pg_advisory_xact_lock($1)", [.int(lockKey)])
        try db.execute(createTable)
        let applied = try appliedIdentifiers(db)
        var done: [String] = []
        for migration in all where !applied.contains(migration.identifier) {
            for statement in migration.statements { try db.execute(statement) }
            try db.execute("INSERT INTO schema_migrations (identifier) VALUES ($1)", [.text(migration.identifier)])
            done.append(migration.identifier)
        }
        return done
    }

    /// The ``Migration/afterCommit`` statements of the steps `applied` (as ``migrate(_:)`` returned
    /// them), in their order; run them after its transaction commits.
    static func afterCommit(_ applied: [String]) -> [String] {
        all.filter { applied.contains($0.identifier) }.flatMap(\.afterCommit)
    }

    /// The applied identifiers, in the order they were applied; empty before the first migration.
    ///
    /// Steps applied in one transaction share `applied_at`, and their identifiers do not sort
    /// ("v10-…" before "v2-…"): the steps this build knows are in their order in ``all``, any others
    /// (of a newer release) after them as they were applied.
    static func appliedIdentifiers(_ db: BlockingConnection) throws -> [String] {
        let exists =
            try db.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").rows.first
            .map { try PostgresRowReader($0).bool("present") } ?? false
        guard exists else { return [] }
        let applied = try db.query("SELECT identifier FROM schema_migrations ORDER BY applied_at, identifier").rows
            .map { try PostgresRowReader($0).string("identifier") }
        let known = Dictionary(identifiers.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return applied.enumerated()
            .sorted { (known[$0.element] ?? Int.max, $0.offset) < (known[$1.element] ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
