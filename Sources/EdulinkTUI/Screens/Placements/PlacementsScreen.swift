import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The placements tabs (PLACEMENTS.md): the student's Placement, the supervisor's Interns and
/// Evaluations, the employer's Placements. The list of placements, the selected one's week grid
/// and the selected week; the student's entry editor, the supervisor's rubric form and the
/// employer's new-supervisor form open over it. Which keys work follows the detail's permissions.
struct PlacementsScreen {
    /// Whose tab it is.
    enum Side: Equatable {
        case student, supervisor, employer, institution

        /// The supervisor this side assigns and creates.
        var assigns: SupervisorKind { self == .institution ? .academic : .workplace }
    }

    /// What a key does.
    enum Intent: Hashable {
        case send(PlacementsViewModel.Intent)
        case write, returnEntry, note, excuse, evaluate, assign, newSupervisor, moveDates, terminate
        /// Gives the keys to the `/` line (or back to the list).
        case search
        /// Scrolls the week's text and the evaluations by this many lines.
        case scroll(Int)
        /// To the first or the last placement (PgDn and PgUp scroll the week here).
        case end(ListMove)
    }

    /// What a question's answer is for.
    enum Purpose: Equatable {
        case submitEntry
        case returnComment
        case note
        case excuseReason
        case excuseNote(ExcuseReason)
        case evaluationKind
        case submitEvaluation
        case discardEvaluation
        case assign
        case moveStart
        case moveEnd(Date)
        case moveReason(Date, Date)
        case terminate
    }

    static let common: [KeyBinding<Intent>] = [
        KeyBinding(["j", "down"], "Next placement", group: "Placements", action: .send(.moveSelection(1))),
        KeyBinding(["k", "up"], "Previous placement", group: "Placements", action: .send(.moveSelection(-1))),
        KeyBinding(["g", "home"], "First placement", group: "Placements", action: .end(.first)),
        KeyBinding(["G", "end"], "Last placement", group: "Placements", action: .end(.last)),
        KeyBinding(["l", "right"], hint: "week", "Next week", group: "Placements", action: .send(.moveWeek(1))),
        KeyBinding(["h", "left"], "Previous week", group: "Placements", action: .send(.moveWeek(-1))),
        KeyBinding(
            ["pgdn", "J"], "Scroll the week and the evaluations down", group: "Placements", action: .scroll(5)),
        KeyBinding(["pgup", "K"], "Scroll them up", group: "Placements", action: .scroll(-5)),
        KeyBinding(["ctrl-r"], "Reload", group: "Placements", action: .send(.load)),
    ]

    static let studentKeys = KeyTable<Intent>(
        common + [
            KeyBinding(
                ["e"], hint: "write", "Write or edit the selected week's entry", group: "Logbook", action: .write)
        ])

    static let supervisorKeys = KeyTable<Intent>(
        common + [
            KeyBinding(
                ["a"], hint: "approve", "Approve the selected week's entry", group: "Logbook",
                action: .send(.approveWeek)),
            KeyBinding(["r"], hint: "return", "Return it with a comment", group: "Logbook", action: .returnEntry),
            KeyBinding(["n"], "Private note on it (never shown to the student)", group: "Logbook", action: .note),
            KeyBinding(["x"], "Excuse the week (academic supervisor)", group: "Logbook", action: .excuse),
            KeyBinding(
                ["v"], hint: "evaluate", "Write an evaluation that is open", group: "Logbook", action: .evaluate),
            searchKey,
        ])

    /// A supervisor's, employer's or institution's list can be long (an institution places thousands).
    static let searchKey = KeyBinding<Intent>(
        ["/"], hint: "search", "Narrow the list by student, listing, organization, supervisor or status (as you type)",
        group: "Placements", action: .search)

    static let searchKeys = ListSearch.doneKeys(Intent.search)

    static let filterKey = KeyBinding<Intent>(
        ["f"], hint: "filter", "Show all, overdue or unassigned placements", group: "Placements",
        action: .send(.cycleFilter))

