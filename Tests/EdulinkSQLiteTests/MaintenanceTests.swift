import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("Maintenance: integrity, backups, retention and restore", .timeLimit(.minutes(10)))
struct MaintenanceTests {
    @Test("the integrity check passes on a sound database and is remembered")
    func integrity() async throws {
        try await withTemporaryStore { store, _, _ in
            let report = try await store.checkIntegrity()
            #expect(report.ok)
            #expect(report.problems.isEmpty)
            #expect(try await store.status().lastIntegrityCheck == report)
            try await store.analyze()
            try await store.reindex()
            try await store.vacuum()
        }
    }

    /// `listings` synthetic listings, merged, then 30 of them edited one per write transaction, as a
    /// live server makes them (from another connection, as another process would): the store, the
    /// edited ids, the segments the edits left, and what `intern` finds.
    static func liveIndex(
        _ store: SQLiteStore, folder: URL, listings: Int
    ) async throws -> (ids: [Int64], live: Int, interns: [ListingID]) {
        _ = try await SyntheticDataGenerator(batchSize: 40).generate(listings: listings, seed: 3, into: store)
        #expect(
            try await store.tidySearchIndex(pages: 10_000)
                == SearchIndexTidy(segmentsBefore: 1, segmentsAfter: 1, complete: true))
        let writer = try DatabaseQueue(path: folder.appendingPathComponent("edulink.sqlite").path)
        let ids = try await writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM listings ORDER BY id LIMIT 30") }
        for id in ids {
            try await writer.write {
                try $0.execute(sql: "UPDATE listings SET title = title || ' upkeep' WHERE id = ?", arguments: [id])
            }
        }
        try writer.close()
        let live = try await store.searchIndexSegments()
        #expect(live > 2)
        #expect(try await store.status().searchIndexSegments == live)
        let interns = try await store.search(ListingFilter(terms: [.word("intern")]), limit: listings).map(\.id)
        #expect(interns.count == listings)
        return (ids, live, interns)
    }

    /// Pages of the full-text index (rows of its `_data` table).
    static func indexPages(_ store: SQLiteStore) async throws -> Int {
        try await store.rawDatabase().read { try Int.fetchOne($0, sql: "SELECT count(*) FROM listings_fts_data") ?? 0 }
    }

    @Test("a small index is tidied whole into one segment, without changing an answer")
    func tidySmallSearchIndex() async throws {
        try await withTemporaryStore { store, folder, _ in
            let (ids, live, interns) = try await Self.liveIndex(store, folder: folder, listings: 200)
            #expect(try await Self.indexPages(store) <= 1_000)
            #expect(
                try await store.tidySearchIndex(pages: 0)
                    == SearchIndexTidy(segmentsBefore: live, segmentsAfter: live, complete: false))
            #expect(
                try await store.tidySearchIndex(pages: 10_000)
                    == SearchIndexTidy(segmentsBefore: live, segmentsAfter: 1, complete: true))
            #expect(try await store.search(ListingFilter(terms: [.word("intern")]), limit: 200).map(\.id) == interns)
            #expect(Set(try await store.search("upkeep").map(\.id.rawValue)) == Set(ids))
            #expect(try await store.checkIntegrity().ok)
        }
    }

    @Test("tidying the search index merges a live index's segments and changes no answer; a merged one is left alone")
    func tidySearchIndex() async throws {
        try await withTemporaryStore { store, folder, _ in
            let listings = 3_000
            let (ids, live, interns) = try await Self.liveIndex(store, folder: folder, listings: listings)
            // Larger than a whole merge: the incremental merge works a level at a time.
            #expect(try await Self.indexPages(store) > 1_000)
            // No pages to spend: nothing merged.
            #expect(
                try await store.tidySearchIndex(pages: 0)
                    == SearchIndexTidy(segmentsBefore: live, segmentsAfter: live, complete: false))

            let tidy = try #require(try await store.tidySearchIndex(pages: 100_000))
            #expect(tidy.segmentsBefore == live)
            #expect(tidy.merged > 0)
            #expect(tidy.segmentsAfter < live && tidy.segmentsAfter <= 4, "one segment per level at most: \(tidy)")
            #expect(tidy.complete)
            let again = try #require(try await store.tidySearchIndex(pages: 100_000))
            #expect(again.merged == 0 && again.complete)
            #expect(try await store.searchIndexSegments() == tidy.segmentsAfter)
            #expect(
                try await store.search(ListingFilter(terms: [.word("intern")]), limit: listings).map(\.id) == interns)
            #expect(Set(try await store.search("upkeep").map(\.id.rawValue)) == Set(ids))
            #expect(try await store.checkIntegrity().ok)
        }
    }

    @Test("opening a database that needs migrating backs it up first, verified; a fresh or current one is not")
    func backupBeforeMigrating() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-premigrate-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("edulink.sqlite").path
        let backups = folder.appendingPathComponent("backups")
        let clock = ManualTimeSource(Fixtures.now)
        // A fresh file: migrated from nothing, nothing to back up.
        _ = try SQLiteStore(path: path, clock: clock)
        #expect(!FileManager.default.fileExists(atPath: backups.path))
        // The schema as the release before the last step SQLite runs left it, with a row in it.
        try FileManager.default.removeItem(atPath: path)
        let identifiers = SQLiteStore.migrationIdentifiers
        let last = try #require(identifiers.lastIndex { !SQLiteStore.recordedOnlyMigrations.contains($0) })
        let previous = identifiers[last - 1]
        try SQLiteStore.createFile(at: path, migratedUpTo: previous)
        let older = try DatabaseQueue(path: path)
        try await older.write { db in
            try db.execute(
                sql: "INSERT INTO institutions (name, name_key, short_code, type, verified) VALUES (?, ?, ?, ?, ?)",
                arguments: ["Egerton University", "egerton university", "EGU", "university", true])
        }
        try older.close()

        let store = try SQLiteStore(path: path, clock: clock)
        let made = try await store.backups()
        #expect(made.count == 1)
        #expect(made.first?.integrityOK == true)
        let copy = try DatabaseQueue(path: try #require(made.first?.path))
        let copied = try await copy.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM institutions"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(copied.0 == 1)
        #expect(copied.1.last == previous)
        #expect(try await store.status().pendingMigrations.isEmpty)
        // Opened again, up to date: no second backup.
        _ = try SQLiteStore(path: path, clock: clock)
        #expect(try await store.backups().count == 1)
    }

    @Test(
        "steps SQLite only records change nothing in the file, so opening a database that needs only them backs up nothing"
    )
    func recordedOnlySteps() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-recorded-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("edulink.sqlite").path
        let identifiers = SQLiteStore.migrationIdentifiers
        let recorded = SQLiteStore.recordedOnlyMigrations
        #expect(!recorded.isEmpty && recorded.isSubset(of: Set(identifiers)))
        // The file as the release before the first of the newest steps SQLite only records left it.
        let first = try #require(
            identifiers.firstIndex { identifier in
                identifiers.drop { $0 != identifier }.allSatisfy(recorded.contains)
            })
        try SQLiteStore.createFile(at: path, migratedUpTo: identifiers[first - 1])
        let older = try DatabaseQueue(path: path)
        func schema(_ queue: DatabaseQueue) async throws -> [String] {
            try await queue.read { db in
                try String.fetchAll(
                    db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY 1")
            }
        }
        let before = try await schema(older)
        try await older.write { db in
            try db.execute(
                sql: "INSERT INTO institutions (name, name_key, short_code, type, verified) VALUES (?, ?, ?, ?, ?)",
                arguments: ["Egerton University", "egerton university", "EGU", "university", true])
        }
        try older.close()

        var told: [String]?
        let store = try SQLiteStore(path: path, clock: ManualTimeSource(Fixtures.now)) { pending, _ in told = pending }
        #expect(told == nil)
        #expect(try await store.backups().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("backups").path))
        let status = try await store.status()
        #expect(status.pendingMigrations.isEmpty && status.schemaVersion == identifiers.last)
        #expect(status.rowCounts["institutions"] == 1)
        let after = try DatabaseQueue(path: path)
        #expect(try await schema(after) == before)
        try after.close()
    }

    @Test("a backup is a verified copy readable by its owner only, recorded in the list")
    func backup() async throws {
        try await withTemporaryStore { store, folder, _ in
            _ = try await Fixtures.employer(store)
            let directory = folder.appendingPathComponent("backups")
            let record = try await store.backup(into: directory, keepDays: 30)
            #expect(record.integrityOK)
            #expect(URL(fileURLWithPath: record.path).lastPathComponent == "edulink-20270115-080000.sqlite")
            let mode = try FileManager.default.attributesOfItem(atPath: record.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions]
            #expect((folderMode as? NSNumber)?.intValue == 0o700)
            #expect(try await store.backups() == [record])
            #expect(try await store.status().lastBackup == record)
            let copy = try DatabaseQueue(path: record.path)
            #expect(try await copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM organizations") } == 1)
        }
    }

    @Test("retention deletes snapshots older than the limit, never the new one")
    func retention() async throws {
        try await withTemporaryStore { store, folder, clock in
            let directory = folder.appendingPathComponent("backups")
            let old = try await store.backup(into: directory, keepDays: 30)
            clock.advance(by: 10 * 86_400)
            let middle = try await store.backup(into: directory, keepDays: 30)
            clock.advance(by: 25 * 86_400)
            let newest = try await store.backup(into: directory, keepDays: 30)
            #expect(!FileManager.default.fileExists(atPath: old.path))
            #expect(FileManager.default.fileExists(atPath: middle.path))
            #expect(try await store.backups().map(\.id) == [newest.id, middle.id])
            clock.advance(by: 1)
            let only = try await store.backup(into: directory, keepDays: 0)
            #expect(FileManager.default.fileExists(atPath: only.path))
            #expect(try await store.backups().map(\.id) == [only.id])
        }
    }

    @Test("restore brings back the snapshot, keeps a backup of what it replaced, and keeps the backup list")
    func restoreRoundTrip() async throws {
        try await withTemporaryStore { store, folder, clock in
            let directory = folder.appendingPathComponent("backups")
            _ = try await Fixtures.employer(store, name: "Before Backup")
            let snapshot = try await store.backup(into: directory, keepDays: 30)
            _ = try await Fixtures.employer(store, name: "After Backup")
            clock.advance(by: 60)
            let safety = try await store.restore(from: URL(fileURLWithPath: snapshot.path), backupDirectory: directory)
            let names = try await store.read { try $0.organizations().map(\.name) }
            #expect(names == ["Before Backup"])
            #expect(FileManager.default.fileExists(atPath: safety.path))
            let safetyCopy = try DatabaseQueue(path: safety.path)
            #expect(try await safetyCopy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM organizations") } == 2)
            #expect(Set(try await store.backups().map(\.path)) == [snapshot.path, safety.path])
            #expect(try await store.checkIntegrity().ok)
            _ = try await Fixtures.employer(store, name: "After Restore")
        }
    }

    @Test("restore over a damaged database keeps its safety copy, marked as failing, and restores")
    func restoreOverDamaged() async throws {
        try await withTemporaryStore { store, folder, clock in
            let directory = folder.appendingPathComponent("backups")
            _ = try await Fixtures.employer(store, name: "Before Backup")
            let snapshot = try await store.backup(into: directory, keepDays: 30)
            // Rows lost behind the foreign keys' back: the employer's organization is gone.
            var unchecked = Configuration()
            unchecked.foreignKeysEnabled = false
            let raw = try DatabaseQueue(path: store.path, configuration: unchecked)
            try await raw.write { try $0.execute(sql: "DELETE FROM organizations") }
            try raw.close()
            #expect(try await store.checkIntegrity().ok == false)
            clock.advance(by: 60)
            let safety = try await store.restore(from: URL(fileURLWithPath: snapshot.path), backupDirectory: directory)
            #expect(!safety.integrityOK)
            #expect(FileManager.default.fileExists(atPath: safety.path))
            #expect(try await store.backups().first { $0.path == safety.path }?.integrityOK == false)
            #expect(try await store.read { try $0.organizations().map(\.name) } == ["Before Backup"])
            #expect(try await store.checkIntegrity().ok)
        }
    }

    @Test(
        "restore refuses a damaged or foreign file and leaves the live data alone", arguments: ["garbage", "foreign"])
    func restoreRefuses(kind: String) async throws {
        try await withTemporaryStore { store, folder, _ in
            _ = try await Fixtures.employer(store, name: "Live Data")
            let file = folder.appendingPathComponent("\(kind).sqlite")
            if kind == "garbage" {
                try Data(repeating: 0x41, count: 8192).write(to: file)
            } else {
                let foreign = try DatabaseQueue(path: file.path)
                try await foreign.write {
                    try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                }
                try foreign.close()
            }
            await #expect {
                try await store.restore(from: file, backupDirectory: folder.appendingPathComponent("backups"))
            } throws: { error in
                guard case .validation(let errors) = error as? EdulinkError else { return false }
                return errors.first?.field == "file" && errors.first?.message.contains("not changed") == true
            }
            #expect(try await store.read { try $0.organizations().map(\.name) } == ["Live Data"])
        }
    }

    @Test("status of a database never migrated reports every migration pending and no rows")
    func statusBeforeMigrating() async throws {
        try await withTemporaryStore { _, folder, _ in
            let store = try SQLiteStore(path: folder.appendingPathComponent("empty.sqlite").path, migrate: false)
            let status = try await store.status()
            #expect(status.appliedMigrations.isEmpty)
            #expect(status.schemaVersion == "none")
            #expect(status.pendingMigrations.last == SQLiteStore.latestSchemaVersion)
            #expect(status.pendingMigrations.first == "v1-schema")
            #expect(status.rowCounts.values.allSatisfy { $0 == 0 })
            #expect(status.lastBackup == nil)
            #expect(status.lastIntegrityCheck == nil)
        }
    }

    @Test("a snapshot is one self-contained file: no -wal or -shm beside it, and strays are removed")
    func snapshotIsOneFile() async throws {
        try await withTemporaryStore { store, folder, clock in
            _ = try await Fixtures.employer(store)
            let directory = folder.appendingPathComponent("backups")
            let first = try await store.backup(into: directory, keepDays: 30)
            let copy = try DatabaseQueue(path: first.path)
            #expect(try await copy.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
            #expect(try await copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM organizations") } == 1)
            try copy.close()
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path) == [
                    URL(fileURLWithPath: first.path).lastPathComponent
                ])
            // Files an older version left beside a snapshot go with the next backup.
            for suffix in ["-wal", "-shm"] {
                _ = FileManager.default.createFile(atPath: first.path + suffix, contents: Data([1]))
            }
            clock.advance(by: 60)
            let second = try await store.backup(into: directory, keepDays: 30)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                    == [first.path, second.path].map { URL(fileURLWithPath: $0).lastPathComponent }.sorted())
        }
    }

    @Test("status reports migrations, sizes and row counts")
    func status() async throws {
        try await withTemporaryStore { store, _, _ in
            _ = try await Fixtures.employer(store)
            let status = try await store.status()
            #expect(
                status.appliedMigrations == [
                    "v1-schema", "v2-search", "v3-server-state", "v4-alerts", "v5-search-prefixes", "v6-session-ends",
                    "v7-placements", "v8-onboarding", "v9-jobs", "v10-erasure",
                    "v11-saved-search-alerts", "v12-change-signals", "v13-open-listing-counts", "v14-search-covering",
                    "v15-search-category", "v16-search-facets", "v17-search-organizations", "v18-search-recent",
                    "v19-search-markers",
                    "v20-search-words",
                ])
            #expect(status.rowCounts["organizations"] == 1)
            #expect(status.rowCounts["users"] == 1)
            #expect(status.sizeBytes > 0)
        }
    }

    @Test("hot queries read through indexes, never a scan of listings or applications")
    func queryPlans() async throws {
        try await withTemporaryStore { store, _, _ in
            let queue = try store.rawDatabase()
            let now = 1_800_000_000_000_000
            let queries: [String] = [
                "SELECT * FROM applications WHERE listing_id = 1 AND status = 'pending' AND id > 0 ORDER BY id LIMIT 50",
                "SELECT * FROM applications WHERE listing_id = 1 AND id > 0 ORDER BY id LIMIT 50",
                "SELECT * FROM applications WHERE student_id = 1 ORDER BY submitted_at DESC, id DESC",
                "SELECT count(*) FROM applications WHERE student_id = 1 AND submitted_at >= 5",
                "SELECT * FROM notifications WHERE user_id = 1 ORDER BY is_read, created_at DESC, id DESC LIMIT 20",
                "SELECT count(*) FROM security_events WHERE kind = 'login_failed' AND user_id = 1 AND at >= 0",
                "SELECT * FROM audit_events WHERE at >= 0 AND at < 10 ORDER BY id DESC LIMIT 100",
                """
                SELECT l.id FROM listings AS l WHERE l.status = 'published' AND l.verified_at IS NOT NULL
                AND l.deadline > \(now) AND l.visibility = 'public' ORDER BY l.published_at DESC, l.id DESC LIMIT 51
                """,
                """
                SELECT l.id FROM listings AS l WHERE l.status = 'published' AND l.verified_at IS NOT NULL
                AND l.deadline > \(now) AND (l.deadline, l.id) > (\(now), 5) ORDER BY l.deadline, l.id LIMIT 51
                """,
                """
                SELECT l.id FROM listings_fts CROSS JOIN listings AS l ON l.id = listings_fts.rowid
                WHERE listings_fts MATCH '"data"*' AND l.status = 'published' AND l.deadline > \(now)
                ORDER BY listings_fts.rank, l.id LIMIT 51
                """,
            ]
            for sql in queries {
                let plan = try await queue.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map {
                        try $0.decode(String.self, forColumn: "detail")
                    }
                }
                let scans = plan.filter {
                    $0.hasPrefix("SCAN l ") || $0 == "SCAN l" || $0.hasPrefix("SCAN listings ") || $0 == "SCAN listings"
                        || $0.hasPrefix("SCAN applications") || $0.hasPrefix("SCAN notifications")
                        || $0.hasPrefix("SCAN security_events")
                }
                #expect(scans.isEmpty, "\(sql)\n\(plan)")
            }
        }
    }
}

