import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Orgs (admin): the organizations, or with `i` the institutions, in a table beside (or above) the
/// selected one's details; `/` narrows the table as you type, `n` and `e`/Enter open the form (every
/// field the CLI has, the service's errors under their fields, Esc asks before dropping changes),
/// `v` verifies the selected one or withdraws its verification at once and `u` undoes that.
struct OrganizationsScreen {
    enum Intent: Hashable {
        case send(OrganizationsViewModel.Intent)
        case move(ListMove)
        case search
        case toggleKind
        case save
        case cancelForm
    }

    static let keys = listKeys(.organizations)
    static let institutionKeys = listKeys(.institutions)

    private static func listKeys(_ kind: OrganizationsViewModel.Kind) -> KeyTable<Intent> {
        let organizations = kind == .organizations
        let one = organizations ? "organization" : "institution"
        let group = organizations ? "Organizations" : "Institutions"
        return KeyTable<Intent>(
            ListMove.bindings(one, group: group) { .move($0) } + [
                KeyBinding(
                    ["/"], hint: "search",
                    organizations
                        ? "Narrow the list by name, industry or location (as you type)"
                        : "Narrow the list by name, short code or type (as you type)", group: group, action: .search),
                KeyBinding(
                    ["i"], hint: organizations ? "institutions" : "organizations",
                    organizations
                        ? "Show the institutions (students belong to one)"
                        : "Show the organizations (employers belong to one)", group: group, action: .toggleKind),
                KeyBinding(["n"], hint: "new", "New \(one)", group: group, action: .send(.new)),
                KeyBinding(
                    ["e", "enter"], hint: "edit", "Edit the selected \(one)", group: group, action: .send(.edit)),
                KeyBinding(
                    ["v"], hint: "verify", "Verify the selected \(one), or withdraw its verification", group: group,
                    action: .send(.toggleVerified)),
                KeyBinding(
                    ["u"], hint: "undo", "Undo the last verification change", group: group, action: .send(.undo)),
                KeyBinding(["ctrl-r"], "Reload", group: group, action: .send(.load)),
            ])
    }

    static let searchKeys = ListSearch.doneKeys(Intent.search, backTo: "the table")

    static let formKeys = KeyTable<Intent>([
        KeyBinding(["ctrl-s"], hint: "save", "Save", group: "Form", action: .save),
        KeyBinding(
            ["esc"], hint: "cancel", "Leave the form (asks first when changed)", group: "Form", action: .cancelForm),
    ])

    private(set) var model: OrganizationsViewModel
    /// The form's widgets while one is open (the view-model holds the record and its errors).
    private(set) var form: FormState?
    /// The form's values as it opened.
    private var pristine: [String: String] = [:]
    private(set) var search = ListSearch()
    var searching: Bool { search.active }

    init(model: OrganizationsViewModel) { self.model = model }

    /// Whether the open form has changes that are not saved (Esc and quitting ask first).
    var hasUnsavedChanges: Bool { form.map { $0.values != pristine } ?? false }

    var activeKeys: KeyTable<Intent> {
        if form != nil { return Self.formKeys }
        if searching { return Self.searchKeys }
        return model.state.kind == .organizations ? Self.keys : Self.institutionKeys
    }