    static let employerKeys = KeyTable<Intent>(
        common + [
            KeyBinding(
                ["s"], hint: "supervisor", "Assign the workplace supervisor", group: "Placement", action: .assign),
            KeyBinding(
                ["c"], hint: "new supervisor", "Create a supervisor account (one-time sign-in code)",
                group: "Placement", action: .newSupervisor),
            KeyBinding(["m"], "Move the dates (before the start)", group: "Placement", action: .moveDates),
            KeyBinding(["t"], "Terminate the placement", group: "Placement", action: .terminate),
            filterKey, searchKey,
        ])

    static let institutionKeys = KeyTable<Intent>(
        common + [
            KeyBinding(
                ["s"], hint: "supervisor", "Assign the academic supervisor", group: "Placement", action: .assign),
            KeyBinding(
                ["c"], hint: "new supervisor", "Create an academic supervisor account (one-time sign-in code)",
                group: "Placement", action: .newSupervisor),
            KeyBinding(["t"], "Terminate the placement", group: "Placement", action: .terminate),
            filterKey, searchKey,
        ])

    static let editorKeys = KeyTable<String>([
        KeyBinding(
            ["ctrl-s"], hint: "submit", "Submit the entry for review (asks first)", group: "Entry", action: "submit"),
        KeyBinding(
            ["ctrl-d"], hint: "save draft", "Save it as a draft without submitting", group: "Entry", action: "draft"),
        KeyBinding(
            ["esc"], hint: "close", "Close; what you typed stays on this machine", group: "Entry", action: "close"),
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Entry", action: "next"),
    ])

    static let formKeys = KeyTable<String>([
        KeyBinding(["ctrl-s"], hint: "submit", "Submit (asks first)", group: "Form", action: "submit"),
        KeyBinding(["esc"], hint: "cancel", "Close the form", group: "Form", action: "close"),
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Form", action: "next"),
        KeyBinding(["left", "right"], "Change a score", group: "Form", action: "change"),
    ])

    private(set) var model: PlacementsViewModel
    let side: Side
    let tabs: Set<ShellTab>
    /// The student's entry editor, mirroring the view-model's draft.
    var entryForm: FormState?
    /// The rubric form, and which evaluation it writes.
    var evaluationForm: FormState?
    var evaluationKind: EvaluationKind = .midpoint
    /// The employer's new-supervisor form.
    var supervisorForm: FormState?
    var question: ScreenQuestion<Purpose>?
    /// The picker waits for the supervisors to load.
    var pickingSupervisor = false
    /// How far the week's text is scrolled (back to the top on another week or placement).
    var bodyScroll = 0
    /// The `/` line; the view-model holds the query.
    var search = ListSearch()

    init(model: PlacementsViewModel, side: Side, tabs: Set<ShellTab>) {
        self.model = model
        self.side = side
        self.tabs = tabs
    }

    var activeKeys: KeyTable<Intent> {
        switch side {
        case .student: Self.studentKeys
        case .supervisor: Self.supervisorKeys
        case .employer: Self.employerKeys
        case .institution: Self.institutionKeys
        }
    }

    mutating func send(_ intent: PlacementsViewModel.Intent) -> [Effect<AppMessage>] {
        let effects = model.handle(intent).map(keyPrefix: "placements.") { AppMessage.placements($0) }
        sync()
        return effects
    }

    /// Keeps the forms in step with the view-model: opens the editor when a draft arrives, closes
    /// it when the entry is saved, and shows the service's field errors on their fields.
    private mutating func sync() {
        let state = model.state
        if let draft = state.editor {
            if entryForm == nil { entryForm = Self.entryForm(draft) }
        } else {
            entryForm = nil
        }
        if state.createdAccount != nil { supervisorForm = nil }
        for error in state.fieldErrors {
            for form in [\Self.entryForm, \Self.evaluationForm, \Self.supervisorForm] {
                guard var current = self[keyPath: form],
                    let index = current.fields.firstIndex(where: { Self.field($0.id, matches: error.field) })
                else { continue }
                current.fields[index].error = error.message
                current.focus = index
                self[keyPath: form] = current
            }
        }
    }

