extension ListingFilter {
    /// The most a filter may ask for, as the API document states it (`maxItems`, `maxLength`). The
    /// query language stays well inside them (``SearchQueryParser/maximumTermCount``); a filter
    /// built by hand, through the API, is checked against them before any store sees it, so an
    /// oversized one is the caller's mistake (422), never the database's failure.
    public enum Limits {
        public static let terms = 50
        public static let termLength = 200
        public static let skills = 50
        public static let skillLength = 50
        public static let textLength = 200
    }

    /// Every limit above; `filter.*` field errors naming what is over.
    public func validate() throws(EdulinkError) {
        var v = FieldValidator()
        if terms.count > Limits.terms {
            v.add("filter.terms", "At most \(Limits.terms) words and phrases (there are \(terms.count)).")
        } else if let long = terms.first(where: { $0.text.count > Limits.termLength }) {
            v.add(
                "filter.terms",
                "A word or phrase may be at most \(Limits.termLength) characters (one has \(long.text.count)).")
        }
        if skills.count > Limits.skills {
            v.add("filter.skills", "At most \(Limits.skills) skills (there are \(skills.count)).")
        } else if let long = skills.first(where: { $0.count > Limits.skillLength }) {
            v.add(
                "filter.skills", "A skill may be at most \(Limits.skillLength) characters (one has \(long.count)).")
        }
        for (field, value) in [("filter.location", location), ("filter.organization", organization)] {
            if let value, value.count > Limits.textLength {
                v.add(field, "At most \(Limits.textLength) characters (there are \(value.count)).")
            }
        }
        try v.check()
    }
}
