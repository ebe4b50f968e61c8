public import Foundation

/// One piece of free text in a search.
///
/// ```swift
/// let terms: [SearchTerm] = [.word("data"), .phrase("machine learning"), .excluded("sales")]
/// ```
///
/// Terms are kept as typed (lowercased by ``ListingFilter/normalized()``). The stores split them into
/// full-text tokens later, the way SQLite FTS5's `unicode61` tokenizer does: letters, digits and
/// private-use characters make up tokens, everything else (spaces, punctuation, symbols, emoji,
/// combining marks) separates them. See ``ListingFilter/ftsMatchExpression()``.
public enum SearchTerm: Sendable, Equatable, Hashable, Codable {
    /// A word the listing must contain. The last token is matched as a prefix while it is still being
    /// typed (`dat` finds `data`), unless the word ends in punctuation (`c++` does not find `cobol`).
    case word(String)
    /// Words that must appear in this order, matched exactly (`"machine learning"`).
    case phrase(String)
    /// A word or phrase the listing must not contain, matched exactly (`-sales`, `-"cold calling"`).
    case excluded(String)

    /// The text of the term, without its kind.
    public var text: String {
        switch self {
        case .word(let text), .phrase(let text), .excluded(let text): text
        }
    }

    /// Whether the term asks listings to contain it (words and phrases) rather than not to.
    public var isPositive: Bool {
        if case .excluded = self { return false }
        return true
    }

    private enum CodingKeys: String, CodingKey {
        case word, phrase, excluded
    }

    /// Decodes `{"word": "data"}`, `{"phrase": "exact phrase"}` or `{"excluded": "sales"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .word) {
            self = .word(text)
        } else if let text = try container.decodeIfPresent(String.self, forKey: .phrase) {
            self = .phrase(text)
        } else if let text = try container.decodeIfPresent(String.self, forKey: .excluded) {
            self = .excluded(text)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a search term needs one of the keys word, phrase or excluded"))
        }
    }

    /// Encodes as a one-key object: `{"word": "data"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .word(let text): try container.encode(text, forKey: .word)
        case .phrase(let text): try container.encode(text, forKey: .phrase)
        case .excluded(let text): try container.encode(text, forKey: .excluded)
        }
    }
}

/// The order of search results.
public enum ListingSort: String, Sendable, Codable, CaseIterable, Hashable {
    /// Best full-text match first (only meaningful with search terms).
    case relevance
    /// Soonest application deadline first.
    case deadline
    /// Most recently published first.
    case newest
    /// Highest stipend first, compared in KES through `Currency.kesPerUnit`.
    case stipend
}

/// The structured search over internship listings that every layer shares: the TUI filters panel,
/// the `/` query line, `edulink internships search`, saved searches and the stores' SQL.
///
/// Build one in code, or parse the query language (see ``SearchQueryParser``):
///
/// ```swift
/// var filter = ListingFilter()
/// filter.terms = [.word("data")]
/// filter.locationTypes = [.remote]
/// filter.minimumStipendKES = 20_000
///
/// let same = try ListingFilter(query: "data remote:yes stipend>=20k")
/// // same == filter, and same.queryString == "data type:remote stipend>=20000"
/// ```
///
/// Every constraint that is set must hold (AND). Within a set (`categories`, `locationTypes`,
/// `levels`) any member matches (OR); every entry of `skills` must be present.
public struct ListingFilter: Sendable, Equatable, Hashable, Codable {
    /// Free-text words, phrases and exclusions, searched over title, description, organization,
    /// location and skills.
    public var terms: [SearchTerm]
    /// Listings in any of these categories; empty means any category.
    public var categories: Set<ListingCategory>
    /// Listings with any of these location types; empty means any.
    public var locationTypes: Set<LocationType>
    /// Case-insensitive substring of the listing's location (`"nairobi"`).
    public var location: String?
    /// Only listings with a stipend (listings without one are unpaid).
    public var paidOnly: Bool
    /// Minimum monthly stipend in KES; a listing's stipend is converted with `Currency.kesPerUnit`.
    /// Unpaid listings never meet a minimum.
    public var minimumStipendKES: Int?
    /// Listings at any of these experience levels; empty means any.
    public var levels: Set<ExperienceLevel>
    /// Shortest acceptable duration in weeks (inclusive).
    public var minimumDurationWeeks: Int?
    /// Longest acceptable duration in weeks (inclusive).
    public var maximumDurationWeeks: Int?
    /// The deadline is at most this many days from now (and not passed): `deadline <= now + N days`.
    public var deadlineWithinDays: Int?

