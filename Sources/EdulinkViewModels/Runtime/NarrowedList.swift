public import EdulinkCore

/// A row of a list the `/` query narrows: the texts a query finds it by.
public protocol Narrowable: Identifiable, Sendable, Equatable where ID: Sendable {
    /// What the row is found by (``ListQuery``: every word somewhere in these, any case, no accents).
    var narrowingTexts: [String] { get }
}

/// A short list the screen holds whole (a student's applications, their saved listings, the
/// notifications, a supervisor's logbook queue): its rows, the `/` query, the rows the query shows
/// and the selected one. The selection is a row, not a position: it stays on its row through a
/// reload or a narrower query while the row is shown; a row that went away (decided, removed) leaves
/// the selection at the same place, so the next row follows; keys never act on a hidden row.
public struct NarrowedList<Row: Narrowable>: Sendable, Equatable {
    /// Every row, in the list's order.
    public private(set) var rows: [Row]
    /// The `/` query (as typed; blank shows every row).
    public private(set) var query = ""
    /// The rows on screen: those the query finds, in the list's order.
    public private(set) var shown: [Row]
    /// The selected row's identity, only while it is shown.
    public private(set) var selectedID: Row.ID?

    /// A list of `rows`, the first selected.
    public init(_ rows: [Row] = []) {
        self.rows = rows
        self.shown = rows
        self.selectedID = rows.first?.id
    }

    /// The selected row's place among the shown rows.
    public var selectedIndex: Int? { selectedID.flatMap { id in shown.firstIndex { $0.id == id } } }
    /// The selected row.
    public var selected: Row? { selectedIndex.map { shown[$0] } }
    /// Whether a query hides rows (the panel then says "3 of 12").
    public var isNarrowed: Bool { !ListQuery.isBlank(query) }
    /// "12", or "3 of 12" while a query narrows the list.
    public var countLabel: String { isNarrowed ? "\(shown.count) of \(rows.count)" : "\(rows.count)" }

    /// The rows of a new load, or the rows left after some went away.
    public mutating func replace(_ rows: [Row]) {
        let place = selectedIndex
        self.rows = rows
        refresh(keepingPlace: place)
    }

    /// Narrows the list to `query`.
    public mutating func narrow(_ query: String) {
        guard query != self.query else { return }
        self.query = query
        refresh(keepingPlace: nil)
    }

    /// Moves the selection `delta` rows among the shown ones, held at the ends.
    public mutating func move(by delta: Int) {
        guard !shown.isEmpty else { return }
        let current = selectedIndex ?? 0
        // Any delta, `Int.min` too: one as long as the list or longer goes to its end.
        let target =
            delta >= shown.count
            ? shown.count - 1 : delta <= -shown.count ? 0 : min(max(current + delta, 0), shown.count - 1)
        selectedID = shown[target].id
    }

    /// Selects `id` when it is shown; returns whether it is.
    @discardableResult
    public mutating func select(_ id: Row.ID) -> Bool {
        guard shown.contains(where: { $0.id == id }) else { return false }
        selectedID = id
        return true
    }

    /// Recomputes the shown rows; the selection stays on its row while shown, else at `place` (held
    /// to the last row), else on the first.
    private mutating func refresh(keepingPlace place: Int?) {
        let query = self.query
        shown = ListQuery.narrow(rows, by: query) { $0.narrowingTexts }
        if let id = selectedID, shown.contains(where: { $0.id == id }) { return }
        guard !shown.isEmpty else {
            selectedID = nil
            return
        }
        selectedID = shown[min(place ?? 0, shown.count - 1)].id
    }
}

extension ApplicationSummary: Narrowable {
    public var narrowingTexts: [String] {
        [listingTitle, organizationName, application.status.label]
    }
}

extension EdulinkCore.Notification: Narrowable {
    public var narrowingTexts: [String] { [title, body, kind.rawValue] }
}

extension ListingSummary: Narrowable {
    public var narrowingTexts: [String] {
        [
            title, organizationName, location, locationType.rawValue, category.rawValue, level.rawValue,
        ] + requiredSkills
    }
}

extension SavedSearchSummary: Narrowable {
    public var narrowingTexts: [String] { [search.name, search.query] }
}

extension LogbookQueueItem: Narrowable {
    public var narrowingTexts: [String] { [studentName, listingTitle, "week \(entry.week)", "w\(entry.week)"] }
}
