import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Profile: the fields with their errors, the completion gauge and what is missing. `j`/`k` choose a
/// field, Enter edits it (Enter again keeps, Esc undoes), ctrl-s saves.
struct ProfileScreen {
    enum Intent: Hashable { case up, down, edit, save, revert, reload, password, exportData }

    static let keys = KeyTable<Intent>([
        KeyBinding(["j", "down"], "Next field", group: "Profile", action: .down),
        KeyBinding(["k", "up"], "Previous field", group: "Profile", action: .up),
        KeyBinding(["enter", "i"], hint: "edit", "Edit the field", group: "Profile", action: .edit),
        KeyBinding(["ctrl-s"], hint: "save", "Save the profile", group: "Profile", action: .save),
        KeyBinding(["u"], hint: "undo all", "Put the saved profile back", group: "Profile", action: .revert),
        KeyBinding(["ctrl-r"], "Reload (keeps edits not saved yet)", group: "Profile", action: .reload),
        KeyBinding(["p"], hint: "password", "Change your password", group: "Profile", action: .password),
        KeyBinding(
            ["x"], hint: "export data", "Export everything stored about you to a file", group: "Profile",
            action: .exportData),
    ])
    static let editKeys = KeyTable<Intent>([
        KeyBinding(["enter"], hint: "keep", "Keep the text", group: "Editing", action: .edit),
        KeyBinding(["esc"], hint: "undo", "Undo this field's changes", group: "Editing", action: .revert),
        KeyBinding(["ctrl-s"], hint: "save", "Save the profile", group: "Editing", action: .save),
    ])

    static let fields: [(ProfileForm.Field, String)] = [
        (.displayName, "Name"), (.phone, "Phone"), (.institution, "Institution"),
        (.registrationNumber, "Registration no."), (.yearOfStudy, "Year of study"), (.course, "Course"),
        (.skills, "Skills (a, b, c)"), (.interests, "Interests"), (.githubURL, "GitHub"), (.linkedinURL, "LinkedIn"),
        (.websiteURL, "Website"), (.resumePath, "Résumé path"), (.bio, "Bio"),
    ]

    private(set) var model: ProfileViewModel
    var selected = 0
    var editor: LineEditor?
    private var original = ""

    init(model: ProfileViewModel) { self.model = model }

    var password = PasswordForm()

    var capturesText: Bool { editor != nil || password.isOpen }
    var activeKeys: KeyTable<Intent> { editor == nil ? Self.keys : Self.editKeys }

