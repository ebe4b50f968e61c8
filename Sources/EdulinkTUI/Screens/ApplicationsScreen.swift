import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Applications: the student's applications with coloured status badges, and the selected one's
/// full timeline. `w` withdraws, `A`/`D` accept or decline an offer, each after a confirmation.
struct ApplicationsScreen {
    /// A key sends a view-model intent, sends one and then asks to confirm it, moves the selection,
    /// opens the listing, or gives the keys to the `/` line (and back).
    enum Intent: Hashable {
        case send(ApplicationsViewModel.Intent)
        case confirm(ApplicationsViewModel.Intent)
        case move(ListMove)
        case openListing
        case search
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("application", group: "Applications") { .move($0) } + [
            KeyBinding(["enter"], hint: "listing", "Open the listing", group: "Applications", action: .openListing),
            KeyBinding(
                ["/"], hint: "search", "Narrow the list by listing, company or status (as you type)",
                group: "Applications", action: .search),
            KeyBinding(
                ["w"], hint: "withdraw", "Withdraw the application (asks first)", group: "Applications",
                action: .confirm(.requestWithdraw)),
            KeyBinding(
                ["A"], hint: "accept", "Accept the offer (asks first)", group: "Offer",
                action: .confirm(.requestAcceptOffer)),
            KeyBinding(
                ["D"], hint: "decline", "Decline the offer (asks first)", group: "Offer",
                action: .confirm(.requestDeclineOffer)),
            KeyBinding(["ctrl-r"], "Reload", group: "Applications", action: .send(.load)),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search)

    private(set) var model: ApplicationsViewModel
    /// The `/` line; the view-model narrows the list with its text.
    private(set) var search = ListSearch()
    /// An application to select once the list has loaded (after applying, or from a notification).
    var pendingSelection: ApplicationID?

    init(model: ApplicationsViewModel) { self.model = model }

    mutating func send(_ intent: ApplicationsViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "applications.") { .applications($0) }
    }

    mutating func receive(_ message: ApplicationsViewModel.Message) -> [Effect<AppMessage>] {
        var effects = model.handle(message)
        if let id = pendingSelection, model.state.applications.contains(where: { $0.id == id }) {
            pendingSelection = nil
            effects += model.handle(.select(id))
        }
        return effects.map(keyPrefix: "applications.") { .applications($0) }
    }

    /// Loads the list, then selects `id`.
    mutating func show(_ id: ApplicationID) -> [Effect<AppMessage>] {
        pendingSelection = id
        // A query that would hide it goes: the application asked for is the one on screen.
        search = ListSearch()
        return send(.setQuery("")) + send(.load)
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setQuery(text)))
        }
        switch Self.keys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.list.shown.count)
            return KeyOutcome(effects: send(.moveSelection(rows)))
        case .search:
            search.open()
            return KeyOutcome()
        case .openListing:
            guard let listing = model.state.detail?.listing.id else { return KeyOutcome() }
            return KeyOutcome(request: .openListing(listing))
        case .confirm(let intent):
            // Two steps: the dialog reads the state the request has just set (so not
            // `confirm(send(intent))`, which would read the state from before the send).
            let effects = send(intent)
            return confirm(effects)
        }
    }

    private func confirm(_ effects: [Effect<AppMessage>]) -> KeyOutcome {
        guard let confirmation = model.state.confirmation else { return KeyOutcome(effects: effects) }
        let title: String
        var dangerous = true
        switch confirmation {
        case .withdraw: title = "Withdraw application"
        case .acceptOffer:
            title = "Accept offer"
            dangerous = false
        case .declineOffer: title = "Decline offer"
        }
        let dialog = DialogState.confirm(title, message: confirmation.question, dangerous: dangerous)
        return KeyOutcome(effects: effects, request: .dialog(dialog, .applications))
    }

    /// The list and the timeline: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(52), .fill()]) : Layout.vertical([.percent(45), .fill()]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let parts = Self.parts(area)
        let listPanel = Panel(
            title: "My applications", focused: !search.active, border: .rounded,
            trailingTitle: state.loaded ? state.list.countLabel : nil)
        listPanel.draw(into: &frame.buffer, area: parts[0])
        let shown = state.list.shown
        var table = TableState(selected: state.list.selectedIndex ?? 0)
        let inner = search.draw(into: &frame, area: listPanel.inner(parts[0]), placeholder: "listing, company, status")
        table.clamp(rowCount: shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            shown.map { summary in
                let status = summary.application.status
                return [
                    TableCell(summary.listingTitle), TableCell(summary.organizationName),
                    TableCell(DisplayFormat.words(status.rawValue), role: EdulinkRoles.state(status)),
                    TableCell(context.format.shortDay(summary.application.submittedAt), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("Listing", width: .fill(3)), TableColumn("Company", width: .fill(2)),
                TableColumn("Status", width: .fixed(19)), TableColumn("Sent", width: .fixed(6)),
            ], source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                state.applications.isEmpty
                    ? "No applications yet — find a listing in Browse and press a."
                    : "No application matches the search.")
        ).draw(into: &frame.buffer, area: inner)
        drawDetail(into: &frame.buffer, area: parts[1], context: context)
    }

    private func drawDetail(into buffer: inout Buffer, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(title: "Timeline", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        var y = inner.y
        if let message = state.message {
            buffer.write("✗ " + message, in: inner.row(0), style: Style(.critical))
            y += 1
        }
        guard let detail = state.detail else {
            if state.selectedID != nil {
                Spinner("loading…", now: context.tick).draw(
                    into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            }
            return
        }
        let status = detail.application.status
        let badge = " \(DisplayFormat.words(status.rawValue)) "
        let x =
            inner.x
            + buffer.write(
                badge, at: Point(x: inner.x, y: y), style: Style(EdulinkRoles.state(status), adding: [.bold, .reverse]))
        buffer.write(
            " \(detail.listing.title) · \(detail.listing.organizationName)",
            in: Rect(x: x, y: y, width: inner.maxX - x, height: 1), style: Style(.title, adding: .bold))
        y += 1
        var actions: [String] = []
        if state.canWithdraw { actions.append("w withdraw") }
        if state.canAnswerOffer { actions.append("A accept · D decline the offer") }
        if let expires = detail.application.offerExpiresAt {
            actions.append("offer open until \(context.format.dateTime(expires))")
        }
        if let interview = detail.application.interview {
            actions.append("interview \(context.format.dateTime(interview.at)) at \(interview.place)")
        }
        if state.working { actions.append("working…") }
        buffer.write(
            actions.joined(separator: " · "), in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.muted))
        y += 2
        let events = detail.timeline.map { event -> Timeline.Event in
            let from = event.from.map { DisplayFormat.words($0.rawValue) + " → " } ?? ""
            let who = event.actorRole.map { " by \(DisplayFormat.words($0.rawValue))" } ?? ""
            return Timeline.Event(
                time: context.format.dateTime(event.at), title: from + DisplayFormat.words(event.to.rawValue) + who,
                detail: event.note.flatMap { $0.isEmpty ? nil : $0 }, role: EdulinkRoles.state(event.to))
        }
        Timeline(events).draw(
            into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)))
    }
}

extension ApplicationsScreen: TabScreen {
    static var tab: ShellTab { .applications }
    static func own(_ message: AppMessage) -> ApplicationsViewModel.Message? {
        if case .applications(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { search.active ? Self.searchKeys : Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { search.active }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .applications else { return nil }
        return send(confirmed != nil ? .confirm : .cancel)
    }
}
