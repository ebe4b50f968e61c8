import Foundation
import Synchronization
import Testing

@testable import EdulinkCore

/// The server's search cache reads a page once however many ask for it at the same time.
@Suite("SearchCache: one read per page at a time", .timeLimit(.minutes(2)))
struct SearchCacheTests {
    struct Versions: ChangeSignal {
        func versions() -> ChangeVersions? { ChangeVersions(accounts: 1, listings: 1) }
    }

    /// A store read held until released: how many started, how many were cancelled.
    final class Reads: Sendable {
        private struct State {
            var started = 0
            var cancelled = 0
            var released = false
        }
        private let state = Mutex(State())
        let page = Page(items: [ListingSummary](), nextCursor: PageCursor(key: 1.5, id: 7))

        var started: Int { state.withLock { $0.started } }
        var cancelled: Int { state.withLock { $0.cancelled } }
        func release() { state.withLock { $0.released = true } }

        @Sendable func read() async throws -> Page<ListingSummary> {
            state.withLock { $0.started += 1 }
            do {
                while !state.withLock({ $0.released }) { try await Task.sleep(for: .milliseconds(1)) }
            } catch {
                state.withLock { $0.cancelled += 1 }
                throw error
            }
            return page
        }
    }

    let cache = SearchCache(signal: Versions())
    let key = SearchCache.PageKey(filter: ListingFilter(), viewer: .platform, cursor: nil, limit: 20)
    let versions = ChangeVersions(accounts: 1, listings: 1)

    /// Waits (a bounded while) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<10_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
    }

    @Test("eight requests for a page being read wait for that one read, and the page is kept")
    func oneRead() async throws {
        let reads = Reads()
        let pages = try await withThrowingTaskGroup(of: Page<ListingSummary>.self) { group in
            for _ in 0..<8 {
                group.addTask { try await cache.page(for: key, versions: versions, at: Date(), reading: reads.read) }
            }
            try await eventually { cache.waiting == 8 }
            #expect(cache.waiting == 8, "every request joined the read under way")
            reads.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pages == Array(repeating: reads.page, count: 8))
        #expect(reads.started == 1)
        #expect(cache.readCount == 0)
        let again = Reads()
        again.release()
        #expect(try await cache.page(for: key, versions: versions, at: Date(), reading: again.read) == reads.page)
        #expect(again.started == 0, "the page read once is kept")
    }

    @Test("a read begun before the listings changed is not joined: the page is read again")
    func newerListings() async throws {
        let before = Reads()
        let first = Task { try await cache.page(for: key, versions: versions, at: Date(), reading: before.read) }
        try await eventually { before.started == 1 }
        let after = Reads()
        after.release()
        let changed = ChangeVersions(accounts: 1, listings: 2)
        #expect(try await cache.page(for: key, versions: changed, at: Date(), reading: after.read) == after.page)
        #expect(after.started == 1)
        before.release()
        _ = try await first.value
    }

    @Test("a request that goes away leaves the read to the others; the last one to go cancels it")
    func cancellation() async throws {
        let reads = Reads()
        let leaving = Task { try await cache.page(for: key, versions: versions, at: Date(), reading: reads.read) }
        let staying = Task { try await cache.page(for: key, versions: versions, at: Date(), reading: reads.read) }
        try await eventually { cache.waiting == 2 }
        leaving.cancel()
        try await eventually { cache.waiting == 1 }
        #expect(cache.waiting == 1)
        reads.release()
        #expect(try await staying.value == reads.page)
        #expect(reads.started == 1)
        #expect(reads.cancelled == 0)

        let other = SearchCache.PageKey(filter: ListingFilter(), viewer: .platform, cursor: nil, limit: 50)
        let abandoned = Reads()
        let alone = Task { try await cache.page(for: other, versions: versions, at: Date(), reading: abandoned.read) }
        try await eventually { abandoned.started == 1 }
        alone.cancel()
        await #expect(throws: CancellationError.self) { try await alone.value }
        #expect(abandoned.cancelled == 1, "nobody waits for it: the read is cancelled")
        #expect(cache.readCount == 0)
    }
}
