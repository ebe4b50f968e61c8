public import Foundation

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
public final class SearchCache: Sendable {
    let signal: any ChangeSignal
    /// How long a page of a `deadlineWithinDays` search is kept at most.
    public let lifetime: TimeInterval
    /// How long any page is kept at most.
    public let longest: TimeInterval
    let pages: BoundedCache<PageKey, PageEntry>
    let viewers: BoundedCache<UserID, ViewerEntry>

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

    struct ViewerEntry: Sendable {
        var viewer: ListingViewer
        var accounts: Int64
    }

    /// How many pages are kept (tests).
    public var pageCount: Int { pages.count }

    func page(for key: PageKey, versions: ChangeVersions, at now: Date) -> Page<ListingSummary>? {
        guard let entry = pages.value(for: key) else { return nil }
        guard entry.listings == versions.listings, now < entry.expiresAt else {
            pages.remove(key)
            return nil
        }
        return entry.page
    }

    func keep(_ page: Page<ListingSummary>, for key: PageKey, versions: ChangeVersions, at now: Date) {
        var expiresAt = now.addingTimeInterval(key.filter.deadlineWithinDays == nil ? longest : lifetime)
        if let earliest = page.items.map(\.deadline).min() { expiresAt = min(expiresAt, earliest) }
        guard now < expiresAt else { return }
        pages.insert(PageEntry(page: page, listings: versions.listings, expiresAt: expiresAt), for: key)
    }

    func viewer(of student: UserID, versions: ChangeVersions) -> ListingViewer? {
        guard let entry = viewers.value(for: student), entry.accounts == versions.accounts else { return nil }
        return entry.viewer
    }

    func keep(_ viewer: ListingViewer, of student: UserID, versions: ChangeVersions) {
        viewers.insert(ViewerEntry(viewer: viewer, accounts: versions.accounts), for: student)
    }
}
