import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// The apply form: a multi-line cover letter with a live word count, one input per screening question
/// by kind, the résumé path, messages next to the fields, and the draft saved as you type. Esc leaves
/// without losing anything; ctrl-s asks before sending.
struct ApplyFormScreen {
    enum Field: Hashable { case coverLetter, answer(Int), resume, submit }
    enum Intent: Hashable { case next, previous, submit, leave }

    static let keys = KeyTable<Intent>([
        KeyBinding(["tab"], hint: "next", "Next field", group: "Apply", action: .next),
        KeyBinding(["shift-tab"], "Previous field", group: "Apply", action: .previous),
        KeyBinding(["ctrl-s"], hint: "send", "Send the application (asks first)", group: "Apply", action: .submit),
        KeyBinding(["esc"], hint: "leave", "Leave the form; the draft is kept", group: "Apply", action: .leave),
    ])
    static let fieldKeys = KeyTable<Intent>([
        KeyBinding(["enter"], "New line in the letter; next field in one-line fields", group: "Fields", action: .next),
        KeyBinding(
            ["space", "left", "right"], "Yes/no and choice questions: change the answer", group: "Fields", action: .next
        ),
        KeyBinding(
            ["ctrl-a", "ctrl-e", "ctrl-u", "ctrl-w"], "Start, end, delete to start, delete word", group: "Fields",
            action: .next),
    ])

    private(set) var model: ApplyFormViewModel
    var focus = Field.coverLetter
    var letter = TextAreaState(maxLength: ApplicationDraft.Limits.coverLetter.upperBound + 500)
    var answers: [LineEditor] = []
    var resume = LineEditor(maxLength: 500)
    var scroll = 0

    init(model: ApplyFormViewModel) { self.model = model }

    var capturesText: Bool { true }

    private var fields: [Field] {
        [.coverLetter] + model.state.questions.indices.map(Field.answer) + [.resume, .submit]
    }

    mutating func send(_ intent: ApplyFormViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "apply.") { .apply($0) }
    }

    mutating func receive(_ message: ApplyFormViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message)
        syncEditors()
        return effects.map(keyPrefix: "apply.") { .apply($0) }
    }

    /// The view-model is the truth: a restored draft or a loaded listing fills the editors.
    private mutating func syncEditors() {
        let state = model.state
        if letter.text != state.coverLetter { letter = TextAreaState(state.coverLetter, maxLength: letter.maxLength) }
        while answers.count < state.answers.count { answers.append(LineEditor(maxLength: 5000)) }
        if answers.count > state.answers.count { answers.removeLast(answers.count - state.answers.count) }
        for index in answers.indices where answers[index].text != state.answers[index] {
            answers[index].text = state.answers[index]
        }
        if resume.text != state.resumePath { resume.text = state.resumePath }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if let intent = Self.keys.action(for: key) {
            switch intent {
            case .next: move(by: 1, area: area)
            case .previous: move(by: -1, area: area)
            case .submit: return confirmSubmit()
            case .leave: return KeyOutcome(effects: send(.leave), request: .pop)
            }
            return KeyOutcome()
        }
        guard model.state.submittedApplicationID == nil, !model.state.submitting else { return KeyOutcome() }
        switch focus {
        case .coverLetter:
            letter.layout(
                width: max(1, FormLayout(screen: self, area: area).textWidth - 1), height: FormLayout.letterHeight(area)
            )
            guard letter.handle(key) == .edited else { return KeyOutcome() }
            guard letter.text != model.state.coverLetter else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setCoverLetter(letter.text)))
        case .answer(let index):
            return KeyOutcome(effects: editAnswer(index, key: key, area: area))
        case .resume:
            if key == "enter" {
                move(by: 1, area: area)
                return KeyOutcome()
            }
            guard resume.handle(key) == .edited, resume.text != model.state.resumePath else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setResumePath(resume.text)))
        case .submit:
            return key == "enter" || key == "space" ? confirmSubmit() : KeyOutcome()
        }
    }

    private mutating func editAnswer(_ index: Int, key: Key, area: Rect) -> [Effect<AppMessage>] {
        let questions = model.state.questions
        guard questions.indices.contains(index) else { return [] }
        let current = model.state.answers.indices.contains(index) ? model.state.answers[index] : ""
        let question = questions[index]
        switch question.kind {
        case .yesNo:
            let answer: String
            switch key {
            case "y", "Y": answer = "yes"
            case "n", "N": answer = "no"
            case "space", "left", "right", "h", "l": answer = current == "yes" ? "no" : "yes"
            case "enter":
                move(by: 1, area: area)
                return []
            default: return []
            }
            return send(.setAnswer(index, answer))
        case .choice:
            guard !question.choices.isEmpty else { return [] }
            let position = question.choices.firstIndex(of: current)
            let next: Int
            switch key {
            case "space", "right", "l": next = position.map { ($0 + 1) % question.choices.count } ?? 0
            case "left", "h": next = position.map { ($0 + question.choices.count - 1) % question.choices.count } ?? 0
            case "enter":
                move(by: 1, area: area)
                return []
            default: return []
            }
            return send(.setAnswer(index, question.choices[next]))
        case .text, .longText:
            while answers.count <= index { answers.append(LineEditor(maxLength: 5000)) }
            if key == "enter" {
                move(by: 1, area: area)
                return []
            }
            guard answers[index].handle(key) == .edited, answers[index].text != current else { return [] }
            return send(.setAnswer(index, answers[index].text))
        }
    }

    private func confirmSubmit() -> KeyOutcome {
        guard !model.state.submitting, model.state.submittedApplicationID == nil else { return KeyOutcome() }
        let title = model.state.listingTitle ?? "this listing"
        let dialog = DialogState.confirm(
            "Send application", message: "Send your application to \"\(title)\"? It cannot be edited afterwards.",
            defaultYes: true)
        return KeyOutcome(request: .dialog(dialog, .submitApplication))
    }

    /// The dialog said yes.
    mutating func submit() -> [Effect<AppMessage>] { send(.submit) }

    private mutating func move(by delta: Int, area: Rect) {
        let all = fields
        let index = all.firstIndex(of: focus) ?? 0
        focus = all[(index + delta + all.count) % all.count]
        let layout = FormLayout(screen: self, area: area)
        if let block = layout.blocks.first(where: { $0.field == focus }) {
            if block.top < scroll { scroll = block.top }
            if block.top + block.height > scroll + layout.body.height {
                scroll = block.top + block.height - layout.body.height
            }
        }
    }
}
