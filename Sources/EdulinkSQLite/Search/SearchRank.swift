import GRDB
import GRDBSQLite

/// `edulink_rank(listings_fts, w1, …, w5)`: FTS5's bm25 with column weights, without the inverse
/// document frequency, as an FTS5 auxiliary function. Lower is better, like `bm25`.
///
/// Why not `bm25`: before it scores the first row, `bm25` counts the rows that contain each phrase of
/// the query (its IDF), walking each phrase's whole doclist, and again materialising a long prefix
/// (`"nairobi"*`). For `data` that is ~400,000 rows at a million listings: the cost of a `count(*)`,
/// paid on every keystroke even when only a window of 1,000 rows is scored. The store's queries are
/// conjunctions (every listing in the result contains every word), so IDF would only weigh one word
/// against another; the column weights and the length normalisation, which decide title-versus-
/// description, are kept exactly as `bm25` computes them (k1 = 1.2, b = 0.75, the document length
/// summed over the weighted columns).
enum SearchRank {
    static let name = "edulink_rank"

    /// The call with the v2 column weights: title 10, skills 5, organization 3, location 2,
    /// description 1 (see ``SearchIndexV2``).
    static let expression = "edulink_rank(listings_fts, 10.0, 5.0, 3.0, 2.0, 1.0)"

    /// Registers the function on `db` (every connection of the store does this when it opens).
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else { return }
        _ = create(UnsafeMutablePointer(mutating: api), name, nil, rank, nil)
    }

    private static let k1 = 1.2
    private static let b = 0.75

    /// The function body, called by FTS5 for each row the statement visits.
    private static let rank: fts5_extension_function = { api, context, result, count, values in
        guard let api, let context, let result else { return }
        let functions = api.pointee
        guard let columnCount = functions.xColumnCount, let phraseCount = functions.xPhraseCount,
            let instCount = functions.xInstCount, let inst = functions.xInst, let columnSize = functions.xColumnSize,
            let rowCount = functions.xRowCount, let totalSize = functions.xColumnTotalSize
        else {
            sqlite3_result_error(result, "edulink_rank: FTS5 API missing", -1)
            return
        }
        let columns = Int(columnCount(context))
        let phrases = Int(phraseCount(context))
        var frequencies = [Double](repeating: 0, count: max(phrases, 1))
        var instances: Int32 = 0
        var status = instCount(context, &instances)
        var index: Int32 = 0
        while status == SQLITE_OK && index < instances {
            var phrase: Int32 = 0
            var column: Int32 = 0
            var offset: Int32 = 0
            status = inst(context, index, &phrase, &column, &offset)
            if status == SQLITE_OK, Int(phrase) < frequencies.count {
                var weight = 1.0
                if Int(column) < Int(count), Int(column) < columns, let values {
                    weight = sqlite3_value_double(values[Int(column)])
                }
                frequencies[Int(phrase)] += weight
            }
            index += 1
        }
        // The length over the weighted columns only: the facets column (v16) holds four tokens of
        // every listing that are not its text, and must not move a score.
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        var length: Int64 = 0
        if status == SQLITE_OK { status = rowCount(context, &rows) }
        var column: Int32 = 0
        while status == SQLITE_OK && column < min(count, Int32(columns)) {
            var columnTokens: sqlite3_int64 = 0
            var columnLength: Int32 = 0
            status = totalSize(context, column, &columnTokens)
            if status == SQLITE_OK { status = columnSize(context, column, &columnLength) }
            tokens += columnTokens
            length += Int64(columnLength)
            column += 1
        }
        guard status == SQLITE_OK else {
            sqlite3_result_error_code(result, status)
            return
        }
        let average = rows > 0 ? Double(tokens) / Double(rows) : 1
        let normalization = k1 * (1 - b + b * Double(length) / max(average, 1))
        var score = 0.0
        for frequency in frequencies where frequency > 0 {
            score += frequency * (k1 + 1) / (frequency + normalization)
        }
        sqlite3_result_double(result, -score)
    }
}
