import EdulinkCore
import Foundation
import GRDB

/// Fills a database with realistic-looking, published internship listings for benchmarks and demos
/// (`edulink db generate --listings 1000000 --seed 42`).
///
/// The output depends only on the seed, the vocabulary and the store's clock: the same three give
/// the same rows. About one verified organization (with one employer account) is made per 250
/// listings. Listings are published and verified, with deadlines 1–120 days ahead, mixed
/// categories, levels, location types, stipends (KES, USD, unpaid) and skills.
///
/// Speed: rows go in batches of `batchSize`, one `BEGIN IMMEDIATE` transaction per batch, through
/// one prepared statement per table. The full-text triggers stay on: FTS5 buffers a batch's tokens
/// in memory and writes one segment per commit, which measured as fast as dropping the triggers and
/// rebuilding afterwards, and a crash midway leaves a consistent database. At the end the full-text
/// index is merged into one segment (``SQLiteStore/mergeSearchIndex()``, what `edulink db vacuum` does
/// too) and `ANALYZE` runs.
public struct SyntheticDataGenerator: Sendable {
    /// What was added.
    public struct Summary: Sendable, Equatable {
        public var organizations: Int
        public var listings: Int
    }

    /// Rows per transaction.
    public var batchSize: Int

    public init(batchSize: Int = 10_000) {
        self.batchSize = max(1, batchSize)
    }

    /// Adds `listings` listings (and their organizations) to `store`, calling `progress` with the
    /// number of listings written so far after each batch. Prints nothing.
    public func generate(
        listings: Int, seed: UInt64, into store: SQLiteStore, vocabulary: SyntheticVocabulary = .builtIn,
        progress: (Int) -> Void = { _ in }
    ) async throws -> Summary {
        let now = store.clock.now()
        var random = SplitMix64(seed: seed)
        let organizationCount = listings == 0 ? 0 : max(1, listings / 250)
        var organizations: [(id: Int64, name: String, employer: Int64)] = []
        var organizationRows: [(name: String, city: String)] = []
        for index in 0..<organizationCount {
            let prefix = random.pick(vocabulary.organizationPrefixes) ?? "Acme"
            let suffix = random.pick(vocabulary.organizationSuffixes) ?? "Labs"
            let name = "\(prefix) \(suffix) \(index + 1)"
            organizationRows.append((name, random.pick(vocabulary.places)?.city ?? "Nairobi"))
        }
        let rows = organizationRows
        let seedText = String(seed)
        organizations = try await store.mapErrors {
            try await store.pool.write { db in
                let session = SQLiteSession(db)
                return try rows.enumerated().map { index, row in
                    let organization = try session.insertOrganization(
                        Organization(
                            name: row.name, industry: "General", size: .medium, location: row.city,
                            description: "\(row.name) is a synthetic organization.", verified: true, createdAt: now))
                    let employer = try session.insertUser(
                        User(
                            email: "employer\(index + 1)-\(organization.id.rawValue)-s\(seedText)@synthetic.edulink",
                            displayName: "Employer \(index + 1)", role: .employer, passwordHash: "!",
                            organizationID: organization.id, createdAt: now))
                    return (organization.id.rawValue, row.name, employer.id.rawValue)
                }
            }
        }
        let plan = ListingPlan(vocabulary: vocabulary, now: now)
        var written = 0
        while written < listings {
            let count = min(batchSize, listings - written)
            var batch: [[DatabaseValue]] = []
            batch.reserveCapacity(count)
            for _ in 0..<count {
                guard let organization = random.pick(organizations) else { break }
                batch.append(plan.row(organization: organization, random: &random).map { $0?.databaseValue ?? .null })
            }
            let rowsToWrite = batch
            try await store.mapErrors {
                try await store.pool.write { db in
                    let statement = try db.cachedStatement(sql: ListingPlan.insertSQL)
                    for values in rowsToWrite {
                        try statement.execute(arguments: StatementArguments(values))
                    }
                }
            }
            written += count
            progress(written)
        }
        try await store.mergeSearchIndex()
        try await store.analyze()
        return Summary(organizations: organizations.count, listings: written)
    }
}

/// How one synthetic listing is composed, column by column.
struct ListingPlan {
    let vocabulary: SyntheticVocabulary
    let now: Date
    let categories = ListingCategory.allCases
    let rolesByCategory: [String: [String]]
    let topicsByCategory: [String: [String]]
    let sentences: [String: [String: [String]]]
    let weightedPlaces: [SyntheticVocabulary.Place]

    init(vocabulary: SyntheticVocabulary, now: Date) {
        self.vocabulary = vocabulary
        self.now = now
        rolesByCategory = Dictionary(grouping: vocabulary.roles, by: \.category).mapValues { $0.map(\.role) }
        topicsByCategory = Dictionary(grouping: vocabulary.titleTopics, by: \.category).mapValues { $0.map(\.topic) }
        sentences = Dictionary(grouping: vocabulary.sentences, by: \.category).mapValues { list in
            Dictionary(grouping: list, by: \.section).mapValues { $0.map(\.text) }
        }
        weightedPlaces = vocabulary.places.flatMap { Array(repeating: $0, count: min($0.weight, 100)) }
    }