    /// The latest deadline ``deadlineWithinDays`` admits at `now` (inclusive); nil without it.
    public func deadlineLimit(now: Date) -> Date? {
        deadlineWithinDays.map { now.addingTimeInterval(Double($0) * 86_400) }
    }
    /// Skills that must all be among the listing's required or preferred skills (case-insensitive,
    /// whole skill names).
    public var skills: [String]
    /// Case-insensitive substring of the organization's name.
    public var organization: String?
    /// Only listings the signed-in student may apply to (visibility, year of study, course).
    public var eligibleForMe: Bool
    /// Only featured listings.
    public var featuredOnly: Bool
    /// The order asked for; `nil` means the default, see ``effectiveSort``.
    public var sort: ListingSort?

    /// The largest `minimumStipendKES` the query language accepts; larger values match nothing anyway.
    public static let maximumStipendKES = 1_000_000_000
    /// The largest `deadlineWithinDays` the query language accepts (about ten years).
    public static let maximumDeadlineDays = 3650
    /// The largest duration bound the query language accepts.
    public static let maximumDurationWeeks = 520

    /// A filter that matches every listing.
    public init(
        terms: [SearchTerm] = [],
        categories: Set<ListingCategory> = [],
        locationTypes: Set<LocationType> = [],
        location: String? = nil,
        paidOnly: Bool = false,
        minimumStipendKES: Int? = nil,
        levels: Set<ExperienceLevel> = [],
        minimumDurationWeeks: Int? = nil,
        maximumDurationWeeks: Int? = nil,
        deadlineWithinDays: Int? = nil,
        skills: [String] = [],
        organization: String? = nil,
        eligibleForMe: Bool = false,
        featuredOnly: Bool = false,
        sort: ListingSort? = nil
    ) {
        self.terms = terms
        self.categories = categories
        self.locationTypes = locationTypes
        self.location = location
        self.paidOnly = paidOnly
        self.minimumStipendKES = minimumStipendKES
        self.levels = levels
        self.minimumDurationWeeks = minimumDurationWeeks
        self.maximumDurationWeeks = maximumDurationWeeks
        self.deadlineWithinDays = deadlineWithinDays
        self.skills = skills
        self.organization = organization
        self.eligibleForMe = eligibleForMe
        self.featuredOnly = featuredOnly
        self.sort = sort
    }

    /// The order to use: ``sort`` if set, otherwise relevance when there are words or phrases to rank
    /// by, and newest first when there are none.
    public var effectiveSort: ListingSort {
        if let sort { return sort }
        return terms.contains(where: \.isPositive) ? .relevance : .newest
    }

    /// Whether the filter matches every listing. The sort order does not count: it orders, it does not
    /// filter.
    public var isEmpty: Bool {
        terms.isEmpty && categories.isEmpty && locationTypes.isEmpty && location == nil && !paidOnly
            && minimumStipendKES == nil && levels.isEmpty && minimumDurationWeeks == nil
            && maximumDurationWeeks == nil && deadlineWithinDays == nil && skills.isEmpty && organization == nil
            && !eligibleForMe && !featuredOnly
    }

