import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The employer's Profile tab: the organization's profile; `e` edits it (the service checks it);
/// `x` exports the employer's own data.
struct OrganizationScreen {
    enum Intent: Hashable { case edit, reload, exportData }
    enum FormIntent: Hashable { case save, cancel }

    static let keys = KeyTable<Intent>([
        KeyBinding(
            ["e", "enter"], hint: "edit", "Edit the organization profile", group: "Organization", action: .edit),
        KeyBinding(["ctrl-r"], "Reload", group: "Organization", action: .reload),
        KeyBinding(
            ["x"], hint: "export data", "Export everything stored about you to a file", group: "Organization",
            action: .exportData),
    ])

    static let formKeys = KeyTable<FormIntent>([
        KeyBinding(["ctrl-s"], hint: "save", "Save", group: "Organization form", action: .save),
        KeyBinding(["esc"], hint: "cancel", "Leave without saving", group: "Organization form", action: .cancel),
    ])

    private(set) var model: OrganizationViewModel
    var form: FormState?
    /// The form's values as it opened.
    private var pristine: [String: String] = [:]

    /// Whether the open form has changes that are not saved (Esc and quitting ask first).
    var hasUnsavedChanges: Bool { form.map { $0.values != pristine } ?? false }

    init(model: OrganizationViewModel) { self.model = model }

    var activeKeys: KeyTable<Intent> { Self.keys }

    func help(filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        form == nil
            ? (Self.keys.helpSections(filter: filter), Self.keys.hints)
            : (Self.formKeys.helpSections(filter: filter), Self.formKeys.hints)
    }

    mutating func send(_ intent: OrganizationViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "employer.organization.") { AppMessage.organization($0) }
        sync()
        return effects
    }

    mutating func receive(_ message: OrganizationViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "employer.organization.") { AppMessage.organization($0) }
        sync()
        return effects
    }

    private mutating func sync() {
        guard model.state.editing, let organization = model.state.organization else {
            form = nil
            return
        }
        if form == nil {
            let sizes = OrganizationSize.allCases.map(\.rawValue)
            form = FormState(fields: [
                FormField(
                    id: "name", label: "Company", input: .text(LineEditor(organization.name, maxLength: 200)),
                    required: true),
                FormField(
                    id: "industry", label: "Industry", input: .text(LineEditor(organization.industry, maxLength: 100)),
                    required: true),
                FormField(
                    id: "size", label: "Size",
                    input: .choice(sizes, selected: sizes.firstIndex(of: organization.size.rawValue) ?? 0)),
                FormField(
                    id: "website", label: "Website",
                    input: .text(LineEditor(organization.website ?? "", maxLength: 300))),
                FormField(
                    id: "location", label: "Location", input: .text(LineEditor(organization.location, maxLength: 200)),
                    required: true),
                FormField(
                    id: "description", label: "Description",
                    input: .multiline(TextAreaState(organization.description), height: 5)),
            ])
            pristine = form?.values ?? [:]
        }
        for index in form?.fields.indices ?? 0..<0 {
            if let id = form?.fields[index].id { form?.fields[index].error = model.state.errors[id] }
        }
    }

    private mutating func save() -> [Effect<AppMessage>] {
        guard let form else { return [] }
        return send(
            .save(
                name: form.value("name") ?? "", industry: form.value("industry") ?? "",
                size: OrganizationSize(rawValue: form.value("size") ?? "") ?? .small,
                website: form.value("website") ?? "",
                location: form.value("location") ?? "", description: form.value("description") ?? ""))
    }

    mutating func handle(_ key: Key) -> (KeyOutcome, EmployerQuestion?) {
        if var state = form {
            switch Self.formKeys.action(for: key) {
            case .save?: return (KeyOutcome(effects: save()), nil)
            case .cancel?:
                guard hasUnsavedChanges else { return (KeyOutcome(effects: discard()), nil) }
                return (
                    KeyOutcome(), EmployerQuestion(.discardChanges("the organization profile"), .discardOrganization)
                )
            case nil: break
            }
            if state.handle(key) == .submitted {
                form = state
                return (KeyOutcome(effects: save()), nil)
            }
            form = state
            return (KeyOutcome(), nil)
        }
        switch Self.keys.action(for: key) {
        case nil: return (.unhandled, nil)
        case .edit?: return (KeyOutcome(effects: send(.edit(true))), nil)
        case .reload?: return (KeyOutcome(effects: send(.load)), nil)
        case .exportData?: return (KeyOutcome(effects: [.post(.exportMyData)]), nil)
        }
    }

    /// Leaves the form, dropping its changes.
    mutating func discard() -> [Effect<AppMessage>] { send(.edit(false)) }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(
            title: "Organization profile", focused: true, border: .rounded,
            trailingTitle: form == nil ? "e edit" : (state.saving ? "saving…" : "ctrl-s save · esc cancel"))
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        if let form {
            let widget = Form(state: form, focused: true)
            widget.draw(into: &frame.buffer, area: inner)
            frame.cursor = widget.cursorPosition(in: inner)
            return
        }
        guard let organization = state.organization else {
            frame.buffer.write(state.message.map { "✗ " + $0 } ?? "loading…", in: inner.row(0), style: Style(.muted))
            return
        }
        var y = inner.y
        let badge = organization.verified ? " ✓ verified " : " not verified — listings cannot be published yet "
        frame.buffer.write(
            organization.name, in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.title, adding: .bold))
        y += 1
        frame.buffer.write(
            badge, in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(organization.verified ? .ok : .warning, adding: .reverse))
        y += 2
        let facts: [(String, String)] = [
            ("Industry", organization.industry), ("Size", organization.size.rawValue + " people"),
            ("Website", organization.website ?? "–"), ("Location", organization.location),
            ("Since", context.format.day(organization.createdAt)),
        ]
        for fact in facts where y < inner.maxY {
            frame.buffer.write(fact.0, in: Rect(x: inner.x, y: y, width: 10, height: 1), style: Style(.muted))
            frame.buffer.write(fact.1, in: Rect(x: inner.x + 11, y: y, width: max(0, inner.width - 11), height: 1))
            y += 1
        }
        y += 1
        for line in TextWrap.lines(organization.description, width: inner.width) where y < inner.maxY {
            frame.buffer.write(line.text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            y += 1
        }
    }
}
