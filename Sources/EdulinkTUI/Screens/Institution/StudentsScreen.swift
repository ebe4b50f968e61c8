import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The institution admin's Students tab: search as you type (`/`), filters by course (`c`), year
/// (`y`) and stage (`s`), a read-only detail (`enter`); `r` switches to the registration codes
/// (`n` makes one, `v` twice revokes it, `enter` shows who used it); `i` imports students from a CSV
/// file (a dry run first, then `a` twice applies it).
struct StudentsScreen {
    enum Mode: Hashable { case students, codes, importing }
    enum Intent: Hashable {
        case send(StudentsViewModel.Intent)
        /// Among the students (the next page loads near the end), or the import's rows.
        case move(ListMove)
        case moveRow(ListMove)
        case moveCode(ListMove)
        case search, codes, newCode, revoke, back
        case startImport, editPath, applyImport, newImport
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("student", group: "Students") { .move($0) } + [
            KeyBinding(
                ["/"], hint: "search", "Search by name, email or registration number", group: "Students",
                action: .search),
            KeyBinding(["enter"], hint: "open", "Open the student", group: "Students", action: .send(.open)),
            KeyBinding(["esc"], "Close the student", group: "Students", action: .back),
            KeyBinding(["s"], hint: "stage", "Filter by stage (next)", group: "Filters", action: .send(.cycleStage)),
            KeyBinding(["c"], hint: "course", "Filter by course (next)", group: "Filters", action: .send(.cycleCourse)),
            KeyBinding(["y"], "Filter by year of study (next)", group: "Filters", action: .send(.cycleYear)),
            KeyBinding(["x"], "Clear search and filters", group: "Filters", action: .send(.clearFilters)),
            KeyBinding(["r"], hint: "codes", "Registration codes", group: "Students", action: .codes),
            KeyBinding(
                ["i"], hint: "import", "Import students from a CSV file", group: "Students", action: .startImport),
            KeyBinding(["ctrl-r"], "Reload", group: "Students", action: .send(.load)),
        ])

    static let importKeys = KeyTable<Intent>(
        ListMove.bindings("row", group: "Import") { .moveRow($0) } + [
            KeyBinding(["a"], hint: "apply", "Import the file (press twice)", group: "Import", action: .applyImport),
            KeyBinding(
                ["e", "/"], hint: "file", "Type another path (enter runs the dry run)", group: "Import",
                action: .editPath),
            KeyBinding(
                ["ctrl-r"], hint: "check again", "Run the dry run again (after fixing the file)", group: "Import",
                action: .send(.importer(.check))),
            KeyBinding(
                ["f"], hint: "show", "Show all, refused, new or already imported rows", group: "Import",
                action: .send(.importer(.cycleFilter))),
            KeyBinding(["n"], "A new import", group: "Import", action: .newImport),
            KeyBinding(["esc"], hint: "students", "Back to the students", group: "Import", action: .back),
        ])

    static let pathKeys = KeyTable<String>([
        KeyBinding(
            ["enter"], hint: "dry run", "Read the file and report on every row", group: "CSV file", action: "check"),
        KeyBinding(["esc"], hint: "cancel", "Stop typing the path", group: "CSV file", action: "cancel"),
    ])

    static let codeKeys = KeyTable<Intent>(
        ListMove.bindings("code", group: "Codes") { .moveCode($0) } + [
            KeyBinding(["n"], hint: "new code", "Make a registration code", group: "Codes", action: .newCode),
            KeyBinding(
                ["enter"], hint: "uses", "Who used the code (and who was refused)", group: "Codes",
                action: .send(.loadUses)
            ),
            KeyBinding(["v"], hint: "revoke", "Revoke the code (press twice)", group: "Codes", action: .revoke),
            KeyBinding(["r", "esc"], hint: "students", "Back to the students", group: "Codes", action: .codes),
            KeyBinding(["ctrl-r"], "Reload", group: "Codes", action: .send(.loadCodes)),
        ])

    static let formKeys = KeyTable<String>([
        KeyBinding(
            ["enter", "ctrl-s"], hint: "make", "Next field; on the last one (or ctrl-s) make the code",
            group: "New code", action: "submit"),
        KeyBinding(["tab"], hint: "next field", "Next field", group: "New code", action: "next"),
        KeyBinding(["esc"], hint: "cancel", "Close without making a code", group: "New code", action: "close"),
    ])

    private(set) var model: StudentsViewModel
    var mode = Mode.students
    var search = LineEditor(maxLength: 200)
    var searching = false
    var form: FormState?
    /// The code `v` was pressed on once; a second `v` revokes it.
    var revoking: RegistrationCodeID?
    /// The import's path line, while it is being typed.
    var importPath = LineEditor(maxLength: 1024)
    var editingPath = false
    /// `a` was pressed once on a dry run; a second `a` imports.
    var confirmingImport = false
    init(model: StudentsViewModel) { self.model = model }