    /// The excluded words and phrases, in order. A store applies them with
    /// `listing.id NOT IN (SELECT rowid FROM listings_fts WHERE listings_fts MATCH ?)` and
    /// ``ftsExclusionMatchExpression()`` when ``ftsMatchExpression()`` is `nil` because the query has
    /// no positive term.
    public var excludedTerms: [String] {
        terms.compactMap { term in
            if case .excluded(let text) = term { return text }
            return nil
        }
    }

    /// The canonical form of the filter: text lowercased, whitespace trimmed and collapsed, empty
    /// values removed, duplicate terms and skills dropped (first one kept), negative numbers removed
    /// and numbers above the query language's limits lowered to them.
    ///
    /// Words are made expressible in the query language: whitespace and the characters
    /// `" : < > =` split a word into several, a leading `-` is dropped, and words without a letter or
    /// digit are removed (the full-text index could not match them).
    ///
    /// ```swift
    /// ListingFilter(terms: [.word("  Data "), .word("data")], skills: ["SQL", "sql"]).normalized()
    /// // terms == [.word("data")], skills == ["sql"]
    /// ```
    public func normalized() -> ListingFilter {
        var copy = self
        var seenTerms = Set<SearchTerm>()
        var terms: [SearchTerm] = []
        for term in self.terms {
            for candidate in Self.normalizedTerms(term) where seenTerms.insert(candidate).inserted {
                terms.append(candidate)
            }
        }
        copy.terms = terms
        copy.location = Self.normalizedValue(location)
        copy.organization = Self.normalizedValue(organization)
        var seenSkills = Set<String>()
        copy.skills = skills.compactMap { Self.normalizedValue($0) }.filter { seenSkills.insert($0).inserted }
        copy.minimumStipendKES = Self.clamp(minimumStipendKES, to: Self.maximumStipendKES)
        copy.deadlineWithinDays = Self.clamp(deadlineWithinDays, to: Self.maximumDeadlineDays)
        copy.minimumDurationWeeks = Self.clamp(minimumDurationWeeks, to: Self.maximumDurationWeeks)
        copy.maximumDurationWeeks = Self.clamp(maximumDurationWeeks, to: Self.maximumDurationWeeks)
        return copy
    }

    private static func clamp(_ value: Int?, to maximum: Int) -> Int? {
        guard let value, value >= 0 else { return nil }
        return min(value, maximum)
    }

    /// Lowercases, turns control characters into spaces, trims and collapses whitespace; `nil` if empty.
    static func normalizedValue(_ value: String?) -> String? {
        guard let value else { return nil }
        let cleaned = collapseWhitespace(value.lowercased())
        return cleaned.isEmpty ? nil : cleaned
    }

