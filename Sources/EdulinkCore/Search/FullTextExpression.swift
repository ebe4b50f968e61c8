/// Splits text into full-text tokens the way SQLite FTS5's default `unicode61` tokenizer does:
/// characters in the Unicode categories L* (letters), N* (numbers) and Co (private use) are token
/// characters; everything else, including punctuation, symbols, emoji, combining marks and format
/// characters, separates tokens. `c++` → `c`; `node.js` → `node`, `js`; `数据科学` → one token.
public enum FTSTokenizer {
    public static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            true
        default:
            false
        }
    }

    /// The tokens of `text`, lowercased.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if isTokenScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    static func hasTokens(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isTokenScalar)
    }

    /// Whether the text ends inside a token, so a word's last token may still be growing.
    static func endsInToken(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return isTokenScalar(last)
    }
}

extension ListingFilter {
    /// A SQLite FTS5 `MATCH` expression for the positive ``terms``, or `nil` when there is no word or
    /// phrase to match (no terms, or only exclusions).
    ///
    /// Every term is split into tokens like FTS5's `unicode61` tokenizer, and every token is written
    /// inside double quotes (a `"` in it doubled), so no input can reach FTS5's syntax: `AND`, `NEAR`,
    /// `title:`, `*`, parentheses and quotes are all just text. Terms are joined with `AND`:
    ///
    /// - a word is a prefix query on its last token when it ends in a letter or digit (`data` →
    ///   `"data"*`, `node.js` → `"node js"*`, `c++` → `"c"`);
    /// - a phrase is an exact phrase (`"machine learning"`);
    /// - exclusions follow `NOT` (`-sales` → `… NOT "sales"`; several are joined with `OR` in parentheses).
    ///
    /// ```swift
    /// try ListingFilter(query: #"data "exact phrase" -sales"#).ftsMatchExpression()
    /// // ("data"* AND "exact phrase") NOT "sales"
    /// ```
    ///
    /// FTS5 needs at least one positive term, so with only exclusions this returns `nil`; the store then
    /// applies ``excludedTerms`` with `NOT IN (… MATCH ftsExclusionMatchExpression())`.
    public func ftsMatchExpression() -> String? {
        let positives = terms.compactMap(Self.ftsPositive)
        guard !positives.isEmpty else { return nil }
        let joined = positives.joined(separator: " AND ")
        guard let exclusions = ftsExclusionMatchExpression() else { return joined }
        let positive = positives.count > 1 ? "(\(joined))" : joined
        let excluded = excludedTerms.count > 1 ? "(\(exclusions))" : exclusions
        return "\(positive) NOT \(excluded)"
    }

    /// An FTS5 `MATCH` expression that matches listings containing any excluded term
    /// (`"sales" OR "cold calling"`), or `nil` when nothing is excluded. Used with `NOT IN` when the
    /// query has no positive term.
    public func ftsExclusionMatchExpression() -> String? {
        let parts = terms.compactMap { term -> String? in
            guard case .excluded(let text) = term else { return nil }
            let tokens = FTSTokenizer.tokens(text)
            return tokens.isEmpty ? nil : Self.ftsString(tokens)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " OR ")
    }

    private static func ftsPositive(_ term: SearchTerm) -> String? {
        switch term {
        case .word(let text):
            let tokens = FTSTokenizer.tokens(text)
            guard !tokens.isEmpty else { return nil }
            return ftsString(tokens) + (FTSTokenizer.endsInToken(text) ? "*" : "")
        case .phrase(let text):
            let tokens = FTSTokenizer.tokens(text)
            return tokens.isEmpty ? nil : ftsString(tokens)
        case .excluded:
            return nil
        }
    }

    private static func ftsString(_ tokens: [String]) -> String {
        let body = tokens.joined(separator: " ").replacingAll("\"", with: "\"\"")
        return "\"\(body)\""
    }