    mutating func send(_ intent: OrganizationsViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "adminOrganizations.") { AppMessage.adminOrganizations($0) }
        syncForm()
        return effects
    }

    mutating func receive(_ message: OrganizationsViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "adminOrganizations.") { AppMessage.adminOrganizations($0) }
        syncForm()
        return effects
    }

    // MARK: The form

    static let sizes = OrganizationSize.allCases
    static let types = InstitutionType.allCases
    static let yesNo = ["no", "yes"]

    /// Builds or drops the form's widgets to match the view-model, and shows its errors.
    private mutating func syncForm() {
        guard let editing = model.state.editing else {
            form = nil
            return
        }
        if form == nil {
            form = FormState(fields: Self.fields(editing.record))
            pristine = form?.values ?? [:]
        }
        guard var state = form else { return }
        for index in state.fields.indices {
            state.fields[index].error = editing.errors[state.fields[index].id]
        }
        if let first = state.fields.firstIndex(where: { $0.error != nil }), state.fields[state.focus].error == nil {
            state.focus = first
        }
        form = state
    }

    /// The fields of the form on `record`: those of `edulink org|institution create` (verification
    /// is chosen only for a new one; later it is `v`'s).
    static func fields(_ record: OrganizationsViewModel.Record) -> [FormField] {
        var fields: [FormField]
        switch record {
        case .organization(let organization):
            fields = [
                FormField(
                    id: "name", label: "Name", input: .text(LineEditor(organization.name, maxLength: 300)),
                    required: true),
                FormField(
                    id: "industry", label: "Industry",
                    input: .text(LineEditor(organization.industry, maxLength: 200), placeholder: "e.g. Fintech"),
                    required: true),
                FormField(
                    id: "size", label: "Size (people)",
                    input: .choice(sizes.map(\.rawValue), selected: sizes.firstIndex(of: organization.size) ?? 0)),
                FormField(
                    id: "website", label: "Website",
                    input: .text(LineEditor(organization.website ?? "", maxLength: 500), placeholder: "https://…")),
                FormField(
                    id: "location", label: "Location",
                    input: .text(LineEditor(organization.location, maxLength: 300), placeholder: "e.g. Nairobi"),
                    required: true),
                FormField(
                    id: "description", label: "Description",
                    input: .multiline(TextAreaState(organization.description), height: 3), required: true),
            ]
        case .institution(let institution):
            fields = [
                FormField(
                    id: "name", label: "Name", input: .text(LineEditor(institution.name, maxLength: 300)),
                    required: true),
                FormField(
                    id: "short_code", label: "Short code",
                    input: .text(
                        LineEditor(institution.shortCode, maxLength: 40), placeholder: "letters and digits, e.g. UON"),
                    required: true),
                FormField(
                    id: "type", label: "Type",
                    input: .choice(
                        types.map { DisplayFormat.words($0.rawValue) },
                        selected: types.firstIndex(of: institution.type) ?? 0)),
            ]
        }
        if record.isNew {
            fields.append(FormField(id: "verified", label: "Verified", input: .choice(yesNo, selected: 0)))
        }
        return fields
    }

    /// The index chosen in the choice field `id`.
    private static func chosen(_ form: FormState, _ id: String) -> Int {
        guard case .choice(_, let selected)? = form.fields.first(where: { $0.id == id })?.input else { return 0 }
        return selected
    }

    private mutating func save() -> [Effect<AppMessage>] {
        guard let form, let editing = model.state.editing else { return [] }
        let verify = Self.chosen(form, "verified") == 1
        switch editing.record {
        case .organization:
            return send(
                .saveOrganization(
                    name: form.value("name") ?? "", industry: form.value("industry") ?? "",
                    size: Self.sizes[min(Self.chosen(form, "size"), Self.sizes.count - 1)],
                    website: form.value("website") ?? "", location: form.value("location") ?? "",
                    description: form.value("description") ?? "", verify: verify))
        case .institution:
            return send(
                .saveInstitution(
                    name: form.value("name") ?? "", shortCode: form.value("short_code") ?? "",
                    type: Self.types[min(Self.chosen(form, "type"), Self.types.count - 1)], verified: verify))
        }
    }

    // MARK: Keys

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if var state = form {
            switch Self.formKeys.action(for: key) {
            case .save?: return KeyOutcome(effects: save())
            case .cancelForm?:
                guard hasUnsavedChanges, let editing = model.state.editing else {
                    return KeyOutcome(effects: send(.cancelEdit))
                }
                let what = editing.record.kind == .organizations ? "the organization" : "the institution"
                return KeyOutcome(request: .dialog(.discardChanges(what), .adminOrganizations))
            default: break
            }
            if state.handle(key) == .submitted {
                form = state
                return KeyOutcome(effects: save())
            }
            form = state
            return KeyOutcome()
        }
        if searching {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setQuery(text)))
        }
        switch activeKeys.action(for: key) {
        case nil: return .unhandled
        case .send(let intent)?: return KeyOutcome(effects: send(intent))
        case .move(.first)?: return KeyOutcome(effects: send(.moveToEnd(last: false)))
        case .move(.last)?: return KeyOutcome(effects: send(.moveToEnd(last: true)))
        case .move(let move)?:
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.counts.shown)
            return KeyOutcome(effects: send(.moveSelection(rows)))
        case .search?:
            search.open()
            return KeyOutcome()
        case .toggleKind?:
            search.clear()
            return KeyOutcome(effects: send(.toggleKind))
        case .save?, .cancelForm?:
            return KeyOutcome()
        }
    }

    // MARK: Drawing

    /// The table and the selected one's details: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(64), .fill()]) : Layout.vertical([.fill(), .fixed(7)]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        if let form, let editing = model.state.editing {
            drawForm(form, editing, into: &frame, area: area)
            return
        }
        let wide = area.width >= 110
        let parts = Self.parts(area)
        drawTable(into: &frame, area: parts[0], context: context)
        drawSelected(into: &frame.buffer, area: parts[1], context: context, wide: wide)
    }

    private func drawTable(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let organizations = state.kind == .organizations
        let (shown, total) = state.counts
        // No figure for a list that has not loaded: "0" would say there are none.
        let otherCount = organizations ? state.institutions.count : state.organizations.count
        let other =
            (organizations ? "i institutions" : "i organizations")
            + (state.load(organizations ? .institutions : .organizations).isLoaded ? " (\(otherCount))" : "")
        let count = shown == total ? "\(total)" : "\(shown) of \(total)"
        let panel = Panel(
            title: organizations ? "Organizations" : "Institutions", focused: !searching, border: .rounded,
            trailingTitle: state.load(state.kind).isLoaded ? "\(count) · \(other)" : other)
        panel.draw(into: &frame.buffer, area: area)
        let inner = search.draw(
            into: &frame, area: panel.inner(area),
            placeholder: organizations ? "name, industry or location" : "name, short code or type")
        let roomy = inner.width >= 84
        let columns: [TableColumn]
        let rows: [[TableCell]]
        if organizations {
            columns = [
                TableColumn("Name", width: .fill()), TableColumn("Industry", width: .fixed(roomy ? 18 : 14)),
                TableColumn("Size", width: .fixed(8)), TableColumn("Location", width: .fixed(roomy ? 16 : 12)),
                TableColumn("Verified", width: .fixed(8)),
            ]
            rows = state.shownOrganizations.map { organization in
                [
                    TableCell(organization.name), TableCell(organization.industry, role: .muted),
                    TableCell(organization.size.rawValue, role: .muted), TableCell(organization.location, role: .muted),
                    Self.verifiedCell(organization.verified),
                ]
            }
        } else {
            columns = [
                TableColumn("Name", width: .fill()), TableColumn("Code", width: .fixed(10)),
                TableColumn("Type", width: .fixed(12)), TableColumn("Verified", width: .fixed(8)),
            ]
            rows = state.shownInstitutions.map { institution in
                [
                    TableCell(institution.name), TableCell(institution.shortCode),
                    TableCell(DisplayFormat.words(institution.type.rawValue), role: .muted),
                    Self.verifiedCell(institution.verified),
                ]
            }
        }
        var table = TableState(selected: state.selectedIndex)
        table.clamp(rowCount: rows.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let empty = EmptyText.list(
            state.load(state.kind),
            !state.query.isEmpty
                ? "Nothing matches."
                : (organizations ? "No organizations yet — n adds one." : "No institutions yet — n adds one."))
        Table(columns: columns, source: TableRows(rows), state: table, focused: !searching, emptyText: empty)
            .draw(into: &frame.buffer, area: inner)
    }

    static func verifiedCell(_ verified: Bool) -> TableCell {
        verified ? TableCell("✓ yes", role: .ok) : TableCell("no", role: .warning)
    }

    /// The selected one's details, then what `u` would undo or what went wrong.
    private func drawSelected(into buffer: inout Buffer, area: Rect, context: DrawContext, wide: Bool) {
        let state = model.state
        let panel = Panel(
            title: state.kind == .organizations ? "Organization" : "Institution", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        var footer: (String, TerminalKit.Role)?
        if let message = state.message {
            footer = ("✗ " + message, .critical)
        } else if state.working {
            footer = ("saving…", .muted)
        } else if let undo = state.undo {
            footer = ("u undoes: " + undo.done, .muted)
        }
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - (footer == nil ? 0 : 1))
        var text = StyledText()
        switch state.kind {
        case .organizations:
            guard let organization = state.selectedOrganization else { break }
            text.add(organization.name, .title, .bold)
            text.add(
                organization.verified
                    ? "✓ verified"
                    : "! not verified — its listings cannot be published; v verifies it",
                organization.verified ? .ok : .warning)
            if wide {
                text.gap()
                text.add("Industry  " + organization.industry)
                text.add("Size      " + organization.size.rawValue + " people")
                text.add("Website   " + (organization.website ?? "–"))
                text.add("Location  " + organization.location)
                text.add("Since     " + context.format.day(organization.createdAt))
                text.gap()
            } else {
                // Narrow: the facts on one line (the website is in the form), then the description.
                let facts = [organization.industry, organization.size.rawValue + " people", organization.location]
                text.add(facts.joined(separator: " · "), .muted)
            }
            text.add(organization.description)
        case .institutions:
            guard let institution = state.selectedInstitution else { break }
            text.add(institution.name, .title, .bold)
            text.add(
                institution.verified ? "✓ verified" : "! not verified — v verifies it",
                institution.verified ? .ok : .warning)
            text.add(
                "\(institution.shortCode) · \(DisplayFormat.words(institution.type.rawValue)) · registration codes start EDU\(institution.shortCode)",
                .muted)
        }
        text.draw(into: &buffer, area: body, scroll: 0)
        if let footer {
            buffer.write(footer.0, in: inner.row(inner.height - 1), style: Style(footer.1))
        }
    }

    private func drawForm(
        _ form: FormState, _ editing: OrganizationsViewModel.Editing, into frame: inout Frame, area: Rect
    ) {
        let one = editing.record.kind == .organizations ? "organization" : "institution"
        let title = editing.record.isNew ? "New \(one)" : "Edit \(one) · \(editing.record.name)"
        let panel = Panel(
            title: title, focused: true, border: .rounded,
            trailingTitle: editing.saving ? "saving…" : "ctrl-s save · esc cancel")
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 1 else { return }
        let hint =
            editing.record.isNew
            ? "Tab next field · ←/→ change a choice · problems show at their field"
            : "Tab next field · ←/→ change a choice · v on the list verifies or withdraws"
        frame.buffer.write(hint, in: inner.row(0), style: Style(.muted))
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let widget = Form(state: form, focused: true)
        widget.draw(into: &frame.buffer, area: body)
        frame.cursor = widget.cursorPosition(in: body)
    }
}

extension OrganizationsScreen: TabScreen {
    static var tab: ShellTab { .organizations }
    static func own(_ message: AppMessage) -> OrganizationsViewModel.Message? {
        if case .adminOrganizations(let message) = message { return message }
        return nil
    }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        let keys = activeKeys
        guard form != nil else { return (keys.helpSections(filter: filter), keys.hints) }
        return (
            keys.helpSections(filter: filter) + FormState.keys.helpSections(filter: filter),
            keys.hints + [KeyHint(key: "tab", label: "next field")]
        )
    }
    func capturesText(on tab: ShellTab) -> Bool { searching || form != nil }
    var unsavedWork: [String] {
        guard hasUnsavedChanges, let editing = model.state.editing else { return [] }
        return [editing.record.kind == .organizations ? "the organization form" : "the institution form"]
    }
    var isBusy: Bool { model.state.working || model.state.editing?.saving == true }
    mutating func answer(_ purpose: DialogPurpose, confirmed: String?, area: Rect) -> [Effect<AppMessage>]? {
        guard purpose == .adminOrganizations else { return nil }
        return confirmed != nil ? send(.cancelEdit) : []
    }
}
