extension ListingFilter {
    /// The filter as every store matches it while a student types: the rule below, in one place, so
    /// that SQLite and PostgreSQL return the same listings for the same keystrokes.
    public func asTyped() -> ListingFilter {
        var copy = self
        copy.terms = Self.asYouTypeTerms(terms)
        return copy
    }

    /// The terms with a one-character word being typed left out.
    ///
    /// A word's last token is matched as a prefix while it is typed (`dat` → `"dat"*`). FTS5 keeps
    /// prefix indexes for 2, 3 and 4 characters; one character (`d`) has none, so `"d"*` would merge
    /// the position lists of every token that starts with `d` and match most listings, which costs a
    /// frame many times over and tells the student nothing. So a trailing single ASCII letter or digit
    /// still being typed is dropped until the second character arrives: `d` lists every listing
    /// (newest first), `data a` searches `data`. A single character inside a phrase (`"vitamin c"`)
    /// or ended by punctuation (`c++`) is complete and stays.
    ///
    /// And only the last word is a prefix ("prefix last"): the words before it are complete, the
    /// student typed past them, so `software engineer nai` is `"software" AND "engineer" AND "nai"*`.
    /// FTS5 reads a prefix longer than its prefix indexes (4) by merging the doclists of every token
    /// that starts with it into memory, in every statement and again for ranking: `"software"*`
    /// costs ~15 times `"software"`.
    static func asYouTypeTerms(_ terms: [SearchTerm]) -> [SearchTerm] {
        let lastWord = terms.lastIndex { if case .word = $0 { true } else { false } }
        return terms.enumerated().compactMap { position, term in
            guard case .word(let text) = term else { return term }
            // A completed word is matched exactly: as a one-word phrase (a phrase of its tokens).
            if position != lastWord { return .phrase(text) }
            let scalars = Array(text.unicodeScalars)
            guard let last = scalars.last, last.isASCII, last.properties.isAlphabetic || ("0"..."9").contains(last)
            else { return term }
            let before = scalars.count >= 2 ? scalars[scalars.count - 2] : nil
            if let before, FTSTokenizer.isTokenScalar(before) { return term }
            let kept = String(String.UnicodeScalarView(scalars.dropLast()))
            return kept.unicodeScalars.contains(where: FTSTokenizer.isTokenScalar) ? .word(kept) : nil
        }
    }

}
