/// How much of a full-text match is ranked by relevance.
///
/// Ranking every match with `bm25` costs a read of each match's position list and column sizes; a
/// broad prefix such as `dat` matches about 40 % of all listings, which at a million listings is
/// seconds, not a frame. So the store ranks a bounded **window** of the newest matches and lists the
/// rest newest first (see ``SQLiteStore`` and `BENCHMARKS.md`, "Search"):
///
/// 1. FTS5 walks the match in `rowid DESC` order (newest listing first). It does so incrementally,
///    without scoring. At most ``examined`` matches are walked.
/// 2. Of those, the filters keep some; the first ``ranked`` kept ones form the window and only they are
///    scored with `bm25`. The window is ordered by score.
/// 3. Every other listing that matches and passes the filters follows the window, newest first.
///
/// So a result list is "relevance among the newest matches, then newest", and it holds exactly the
/// listings `countListings` counts.
public struct SearchWindow: Sendable, Equatable {
    /// The most listings ranked by relevance (those that passed the filters).
    public var ranked: Int
    /// The most full-text matches walked to fill the window, whether or not they pass the filters.
    public var examined: Int

    /// - Parameters:
    ///   - ranked: at least 1.
    ///   - examined: at least `ranked`.
    public init(ranked: Int = 1_000, examined: Int = 10_000) {
        self.ranked = max(1, ranked)
        self.examined = max(self.ranked, examined)
    }

    /// 1,000 ranked out of at most 10,000 examined: measured at 1,000,000 listings in `BENCHMARKS.md`.
    public static let standard = SearchWindow()
}