    /// A PostgreSQL `to_tsquery('simple', …)` expression for ``terms``, or `nil` when there are none.
    ///
    /// Tokens are split like ``ftsMatchExpression()`` and each is single-quoted (`'` and `\` doubled),
    /// so operators and punctuation in the input stay text. Terms are joined with `&`; a word's last
    /// token gets `:*` when it is still being typed; phrases and multi-token words use `<->`; exclusions
    /// use `!`. PostgreSQL accepts a query made only of exclusions, so unlike FTS5 this is not `nil` then.
    ///
    /// ```swift
    /// try ListingFilter(query: #"data "exact phrase" -sales"#).tsQueryExpression()
    /// // 'data':* & ('exact' <-> 'phrase') & !'sales'
    /// ```
    public func tsQueryExpression() -> String? {
        let parts = terms.compactMap(Self.tsPart)
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// How PostgreSQL's match spells a word of one token that is matched as a prefix
    /// (``tsMatchParts(_:)``).
    public enum TSPrefixSpelling: Sendable, Equatable {
        /// As ``tsQueryExpression()`` does: `'data':*`.
        case prefix
        /// As this lexeme, matched exactly (a lexeme the store keeps for the prefix).
        case lexeme(String)
        /// As any of these words, matched exactly: every word the store holds that begins with the
        /// token (never empty; the store spells a prefix it holds no word of as ``prefix``).
        case words([String])
        /// Out of the expression: the token is among `prefixes`, for the store to match.
        case apart
    }

    /// ``tsQueryExpression()`` as PostgreSQL's search *matches* it: each word of one token matched
    /// as a prefix (`graphic`, `de`; not `node.js`, `c++` nor a phrase) spelled as `spelling` says,
    /// in `expression` (nil when nothing is left in it) or among `prefixes`. The store keeps a lexeme
    /// of its own for the shortest prefixes, which GIN skips through instead of merging the
    /// postings of every word they begin; it ANDs `expression` with its match of each of
    /// `prefixes`, so together they match what ``tsQueryExpression()`` matches, and it still ranks
    /// by ``tsQueryExpression()``.
    ///
    /// ```swift
    /// try ListingFilter(query: #"graphic de -sales"#).tsMatchParts { $0.count < 3 ? .lexeme("/" + $0) : .prefix }
    /// // ("'graphic':* & '/de' & !'sales'", [])
    /// ```
    public func tsMatchParts(_ spelling: (String) -> TSPrefixSpelling) -> (expression: String?, prefixes: [String]) {
        var parts: [String] = []
        var prefixes: [String] = []
        for term in terms {
            if let token = Self.prefixToken(term) {
                switch spelling(token) {
                case .prefix: break
                case .lexeme(let lexeme):
                    parts.append(Self.tsLexeme(lexeme))
                    continue
                case .words(let words) where !words.isEmpty:
                    parts.append("(" + words.map(Self.tsLexeme).joined(separator: " | ") + ")")
                    continue
                case .words: break
                case .apart:
                    prefixes.append(token)
                    continue
                }
            }
            if let part = Self.tsPart(term) { parts.append(part) }
        }
        return (parts.isEmpty ? nil : parts.joined(separator: " & "), prefixes)
    }

    /// The tokens ``tsMatchParts(_:)`` asks the spelling of: each word of one token matched as a
    /// prefix, in the order of the terms (after ``asTyped()``, at most the last word).
    public var tsPrefixTokens: [String] { terms.compactMap(Self.prefixToken) }

    private static func prefixToken(_ term: SearchTerm) -> String? {
        guard case .word(let text) = term, FTSTokenizer.endsInToken(text) else { return nil }
        let tokens = FTSTokenizer.tokens(text)
        return tokens.count == 1 ? tokens.first : nil
    }

    private static func tsPart(_ term: SearchTerm) -> String? {
        let tokens = FTSTokenizer.tokens(term.text)
        guard !tokens.isEmpty else { return nil }
        var quoted = tokens.map(tsLexeme)
        switch term {
        case .word(let text):
            if FTSTokenizer.endsInToken(text), let last = quoted.popLast() { quoted.append(last + ":*") }
            return tsPhrase(quoted)
        case .phrase:
            return tsPhrase(quoted)
        case .excluded:
            return "!" + tsPhrase(quoted)
        }
    }

    private static func tsLexeme(_ token: String) -> String {
        let escaped = token.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''")
        return "'\(escaped)'"
    }

    private static func tsPhrase(_ lexemes: [String]) -> String {
        lexemes.count == 1 ? lexemes.joined() : "(" + lexemes.joined(separator: " <-> ") + ")"
    }
}

extension String {
    /// Replaces every occurrence of one Unicode scalar (no Foundation needed). Works on scalars, not
    /// characters, so a quote followed by a combining mark is still replaced.
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