    static func collapseWhitespace(_ text: String) -> String {
        var words: [Substring] = []
        var current = Substring()
        for character in text {
            if character.isWhitespace || QueryCharacters.isControl(character) {
                if !current.isEmpty { words.append(current) }
                current = Substring()
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    private static func normalizedTerms(_ term: SearchTerm) -> [SearchTerm] {
        switch term {
        case .word(let text):
            var pieces: [String] = []
            var current = ""
            for character in text.lowercased() {
                if character.isWhitespace || QueryCharacters.isControl(character)
                    || QueryCharacters.wordBreaking.contains(character)
                {
                    pieces.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            pieces.append(current)
            return pieces.compactMap { piece in
                let word = String(piece.drop(while: { $0 == "-" }))
                return FTSTokenizer.hasTokens(word) ? SearchTerm.word(word) : nil
            }
        case .phrase(let text):
            let phrase = collapseWhitespace(text.lowercased())
            return FTSTokenizer.hasTokens(phrase) ? [.phrase(phrase)] : []
        case .excluded(let text):
            let excluded = collapseWhitespace(text.lowercased())
            return FTSTokenizer.hasTokens(excluded) ? [.excluded(excluded)] : []
        }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case terms, categories, locationTypes, location, paidOnly, minimumStipendKES, levels
        case minimumDurationWeeks, maximumDurationWeeks, deadlineWithinDays, skills, organization
        case eligibleForMe, featuredOnly, sort
    }

    /// Decodes a filter; every key is optional, so saved searches written by older versions still load.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            terms: try container.decodeIfPresent([SearchTerm].self, forKey: .terms) ?? [],
            categories: try container.decodeIfPresent(Set<ListingCategory>.self, forKey: .categories) ?? [],
            locationTypes: try container.decodeIfPresent(Set<LocationType>.self, forKey: .locationTypes) ?? [],
            location: try container.decodeIfPresent(String.self, forKey: .location),
            paidOnly: try container.decodeIfPresent(Bool.self, forKey: .paidOnly) ?? false,
            minimumStipendKES: try container.decodeIfPresent(Int.self, forKey: .minimumStipendKES),
            levels: try container.decodeIfPresent(Set<ExperienceLevel>.self, forKey: .levels) ?? [],
            minimumDurationWeeks: try container.decodeIfPresent(Int.self, forKey: .minimumDurationWeeks),
            maximumDurationWeeks: try container.decodeIfPresent(Int.self, forKey: .maximumDurationWeeks),
            deadlineWithinDays: try container.decodeIfPresent(Int.self, forKey: .deadlineWithinDays),
            skills: try container.decodeIfPresent([String].self, forKey: .skills) ?? [],
            organization: try container.decodeIfPresent(String.self, forKey: .organization),
            eligibleForMe: try container.decodeIfPresent(Bool.self, forKey: .eligibleForMe) ?? false,
            featuredOnly: try container.decodeIfPresent(Bool.self, forKey: .featuredOnly) ?? false,
            sort: try container.decodeIfPresent(ListingSort.self, forKey: .sort))
    }

    /// Encodes only what is set; sets are written in declaration order so the output is stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !terms.isEmpty { try container.encode(terms, forKey: .terms) }
        if !categories.isEmpty {
            try container.encode(ListingCategory.allCases.filter(categories.contains), forKey: .categories)
        }
        if !locationTypes.isEmpty {
            try container.encode(LocationType.allCases.filter(locationTypes.contains), forKey: .locationTypes)
        }
        try container.encodeIfPresent(location, forKey: .location)
        if paidOnly { try container.encode(paidOnly, forKey: .paidOnly) }
        try container.encodeIfPresent(minimumStipendKES, forKey: .minimumStipendKES)
        if !levels.isEmpty { try container.encode(ExperienceLevel.allCases.filter(levels.contains), forKey: .levels) }
        try container.encodeIfPresent(minimumDurationWeeks, forKey: .minimumDurationWeeks)
        try container.encodeIfPresent(maximumDurationWeeks, forKey: .maximumDurationWeeks)
        try container.encodeIfPresent(deadlineWithinDays, forKey: .deadlineWithinDays)
        if !skills.isEmpty { try container.encode(skills, forKey: .skills) }
        try container.encodeIfPresent(organization, forKey: .organization)
        if eligibleForMe { try container.encode(eligibleForMe, forKey: .eligibleForMe) }
        if featuredOnly { try container.encode(featuredOnly, forKey: .featuredOnly) }
        try container.encodeIfPresent(sort, forKey: .sort)
    }
}

/// Character classes shared by the parser, the formatter and normalization.
enum QueryCharacters {
    /// Characters that turn an unquoted token into a filter (`key:value`, `key>=value`, …).
    static let operators: Set<Character> = [":", "<", ">", "="]
    /// Characters a formatted word may not contain; normalization splits words on them.
    static let wordBreaking: Set<Character> = [":", "<", ">", "=", "\""]

    /// Control characters (Unicode category Cc) and the bidirectional embedding, override and isolate
    /// controls, which can make a query display differently from what it is.
    static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .control { return true }
        return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Space, tab, newline and the other Unicode spaces separate query terms.
    static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace
    }
}