    private static func field(_ id: String, matches service: String) -> Bool {
        id == service || (id == "name" && service == "display_name")
            || (id == "reason" && service == "correction_reason")
            || (id.hasPrefix("score.") && service == "scores")
    }
}

// MARK: Keys and answers

extension PlacementsScreen {
    mutating func handleKey(_ key: Key) -> KeyOutcome {
        if model.state.createdAccount != nil {
            return KeyOutcome(effects: send(.dismissAccount))
        }
        if question != nil { return KeyOutcome(effects: answer(key)) }
        if entryForm != nil { return KeyOutcome(effects: editorKey(key)) }
        if evaluationForm != nil { return KeyOutcome(effects: evaluationKey(key)) }
        if supervisorForm != nil { return KeyOutcome(effects: supervisorFormKey(key)) }
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            bodyScroll = 0
            return KeyOutcome(effects: send(.setQuery(text)))
        }
        guard let intent = activeKeys.action(for: key) else { return .unhandled }
        let detail = model.state.detail
        switch intent {
        case .send(let intent):
            switch intent {
            case .moveSelection, .moveWeek: bodyScroll = 0
            default: break
            }
            return KeyOutcome(effects: send(intent))
        case .scroll(let lines):
            bodyScroll = max(0, bodyScroll + lines)
        case .end(let move):
            bodyScroll = 0
            return KeyOutcome(effects: send(.moveSelection(move.rows(page: 1, count: model.state.items.count))))
        case .search:
            search.open()
        case .write:
            return KeyOutcome(effects: send(.openEditor))
        case .returnEntry:
            guard model.state.selectedWeek?.entry?.status == .submitted else {
                return refuse("Only a submitted entry can be returned.")
            }
            question = ScreenQuestion(
                .prompt(
                    "Return week \(model.state.week)", message: "What should the student change? (10–1,000 characters)",
                    maxLength: 1000), .returnComment)
        case .note:
            guard let entry = model.state.selectedWeek?.entry else { return refuse("This week has no entry yet.") }
            question = ScreenQuestion(
                .prompt(
                    "Private note, week \(entry.week)", message: "Seen by supervisors and the institution only.",
                    initial: entry.privateNote ?? "", maxLength: 2000), .note)
        case .excuse:
            guard detail?.permissions.canExcuse == true else {
                return refuse("Only the academic supervisor excuses a week, while the placement is active.")
            }
            question = ScreenQuestion(
                pick: "Excuse week \(model.state.week)", ExcuseReason.allCases.map(\.label), .excuseReason)
        case .evaluate:
            let open = detail?.permissions.evaluations ?? []
            guard !open.isEmpty else { return refuse("No evaluation of yours is open for this placement now.") }
            if open.count == 1 {
                openEvaluation(open[0])
            } else {
                question = ScreenQuestion(pick: "Which evaluation?", open.map(\.label), .evaluationKind)
            }
        case .assign:
            guard detail?.permissions.assigns != nil else {
                return refuse("This placement's supervisors cannot change now.")
            }
            pickingSupervisor = true
            return KeyOutcome(effects: send(.loadSupervisors))
        case .newSupervisor:
            supervisorForm = Self.newSupervisorForm()
        case .moveDates:
            guard detail?.permissions.canMoveDates == true else { return refuse("Dates move only before the start.") }
            question = ScreenQuestion(
                .prompt("Move the dates", message: "New start date (YYYY-MM-DD):", maxLength: 10), .moveStart)
        case .terminate:
            guard detail?.permissions.canTerminate == true else {
                return refuse("This placement cannot be terminated.")
            }
            question = ScreenQuestion(
                .prompt(
                    "Terminate the placement", message: "Why? (10–500 characters; everyone involved is told)",
                    maxLength: 500),
                .terminate)
        }
        return KeyOutcome()
    }

    /// Why a key does nothing here, as a toast.
    private mutating func refuse(_ message: String) -> KeyOutcome {
        KeyOutcome(effects: send(.explain(message)))
    }

    private mutating func answer(_ key: Key) -> [Effect<AppMessage>] {
        guard var current = question else { return [] }
        switch current.handle(key) {
        case .pending:
            question = current
            return []
        case .cancelled:
            question = nil
            return []
        case .confirmed(let text):
            question = nil
            return confirmed(current.purpose, text.trimmingCharacters(in: .whitespaces))
        }
    }

    private mutating func confirmed(_ purpose: Purpose, _ text: String) -> [Effect<AppMessage>] {
        switch purpose {
        case .submitEntry:
            return send(.saveEntry(submit: true))
        case .returnComment:
            return send(.returnWeek(text))
        case .note:
            return send(.noteWeek(text))
        case .excuseReason:
            guard let reason = ExcuseReason.allCases.first(where: { $0.label == text }) else { return [] }
            question = ScreenQuestion(
                .prompt(
                    "Excuse week \(model.state.week)",
                    message: reason == .other ? "Say why (required):" : "A note (optional):",
                    maxLength: 500), .excuseNote(reason))
        case .excuseNote(let reason):
            return send(.excuseWeek(reason, note: text.isEmpty ? nil : text))
        case .evaluationKind:
            if let kind = EvaluationKind.allCases.first(where: { $0.label == text }) { openEvaluation(kind) }
        case .discardEvaluation:
            evaluationForm = nil
        case .submitEvaluation:
            guard let form = evaluationForm else { return [] }
            return send(.submitEvaluation(evaluationKind, Self.evaluationDraft(form, kind: evaluationKind)))
        case .assign:
            guard let supervisor = model.state.supervisors.first(where: { Self.pickerLine($0) == text }) else {
                return []
            }
            return send(.assign(supervisor.id))
        case .moveStart:
            guard let start = Self.day(text) else {
                return send(.explain("\"\(text)\" is not a date like 2027-01-15."))
            }
            question = ScreenQuestion(
                .prompt("Move the dates", message: "New end date (YYYY-MM-DD):", maxLength: 10), .moveEnd(start))
        case .moveEnd(let start):
            guard let end = Self.day(text) else { return send(.explain("\"\(text)\" is not a date like 2027-01-15.")) }
            question = ScreenQuestion(
                .prompt("Move the dates", message: "Why? (10–500 characters)", maxLength: 500), .moveReason(start, end))
        case .moveReason(let start, let end):
            return send(.moveDates(start: start, end: end, reason: text))
        case .terminate:
            return send(.terminate(text))
        }
        return []
    }

    /// A `YYYY-MM-DD` date at 08:00 local time; nil for anything else, including days that do not
    /// exist (2027-02-30 is not quietly March 2nd).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else { return nil }
        let calendar = Calendar.current
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 8)) else {
            return nil
        }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day ? date : nil
    }

    static func pickerLine(_ supervisor: SupervisorSummary) -> String {
        "\(supervisor.user.displayName) · \(supervisor.load)/\(supervisor.capacity) · \(supervisor.title)"
    }

    private mutating func editorKey(_ key: Key) -> [Effect<AppMessage>] {
        guard var form = entryForm else { return [] }
        switch key {
        case "ctrl-s":
            question = ScreenQuestion(
                .confirm(
                    "Submit week \(model.state.editor?.week ?? 0)?",
                    message: "Your supervisors review it; you can edit it again only if it is returned.",
                    defaultYes: true),
                .submitEntry)
            return []
        case "ctrl-d":
            return send(.saveEntry(submit: false))
        case "esc":
            let effects = send(.closeEditor)
            entryForm = nil
            return effects
        default:
            guard form.handle(key) == .edited, let draft = model.state.editor else { return [] }
            entryForm = form
            return send(.editorChanged(Self.draft(form, placement: draft.placementID, week: draft.week)))
        }
    }

    private mutating func evaluationKey(_ key: Key) -> [Effect<AppMessage>] {
        guard var form = evaluationForm else { return [] }
        switch key {
        case "ctrl-s":
            question = ScreenQuestion(
                .confirm(
                    "Submit the \(evaluationKind.label)?",
                    message: "A submitted evaluation cannot change; a correction is a new version with a reason.",
                    defaultYes: true), .submitEvaluation)
        case "esc":
            // A comment typed is work: ask before dropping it.
            if (form.value("comment") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                evaluationForm = nil
            } else {
                question = ScreenQuestion(.discardChanges("the \(evaluationKind.label)"), .discardEvaluation)
            }
        default:
            _ = form.handle(key)
            evaluationForm = form
        }
        return []
    }

    private mutating func supervisorFormKey(_ key: Key) -> [Effect<AppMessage>] {
        guard var form = supervisorForm else { return [] }
        switch key {
        case "esc":
            supervisorForm = nil
            return []
        case "ctrl-s":
            return send(.createSupervisor(Self.newSupervisor(form)))
        default:
            if form.handle(key) == .submitted {
                supervisorForm = form
                return send(.createSupervisor(Self.newSupervisor(form)))
            }
            supervisorForm = form
            return []
        }
    }

    private mutating func openEvaluation(_ kind: EvaluationKind) {
        guard let detail = model.state.detail else { return }
        evaluationKind = kind
        evaluationForm = Self.evaluationForm(
            kind, criteria: detail.rubric.criteria(for: kind), correcting: detail.latest(kind) != nil)
    }

    mutating func receive(_ message: PlacementsViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message).map(keyPrefix: "placements.") { AppMessage.placements($0) }
        if case .evaluated(.success) = message { evaluationForm = nil }
        if case .supervisorsLoaded(.success(let supervisors)) = message, pickingSupervisor {
            pickingSupervisor = false
            if supervisors.isEmpty {
                question = nil
                return effects + refuse("No supervisor yet: press c to create one.").effects
            }
            question = ScreenQuestion(
                pick: "\(side.assigns.label.capitalized) supervisor (load/capacity)", supervisors.map(Self.pickerLine),
                .assign)
        }
        sync()
        return effects
    }
}

