import EdulinkCore
import Foundation
import Testing

/// `SearchWindow` on every store: relevance ranks only the newest matches that pass the filters, and
/// the rest follow newest first. How a store scores (bm25 or `ts_rank`) may differ; which listings
/// are ranked, and the order of the rest, may not.
@Suite("Contract: the relevance window", .timeLimit(.minutes(10)))
struct RelevanceWindowContractTests {
    /// A window of 3 ranked listings out of at most 6 matches walked.
    static let window = SearchWindow(ranked: 3, examined: 6)

    /// `count` more listings with "data" (id order = publication order), every one with a score of
    /// its own: "data" in the title or only in the description, a description of 1–4 sentences.
    /// `design` says which are design listings, `quokka` which have "Quokka" in the title.
    static func catalogue(_ w: Seeded, count: Int = 8, design: Set<Int>, quokka: Set<Int> = []) async throws
        -> [ListingID]
    {
        var ids: [ListingID] = []
        for index in 0..<count {
            let title =
                quokka.contains(index)
                ? "Quokka Field Intern" : index.isMultiple(of: 3) ? "Data Intern" : "Field Intern"
            var draft = ContractFixture.draft(title, at: w.now)
            draft.description =
                ContractFixture.description + String(repeating: " Clean data every week.", count: 1 + index % 4)
            draft.category = design.contains(index) ? .design : .technology
            ids.append(try await w.publish(draft).id)
        }
        return ids
    }

    /// Every page of `query` at `size` rows, with the ids and scores.
    static func pages(_ w: Seeded, _ query: String, size: Int) async throws -> [ListingSummary] {
        let filter = try ListingFilter(query: query)
        var all: [ListingSummary] = []
        var cursor: PageCursor?
        repeat {
            let page = try await w.student.search(filter, cursor: cursor, limit: size)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil && all.count < 100
        return all
    }

    /// Checks `list` against the rule: `window` (ids) first, in some order with scores best first,
    /// then `tail` newest first without scores; every page size gives the same list.
    static func expect(
        _ w: Seeded, _ query: String, window: Set<ListingID>, tail: [ListingID]
    ) async throws {
        let list = try await pages(w, query, size: 50)
        let ranked = list.prefix(window.count)
        #expect(Set(ranked.map(\.id)) == window, "\(query)")
        #expect(ranked.allSatisfy { $0.score != nil }, "\(query)")
        let scores = ranked.compactMap(\.score)
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(query)")
        #expect(Array(list.dropFirst(window.count).map(\.id)) == tail, "\(query)")
        #expect(list.dropFirst(window.count).allSatisfy { $0.score == nil }, "\(query)")
        #expect(try await w.student.count(try ListingFilter(query: query)) == list.count, "\(query)")
        for size in [1, 2, 4] {
            #expect(try await pages(w, query, size: size).map(\.id) == list.map(\.id), "\(query), pages of \(size)")
        }
    }

    @Test(
        "the newest matches that pass the filters are ranked, then the rest newest first",
        arguments: ContractBackend.all)
    func windowThenNewest(_ backend: ContractBackend) async throws {
        try await withWorld(backend, searchWindow: Self.window) { w in
            let ids = try await Self.catalogue(w, design: [0, 2, 4, 6, 7])
            // Nine matches (the world's listing is the oldest): the window is full with the three newest.
            try await Self.expect(
                w, "data", window: [ids[7], ids[6], ids[5]],
                tail: [ids[4], ids[3], ids[2], ids[1], ids[0], w.listing.id])
            // Design only: the three newest design listings fill the window; older ones follow.
            try await Self.expect(w, "data category:design", window: [ids[7], ids[6], ids[4]], tail: [ids[2], ids[0]])
        }
    }

    @Test(
        "a selective filter: the walk stops at the examined matches and the rest follow", arguments: ContractBackend.all
    )
    func walkStops(_ backend: ContractBackend) async throws {
        try await withWorld(backend, searchWindow: Self.window) { w in
            let ids = try await Self.catalogue(w, count: 16, design: [1, 9, 14], quokka: [2, 15])
            // The six newest matches (ids[15]…ids[10]) hold one design listing: ranked alone, the
            // window is not full; design listings older than the sixth match follow, newest first.
            try await Self.expect(w, "data category:design", window: [ids[14]], tail: [ids[9], ids[1]])
            // Fewer matches than the walk, far apart: all ranked, nothing follows.
            try await Self.expect(w, "quokka data", window: [ids[15], ids[2]], tail: [])
        }
    }

    @Test(
        "matches older than many newer listings without the words are walked as the newest ones are",
        arguments: ContractBackend.all)
    func olderMatches(_ backend: ContractBackend) async throws {
        try await withWorld(backend, searchWindow: Self.window) { w in
            let ids = try await Self.catalogue(w, count: 5, design: [1, 3])
            // PostgreSQL walks the newest 12 ids (twice `examined`), then a span its densities call
            // for (eight times as long after a walk that found none), then all: 20 and then 60
            // listings without "data" put the matches past the first walk.
            for quiet in [20, 40] {
                for index in 0..<quiet {
                    _ = try await w.publish(ContractFixture.draft("Quiet Field Intern \(index)", at: w.now))
                }
                try await Self.expect(
                    w, "data", window: [ids[4], ids[3], ids[2]], tail: [ids[1], ids[0], w.listing.id])
                try await Self.expect(w, "data category:design", window: [ids[3], ids[1]], tail: [])
            }
        }
    }
}
