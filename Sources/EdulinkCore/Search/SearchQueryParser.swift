/// A mistake in a search query, with where it is so a UI can underline it.
///
/// ```swift
/// do {
///     _ = try ListingFilter(query: "data colour:red")
/// } catch {
///     error.message  // unknown filter "colour" — try category:, remote:, …
///     error.term     // "colour:red"
///     error.range    // 5..<15 (characters of the query)
/// }
/// ```
public struct SearchQueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do about it, in one sentence for the status line.
    public var message: String
    /// The offending text, exactly as it appears in the query at ``range``.
    public var term: String
    /// Where the offending text is, in characters (grapheme clusters) from the start of the query.
    public var range: Range<Int>

    /// Creates an error.
    public init(message: String, term: String, range: Range<Int>) {
        self.message = message
        self.term = term
        self.range = range
    }

    /// The message.
    public var description: String { message }
}

/// Reads and writes the search query language shared by the TUI's `/` line, the filters panel and
/// `edulink internships search`.
///
/// ```swift
/// let filter = try SearchQueryParser.parse("data remote:yes stipend>=20k deadline<2w -sales")
/// // terms [.word("data"), .excluded("sales")], locationTypes [.remote],
/// // minimumStipendKES 20000, deadlineWithinDays 14
/// SearchQueryParser.format(filter)
/// // data -sales type:remote stipend>=20000 deadline<14d
/// ```
///
/// Grammar (keys and values are case-insensitive, terms are separated by whitespace):
///
/// | term | meaning |
/// |---|---|
/// | `data` | a word; its last token is prefix-matched while typing (`dat` finds `data`) |
/// | `"exact phrase"` | words in this order; `\"` and `\\` escape inside quotes |
/// | `-sales`, `-"cold calling"` | must not contain |
/// | `category:technology,finance`, `cat:tech` | any of these categories (repeats add more) |
/// | `remote:yes`, `remote:no` | remote; on-site or hybrid |
/// | `type:remote,on_site,onsite,hybrid`, `location-type:` | any of these location types |
/// | `location:nairobi`, `in:"dar es salaam"` | location contains the text |
/// | `level:entry,intermediate,advanced` | any of these experience levels |
/// | `stipend>=20000`, `stipend>20k`, `stipend:500usd` | minimum stipend, compared in KES |
/// | `paid:yes`, `paid:no` | only paid listings; no constraint (clears `paid:yes`) |
/// | `deadline<14d`, `deadline<=2w`, `deadline:14d` | closes within N days (or weeks) |
/// | `duration>=8w`, `duration<=12w`, `duration:8-12w` | duration bounds in weeks (`<`, `>` exclusive) |
/// | `skill:python`, `skill:"machine learning",sql` | every skill required or preferred |
/// | `org:acme`, `company:acme` | organization name contains the text |
/// | `eligible:yes`, `featured:yes` | only listings I may apply to; only featured ones |
/// | `sort:relevance,deadline,newest,stipend` | order of results |
///
/// Decisions:
/// - Values of category, type, level and sort may be abbreviated to any unambiguous prefix
///   (`cat:tech`, `sort:dead`); an ambiguous prefix (`cat:e`) is an error listing the candidates, and an
///   unknown value suggests the nearest valid one.
/// - `paid:no` means "paid or not" rather than "unpaid only": the filter has no unpaid-only switch,
///   just as the filters panel has a "paid only" checkbox. The last `paid:` wins.
/// - Single-valued filters (`location:`, `org:`, `stipend`, `deadline`, `duration` bounds, `sort:`) keep
///   the last value given; set and list filters accumulate.
/// - Any unquoted term containing `:`, `<`, `>` or `=` is a filter; an unknown key is an error rather
///   than a word (`colour:red`). Quote it to search for the text: `"colour:red"`.
/// - Words are kept as typed, lowercased (`C++` → `c++`). Words with no letter or digit (`-`, `&`, `🚀`)
///   are dropped, since the full-text index cannot match them. The stores split words into tokens
///   later, like SQLite FTS5's `unicode61` tokenizer (see ``ListingFilter/ftsMatchExpression()``).
/// - Limits: a query of at most 500 characters and 32 terms; words, phrases and values of at most
///   100 characters. Tabs and newlines separate terms; other control characters and bidirectional
///   override characters are refused.
public enum SearchQueryParser {
    /// The longest query accepted, in characters.
    public static let maximumQueryLength = 500
    /// The most terms (words, phrases, exclusions and filters) in one query.
    public static let maximumTermCount = 32
    /// The longest word, phrase or filter value, in characters.
    public static let maximumWordLength = 100