    mutating func send(_ intent: ProfileViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "profile.") { AppMessage.profile($0) }
        password.sync(model.state.password)
        return effects
    }

    mutating func receive(_ message: ProfileViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "profile.") { AppMessage.profile($0) }
        password.sync(model.state.password)
        return effects
    }

    static func value(_ field: ProfileForm.Field, in form: ProfileForm) -> String {
        switch field {
        case .displayName: form.displayName
        case .phone: form.phone
        case .institution: ""
        case .registrationNumber: form.registrationNumber
        case .yearOfStudy: form.yearOfStudy
        case .course: form.course
        case .skills: form.skills
        case .interests: form.interests
        case .githubURL: form.githubURL
        case .linkedinURL: form.linkedinURL
        case .websiteURL: form.websiteURL
        case .resumePath: form.resumePath
        case .bio: form.bio
        }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        switch password.handle(key) {
        case .closed: break
        case .handled: return KeyOutcome()
        case .submit(let current, let new, let confirmation):
            return KeyOutcome(effects: send(.changePassword(current: current, new: new, confirmation: confirmation)))
        }
        let field = Self.fields[selected].0
        if var editing = editor {
            switch key {
            case "enter":
                editor = nil
                return KeyOutcome()
            case "esc":
                editor = nil
                return KeyOutcome(effects: send(.set(field, original)))
            case "ctrl-s":
                editor = nil
                return KeyOutcome(effects: send(.save))
            default:
                guard editing.handle(key) == .edited else { return KeyOutcome() }
                editor = editing
                return KeyOutcome(effects: send(.set(field, editing.text)))
            }
        }
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        switch intent {
        case .down: selected = min(selected + 1, Self.fields.count - 1)
        case .up: selected = max(selected - 1, 0)
        case .edit:
            if field == .institution { return KeyOutcome(effects: send(.explainInstitution)) }
            original = Self.value(field, in: model.state.form)
            editor = LineEditor(original, maxLength: field == .bio ? 2000 : 300)
        case .save: return KeyOutcome(effects: send(.save))
        case .revert: return KeyOutcome(effects: send(.revert))
        case .reload: return KeyOutcome(effects: send(.load))
        case .password: password.open()
        case .exportData: return KeyOutcome(effects: [.post(.exportMyData)])
        }
        return KeyOutcome()
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let wide = area.width >= 110
        let parts = (wide ? Layout.horizontal([.percent(62), .fill()]) : Layout.vertical([.fill(), .fixed(6)])).split(
            area)
        let formPanel = Panel(
            title: "Profile", focused: true, border: .rounded,
            trailingTitle: state.saving ? "saving…" : (state.isDirty ? "unsaved changes" : nil))
        formPanel.draw(into: &frame.buffer, area: parts[0])
        let inner = formPanel.inner(parts[0]).inset(horizontal: 1)
        let labelWidth = 20
        var rows: [(ProfileForm.Field, String, Int)] = []
        for (index, (field, label)) in Self.fields.enumerated() { rows.append((field, label, index)) }
        let rowHeight = { (field: ProfileForm.Field) in state.errors[field] == nil ? 1 : 2 }
        var first = 0
        var used = 0
        for index in stride(from: selected, through: 0, by: -1) {
            used += rowHeight(Self.fields[index].0)
            if used > inner.height - 1 { break }
            first = index
        }
        var y = inner.y
        if state.password.required {
            let (note, role) = PasswordForm.note(required: true)
            frame.buffer.write(note, in: inner.row(0), style: Style(role, adding: .bold))
            y += 1
        } else if let message = state.message {
            frame.buffer.write("✗ " + message, in: inner.row(0), style: Style(EdulinkRoles.fieldError, adding: .bold))
            y += 1
        }
        for (field, label, index) in rows where index >= first {
            guard y < inner.maxY else { break }
            let isSelected = index == selected
            frame.buffer.write(
                (isSelected ? "▸ " : "  ") + label, in: Rect(x: inner.x, y: y, width: labelWidth, height: 1),
                style: Style(isSelected ? .accent : .text, adding: isSelected ? .bold : []))
            let valueRect = Rect(x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, height: 1)
            if isSelected, let editor {
                let widget = TextField(editor: editor, focused: true)
                widget.draw(into: &frame.buffer, area: valueRect)
                frame.cursor = widget.cursorPosition(in: valueRect)
            } else if field == .institution {
                let name = state.detail?.institution?.name
                frame.buffer.write(
                    name ?? "— none: your career office or an admin sets it —", in: valueRect,
                    style: Style(name == nil ? .muted : .text))
            } else {
                let value = Self.value(field, in: state.form)
                frame.buffer.write(
                    value.isEmpty ? "—" : value, in: valueRect, style: Style(value.isEmpty ? .muted : .input))
            }
            y += 1
            if let error = state.errors[field], y < inner.maxY {
                frame.buffer.write(
                    "✗ " + error, in: Rect(x: valueRect.x, y: y, width: valueRect.width, height: 1),
                    style: Style(EdulinkRoles.fieldError))
                y += 1
            }
        }
        drawCompletion(into: &frame.buffer, area: parts[1], state: state)
        password.draw(into: &frame, area: area)
    }

    private func drawCompletion(into buffer: inout Buffer, area: Rect, state: ProfileViewModel.State) {
        let panel = Panel(title: "Completion", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        let percent = state.completionPercent
        // Low completion is the problem here, so the colour runs the other way from a load gauge.
        let role: TerminalKit.Role = percent >= 100 ? .ok : percent >= 70 ? .accent : .warning
        ProgressBar(fraction: Double(percent) / 100, role: role).draw(into: &buffer, area: inner.row(0))
        let note = state.allowsApplying ? "Complete enough to apply." : "Applying needs at least 70 %."
        buffer.write(note, in: inner.row(1), style: Style(state.allowsApplying ? .ok : .warning))
        let missing = state.missing.isEmpty ? "Nothing missing." : "Missing: " + state.missing.joined(separator: ", ")
        Paragraph(missing, style: Style(.muted)).draw(
            into: &buffer, area: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2)))
    }
}

extension ProfileScreen: TabScreen {
    static var tab: ShellTab { .profile }
    static func own(_ message: AppMessage) -> ProfileViewModel.Message? {
        if case .profile(let message) = message { return message }
        return nil
    }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { capturesText }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        password.isOpen
            ? (PasswordForm.keys.helpSections(filter: filter), PasswordForm.keys.hints)
            : (activeKeys.helpSections(filter: filter), activeKeys.hints)
    }
    var unsavedWork: [String] { model.state.isDirty ? ["your profile"] : [] }
}
