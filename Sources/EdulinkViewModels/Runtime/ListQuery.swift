import Foundation

/// The `/` narrowing of a list the screen holds whole (the verification queue, organizations, an
/// employer's own listings): a row is shown when every word of the query, in any order, is somewhere
/// in its texts, ignoring case and accents (`cafe` finds "Café"). An empty or blank query shows
/// every row. One rule for every such list; lists read page by page from the store search there.
public enum ListQuery {
    /// Whether the row whose texts these are passes `query`.
    public static func matches(_ query: String, _ texts: [String]) -> Bool {
        let words = query.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return true }
        let text = texts.joined(separator: "\n")
        return words.allSatisfy { text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }

    /// Whether `query` narrows nothing (empty or only spaces).
    public static func isBlank(_ query: String) -> Bool { query.allSatisfy(\.isWhitespace) }

    /// The rows that pass `query`, in their order.
    public static func narrow<Row>(_ rows: [Row], by query: String, texts: (Row) -> [String]) -> [Row] {
        guard !isBlank(query) else { return rows }
        return rows.filter { matches(query, texts($0)) }
    }
}