    /// Parses a query into a normalized filter.
    ///
    /// ```swift
    /// let filter = try SearchQueryParser.parse("cat:tech stipend>=500usd")
    /// // categories [.technology], minimumStipendKES 65000
    /// ```
    public static func parse(_ query: String) throws(SearchQueryError) -> ListingFilter {
        var parser = Parser(query: query)
        return try parser.parse()
    }

    /// Writes a filter as a query, in a canonical order: terms, then filters.
    /// For a normalized filter within the limits, `parse(format(filter)) == filter`.
    public static func format(_ filter: ListingFilter) -> String {
        Formatter.format(filter)
    }
}

extension ListingFilter {
    /// Parses the query language; see ``SearchQueryParser``.
    ///
    /// ```swift
    /// let filter = try ListingFilter(query: "remote:yes skill:python")
    /// ```
    public init(query: String) throws(SearchQueryError) {
        self = try SearchQueryParser.parse(query)
    }

    /// The filter written in the query language; ``SearchQueryParser/parse(_:)`` reads it back.
    public var queryString: String {
        SearchQueryParser.format(self)
    }
}

// MARK: - Tokens

/// One character of a term with its offset in the query and whether it was inside quotes.
private struct QueryCharacter {
    var character: Character
    var offset: Int
    var quoted: Bool
}

/// A whitespace-separated term; quoted parts may contain whitespace.
private struct Token {
    var characters: [QueryCharacter]
    var range: Range<Int>
    /// Offsets of the opening quotes.
    var quoteOffsets: [Int]
    var text: String
}

private enum Operator {
    case colon, greater, greaterOrEqual, less, lessOrEqual
}

private enum FilterKey {
    case category, remote, locationType, location, level, stipend, paid, deadline, duration, skill
    case organization, eligible, featured, sort

    static let byName: [String: FilterKey] = [
        "category": .category, "cat": .category, "categories": .category,
        "remote": .remote,
        "type": .locationType, "location-type": .locationType, "location_type": .locationType,
        "location": .location, "in": .location,
        "level": .level,
        "stipend": .stipend,
        "paid": .paid,
        "deadline": .deadline,
        "duration": .duration,
        "skill": .skill, "skills": .skill,
        "org": .organization, "company": .organization, "organization": .organization,
        "eligible": .eligible,
        "featured": .featured,
        "sort": .sort,
    ]

    var example: String {
        switch self {
        case .category: "category:technology"
        case .remote: "remote:yes"
        case .locationType: "type:hybrid"
        case .location: "location:nairobi"
        case .level: "level:entry"
        case .stipend: "stipend>=20000"
        case .paid: "paid:yes"
        case .deadline: "deadline<14d"
        case .duration: "duration<=12w"
        case .skill: "skill:python"
        case .organization: "org:acme"
        case .eligible: "eligible:yes"
        case .featured: "featured:yes"
        case .sort: "sort:deadline"
        }
    }
}

// MARK: - Parser

private struct Parser {
    let characters: [Character]
    var filter = ListingFilter()

    init(query: String) {
        characters = Array(query)
    }

    private func text(_ range: Range<Int>) -> String {
        String(characters[range])
    }

    private func error(_ message: String, _ range: Range<Int>) -> SearchQueryError {
        SearchQueryError(message: message, term: text(range), range: range)
    }

