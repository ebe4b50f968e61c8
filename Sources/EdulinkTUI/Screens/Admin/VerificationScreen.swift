import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Listings (admin): the verification queue on the left, the selected listing on the right; `v`
/// verifies and publishes it, `b` sends it back to the employer with a reason; `/` narrows the queue
/// as you type, `g`/`G` jump to its first and last (newest) listing. An institution admin's `a`
/// switches to the listings their students applied to (`enter` opens one).
struct VerificationScreen {
    /// A key sends a view-model intent, opens the search line, or asks for a send-back reason.
    enum Intent: Hashable {
        case send(VerificationViewModel.Intent)
        /// In the queue (G: the newest submission), or among the listings students applied to.
        case move(ListMove)
        case moveApplied(ListMove)
        case search
        case sendBack
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("listing", group: "Listings") { .move($0) } + [
            KeyBinding(
                ["/"], hint: "search", "Narrow the queue by title or organization (as you type)", group: "Listings",
                action: .search),
            KeyBinding(
                ["v"], hint: "verify", "Verify and publish the selected listing", group: "Listings",
                action: .send(.verifySelected)),
            KeyBinding(
                ["b"], hint: "send back", "Send it back to the employer with a reason", group: "Listings",
                action: .sendBack
            ),
            KeyBinding(["ctrl-r"], "Reload the queue", group: "Listings", action: .send(.load)),
        ])

    /// An institution admin's keys: the queue's, and the listings their students applied to.
    static let institutionKeys = KeyTable<Intent>(
        keys.bindings + [
            KeyBinding(
                ["a"], hint: "applied", "Where your students applied", group: "Listings",
                action: .send(.toggleApplied))
        ])

    static let appliedKeys = KeyTable<Intent>(
        ListMove.bindings("listing", group: "Applied") { .moveApplied($0) } + [
            KeyBinding(["enter"], hint: "open", "Open the listing", group: "Applied", action: .send(.openApplied)),
            KeyBinding(
                ["a", "esc"], hint: "waiting", "Back to the listings waiting for review", group: "Applied",
                action: .send(.toggleApplied)),
            KeyBinding(["ctrl-r"], "Reload", group: "Applied", action: .send(.load)),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search, backTo: "the queue")

    private(set) var model: VerificationViewModel
    private(set) var search = ListSearch()
    var searching: Bool { search.active }

    init(model: VerificationViewModel) { self.model = model }

    var capturesText: Bool { searching }
    var activeKeys: KeyTable<Intent> {
        if searching { return Self.searchKeys }
        if model.state.showingApplied { return Self.appliedKeys }
        return model.institution ? Self.institutionKeys : Self.keys
    }

    mutating func send(_ intent: VerificationViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "adminVerification.") { .adminVerification($0) }
    }