// MARK: Forms

extension PlacementsScreen {
    /// A text area holding `text` with the cursor at its end, where a returning writer continues.
    static func area(_ text: String, maxLength: Int) -> TextAreaState {
        var state = TextAreaState("", maxLength: maxLength)
        state.insert(text)
        return state
    }

    static func entryForm(_ draft: LogbookDraft) -> FormState {
        FormState(fields: [
            FormField(
                id: "activities", label: "What you did",
                input: .multiline(area(draft.activities, maxLength: 5000), height: 6), required: true),
            FormField(
                id: "hours", label: "Hours", input: .text(LineEditor(draft.hours, maxLength: 5), placeholder: "37.5"),
                required: true),
            FormField(
                id: "skills", label: "Skills",
                input: .text(LineEditor(draft.skills, maxLength: 400), placeholder: "SQL, Excel (comma-separated)")),
            FormField(
                id: "learned", label: "Learned",
                input: .multiline(area(draft.learned, maxLength: 2000), height: 2)),
            FormField(
                id: "challenges", label: "Challenges",
                input: .multiline(area(draft.challenges, maxLength: 2000), height: 2)),
        ])
    }

    static func draft(_ form: FormState, placement: PlacementID, week: Int) -> LogbookDraft {
        LogbookDraft(
            placementID: placement, week: week, activities: form.value("activities") ?? "",
            hours: form.value("hours") ?? "", skills: form.value("skills") ?? "", learned: form.value("learned") ?? "",
            challenges: form.value("challenges") ?? "")
    }