@Suite("Synthetic data", .timeLimit(.minutes(10)))
struct SyntheticDataTests {
    @Test("the same seed makes the same listings, and the counts are as asked")
    func determinism() async throws {
        func generate(_ seed: UInt64) async throws -> [[String]] {
            try await withTemporaryStore { store, _, _ in
                let summary = try await SyntheticDataGenerator(batchSize: 40).generate(
                    listings: 300, seed: seed, into: store)
                #expect(summary.listings == 300)
                #expect(summary.organizations == 1)
                let page = try await store.allPages(
                    ListingFilter(sort: .deadline), scope: Fixtures.scope(), pageSize: 100)
                #expect(page.count == 300)
                #expect(try await store.search("intern").count == 300)
                #expect(try await store.checkIntegrity().ok)
                // Eight batches wrote eight segments at least; the generator ends with them merged.
                #expect(try await store.searchIndexSegments() == 1)
                return page.map { [$0.title, $0.location, "\($0.deadline)", "\(String(describing: $0.stipend))"] }
            }
        }
        let first = try await generate(7)
        #expect(try await generate(7) == first)
        #expect(try await generate(8) != first)
    }

    @Test("the project's vocabulary files load")
    func vocabularyFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../data/vocabulary")
        let vocabulary = try SyntheticVocabulary.load(from: folder)
        #expect(vocabulary.skills.count >= SyntheticVocabulary.builtIn.skills.count)
        #expect(!vocabulary.sentences.isEmpty)
        #expect(try SyntheticVocabulary.load(from: URL(fileURLWithPath: "/nonexistent")) == .builtIn)
    }
}