    mutating func receive(_ message: VerificationViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "adminVerification.") { .adminVerification($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> (KeyOutcome, AdminQuestion?) {
        if searching {
            guard let text = search.edit(key, done: Self.searchKeys) else { return (KeyOutcome(), nil) }
            return (KeyOutcome(effects: send(.setQuery(text))), nil)
        }
        guard let intent = activeKeys.action(for: key) else { return (.unhandled, nil) }
        switch intent {
        case .send(let intent): return (KeyOutcome(effects: send(intent)), nil)
        case .move(.first): return (KeyOutcome(effects: send(.moveToEnd(last: false))), nil)
        case .move(.last): return (KeyOutcome(effects: send(.moveToEnd(last: true))), nil)
        case .move(let move):
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.shown.count)
            return (KeyOutcome(effects: send(.moveSelection(rows))), nil)
        case .moveApplied(let move):
            return (
                KeyOutcome(effects: send(.moveApplied(move.rows(panel: area, count: model.state.applied.count)))), nil
            )
        case .search:
            search.open()
            return (KeyOutcome(), nil)
        case .sendBack:
            guard let selected = model.state.selected else { return (KeyOutcome(), nil) }
            return (KeyOutcome(), .sendBackReason(selected.title))
        }
    }

    /// The queue and the selected listing: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(50), .fill()]) : Layout.vertical([.percent(40), .fill()]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        if state.showingApplied {
            drawApplied(into: &frame, area: area, context: context)
            return
        }
        let wide = area.width >= 110
        let parts = Self.parts(area)
        let shown = state.shown
        let count =
            shown.count == state.queue.count
            ? "\(state.queue.count) pending" : "\(shown.count) of \(state.queue.count) pending"
        let panel = Panel(title: "Waiting for review", focused: !searching, border: .rounded, trailingTitle: count)
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = search.draw(into: &frame, area: panel.inner(parts[0]), placeholder: "title or organization")
        var table = TableState(selected: state.selectedIndex ?? 0)
        table.clamp(rowCount: shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            shown.map { listing in
                [
                    TableCell(listing.title), TableCell(listing.organizationName, role: .muted),
                    TableCell(context.format.dateTime(listing.deadline), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("Listing", width: .fill()), TableColumn("Organization", width: .fixed(wide ? 20 : 18)),
                TableColumn("Deadline", width: .fixed(13)),
            ], source: rows, state: table, focused: !searching,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                state.query.isEmpty ? "Nothing waiting for review." : "No listing waiting matches.")
        ).draw(into: &frame.buffer, area: inner)

        let detailPanel = Panel(title: "Listing", focused: false, border: .rounded)
        detailPanel.draw(into: &frame.buffer, area: parts[1])
        let body = detailPanel.inner(parts[1]).inset(horizontal: 1)
        if let detail = state.detail, detail.listing.id == state.selected?.id {
            let listing = detail.listing
            var text = StyledText()
            text.add(listing.title, .title, .bold)
            let verified = detail.organization.verified ? "verified organization" : "organization NOT verified"
            text.add("\(detail.organization.name) · \(verified)", detail.organization.verified ? .muted : .warning)
            let facts = [
                DisplayFormat.words(listing.category.rawValue), DisplayFormat.words(listing.level.rawValue),
                DisplayFormat.place(listing.locationType, listing.location), "\(listing.durationWeeks) weeks",
                DisplayFormat.stipend(listing.stipend),
            ]
            text.add(facts.joined(separator: " · "), .muted)
            text.add(
                "Deadline \(context.format.dateTime(listing.deadline)) · \(listing.positions) position(s) · capacity \(listing.capacity)",
                .muted)
            if !listing.requiredSkills.isEmpty { text.add("Skills: " + listing.requiredSkills.joined(separator: ", ")) }
            text.gap()
            text.add(listing.description)
            text.draw(into: &frame.buffer, area: body, scroll: 0)
        } else if state.selected != nil {
            frame.buffer.write("loading…", in: body.row(0), style: Style(.muted))
        }
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
    }
}

extension VerificationScreen {
    /// The listings the institution's students applied to, most applicants first.
    fileprivate func drawApplied(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(
            title: "Where your students applied", focused: true, border: .rounded,
            trailingTitle: "\(state.applied.count) listings · a: waiting for review (\(state.queue.count))")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area)
        let wide = inner.width >= 100
        var columns = [TableColumn("Listing", width: .fill(3)), TableColumn("Organization", width: .fill(2))]
        if wide { columns.append(TableColumn("Status", width: .fixed(10))) }
        columns += [
            TableColumn("Students", width: .fixed(8), alignment: .trailing),
            TableColumn("Offers", width: .fixed(6), alignment: .trailing),
            TableColumn("Accepted", width: .fixed(8), alignment: .trailing),
        ]
        let rows = state.applied.map { use -> [TableCell] in
            var cells = [TableCell(use.listing.title), TableCell(use.listing.organizationName, role: .muted)]
            if wide {
                cells.append(
                    TableCell(
                        DisplayFormat.words(use.listing.status.rawValue),
                        role: use.listing.status == .published ? .ok : .muted))
            }
            return cells + [
                TableCell(String(use.students)), TableCell(String(use.offers), role: use.offers > 0 ? .text : .muted),
                TableCell(String(use.accepted), role: use.accepted > 0 ? .ok : .muted),
            ]
        }
        var table = TableState(selected: state.appliedIndex)
        table.clamp(rowCount: rows.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        Table(
            columns: columns, source: TableRows(rows), state: table, focused: true,
            emptyText: EmptyText.list(state.appliedLoad, "None of your students has applied yet.")
        ).draw(into: &frame.buffer, area: inner)
    }
}
