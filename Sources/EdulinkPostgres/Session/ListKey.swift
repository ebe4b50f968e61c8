/// Lists that SQL filters on, kept as a lowercased key and a bit mask, exactly like the SQLite
/// store's `ColumnCoding`, so the same membership tests (`strpos` here, `instr` there) give the
/// same answers.
enum ListKey {
    static let separator = "\u{1F}"

    /// `\u{1F}a\u{1F}b\u{1F}` of the lowercased values, or "" when empty.
    static func key(_ values: [String]) -> String {
        let cleaned = values.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return "" }
        return separator + cleaned.joined(separator: separator) + separator
    }

    /// What `strpos(key, …)` looks for to find one value in a key.
    static func needle(_ value: String) -> String {
        separator + value.lowercased() + separator
    }

    /// Bit `year` set for each eligible year of study; 0 means every year.
    static func yearMask(_ years: [Int]) -> Int64 {
        years.reduce(Int64(0)) { mask, year in
            (1...62).contains(year) ? mask | (Int64(1) << Int64(year)) : mask
        }
    }
}