    static let scores = ["1", "2", "3", "4", "5"]

    static func evaluationForm(_ kind: EvaluationKind, criteria: [RubricCriterion], correcting: Bool) -> FormState {
        var fields = criteria.map { criterion in
            FormField(id: "score.\(criterion.key)", label: criterion.label, input: .choice(scores, selected: 2))
        }
        if kind == .academic {
            fields.append(
                FormField(id: "grade", label: "Grade", input: .choice(Grade.allCases.map(\.label), selected: 2)))
        } else {
            fields.append(FormField(id: "overall", label: "Overall", input: .choice(scores, selected: 2)))
        }
        fields.append(
            FormField(
                id: "comment", label: "Comment", input: .multiline(TextAreaState("", maxLength: 2000), height: 5),
                required: true))
        if correcting {
            fields.append(
                FormField(
                    id: "reason", label: "Why correct it",
                    input: .text(LineEditor("", maxLength: 500), placeholder: "the reason for this new version"),
                    required: true))
        }
        return FormState(fields: fields)
    }

    static func evaluationDraft(_ form: FormState, kind: EvaluationKind) -> EvaluationDraft {
        let scores = form.fields.compactMap { field -> CriterionScore? in
            guard field.id.hasPrefix("score."), let score = Int(field.input.text) else { return nil }
            return CriterionScore(criterion: String(field.id.dropFirst("score.".count)), score: score)
        }
        return EvaluationDraft(
            scores: scores, overall: form.value("overall").flatMap { Int($0) },
            grade: form.value("grade").flatMap { text in Grade.allCases.first { $0.label == text } },
            comment: form.value("comment") ?? "", correctionReason: form.value("reason"))
    }

