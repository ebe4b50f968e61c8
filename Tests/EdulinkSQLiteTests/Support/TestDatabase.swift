import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB

/// A fresh database file in its own temporary folder, removed when the body ends.
func withTemporaryStore<T>(
    now: Date = Fixtures.now, _ body: (SQLiteStore, URL, ManualTimeSource) async throws -> T
) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "edulink-sqlite-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let clock = ManualTimeSource(now)
    let store = try SQLiteStore(path: folder.appendingPathComponent("edulink.sqlite").path, clock: clock)
    return try await body(store, folder, clock)
}

/// Builders for valid entities; tests change only the fields they are about.
enum Fixtures {
    /// 2027-01-15 08:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    static func user(_ email: String, role: Role = .student, organization: OrganizationID? = nil) -> User {
        User(
            email: email, displayName: "Person \(email)", role: role, passwordHash: "$2b$12$hash",
            organizationID: organization, createdAt: now)
    }

    static func organization(_ name: String = "Acme Kenya Ltd") -> Organization {
        Organization(
            name: name, industry: "Software", size: .small, website: "https://acme.example", location: "Nairobi",
            description: "We build things.", verified: true, createdAt: now)
    }

    static func listing(
        organization: OrganizationID, createdBy: UserID, title: String = "Software Engineering Intern",
        description: String = "Work with our team on real products and learn how software is shipped.",
        category: ListingCategory = .technology, level: ExperienceLevel = .entry,
        locationType: LocationType = .onSite, location: String = "Nairobi, Kenya", stipend: Stipend? = nil,
        skills: [String] = [], preferredSkills: [String] = [], deadlineInDays: Double = 30, durationWeeks: Int = 12,
        publishedDaysAgo: Double = 1, featured: Bool = false, status: ListingStatus = .published,
        visibility: ListingVisibility = .public, institution: InstitutionID? = nil, years: [Int] = [],
        courses: [String] = []
    ) -> Listing {
        let deadline = now.addingTimeInterval(deadlineInDays * day)
        return Listing(
            organizationID: organization, createdBy: createdBy,
            terms: ListingDraft(
                title: title, description: description, category: category, level: level, locationType: locationType,
                location: location, startDate: deadline.addingTimeInterval(7 * day),
                endDate: deadline.addingTimeInterval(Double(7 + durationWeeks * 7) * day), durationWeeks: durationWeeks,
                stipend: stipend, requiredSkills: skills, preferredSkills: preferredSkills, eligibleYears: years,
                eligibleCourses: courses, deadline: deadline, visibility: visibility, institutionID: institution),
            featured: featured, status: status, verifiedBy: status == .published ? createdBy : nil,
            verifiedAt: status == .published ? now.addingTimeInterval(-publishedDaysAgo * day) : nil,
            createdAt: now.addingTimeInterval(-10 * day),
            publishedAt: status == .published ? now.addingTimeInterval(-publishedDaysAgo * day) : nil)
    }

    /// An organization with one employer, ready to own listings.
    static func employer(_ store: SQLiteStore, name: String = "Acme Kenya Ltd") async throws -> (
        OrganizationID, UserID
    ) {
        try await store.write { session in
            let organization = try session.insertOrganization(Fixtures.organization(name))
            let slug = name.lowercased().filter(\.isLetter)
            let user = try session.insertUser(
                Fixtures.user("boss@\(slug).example", role: .employer, organization: organization.id))
            return (organization.id, user.id)
        }
    }

    static func scope(openOnly: Bool = true, institution: InstitutionID? = nil, all: Bool = false) -> ListingScope {
        ListingScope(now: now, openOnly: openOnly, viewer: all ? .platform : .member(of: institution))
    }
}

extension SQLiteStore {
    /// Puts back a full-text index of before v16: over `listings` itself, with the prefix indexes
    /// `prefixes`, no facets, v2's insert and delete triggers, rebuilt; and takes `forgotten` out of
    /// the migration record, so opening the store applies them again.
    func oldSearchIndex(prefixes: String, forgetting forgotten: [String]) async throws {
        try await DatabaseQueue(path: path).write { db in
            for trigger in ["listings_fts_insert", "listings_fts_delete", "listings_fts_update"] {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "DROP TABLE listings_fts")
            try db.execute(sql: "DROP VIEW listings_search_content")
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE listings_fts USING fts5(
                        title, skills_text, organization_name, location, description,
                        content='listings', content_rowid='id',
                        tokenize='unicode61 remove_diacritics 2', prefix='\(prefixes)'
                    )
                    """)
            try db.execute(sql: "INSERT INTO listings_fts(listings_fts) VALUES('rebuild')")
            let columns = "title, skills_text, organization_name, location, description"
            try db.execute(
                sql: """
                    CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
                        INSERT INTO listings_fts(rowid, \(columns))
                        VALUES (NEW.id, NEW.title, NEW.skills_text, NEW.organization_name, NEW.location, NEW.description);
                    END
                    """)
            try db.execute(
                sql: """
                    CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
                        INSERT INTO listings_fts(listings_fts, rowid, \(columns))
                        VALUES ('delete', OLD.id, OLD.title, OLD.skills_text, OLD.organization_name, OLD.location,
                            OLD.description);
                    END
                    """)
            for identifier in forgotten {
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [identifier])
            }
        }
    }

    /// Every page of a search, following cursors.
    func allPages(_ filter: ListingFilter, scope: ListingScope, pageSize: Int) async throws -> [ListingSummary] {
        var items: [ListingSummary] = []
        var cursor: PageCursor?
        repeat {
            let request = ListingSearchRequest(filter: filter, scope: scope, cursor: cursor, limit: pageSize)
            let page = try await read { try $0.searchListings(request) }
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    func search(_ filter: ListingFilter, scope: ListingScope = Fixtures.scope(), limit: Int = 500) async throws
        -> [ListingSummary]
    {
        try await read { try $0.searchListings(ListingSearchRequest(filter: filter, scope: scope, limit: limit)) }.items
    }

    func search(_ query: String, scope: ListingScope = Fixtures.scope()) async throws -> [ListingSummary] {
        try await search(try ListingFilter(query: query), scope: scope)
    }

    /// Raw SQL for tests that look under the store (plans, triggers).
    func rawDatabase() throws -> DatabaseQueue {
        try DatabaseQueue(path: path)
    }
}