    mutating func parse() throws(SearchQueryError) -> ListingFilter {
        let limit = SearchQueryParser.maximumQueryLength
        if characters.count > limit {
            throw error(
                "query is too long (\(characters.count) characters) — at most \(limit)", limit..<characters.count)
        }
        for (offset, character) in characters.enumerated()
        where !QueryCharacters.isSeparator(character) && QueryCharacters.isControl(character) {
            let code = character.unicodeScalars.first(where: QueryCharacters.isControl).map(Self.codePoint) ?? "?"
            throw error(
                "control character \(code) at position \(offset + 1) is not allowed — remove it",
                offset..<offset + 1)
        }
        let tokens = try tokenize()
        if tokens.count > SearchQueryParser.maximumTermCount {
            let extra = tokens[SearchQueryParser.maximumTermCount]
            throw error(
                "too many terms (\(tokens.count)) — at most \(SearchQueryParser.maximumTermCount) words and filters",
                extra.range)
        }
        for token in tokens {
            try interpret(token)
        }
        return filter.normalized()
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private func tokenize() throws(SearchQueryError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        let count = characters.count
        while index < count {
            if QueryCharacters.isSeparator(characters[index]) {
                index += 1
                continue
            }
            let start = index
            var items: [QueryCharacter] = []
            var quotes: [Int] = []
            while index < count, !QueryCharacters.isSeparator(characters[index]) {
                guard characters[index] == "\"" else {
                    items.append(QueryCharacter(character: characters[index], offset: index, quoted: false))
                    index += 1
                    continue
                }
                let open = index
                quotes.append(open)
                index += 1
                var closed = false
                while index < count {
                    let character = characters[index]
                    if character == "\\", index + 1 < count,
                        characters[index + 1] == "\"" || characters[index + 1] == "\\"
                    {
                        items.append(QueryCharacter(character: characters[index + 1], offset: index + 1, quoted: true))
                        index += 2
                    } else if character == "\"" {
                        closed = true
                        index += 1
                        break
                    } else {
                        items.append(QueryCharacter(character: character, offset: index, quoted: true))
                        index += 1
                    }
                }
                if !closed {
                    throw error("unterminated quote — add a closing \" to end the phrase", open..<count)
                }
            }
            tokens.append(
                Token(characters: items, range: start..<index, quoteOffsets: quotes, text: text(start..<index)))
        }
        return tokens
    }

    // MARK: Terms

    private mutating func interpret(_ token: Token) throws(SearchQueryError) {
        let first = characters[token.range.lowerBound]
        if first == "\"" {
            let phrase = try quotedText(token, from: 0)
            filter.terms.append(.phrase(phrase))
        } else if first == "-", token.range.count > 1 {
            try interpretExclusion(token)
        } else if let operatorIndex = token.characters.firstIndex(where: {
            !$0.quoted && QueryCharacters.operators.contains($0.character)
        }) {
            try interpretFilter(token, operatorIndex: operatorIndex)
        } else {
            if !token.quoteOffsets.isEmpty { throw strayQuote(token) }
            try checkLength(token.text, kind: "word", token.range)
            filter.terms.append(.word(token.text.lowercased()))
        }
    }

    /// The text of a token that must be exactly one quoted part, starting at `from` (after a `-`).
    private func quotedText(_ token: Token, from start: Int) throws(SearchQueryError) -> String {
        let rest = token.characters[start...]
        if token.quoteOffsets.count > 1 { throw strayQuote(token) }
        if rest.contains(where: { !$0.quoted }) { throw strayQuote(token) }
        let phrase = String(rest.map(\.character))
        try checkLength(phrase, kind: "phrase", token.range)
        return phrase
    }

    private func strayQuote(_ token: Token) -> SearchQueryError {
        error(
            "stray quote in \(token.text) — quote a whole phrase, like \"exact phrase\", with spaces around it",
            token.range)
    }

    private func checkLength(_ text: String, kind: String, _ range: Range<Int>) throws(SearchQueryError) {
        let limit = SearchQueryParser.maximumWordLength
        if text.count > limit {
            throw error("\(kind) is too long (\(text.count) characters) — at most \(limit)", range)
        }
    }

    private mutating func interpretExclusion(_ token: Token) throws(SearchQueryError) {
        if characters[token.range.lowerBound + 1] == "\"" {
            filter.terms.append(.excluded(try quotedText(token, from: 1)))
            return
        }
        let rest = token.characters.dropFirst()
        if rest.contains(where: { !$0.quoted && QueryCharacters.operators.contains($0.character) }) {
            let quoted = "-\"" + String(rest.map(\.character)) + "\""
            throw error(
                "a filter can't be excluded with \"-\" — to exclude the text, quote it: \(quoted)", token.range)
        }
        if !token.quoteOffsets.isEmpty { throw strayQuote(token) }
        let word = String(rest.map(\.character))
        try checkLength(word, kind: "word", token.range)
        filter.terms.append(.excluded(word.lowercased()))
    }

    // MARK: Filters

    private mutating func interpretFilter(_ token: Token, operatorIndex: Int) throws(SearchQueryError) {
        let keyCharacters = token.characters[..<operatorIndex]
        let symbol = token.characters[operatorIndex]
        if keyCharacters.isEmpty {
            throw error(
                "a filter needs a name before \"\(symbol.character)\", like category:technology — or quote the text"
                    + " to search for it", token.range)
        }
        if let quote = token.quoteOffsets.first, quote < symbol.offset { throw strayQuote(token) }
        let name = String(keyCharacters.map(\.character)).lowercased()
        guard let key = FilterKey.byName[name] else {
            throw error(
                "unknown filter \"\(name)\" — try category:, remote:, location:, level:, stipend>=, deadline<,"
                    + " duration<=, skill:, org:, sort:", token.range)
        }
        var valueStart = operatorIndex + 1
        let op: Operator
        let next = token.characters.indices.contains(valueStart) ? token.characters[valueStart] : nil
        let followedByEquals = next.map { !$0.quoted && $0.character == "=" } ?? false
        switch symbol.character {
        case ">":
            op = followedByEquals ? .greaterOrEqual : .greater
        case "<":
            op = followedByEquals ? .lessOrEqual : .less
        default:
            op = .colon
        }
        if op == .greaterOrEqual || op == .lessOrEqual { valueStart += 1 }
        let value = Array(token.characters[valueStart...])
        let written = String(token.characters[..<valueStart].map(\.character)).lowercased()
        if ListingFilter.collapseWhitespace(String(value.map(\.character))).isEmpty {
            throw error("\(written) needs a value — e.g. \(key.example)", token.range)
        }
        let valueText = String(value.map(\.character))
        let context = FilterContext(
            token: token, key: key, name: name, written: written, op: op, value: value, valueText: valueText)
        try apply(context)
    }

    private struct FilterContext {
        var token: Token
        var key: FilterKey
        var name: String
        /// The key and operator as typed, lowercased (`stipend>=`).
        var written: String
        var op: Operator
        var value: [QueryCharacter]
        var valueText: String
    }

    private func requireColon(_ context: FilterContext) throws(SearchQueryError) {
        guard context.op == .colon else {
            throw error(
                "\"\(context.token.text)\": \(context.name) takes \":\" — e.g. \(context.key.example)",
                context.token.range)
        }
    }

    private mutating func apply(_ context: FilterContext) throws(SearchQueryError) {
        switch context.key {
        case .category, .locationType, .level, .skill, .sort:
            break  // list values: each item is checked in `listItems`
        default:
            try checkLength(context.valueText, kind: "value", context.token.range)
        }
        switch context.key {
        case .category:
            try requireColon(context)
            for item in try listItems(context) {
                filter.categories.insert(
                    try choose(item, kind: "category", from: ListingCategory.allCases.map { ($0.rawValue, $0) }))
            }
        case .remote:
            try requireColon(context)
            if try boolean(context) {
                filter.locationTypes.insert(.remote)
            } else {
                filter.locationTypes.formUnion([.onSite, .hybrid])
            }
        case .locationType:
            try requireColon(context)
            let choices: [(String, LocationType)] = [
                ("remote", .remote), ("on_site", .onSite), ("onsite", .onSite), ("on-site", .onSite),
                ("hybrid", .hybrid),
            ]
            for item in try listItems(context) {
                filter.locationTypes.insert(try choose(item, kind: "location type", from: choices))
            }
        case .location:
            try requireColon(context)
            filter.location = context.valueText
        case .level:
            try requireColon(context)
            for item in try listItems(context) {
                filter.levels.insert(
                    try choose(item, kind: "level", from: ExperienceLevel.allCases.map { ($0.rawValue, $0) }))
            }
        case .stipend:
            guard context.op != .less, context.op != .lessOrEqual else {
                throw error(
                    "\"\(context.token.text)\": stipend sets a minimum — e.g. stipend>=20000", context.token.range)
            }
            filter.minimumStipendKES = try amount(context)
        case .paid:
            try requireColon(context)
            filter.paidOnly = try boolean(context)
        case .deadline:
            guard context.op == .colon || context.op == .less || context.op == .lessOrEqual else {
                throw error(
                    "\"\(context.token.text)\": deadline sets how soon applications close — e.g. deadline<14d",
                    context.token.range)
            }
            filter.deadlineWithinDays = try period(context)
        case .duration:
            try duration(context)
        case .skill:
            try requireColon(context)
            for item in try listItems(context) {
                filter.skills.append(item.text)
            }
        case .organization:
            try requireColon(context)
            filter.organization = context.valueText
        case .eligible:
            try requireColon(context)
            filter.eligibleForMe = try boolean(context)
        case .featured:
            try requireColon(context)
            filter.featuredOnly = try boolean(context)
        case .sort:
            try requireColon(context)
            let items = try listItems(context)
            if items.count > 1 {
                throw error(
                    "\"\(context.token.text)\": sort takes one order — e.g. sort:deadline", context.token.range)
            }
            for item in items {
                filter.sort = try choose(item, kind: "sort order", from: ListingSort.allCases.map { ($0.rawValue, $0) })
            }
        }
    }

    private struct ListItem {
        var text: String
        var range: Range<Int>
    }

    /// The value split at unquoted commas; empty items (`a,,b`, a trailing comma) are skipped.
    private func listItems(_ context: FilterContext) throws(SearchQueryError) -> [ListItem] {
        var items: [ListItem] = []
        var current: [QueryCharacter] = []
        func flush() {
            let text = ListingFilter.collapseWhitespace(String(current.map(\.character)))
            if let first = current.first, let last = current.last, !text.isEmpty {
                items.append(ListItem(text: text.lowercased(), range: first.offset..<last.offset + 1))
            }
            current = []
        }
        for character in context.value {
            if !character.quoted && character.character == "," {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        for item in items {
            try checkLength(item.text, kind: "value", item.range)
        }
        if items.isEmpty {
            throw error(
                "\(context.written) needs a value — e.g. \(context.key.example)", context.token.range)
        }
        return items
    }

    private func boolean(_ context: FilterContext) throws(SearchQueryError) -> Bool {
        switch context.valueText.lowercased() {
        case "yes", "y", "true", "on", "1": return true
        case "no", "n", "false", "off", "0": return false
        default:
            throw error("\"\(context.token.text)\": expected yes or no", context.token.range)
        }
    }

    /// Picks the value named by `item`: an exact name, or the only value whose names start with it.
    private func choose<Value: Hashable>(
        _ item: ListItem, kind: String, from choices: [(name: String, value: Value)]
    ) throws(SearchQueryError) -> Value {
        if let exact = choices.first(where: { $0.name == item.text }) { return exact.value }
        var matches: [(name: String, value: Value)] = []
        for choice in choices
        where choice.name.hasPrefix(item.text) && !matches.contains(where: { $0.value == choice.value }) {
            matches.append(choice)
        }
        if matches.count == 1, let only = matches.first { return only.value }
        if matches.count > 1 {
            throw error(
                "ambiguous \(kind) \"\(item.text)\" — could be \(Self.orList(matches.map(\.name)))", item.range)
        }
        var canonical: [String] = []
        var seen: [Value] = []
        for choice in choices where !seen.contains(choice.value) {
            seen.append(choice.value)
            canonical.append(choice.name)
        }
        let scored = canonical.map { ($0, Self.editDistance($0, item.text)) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2,
            scored.filter({ $0.1 == best.1 }).count == 1
        {
            throw error("unknown \(kind) \"\(item.text)\" — did you mean \(best.0)?", item.range)
        }
        throw error(
            "unknown \(kind) \"\(item.text)\" — one of \(canonical.joined(separator: ", "))", item.range)
    }

    private static func orList(_ names: [String]) -> String {
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func editDistance(_ first: String, _ second: String) -> Int {
        let second = Array(second)
        var previous = Array(0...second.count)
        for (i, left) in first.enumerated() {
            var current = [i + 1]
            for (j, right) in second.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1)))
            }
            previous = current
        }
        return previous[second.count]
    }

    // MARK: Numbers

    /// Splits `digits` + `suffix` (ASCII digits only). Returns nil when there are no digits.
    private static func leadingNumber(_ text: Substring) -> (digits: Substring, rest: Substring)? {
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        return digits.isEmpty ? nil : (digits, text[digits.endIndex...])
    }

    /// `20000`, `20k`, `2.5k`, `500usd`, `20kkes`; returns KES, rounded up to a whole shilling.
    private func amount(_ context: FilterContext) throws(SearchQueryError) -> Int {
        let invalid = error(
            "\"\(context.token.text)\": expected an amount like 20000, 20k or 500usd", context.token.range)
        let tooLarge = error(
            "\"\(context.token.text)\": at most \(ListingFilter.maximumStipendKES) KES", context.token.range)
        let text = Substring(context.valueText.lowercased())
        guard let (whole, afterWhole) = Self.leadingNumber(text) else { throw invalid }
        var fraction: Substring = ""
        var rest = afterWhole
        if rest.first == "." {
            guard let (digits, afterFraction) = Self.leadingNumber(rest.dropFirst()) else { throw invalid }
            fraction = digits
            rest = afterFraction
        }
        var multiplier = 1
        let currencies: [(suffix: String, currency: Currency)] = [
            ("kshs", .kes), ("ksh", .kes), ("kes", .kes), ("usd", .usd),
        ]
        if let match = currencies.first(where: { rest.hasSuffix($0.suffix) }) {
            multiplier = match.currency.kesPerUnit
            rest = rest.dropLast(match.suffix.count)
        }
        switch rest {
        case "": break
        case "k": multiplier *= 1000
        default: throw invalid
        }
        guard whole.count + fraction.count <= 12, fraction.count <= 3 else { throw tooLarge }
        guard let mantissa = Int(whole + fraction) else { throw invalid }
        var scale = 1
        for _ in fraction { scale *= 10 }
        let total = mantissa * multiplier
        let (quotient, remainder) = total.quotientAndRemainder(dividingBy: scale)
        let minimum = context.op == .greater ? quotient + 1 : quotient + (remainder == 0 ? 0 : 1)
        guard minimum <= ListingFilter.maximumStipendKES else { throw tooLarge }
        return minimum
    }

    /// `14`, `14d`, `2w` (also `day`, `days`, `wk`, `week`, `weeks`) in days.
    private func period(_ context: FilterContext) throws(SearchQueryError) -> Int {
        let invalid = error(
            "\"\(context.token.text)\": expected days or weeks like 14d or 2w", context.token.range)
        let limit = ListingFilter.maximumDeadlineDays
        let text = Substring(context.valueText.lowercased())
        guard let (digits, unit) = Self.leadingNumber(text) else { throw invalid }
        let factor: Int
        switch unit {
        case "", "d", "day", "days": factor = 1
        case "w", "wk", "week", "weeks": factor = 7
        default: throw invalid
        }
        guard digits.count <= 6, let number = Int(digits), number * factor <= limit else {
            throw error("\"\(context.token.text)\": at most \(limit) days", context.token.range)
        }
        return number * factor
    }

    /// The digits of `12`, `12w`, `12wk`, `12week`, `12weeks`; nil if the text is not a number of weeks.
    private static func weekDigits(_ text: Substring) -> Substring? {
        guard let (digits, unit) = leadingNumber(text) else { return nil }
        switch unit {
        case "", "w", "wk", "week", "weeks": return digits
        default: return nil
        }
    }

    /// `duration>=8w`, `duration<=12w`, `duration<12w`, `duration>8w`, `duration:8w`, `duration:8-12w`.
    private mutating func duration(_ context: FilterContext) throws(SearchQueryError) {
        let invalid = error(
            "\"\(context.token.text)\": expected weeks like 12w or a range like 8-12w", context.token.range)
        let limit = ListingFilter.maximumDurationWeeks
        let tooLarge = error("\"\(context.token.text)\": at most \(limit) weeks", context.token.range)
        let text = Substring(context.valueText.lowercased())
        func read(_ part: Substring) throws(SearchQueryError) -> Int {
            guard let digits = Self.weekDigits(part) else { throw invalid }
            guard digits.count <= 6, let number = Int(digits), number <= limit else { throw tooLarge }
            return number
        }
        if context.op == .colon, let dash = text.firstIndex(of: "-") {
            let low = try read(text[..<dash])
            let high = try read(text[text.index(after: dash)...])
            guard low <= high else {
                throw error(
                    "\"\(context.token.text)\": the range must go from short to long, like 8-12w",
                    context.token.range)
            }
            filter.minimumDurationWeeks = low
            filter.maximumDurationWeeks = high
            return
        }
        let number = try read(text)
        switch context.op {
        case .colon:
            filter.minimumDurationWeeks = number
            filter.maximumDurationWeeks = number
        case .greaterOrEqual:
            filter.minimumDurationWeeks = number
        case .greater:
            guard number < limit else { throw tooLarge }
            filter.minimumDurationWeeks = number + 1
        case .lessOrEqual:
            filter.maximumDurationWeeks = number
        case .less:
            guard number > 0 else {
                throw error(
                    "\"\(context.token.text)\": nothing is shorter than 0 weeks — e.g. duration<=12w",
                    context.token.range)
            }
            filter.maximumDurationWeeks = number - 1
        }
    }
}

// MARK: - Formatter

private enum Formatter {
    static func format(_ filter: ListingFilter) -> String {
        var parts: [String] = []
        for term in filter.terms {
            switch term {
            case .word(let text):
                parts.append(text)
            case .phrase(let text):
                parts.append(quote(text))
            case .excluded(let text):
                parts.append("-" + (isPlain(text) ? text : quote(text)))
            }
        }
        if !filter.categories.isEmpty {
            let names = ListingCategory.allCases.filter(filter.categories.contains).map(\.rawValue)
            parts.append("category:" + names.joined(separator: ","))
        }
        if !filter.locationTypes.isEmpty {
            let names = LocationType.allCases.filter(filter.locationTypes.contains).map(\.rawValue)
            parts.append("type:" + names.joined(separator: ","))
        }
        if let location = filter.location { parts.append("location:" + value(location)) }
        if !filter.levels.isEmpty {
            let names = ExperienceLevel.allCases.filter(filter.levels.contains).map(\.rawValue)
            parts.append("level:" + names.joined(separator: ","))
        }
        if filter.paidOnly { parts.append("paid:yes") }
        if let minimum = filter.minimumStipendKES { parts.append("stipend>=\(minimum)") }
        if let days = filter.deadlineWithinDays { parts.append("deadline<\(days)d") }
        switch (filter.minimumDurationWeeks, filter.maximumDurationWeeks) {
        case (let low?, let high?) where low == high:
            parts.append("duration:\(low)w")
        case (let low?, let high?) where low < high:
            parts.append("duration:\(low)-\(high)w")
        case (let low, let high):
            if let low { parts.append("duration>=\(low)w") }
            if let high { parts.append("duration<=\(high)w") }
        }
        for skill in filter.skills { parts.append("skill:" + value(skill)) }
        if let organization = filter.organization { parts.append("org:" + value(organization)) }
        if filter.eligibleForMe { parts.append("eligible:yes") }
        if filter.featuredOnly { parts.append("featured:yes") }
        if let sort = filter.sort { parts.append("sort:" + sort.rawValue) }
        return parts.joined(separator: " ")
    }

    /// Whether an excluded text can be written as `-text` without quotes.
    private static func isPlain(_ text: String) -> Bool {
        !text.isEmpty
            && !text.contains(where: { QueryCharacters.isSeparator($0) || QueryCharacters.wordBreaking.contains($0) })
    }

    private static func value(_ text: String) -> String {
        let plain =
            !text.isEmpty && !text.contains(where: { QueryCharacters.isSeparator($0) || $0 == "\"" || $0 == "," })
        return plain ? text : quote(text)
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