    static func newSupervisorForm() -> FormState {
        FormState(fields: [
            FormField(id: "email", label: "Email", input: .text(LineEditor("", maxLength: 254)), required: true),
            FormField(id: "name", label: "Name", input: .text(LineEditor("", maxLength: 100)), required: true),
            FormField(
                id: "title", label: "Title", input: .text(LineEditor("", maxLength: 100), placeholder: "Lead Analyst"),
                required: true),
            FormField(id: "phone", label: "Phone", input: .text(LineEditor("", maxLength: 20), placeholder: "+2547…")),
            FormField(
                id: "capacity", label: "Capacity",
                input: .text(LineEditor(String(SupervisorRules.defaultCapacity), maxLength: 2)), required: true),
        ])
    }

    static func newSupervisor(_ form: FormState) -> NewSupervisor {
        let phone = form.value("phone") ?? ""
        return NewSupervisor(
            email: form.value("email") ?? "", displayName: form.value("name") ?? "", title: form.value("title") ?? "",
            phone: phone.isEmpty ? nil : phone, capacity: Int(form.value("capacity") ?? "") ?? 0)
    }
}

// MARK: Hosting

extension PlacementsScreen: HostedScreen {
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>] { send(.load) }

    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome {
        handleKey(key)
    }

    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]? {
        guard case .placements(let message) = message else { return nil }
        return receive(message)
    }

    func capturesText(on tab: ShellTab) -> Bool {
        question != nil || entryForm != nil || evaluationForm != nil || supervisorForm != nil
            || model.state.createdAccount != nil || search.active
    }

    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        if entryForm != nil { return (Self.editorKeys.helpSections(filter: filter), Self.editorKeys.hints) }
        if evaluationForm != nil || supervisorForm != nil {
            return (Self.formKeys.helpSections(filter: filter), Self.formKeys.hints)
        }
        let keys = search.active ? Self.searchKeys : activeKeys
        return (keys.helpSections(filter: filter), keys.hints)
    }

    var unsavedWork: [String] {
        var work: [String] = []
        if model.state.editorChanged { work.append("the logbook entry for week \(model.state.editor?.week ?? 0)") }
        if evaluationForm != nil { work.append("the \(evaluationKind.label)") }
        return work
    }

    var isBusy: Bool { model.state.loading || model.state.saving }

    mutating func started(area: Rect) -> [Effect<AppMessage>] { [] }
}
