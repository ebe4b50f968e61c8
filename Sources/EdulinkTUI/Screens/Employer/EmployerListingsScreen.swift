import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Listings: the organization's listings with status and stage counts beside the selected one's
/// figures; `n` new and `e` edit open the form (every field, the service's errors inline); `/`
/// narrows the list as you type (title, status, place, category, level).
struct EmployerListingsScreen {
    /// A key sends a view-model intent, sends one and then asks to confirm it, asks how far to
    /// extend, or gives the keys to the search line.
    enum Intent: Hashable {
        case send(EmployerListingsViewModel.Intent)
        case confirm(EmployerListingsViewModel.Intent)
        case extend
        case search
        case move(ListMove)
    }
    enum FormIntent: Hashable { case save, cancel }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("listing", group: "Listings") { .move($0) } + [
            KeyBinding(["n"], hint: "new", "New listing", group: "Listings", action: .send(.new)),
            KeyBinding(["e", "enter"], hint: "edit", "Edit the listing", group: "Listings", action: .send(.edit)),
            KeyBinding(
                ["s"], hint: "submit", "Submit a draft for review (asks first)", group: "Listings",
                action: .confirm(.requestSubmit)),
            KeyBinding(
                ["c"], hint: "close", "Close the listing (asks first)", group: "Listings",
                action: .confirm(.requestClose)),
            KeyBinding(
                ["x"], hint: "extend", "Extend: later deadline, more capacity or positions", group: "Listings",
                action: .extend),
            KeyBinding(
                ["d"], hint: "copy", "Duplicate as a new draft", group: "Listings", action: .confirm(.requestDuplicate)),
            KeyBinding(
                ["/"], hint: "search", "Narrow the list by title, status, place, category or level (as you type)",
                group: "Listings", action: .search),
            KeyBinding(["ctrl-r"], "Reload", group: "Listings", action: .send(.load)),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search)

    static let formKeys = KeyTable<FormIntent>([
        KeyBinding(["ctrl-s"], hint: "save", "Save the listing", group: "Listing form", action: .save),
        KeyBinding(["esc"], hint: "cancel", "Leave the form without saving", group: "Listing form", action: .cancel),
    ])

    private(set) var model: EmployerListingsViewModel
    /// The form's widgets while editing (the view-model holds the values).
    var form: FormState?
    /// The `/` line; the view-model holds the query it narrows the list with.
    private(set) var search = ListSearch()

    init(model: EmployerListingsViewModel) { self.model = model }

    /// The form's values as it opened.
    private var pristine: [String: String] = [:]

    /// Whether the open form has changes that are not saved (Esc, `q` and quitting ask first).
    var hasUnsavedChanges: Bool { form.map { $0.values != pristine } ?? false }

