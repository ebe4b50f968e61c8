/// How much of a full-text match is ranked by relevance: the rule every store follows.
///
/// Ranking every match costs a read of each match's positions (SQLite's `bm25`, PostgreSQL's
/// `ts_rank`); a broad prefix such as `dat` matches about 40 % of all listings, which at a million
/// listings is seconds, not a frame. So a store ranks a bounded **window** of the newest matches and
/// lists the rest newest first (see `BENCHMARKS.md`, "Search"):
///
/// 1. The match is walked newest listing (highest id) first, without scoring. At most ``examined``
///    matches are walked, whether or not they pass the filters.
/// 2. Of those, the filters keep some; the first ``ranked`` kept ones form the window and only they are
///    scored. The window is ordered by score (best first), then id ascending.
/// 3. Every other listing that matches and passes the filters follows the window, newest (highest id)
///    first: the matches below the window's oldest row when the window is full, else below the oldest
///    walked match when the walk stopped at ``examined``, else none (the window holds them all).
///
/// So a result list is "relevance among the newest matches, then newest", and it holds exactly the
/// listings `countListings` counts. A cursor in the window carries the score as its key; a cursor in
/// the tail has no key, only the id.
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
