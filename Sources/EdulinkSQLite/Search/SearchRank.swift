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
/// summed over the weighted columns). Only the columns given a weight score: the facets column
/// (v16), which a filtered search's match also names, adds nothing.
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
            let instCount = functions.xInstCount, let inst = functions.xInst, let columnSize = functions.xColumnSize
        else {
            sqlite3_result_error(result, "edulink_rank: FTS5 API missing", -1)
            return
        }
        // The weighted columns: the facets column (v16) holds four tokens of every listing that are
        // not its text, and must not move a score, so lengths are summed over these only.
        let weighted = min(count, columnCount(context))
        var average = 1.0
        var status = averageLength(functions, context, weighted, &average)
        var length: Int64 = 0
        var column: Int32 = 0
        while status == SQLITE_OK && column < weighted {
            var columnLength: Int32 = 0
            status = columnSize(context, column, &columnLength)
            length += Int64(columnLength)
            column += 1
        }
        let phrases = max(Int(phraseCount(context)), 1)
        var score = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: phrases) { frequencies in
            frequencies.initialize(repeating: 0)
            var instances: Int32 = 0
            if status == SQLITE_OK { status = instCount(context, &instances) }
            var index: Int32 = 0
            while status == SQLITE_OK && index < instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                status = inst(context, index, &phrase, &column, &offset)
                // Only the weighted columns score: a filter's facets, asked for beside the words
                // (``ListingSearchSQL/facetMatch``), match in the facets column and must not.
                if status == SQLITE_OK, Int(phrase) < phrases, column < weighted, let values {
                    frequencies[Int(phrase)] += sqlite3_value_double(values[Int(column)])
                }
                index += 1
            }
            let normalization = k1 * (1 - b + b * Double(length) / max(average, 1))
            for frequency in frequencies where frequency > 0 {
                score += frequency * (k1 + 1) / (frequency + normalization)
            }
        }
        guard status == SQLITE_OK else {
            sqlite3_result_error_code(result, status)
            return
        }
        sqlite3_result_double(result, -score)
    }

    /// The average length of a listing over the first `weighted` columns, in tokens: the same for
    /// every row of one query, so it is worked out on the query's first row and kept in FTS5's
    /// per-query auxiliary data. `xRowCount` and `xColumnTotalSize` read the index's totals record
    /// again on every call (SQLite does not cache it for them); six such reads a row cost 2–3 ms on
    /// a page that scores 1,000 rows (BENCHMARKS.md, "Issue #16, fifth pass").
    private static func averageLength(
        _ functions: Fts5ExtensionApi, _ context: OpaquePointer, _ weighted: Int32, _ average: inout Double
    ) -> Int32 {
        guard let getAuxdata = functions.xGetAuxdata, let setAuxdata = functions.xSetAuxdata,
            let rowCount = functions.xRowCount, let totalSize = functions.xColumnTotalSize
        else { return SQLITE_ERROR }
        if let kept = getAuxdata(context, 0) {
            average = kept.load(as: Double.self)
            return SQLITE_OK
        }
        var rows: sqlite3_int64 = 0
        var status = rowCount(context, &rows)
        var tokens: sqlite3_int64 = 0
        var column: Int32 = 0
        while status == SQLITE_OK && column < weighted {
            var columnTokens: sqlite3_int64 = 0
            status = totalSize(context, column, &columnTokens)
            tokens += columnTokens
            column += 1
        }
        guard status == SQLITE_OK else { return status }
        average = rows > 0 ? Double(tokens) / Double(rows) : 1
        let kept = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<Double>.size, alignment: MemoryLayout<Double>.alignment)
        kept.storeBytes(of: average, as: Double.self)
        // On failure FTS5 frees `kept` itself; this row's score still has its average.
        return setAuxdata(context, kept) { $0?.deallocate() }
    }
}
