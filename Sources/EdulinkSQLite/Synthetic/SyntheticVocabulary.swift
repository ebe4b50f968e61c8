public import Foundation

/// Word lists the synthetic data generator composes listings from.
///
/// Load the project's lists with `load(from:)` (the files in `data/vocabulary/`), or use
/// `builtIn`, a small set that needs no files (for tests).
public struct SyntheticVocabulary: Sendable, Equatable {
    /// A sentence of a description, for one category and section (`intro`, `responsibility`,
    /// `requirement`, `learning`, `team`, `closing`), with `{org}`, `{role}` and `{city}` placeholders.
    public struct Sentence: Sendable, Equatable {
        public var category: String
        public var section: String
        public var text: String

        public init(category: String, section: String, text: String) {
            self.category = category
            self.section = section
            self.text = text
        }
    }

    /// A city where internships happen, and how often (relative weight).
    public struct Place: Sendable, Equatable {
        public var city: String
        public var country: String
        public var weight: Int

        public init(city: String, country: String, weight: Int) {
            self.city = city
            self.country = country
            self.weight = weight
        }
    }

    public var skills: [String]
    /// `(category, role)`, e.g. `("technology", "Backend Developer")`.
    public var roles: [(category: String, role: String)]
    /// `(category, topic)`, e.g. `("technology", "Fraud Detection")`.
    public var titleTopics: [(category: String, topic: String)]
    public var organizationPrefixes: [String]
    public var organizationSuffixes: [String]
    public var places: [Place]
    public var courses: [String]
    public var sentences: [Sentence]

    public init(
        skills: [String], roles: [(category: String, role: String)],
        titleTopics: [(category: String, topic: String)], organizationPrefixes: [String],
        organizationSuffixes: [String], places: [Place], courses: [String], sentences: [Sentence]
    ) {
        self.skills = skills
        self.roles = roles
        self.titleTopics = titleTopics
        self.organizationPrefixes = organizationPrefixes
        self.organizationSuffixes = organizationSuffixes
        self.places = places
        self.courses = courses
        self.sentences = sentences
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.skills == rhs.skills && lhs.roles.map(\.role) == rhs.roles.map(\.role)
            && lhs.roles.map(\.category) == rhs.roles.map(\.category)
            && lhs.titleTopics.map(\.topic) == rhs.titleTopics.map(\.topic)
            && lhs.organizationPrefixes == rhs.organizationPrefixes
            && lhs.organizationSuffixes == rhs.organizationSuffixes && lhs.places == rhs.places
            && lhs.courses == rhs.courses && lhs.sentences == rhs.sentences
    }

    /// Reads `skills.txt`, `roles.txt`, `title-topics.txt`, `org-name-parts.txt`, `locations.txt`,
    /// `courses.txt` and `description-sentences.txt` from `directory` (tab-separated, `#` comments).
    /// A missing or empty file keeps the built-in list for that part.
    public static func load(from directory: URL) throws -> SyntheticVocabulary {
        func rows(_ name: String) throws -> [[String]] {
            let file = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file.path) else { return [] }
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).compactMap { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
                return line.split(separator: "\t", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
        }
        var vocabulary = builtIn
        let skills = try rows("skills.txt").compactMap(\.first).filter { !$0.isEmpty }
        if !skills.isEmpty { vocabulary.skills = skills }
        let roles = try rows("roles.txt").filter { $0.count >= 2 }.map { (category: $0[0], role: $0[1]) }
        if !roles.isEmpty { vocabulary.roles = roles }
        let topics = try rows("title-topics.txt").filter { $0.count >= 2 }.map { (category: $0[0], topic: $0[1]) }
        if !topics.isEmpty { vocabulary.titleTopics = topics }
        let parts = try rows("org-name-parts.txt")
        let prefixes = parts.compactMap(\.first).filter { !$0.isEmpty }
        let suffixes = parts.compactMap { $0.count > 1 ? $0[1] : nil }.filter { !$0.isEmpty }
        if !prefixes.isEmpty && !suffixes.isEmpty {
            vocabulary.organizationPrefixes = prefixes
            vocabulary.organizationSuffixes = suffixes
        }
        let places = try rows("locations.txt").filter { $0.count >= 2 }.map {
            Place(city: $0[0], country: $0[1], weight: max(1, Int($0.count > 2 ? $0[2] : "1") ?? 1))
        }
        if !places.isEmpty { vocabulary.places = places }
        let courses = try rows("courses.txt").compactMap(\.first).filter { !$0.isEmpty }
        if !courses.isEmpty { vocabulary.courses = courses }
        let sentences = try rows("description-sentences.txt").filter { $0.count >= 3 }.map {
            Sentence(category: $0[0], section: $0[1], text: $0[2])
        }
        if !sentences.isEmpty { vocabulary.sentences = sentences }
        return vocabulary
    }

    /// A small vocabulary for tests and for running without the data folder.
    public static let builtIn = SyntheticVocabulary(
        skills: [
            "Python", "SQL", "Excel", "Swift", "JavaScript", "Data Analysis", "Marketing", "Accounting", "Design",
            "Research", "Communication", "Java", "Figma", "Statistics", "Writing",
        ],
        roles: [
            ("technology", "Software Engineer"), ("technology", "Data Analyst"), ("finance", "Finance Analyst"),
            ("marketing", "Marketing Associate"), ("design", "Product Designer"), ("research", "Research Assistant"),
            ("engineering", "Civil Engineer"), ("business", "Business Analyst"),
        ],
        titleTopics: [
            ("technology", "Mobile Money"), ("technology", "Data Platform"), ("finance", "Credit Risk"),
            ("marketing", "Brand Growth"), ("design", "Customer Experience"), ("research", "Public Health"),
            ("engineering", "Water Projects"), ("business", "Operations"),
        ],
        organizationPrefixes: ["Mwanga", "Jua", "Tembo", "Simba", "Nyota", "Baraka"],
        organizationSuffixes: ["Labs", "Energy", "Logistics", "Capital", "Health", "Media"],
        places: [
            Place(city: "Nairobi", country: "Kenya", weight: 40), Place(city: "Mombasa", country: "Kenya", weight: 12),
            Place(city: "Kisumu", country: "Kenya", weight: 9), Place(city: "Kampala", country: "Uganda", weight: 6),
        ],
        courses: ["BSc Computer Science", "BCom Finance", "BA Communication", "BSc Civil Engineering"],
        sentences: [
            Sentence(
                category: "other", section: "intro", text: "{org} is looking for a curious {role} intern in {city}."),
            Sentence(
                category: "other", section: "responsibility",
                text: "You will work on real projects with a mentor who reviews your work every week."),
            Sentence(
                category: "other", section: "responsibility",
                text: "You will help the team plan, build and measure what we ship to customers."),
            Sentence(
                category: "other", section: "requirement",
                text: "You are a student who writes clearly and asks good questions."),
            Sentence(
                category: "other", section: "learning",
                text: "By the end you will have shipped work you can show to future employers."),
            Sentence(
                category: "other", section: "closing",
                text: "Apply with a short cover letter telling us what you want to learn."),
        ])
}