    mutating func send(_ intent: EmployerListingsViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "employer.listings.") { AppMessage.employerListings($0) }
        syncForm()
        search.replace(with: model.state.query)
        return effects
    }

    mutating func receive(_ message: EmployerListingsViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "employer.listings.") { AppMessage.employerListings($0) }
        syncForm()
        search.replace(with: model.state.query)
        return effects
    }

    func help(filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        if form != nil {
            return (
                Self.formKeys.helpSections(filter: filter) + FormState.keys.helpSections(filter: filter),
                Self.formKeys.hints + [KeyHint(key: "tab", label: "next field")]
            )
        }
        let keys = search.active ? Self.searchKeys : Self.keys
        return (keys.helpSections(filter: filter), keys.hints)
    }

    /// Builds or drops the form's widgets to match the view-model, and shows its errors.
    private mutating func syncForm() {
        guard let editing = model.state.editing else {
            form = nil
            return
        }
        if form == nil {
            form = FormState(
                fields: ListingForm.Field.allCases.map { field in
                    let value = editing.form[field]
                    let input: FormInput
                    if let options = editing.form.options(for: field) {
                        input = .choice(options.map(DisplayFormat.words), selected: options.firstIndex(of: value) ?? 0)
                    } else if field == .description {
                        input = .multiline(TextAreaState(value), height: 4)
                    } else if field == .questions {
                        input = .multiline(TextAreaState(value), height: 3)
                    } else {
                        input = .text(LineEditor(value, maxLength: 5000), placeholder: Self.placeholder(field))
                    }
                    let required: Set<ListingForm.Field> = [
                        .title, .description, .location, .startDate, .endDate, .durationWeeks, .deadline,
                    ]
                    return FormField(
                        id: field.rawValue, label: field.label + (editing.frozen.contains(field) ? " (frozen)" : ""),
                        input: input, required: required.contains(field))
                })
            pristine = form?.values ?? [:]
        }
        guard var state = form else { return }
        for index in state.fields.indices {
            state.fields[index].error = editing.errors[state.fields[index].id]
        }
        // The institutions may arrive after the form opened: refresh that choice, keeping the pick.
        if let index = state.fields.firstIndex(where: { $0.id == ListingForm.Field.institution.rawValue }),
            case .choice(let shown, _) = state.fields[index].input,
            let options = editing.form.options(for: .institution)?.map(DisplayFormat.words), shown != options
        {
            let current = DisplayFormat.words(editing.form[.institution])
            state.fields[index].input = .choice(options, selected: options.firstIndex(of: current) ?? 0)
        }
        if let first = state.fields.firstIndex(where: { $0.error != nil }), state.fields[state.focus].error == nil,
            !editing.errors.isEmpty
        {
            state.focus = first
        }
        form = state
    }

    static func placeholder(_ field: ListingForm.Field) -> String {
        switch field {
        case .startDate, .endDate: "YYYY-MM-DD"
        case .deadline: "YYYY-MM-DD HH:MM"
        case .stipend: "empty = unpaid"
        case .requiredSkills, .preferredSkills, .eligibleCourses: "comma-separated"
        case .eligibleYears: "e.g. 2, 3 (empty = any)"
        default: ""
        }
    }

    /// The form's values into the view-model, then save.
    private mutating func save() -> [Effect<AppMessage>] {
        guard let state = form else { return [] }
        var effects: [Effect<AppMessage>] = []
        for field in ListingForm.Field.allCases {
            guard var value = state.value(field.rawValue) else { continue }
            if let options = model.state.editing?.form.options(for: field) {
                value = options.first { DisplayFormat.words($0) == value } ?? value
            }
            effects += send(.setField(field, value))
        }
        return effects + send(.save)
    }

    mutating func handle(_ key: Key, area: Rect) -> (KeyOutcome, EmployerQuestion?) {
        if var state = form {
            if let intent = Self.formKeys.action(for: key) {
                switch intent {
                case .save: return (KeyOutcome(effects: save()), nil)
                case .cancel:
                    guard hasUnsavedChanges else { return (KeyOutcome(effects: send(.cancelEdit)), nil) }
                    return (KeyOutcome(), EmployerQuestion(.discardChanges("the listing"), .discardListingForm))
                }
            }
            if state.handle(key) == .submitted {
                form = state
                return (KeyOutcome(effects: save()), nil)
            }
            form = state
            return (KeyOutcome(), nil)
        }
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return (KeyOutcome(), nil) }
            return (KeyOutcome(effects: send(.setQuery(text))), nil)
        }
        guard let intent = Self.keys.action(for: key) else { return (.unhandled, nil) }
        switch intent {
        case .send(let intent): return (KeyOutcome(effects: send(intent)), nil)
        case .move(let move):
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.shown.count)
            return (KeyOutcome(effects: send(.moveSelection(rows))), nil)
        case .search:
            search.open()
            return (KeyOutcome(), nil)
        case .extend:
            guard model.state.selected?.listing.status == .published else {
                let notice = Toast("Only a published listing can be extended.", kind: .error)
                return (KeyOutcome(effects: [.post(.toast(notice))]), nil)
            }
            return (KeyOutcome(), .extendDays())
        case .confirm(let intent):
            let effects = send(intent)
            return (KeyOutcome(effects: effects), model.state.confirmation.map(EmployerQuestion.listingAction))
        }
    }

    // MARK: Drawing

    /// The list and the selected listing's figures: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(62), .fill()]) : Layout.vertical([.fill(), .fixed(7)]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        if let form, let editing = model.state.editing {
            drawForm(form, editing, into: &frame, area: area)
            return
        }
        let state = model.state
        let parts = Self.parts(area)
        let shown = state.shown
        let count = shown.count == state.listings.count ? "\(shown.count)" : "\(shown.count) of \(state.listings.count)"
        let panel = Panel(
            title: "My listings", focused: !search.active, border: .rounded, trailingTitle: state.loaded ? count : nil)
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = search.draw(
            into: &frame, area: panel.inner(parts[0]), placeholder: "title, status, place, category or level")
        let selected = shown.firstIndex { $0.id == state.selectedID } ?? 0
        var table = TableState(selected: selected)
        table.clamp(rowCount: shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            shown.map { figures in
                let listing = figures.listing
                return [
                    TableCell(listing.title),
                    TableCell(listing.status.label, role: Self.role(listing.status)),
                    TableCell(String(figures.total), role: figures.total > 0 ? .text : .muted),
                    TableCell(
                        String(figures.counts[.pending] ?? 0),
                        role: (figures.counts[.pending] ?? 0) > 0 ? .accent : .muted),
                    TableCell(context.format.shortDay(listing.deadline), role: .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("Listing", width: .fill()), TableColumn("Status", width: .fixed(14)),
                TableColumn("Apps", width: .fixed(5), alignment: .trailing),
                TableColumn("New", width: .fixed(4), alignment: .trailing), TableColumn("Closes", width: .fixed(6)),
            ], source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                state.listings.isEmpty ? "No listings yet — press n to write one." : "No listing matches the search.")
        ).draw(into: &frame.buffer, area: inner)
        drawSelected(into: &frame.buffer, area: parts[1], context: context)
    }

    static func role(_ status: ListingStatus) -> TerminalKit.Role {
        switch status {
        case .draft: .muted
        case .pendingReview: .warning
        case .published: .ok
        case .closed: .critical
        }
    }

    private func drawSelected(into buffer: inout Buffer, area: Rect, context: DrawContext) {
        let panel = Panel(title: "Pipeline", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0, let figures = model.state.selected else { return }
        var lines: [(String, TerminalKit.Role)] = []
        let listing = figures.listing
        // "closed · closes closed" said twice what one word says; a passed deadline is said as such.
        let closes = context.format.deadline(listing.deadline, now: context.now)
        let when =
            listing.status == .closed ? "" : closes == "closed" ? " · deadline passed" : " · closes \(closes)"
        lines.append((listing.status.label + when, Self.role(listing.status)))
        let stages = ApplicationStatus.pipeline.compactMap { status -> String? in
            guard let count = figures.counts[status], count > 0 else { return nil }
            return "\(status.label) \(count)"
        }
        lines.append((stages.isEmpty ? "no applications yet" : stages.joined(separator: " · "), .text))
        let next: String =
            switch listing.status {
            case .draft: "s submits it for review · e edits"
            case .pendingReview: "waiting for an admin to verify it"
            case .published: "x extends · c closes · Applicants tab (2) to review"
            case .closed: "d duplicates it as a new draft"
            }
        lines.append((next, .muted))
        if let message = model.state.message { lines.append(("✗ " + message, .critical)) }
        for (index, line) in lines.prefix(inner.height).enumerated() {
            buffer.write(line.0, in: inner.row(index), style: Style(line.1))
        }
    }

    private func drawForm(
        _ form: FormState, _ editing: EmployerListingsViewModel.Editing, into frame: inout Frame, area: Rect
    ) {
        let title = editing.listingID == nil ? "New listing" : "Edit listing"
        let panel = Panel(
            title: title, focused: true, border: .rounded,
            trailingTitle: editing.saving ? "saving…" : "ctrl-s save · esc cancel")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 1 else { return }
        let focusedID = form.fields.indices.contains(form.focus) ? form.fields[form.focus].id : ""
        let hint =
            focusedID == ListingForm.Field.questions.rawValue
            ? "Questions " + ListingForm.questionSyntax
            : "Tab next field · ←/→ change a choice · problems show at their field"
        frame.buffer.write(hint, in: inner.row(0), style: Style(.muted))
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let widget = Form(state: form, focused: true)
        widget.draw(into: &frame.buffer, area: body)
        frame.cursor = widget.cursorPosition(in: body)
    }
}
