import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("Listing search: full text, filters, sorts and pages in one statement", .timeLimit(.minutes(10)))
struct ListingSearchTests {
    @Test("the full-text index follows inserts, edits, deletes and organization renames")
    func indexStaysInSync() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store, name: "Zebra Analytics")
            var listing = try await store.write {
                try $0.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Quantum Widget Intern"))
            }
            #expect(try await store.search("quantum").map(\.id) == [listing.id])
            #expect(try await store.search("zebra").map(\.id) == [listing.id])

            listing.title = "Photon Gadget Intern"
            let edited = listing
            try await store.write { try $0.updateListing(edited) }
            #expect(try await store.search("quantum").isEmpty)
            #expect(try await store.search("photon").map(\.id) == [listing.id])

            var renamed = try #require(try await store.read { try $0.organization(organization) })
            renamed.name = "Yak Robotics"
            let rename = renamed
            try await store.write { try $0.updateOrganization(rename) }
            #expect(try await store.search("zebra").isEmpty)
            #expect(try await store.search("yak").map(\.id) == [listing.id])
            #expect(try await store.search("photon").first?.organizationName == "Yak Robotics")

            let queue = try store.rawDatabase()
            let deleted = listing.id.rawValue
            try await queue.write { try $0.execute(sql: "DELETE FROM listings WHERE id = ?", arguments: [deleted]) }
            #expect(try await store.search("photon").isEmpty)
            try await queue.write {
                try $0.execute(sql: "INSERT INTO listings_fts(listings_fts) VALUES('integrity-check')")
            }
        }
    }

    @Test("a title match ranks above a description match, and scores say so")
    func titleOutranksDescription() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let (inDescription, inTitle) = try await store.write { session in
                let a = try session.insertListing(
                    Fixtures.listing(
                        organization: organization, createdBy: employer, title: "Finance Operations Intern",
                        description: "You will help the analytics team with reporting and data pipelines every week."))
                let b = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Analyst Intern"))
                return (a.id, b.id)
            }
            let results = try await store.search("data")
            #expect(results.map(\.id) == [inTitle, inDescription])
            #expect((results[0].score ?? 0) > (results[1].score ?? 0))
        }
    }

    @Test("a word being typed matches as a prefix", arguments: ["dat", "da", "DATA", "data"])
    func prefix(query: String) async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let id = try await store.write {
                try $0.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Science Intern")
                ).id
            }
            #expect(try await store.search(query).map(\.id) == [id])
        }
    }

    @Test(
        "search text with SQL and FTS5 syntax is just text",
        arguments: [
            "'; DROP TABLE listings; --", "\"unbalanced", "title:data", "data*", "NEAR(data engineer)", "a OR b",
            "(", "-", "^data", "data AND NOT", "%_", "c++", "日本語",
        ])
    func metacharacters(query: String) async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            _ = try await store.write {
                try $0.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Data Engineer Intern"))
            }
            let filter = (try? ListingFilter(query: query)) ?? ListingFilter(terms: [.word(query)])
            _ = try await store.search(filter)
            _ = try await store.read { try $0.countListings(filter, scope: Fixtures.scope()) }
            #expect(try await store.search("data").count == 1)
        }
    }

    @Test("a count with a limit stops there; without one, or under it, it is exact")
    func countUpTo() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            _ = try await store.write { session in
                for title in ["Data Analyst Intern", "Data Engineer Intern", "Data Scientist Intern", "Design Intern"] {
                    _ = try session.insertListing(
                        Fixtures.listing(organization: organization, createdBy: employer, title: title))
                }
            }
            let data = try ListingFilter(query: "data")
            let hybrid = try ListingFilter(query: "-sales")
            let counts = try await store.read { session in
                [
                    try session.countListings(data, scope: Fixtures.scope(), upTo: 2),
                    try session.countListings(data, scope: Fixtures.scope(), upTo: 10),
                    try session.countListings(data, scope: Fixtures.scope()),
                    try session.countListings(hybrid, scope: Fixtures.scope(), upTo: 3),
                ]
            }
            #expect(counts == [2, 3, 3, 3])
        }
    }

    @Test("a query of exclusions only returns every listing without those words")
    func exclusionOnly() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let kept = try await store.write { session in
                _ = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Sales Associate Intern"))
                return try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer, title: "Design Studio Intern")
                ).id
            }
            let filter = ListingFilter(terms: [.excluded("sales")])
            #expect(try await store.search(filter).map(\.id) == [kept])
            #expect(try await store.read { try $0.countListings(filter, scope: Fixtures.scope()) } == 1)
        }
    }

    /// A small catalogue where each filter selects a known subset.
    static func catalogue(_ store: SQLiteStore) async throws -> [String: ListingID] {
        let (acme, employer) = try await Fixtures.employer(store, name: "Acme Kenya Ltd")
        let (globex, globexEmployer) = try await Fixtures.employer(store, name: "Globex Ünited")
        return try await store.write { session in
            let institution = try session.insertInstitution(
                Institution(name: "Strathmore University", shortCode: "SU", type: .university, verified: true))
            func add(_ name: String, _ listing: Listing) throws -> (String, ListingID) {
                (name, try session.insertListing(listing).id)
            }
            let pairs = [
                try add(
                    "remote-paid",
                    Fixtures.listing(
                        organization: acme, createdBy: employer, title: "Remote Data Intern", category: .technology,
                        level: .intermediate, locationType: .remote, location: "Anywhere",
                        stipend: Stipend(amount: 30_000, currency: .kes), skills: ["Python", "SQL"], deadlineInDays: 5,
                        durationWeeks: 8, publishedDaysAgo: 3, featured: true)),
                try add(
                    "usd",
                    Fixtures.listing(
                        organization: globex, createdBy: globexEmployer, title: "Marketing Intern",
                        category: .marketing,
                        level: .entry, locationType: .hybrid, location: "Mombasa, Kenya",
                        stipend: Stipend(amount: 200, currency: .usd), skills: ["Canva"], deadlineInDays: 20,
                        durationWeeks: 24, publishedDaysAgo: 2)),
                try add(
                    "unpaid",
                    Fixtures.listing(
                        organization: acme, createdBy: employer, title: "Research Assistant Intern",
                        category: .research,
                        level: .advanced, locationType: .onSite, location: "Nairobi, Kenya", stipend: nil,
                        skills: ["Writing"], preferredSkills: ["python"], deadlineInDays: 60, durationWeeks: 12,
                        publishedDaysAgo: 1, years: [3, 4], courses: ["Biology"])),
                try add(
                    "institution",
                    Fixtures.listing(
                        organization: acme, createdBy: employer, title: "Campus Technology Intern",
                        category: .technology,
                        level: .entry, location: "Nairobi, Kenya", stipend: Stipend(amount: 10_000, currency: .kes),
                        deadlineInDays: 10, publishedDaysAgo: 4, visibility: .institutionOnly,
                        institution: institution.id)),
                try add(
                    "draft",
                    Fixtures.listing(
                        organization: acme, createdBy: employer, title: "Draft Technology Intern", status: .draft)),
                try add(
                    "expired",
                    Fixtures.listing(
                        organization: acme, createdBy: employer, title: "Expired Technology Intern", deadlineInDays: -1)
                ),
            ]
            return Dictionary(uniqueKeysWithValues: pairs + [("institution-id", ListingID(institution.id.rawValue))])
        }
    }

    @Test(
        "each filter selects exactly its listings",
        arguments: [
            ("category:technology", ["remote-paid"]),
            ("remote:yes", ["remote-paid"]),
            ("location:mombasa", ["usd"]),
            ("paid:yes", ["remote-paid", "usd"]),
            ("stipend>=25000", ["remote-paid", "usd"]),
            ("stipend>=26001", ["remote-paid"]),
            ("level:advanced", ["unpaid"]),
            ("duration>=20", ["usd"]),
            ("duration<=8", ["remote-paid"]),
            ("deadline<14d", ["remote-paid"]),
            ("skill:python", ["remote-paid", "unpaid"]),
            ("skill:python skill:sql", ["remote-paid"]),
            ("company:ünited", ["usd"]),
            ("featured:yes", ["remote-paid"]),
            ("intern -marketing -research", ["remote-paid"]),
        ])
    func filters(query: String, expected: [String]) async throws {
        try await withTemporaryStore { store, _, _ in
            let ids = try await Self.catalogue(store)
            let filter = try ListingFilter(query: query)
            let found = Set(try await store.search(filter).map(\.id))
            #expect(found == Set(expected.compactMap { ids[$0] }), "query \(query)")
            #expect(try await store.read { try $0.countListings(filter, scope: Fixtures.scope()) } == expected.count)
        }
    }

    @Test(
        "institution-only listings show to their institution and to admins, drafts and expired ones to nobody open-only"
    )
    func visibility() async throws {
        try await withTemporaryStore { store, _, _ in
            let ids = try await Self.catalogue(store)
            let institution = try #require(ids["institution-id"]).rawValue
            let publicOnly = Set(try await store.search(ListingFilter()).map(\.id))
            #expect(!publicOnly.contains(try #require(ids["institution"])))
            #expect(publicOnly.count == 3)
            let member = try await store.search(
                ListingFilter(), scope: Fixtures.scope(institution: InstitutionID(institution)))
            #expect(member.count == 4)
            let admin = try await store.search(ListingFilter(), scope: Fixtures.scope(all: true))
            #expect(admin.count == 4)
            let everything = try await store.search(ListingFilter(), scope: Fixtures.scope(openOnly: false, all: true))
            #expect(everything.count == 6)
        }
    }

    @Test("eligible for me checks year of study and course only when asked")
    func eligibility() async throws {
        try await withTemporaryStore { store, _, _ in
            let ids = try await Self.catalogue(store)
            var scope = Fixtures.scope()
            scope.eligibility = EligibilityContext(yearOfStudy: 2, course: "Computer Science")
            let eligible = ListingFilter(eligibleForMe: true)
            #expect(
                !Set(try await store.search(eligible, scope: scope).map(\.id)).contains(try #require(ids["unpaid"])))
            #expect(
                Set(try await store.search(ListingFilter(), scope: scope).map(\.id)).contains(
                    try #require(ids["unpaid"])))
            scope.eligibility = EligibilityContext(yearOfStudy: 3, course: "BIOLOGY")
            #expect(Set(try await store.search(eligible, scope: scope).map(\.id)).contains(try #require(ids["unpaid"])))
        }
    }

    @Test("sorts order by deadline, newest and stipend with unpaid last")
    func sorts() async throws {
        try await withTemporaryStore { store, _, _ in
            let ids = try await Self.catalogue(store)
            func order(_ sort: ListingSort) async throws -> [ListingID] {
                try await store.search(ListingFilter(sort: sort)).map(\.id)
            }
            let names = { (keys: [String]) in keys.compactMap { ids[$0] } }
            #expect(try await order(.deadline) == names(["remote-paid", "usd", "unpaid"]))
            #expect(try await order(.newest) == names(["unpaid", "usd", "remote-paid"]))
            #expect(try await order(.stipend) == names(["remote-paid", "usd", "unpaid"]))
        }
    }

    @Test("pages follow each other without repeats or gaps", arguments: ListingSort.allCases)
    func keysetPagination(sort: ListingSort) async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            try await store.write { session in
                for index in 0..<57 {
                    // Repeated keys on purpose, so the id tie-break is exercised.
                    _ = try session.insertListing(
                        Fixtures.listing(
                            organization: organization, createdBy: employer,
                            title: index.isMultiple(of: 3) ? "Data Intern \(index)" : "Data Data Analyst \(index % 4)",
                            stipend: index.isMultiple(of: 5)
                                ? nil : Stipend(amount: 1_000 * (index % 4), currency: .kes),
                            deadlineInDays: Double(1 + index % 6), publishedDaysAgo: Double(index % 5),
                            status: index == 13 ? .draft : .published))
                }
            }
            let filter = ListingFilter(terms: [.word("data")], sort: sort)
            let scope = Fixtures.scope(openOnly: false, all: true)
            let unpaged = try await store.search(filter, scope: scope, limit: 1_000)
            #expect(unpaged.count == 57)
            for size in [1, 7, 20] {
                let paged = try await store.allPages(filter, scope: scope, pageSize: size)
                #expect(paged.map(\.id) == unpaged.map(\.id), "page size \(size)")
            }
            let browse = ListingFilter(sort: sort)
            #expect(
                try await store.allPages(browse, scope: scope, pageSize: 8).map(\.id)
                    == (try await store.search(browse, scope: scope, limit: 1_000)).map(\.id))
        }
    }
}