    mutating func send(_ intent: StudentsViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "students.") { AppMessage.students($0) }
        syncForm()
        return effects
    }

    mutating func receive(_ message: StudentsViewModel.Message) -> [Effect<AppMessage>] {
        if case .created(.success) = message { form = nil }
        let effects = model.handle(message).map(keyPrefix: "students.") { AppMessage.students($0) }
        syncForm()
        return effects
    }

    private mutating func syncForm() {
        guard var current = form else { return }
        for error in model.state.codeErrors {
            let id = error.field == "max_uses" ? "uses" : error.field == "expires_at" ? "days" : error.field
            if let index = current.fields.firstIndex(where: { $0.id == id }) {
                current.fields[index].error = error.message
                current.focus = index
            }
        }
        form = current
    }

    static func codeForm() -> FormState {
        FormState(fields: [
            FormField(id: "uses", label: "Uses (1–1000)", input: .text(LineEditor("50", maxLength: 4))),
            FormField(id: "days", label: "Days open", input: .text(LineEditor("30", maxLength: 3))),
        ])
    }

    var activeKeys: KeyTable<Intent> {
        switch mode {
        case .students: Self.keys
        case .codes: Self.codeKeys
        case .importing: Self.importKeys
        }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if searching {
            switch key {
            case "enter", "esc", "down", "up":
                searching = false
                return key == "enter" || key == "esc" ? KeyOutcome() : handle(key, area: area)
            default:
                guard search.handle(key) == .edited else { return .unhandled }
                return KeyOutcome(effects: send(.setText(search.text)))
            }
        }
        if editingPath {
            switch key {
            case "enter":
                editingPath = false
                return KeyOutcome(effects: send(.importer(.check)))
            case "esc":
                editingPath = false
                if model.importer.state.report == nil { mode = .students }
                return KeyOutcome()
            default:
                guard importPath.handle(key) == .edited else { return .unhandled }
                return KeyOutcome(effects: send(.importer(.setPath(importPath.text))))
            }
        }
        if let current = form {
            switch current.step(key) {
            case .close: form = nil
            case .edit(let next): form = next
            case .submit(let next): return KeyOutcome(effects: submit(next))
            }
            return KeyOutcome()
        }
        guard let intent = activeKeys.action(for: key) else { return .unhandled }
        if intent != .revoke { revoking = nil }
        if intent != .applyImport { confirmingImport = false }
        switch intent {
        case .send(let intent): return KeyOutcome(effects: send(intent))
        case .move(let move):
            let table = Self.studentsTable(area, detailOpen: model.state.detail != nil)
            return KeyOutcome(effects: send(.move(move.rows(table: table, count: model.state.students.count))))
        case .moveCode(let move):
            return KeyOutcome(
                effects: send(.moveCode(move.rows(table: codesTable(area), count: model.state.codes.count))))
        case .moveRow(let move):
            // The report's lines above the rows vary; half the panel is a page that never skips a row.
            let page = Panel(border: .rounded).inner(area).height / 2
            return KeyOutcome(
                effects: send(.importer(.move(move.rows(page: page, count: model.importer.state.rows.count)))))
        case .search:
            searching = true
            return KeyOutcome()
        case .codes:
            mode = mode == .codes ? .students : .codes
            return KeyOutcome(effects: mode == .codes ? send(.loadCodes) : [])
        case .newCode:
            form = Self.codeForm()
            return KeyOutcome()
        case .revoke:
            guard let code = model.state.selectedRegistrationCode, code.revokedAt == nil else { return KeyOutcome() }
            if revoking == code.id {
                revoking = nil
                return KeyOutcome(effects: send(.revokeCode))
            }
            revoking = code.id
            return KeyOutcome()
        case .back:
            if mode == .importing {
                mode = .students
                return KeyOutcome()
            }
            guard model.state.detail != nil else { return .unhandled }
            return KeyOutcome(effects: send(.closeDetail))
        case .startImport:
            mode = .importing
            editingPath = model.importer.state.report == nil || model.importer.state.phase == .applied
            if model.importer.state.phase == .applied { return startNewImport() }
            return KeyOutcome()
        case .editPath:
            editingPath = true
            return KeyOutcome()
        case .newImport:
            return startNewImport()
        case .applyImport:
            guard model.importer.state.canApply else { return KeyOutcome() }
            if confirmingImport {
                confirmingImport = false
                return KeyOutcome(effects: send(.importer(.apply)))
            }
            confirmingImport = true
            return KeyOutcome()
        }
    }

    private mutating func startNewImport() -> KeyOutcome {
        importPath = LineEditor(maxLength: 1024)
        editingPath = true
        return KeyOutcome(effects: send(.importer(.reset)))
    }

    private mutating func submit(_ current: FormState) -> [Effect<AppMessage>] {
        form = current
        return send(.createCode(uses: current.value("uses") ?? "", days: current.value("days") ?? ""))
    }
}

extension StudentsScreen: TabScreen {
    static var tab: ShellTab { .students }
    static func own(_ message: AppMessage) -> StudentsViewModel.Message? {
        if case .students(let message) = message { return message }
        return nil
    }
    mutating func load() -> [Effect<AppMessage>] {
        mode == .codes ? send(.loadCodes) : send(.load)
    }
    func capturesText(on tab: ShellTab) -> Bool { searching || form != nil || editingPath }
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        if editingPath { return (Self.pathKeys.helpSections(filter: filter), Self.pathKeys.hints) }
        return form == nil
            ? (activeKeys.helpSections(filter: filter), activeKeys.hints)
            : (Self.formKeys.helpSections(filter: filter), Self.formKeys.hints)
    }
    var isBusy: Bool { model.state.loading || model.state.loadingMore || model.importer.state.busy }
}
