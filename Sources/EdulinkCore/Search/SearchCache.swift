public import Foundation
import Synchronization

/// Recent search pages, kept in front of the store's search by a server (local mode has none: one
/// person searching does not repeat queries enough to pay for it, and the terminal app's memory is
/// budgeted).
///
/// What makes a kept page still the right answer:
///
/// - **The same question from someone who sees the same listings.** The key is the normalized
///   filter, the viewer (`ListingViewer`: which audiences are visible; never a student's
///   "eligible for me" context — those searches are not kept), the cursor and the page size. Two
///   students of one institution share pages; a student of another institution never gets them.
/// - **No listing changed since it was read.** Pages are tagged with `ChangeVersions.listings` read
///   *before* the search ran; any insert, edit, state change or application count change of any
///   listing moves it, and the page is not used again.
/// - **Time.** "Open" means `deadline > now`: a page is kept at most until the earliest deadline
///   among its listings (after that one would drop out), so it never shows a closed listing. A
///   `deadlineWithinDays` filter also lets listings *in* as time passes; `lifetime` bounds that.
///   Nothing else in a search depends on time; `longest` bounds every page anyway, a backstop.
///
/// A student's viewer (their profile's institution) is kept too, tagged with
/// `ChangeVersions.accounts`, so a cached search reads nothing from the database.
///
/// **One read per page at a time.** A page that is not kept is read once however many ask for it
/// at the same time: those who ask while it is being read (same key, same listings version) wait
/// for that read (``page(for:versions:at:reading:)``). Without that, a popular search whose page had
/// just expired (a `deadlineWithinDays` page lives 10 s) was read again by every request that came
/// during the read, all at once on the same cores, each slower for the others: on PostgreSQL at
/// 100,000 listings a 0.8 s search asked for by 1 % of the requests put the query mix's p99 at
/// 6.2–6.7 s (BENCHMARKS.md, "Server"). The read is cancelled only when everyone waiting for it is.
public final class SearchCache: Sendable {
    let signal: any ChangeSignal
    /// How long a page of a `deadlineWithinDays` search is kept at most.
    public let lifetime: TimeInterval
    /// How long any page is kept at most.
    public let longest: TimeInterval
    let pages: BoundedCache<PageKey, PageEntry>
    let viewers: BoundedCache<UserID, ViewerEntry>
    private let reads = Mutex(Reads())

    /// - Parameters:
    ///   - signal: the store's change signal.
    ///   - lifetime: the longest a page of a `deadlineWithinDays` search is kept, in seconds.
    ///   - longest: the longest any page is kept, in seconds.
    ///   - capacity: pages per cache generation (`BoundedCache`): at most twice as many are kept.
    public init(
        signal: any ChangeSignal, lifetime: TimeInterval = 10, longest: TimeInterval = 600, capacity: Int = 4096
    ) {
        self.signal = signal
        self.lifetime = lifetime
        self.longest = longest
        pages = BoundedCache(capacity: capacity)
        viewers = BoundedCache(capacity: capacity)
    }

    struct PageKey: Hashable, Sendable {
        var filter: ListingFilter
        var viewer: ListingViewer
        var cursor: PageCursor?
        var limit: Int
    }

    struct PageEntry: Sendable {
        var page: Page<ListingSummary>
        var listings: Int64
        var expiresAt: Date
    }

    /// A page being read: by its key and the listings version read before it started.
    struct ReadKey: Hashable, Sendable {
        var page: PageKey
        var listings: Int64
    }

    /// The reads under way, each with how many requests wait for it.
    struct Reads: Sendable {
        struct Read: Sendable {
            var number: Int
            var task: Task<Page<ListingSummary>, any Error>
            var waiting: Int
        }
        var running: [ReadKey: Read] = [:]
        var made = 0
    }

    struct ViewerEntry: Sendable {
        var viewer: ListingViewer
        var accounts: Int64
    }

    /// How many pages are kept (tests).
    public var pageCount: Int { pages.count }

    /// Whether pages are kept now: the store's change signal is watching (on PostgreSQL, once its
    /// connection listens; until then every search reads the store).
    public var keepsPages: Bool { signal.versions() != nil }

    private func page(for key: PageKey, versions: ChangeVersions, at now: Date) -> Page<ListingSummary>? {
        guard let entry = pages.value(for: key) else { return nil }
        guard entry.listings == versions.listings, now < entry.expiresAt else {
            pages.remove(key)
            return nil
        }
        return entry.page
    }

    private func keep(_ page: Page<ListingSummary>, for key: PageKey, versions: ChangeVersions, at now: Date) {
        var expiresAt = now.addingTimeInterval(key.filter.deadlineWithinDays == nil ? longest : lifetime)
        if let earliest = page.items.map(\.deadline).min() { expiresAt = min(expiresAt, earliest) }
        guard now < expiresAt else { return }
        pages.insert(PageEntry(page: page, listings: versions.listings, expiresAt: expiresAt), for: key)
    }

    /// The page for `key`: kept, or being read for someone else (then this waits for that read), or
    /// read now by `read` and kept. `versions` are those read before anything else of the search.
    func page(
        for key: PageKey, versions: ChangeVersions, at now: Date,
        reading read: @escaping @Sendable () async throws -> Page<ListingSummary>
    ) async throws -> Page<ListingSummary> {
        if let page = page(for: key, versions: versions, at: now) { return page }
        let readKey = ReadKey(page: key, listings: versions.listings)
        let (number, task) = reads.withLock { reads in
            if var read = reads.running[readKey] {
                read.waiting += 1
                reads.running[readKey] = read
                return (read.number, read.task)
            }
            reads.made += 1
            let number = reads.made
            // Not a child of this request: a request that goes away does not end the read for the
            // others (the last one to go cancels it, below).
            let task = Task {
                defer { self.finish(readKey, number) }
                let page = try await read()
                self.keep(page, for: key, versions: versions, at: now)
                return page
            }
            reads.running[readKey] = Reads.Read(number: number, task: task, waiting: 1)
            return (number, task)
        }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            reads.withLock { reads in
                guard var read = reads.running[readKey], read.number == number else { return }
                read.waiting -= 1
                if read.waiting > 0 {
                    reads.running[readKey] = read
                } else {
                    reads.running[readKey] = nil
                    read.task.cancel()
                }
            }
        }
    }

    /// How many pages are being read, and how many requests wait for them (tests).
    var readCount: Int { reads.withLock { $0.running.count } }
    var waiting: Int { reads.withLock { $0.running.values.reduce(0) { $0 + $1.waiting } } }

    private func finish(_ key: ReadKey, _ number: Int) {
        reads.withLock { reads in
            if reads.running[key]?.number == number { reads.running[key] = nil }
        }
    }

    func viewer(of student: UserID, versions: ChangeVersions) -> ListingViewer? {
        guard let entry = viewers.value(for: student), entry.accounts == versions.accounts else { return nil }
        return entry.viewer
    }

    func keep(_ viewer: ListingViewer, of student: UserID, versions: ChangeVersions) {
        viewers.insert(ViewerEntry(viewer: viewer, accounts: versions.accounts), for: student)
    }
}