    static let insertSQL = """
        INSERT INTO listings (organization_id, organization_name, created_by, title, description, category, level,
            location_type, location, location_lower, start_date, end_date, duration_weeks, stipend_amount,
            stipend_currency, stipend_kes, required_skills, preferred_skills, skills_text, skills_key,
            eligible_years, eligible_years_mask, eligible_courses, eligible_courses_key, deadline, capacity,
            positions, visibility, institution_id, questions, featured, status, status_reason, verified_by,
            verified_at, created_at, updated_at, published_at, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'public', NULL,
            '[]', ?, 'published', NULL, ?, ?, ?, ?, ?, NULL)
        """

    func row(organization: (id: Int64, name: String, employer: Int64), random: inout SplitMix64)
        -> [(any DatabaseValueConvertible)?]
    {
        let category = random.pick(categories) ?? .other
        let role =
            random.pick(rolesByCategory[category.rawValue] ?? []) ?? random.pick(vocabulary.roles)?.role ?? "Intern"
        let topic = random.pick(topicsByCategory[category.rawValue] ?? []) ?? random.pick(vocabulary.titleTopics)?.topic
        let title = topic.map { "\(role) Intern, \($0)" } ?? "\(role) Intern"
        let place =
            random.pick(weightedPlaces) ?? SyntheticVocabulary.Place(city: "Nairobi", country: "Kenya", weight: 1)
        let description = describe(
            category: category, role: role, organization: organization.name, city: place.city, random: &random)
        let level = random.pick(ExperienceLevel.allCases) ?? .entry
        let roll = random.int(0...99)
        let locationType: LocationType = roll < 20 ? .remote : roll < 45 ? .hybrid : .onSite
        let location = "\(place.city), \(place.country)"

        var stipend: Stipend?
        let pay = random.int(0...99)
        if pay >= 25 && pay < 85 {
            stipend = Stipend(amount: random.int(5...80) * 1_000, currency: .kes)
        } else if pay >= 85 {
            stipend = Stipend(amount: random.int(2...30) * 50, currency: .usd)
        }
        let required = random.sample(vocabulary.skills, count: random.int(2...6))
        let preferred = random.sample(vocabulary.skills, count: random.int(0...3)).filter { !required.contains($0) }
        let skills = required + preferred
        let years = random.chance(0.3) ? Array(random.int(1...3)...random.int(3...5)) : []
        let courses = random.chance(0.2) ? random.sample(vocabulary.courses, count: random.int(1...3)) : []

        let day: TimeInterval = 86_400
        let deadline = now.addingTimeInterval(Double(random.int(1...120)) * day + Double(random.int(0...86_399)))
        let durationWeeks = random.int(0...3) == 0 ? random.int(4...52) : random.int(8...26)
        let start = deadline.addingTimeInterval(Double(random.int(7...30)) * day)
        let end = start.addingTimeInterval(Double(durationWeeks * 7) * day)
        let published = now.addingTimeInterval(-Double(random.int(0...(60 * 24 * 60))) * 60)
        let created = published.addingTimeInterval(-Double(random.int(1...14)) * day)
        let us: (Date) -> Int64 = ColumnCoding.microseconds

        return [
            organization.id, organization.name, organization.employer, title, description, category.rawValue,
            level.rawValue, locationType.rawValue, location, location.lowercased(), us(start), us(end), durationWeeks,
            stipend?.amount, stipend?.currency.rawValue, stipend?.kesEquivalent, Self.jsonStrings(required),
            Self.jsonStrings(preferred), skills.joined(separator: ", "), ListKey.key(skills),
            "[" + years.map(String.init).joined(separator: ",") + "]", ListKey.yearMask(years),
            Self.jsonStrings(courses), ListKey.key(courses), us(deadline), random.int(20...200),
            random.int(1...5), random.chance(0.03), organization.employer, us(published), us(created), us(published),
            us(published),
        ]
    }

    func describe(
        category: ListingCategory, role: String, organization: String, city: String, random: inout SplitMix64
    ) -> String {
        let own = sentences[category.rawValue] ?? [:]
        let fallback = sentences["other"] ?? sentences.values.first ?? [:]
        var parts: [String] = []
        for (section, count) in [
            ("intro", 1), ("responsibility", 2), ("requirement", 2), ("learning", 1), ("team", 1), ("closing", 1),
        ] {
            let choices = own[section] ?? fallback[section] ?? []
            parts += random.sample(choices, count: count)
        }
        let text = parts.joined(separator: " ")
        return text.replacingOccurrences(of: "{org}", with: organization)
            .replacingOccurrences(of: "{role}", with: role.lowercased())
            .replacingOccurrences(of: "{city}", with: city)
    }

    /// A JSON array of strings, escaped by hand: `JSONEncoder` per row costs more than the insert.
    static func jsonStrings(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
