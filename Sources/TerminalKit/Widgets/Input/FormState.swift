/// One input of a form.
public enum FormInput: Hashable, Sendable {
    case text(LineEditor, placeholder: String = "", masked: Bool = false)
    case multiline(TextAreaState, height: Int = 3)
    case dateTime(DateTimeFieldState)
    /// One of several options, changed with left/right or space.
    case choice([String], selected: Int)

    /// The value as text (the chosen option for choices).
    public var text: String {
        switch self {
        case .text(let editor, _, _): return editor.text
        case .multiline(let state, _): return state.text
        case .dateTime(let state): return state.editor.text
        case .choice(let options, let selected): return options.indices.contains(selected) ? options[selected] : ""
        }
    }

    /// Rows the input takes.
    var height: Int {
        if case .multiline(_, let height) = self { return max(1, height) }
        return 1
    }
}

/// A labelled form field with its input and its error, if any.
public struct FormField: Hashable, Sendable {
    public var id: String
    public var label: String
    public var input: FormInput
    public var required: Bool
    /// Shown under the field in the critical role; set by validation.
    public var error: String?

    public init(id: String, label: String, input: FormInput, required: Bool = false) {
        self.id = id
        self.label = label
        self.input = input
        self.required = required
    }
}

/// A form's fields and focus. Tab and Shift-Tab move between fields (in declaration order); other keys
/// go to the focused input; Enter on a one-line field submits.
public struct FormState: Hashable, Sendable {
    public var fields: [FormField]
    public var focus: Int = 0

    public init(fields: [FormField]) { self.fields = fields }

    /// What a key did to the form.
    public enum Outcome: Hashable, Sendable { case edited, ignored, submitted }

    /// The form's own keys, for the help overlay.
    public static let keys = KeyTable<String>([
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Form", action: "next"),
        KeyBinding(["shift-tab"], "Previous field", group: "Form", action: "previous"),
        KeyBinding(
            ["enter"], hint: "submit", "Submit (a new line in multi-line fields)", group: "Form", action: "submit"),
        KeyBinding(["up", "down"], "Change a date part or move between lines", group: "Form", action: "adjust"),
        KeyBinding(["left", "right"], "Change a choice or move the cursor", group: "Form", action: "move"),
    ])

    /// The value of the field `id` as text.
    public func value(_ id: String) -> String? { fields.first { $0.id == id }?.input.text }

    /// Every field's value as text, by id: kept when a form opens, compared later to tell whether it
    /// has changes that are not saved.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.id, $0.input.text) }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func handle(_ key: Key) -> Outcome {
        guard !fields.isEmpty else { return .ignored }
        switch key {
        case "tab":
            focus = (focus + 1) % fields.count
            return .edited
        case "shift-tab":
            focus = (focus + fields.count - 1) % fields.count
            return .edited
        default: break
        }
        var field = fields[focus]
        defer { fields[focus] = field }
        switch field.input {
        case .text(var editor, let placeholder, let masked):
            let outcome = editor.handle(key)
            field.input = .text(editor, placeholder: placeholder, masked: masked)
            if outcome == .edited { field.error = nil }
            return outcome == .submitted ? .submitted : outcome == .edited ? .edited : .ignored
        case .multiline(var state, let height):
            let outcome = state.handle(key)
            field.input = .multiline(state, height: height)
            if outcome == .edited { field.error = nil }
            return outcome == .edited ? .edited : .ignored
        case .dateTime(var state):
            let outcome = state.handle(key)
            field.input = .dateTime(state)
            if outcome == .edited { field.error = nil }
            return outcome == .submitted ? .submitted : outcome == .edited ? .edited : .ignored
        case .choice(let options, let selected):
            guard !options.isEmpty else { return .ignored }
            switch key {
            case "left", "h": field.input = .choice(options, selected: (selected + options.count - 1) % options.count)
            case "right", "l", "space": field.input = .choice(options, selected: (selected + 1) % options.count)
            case "enter": return .submitted
            default: return .ignored
            }
            field.error = nil
            return .edited
        }
    }

    /// Marks empty required fields and unparsable dates with an error; focuses the first bad field.
    /// Returns whether the form is valid.
    @discardableResult
    public mutating func validate() -> Bool {
        for index in fields.indices {
            var problem: String?
            let text = fields[index].input.text.trimmingCharacters(in: " ")
            if fields[index].required && text.isEmpty {
                problem = "\(fields[index].label) is required"
            } else if case .dateTime(let state) = fields[index].input, !text.isEmpty,
                case .failure(let error) = state.value
            {
                problem = error.description
            }
            fields[index].error = problem ?? fields[index].error
        }
        if let first = fields.firstIndex(where: { $0.error != nil }) {
            focus = first
            return false
        }
        return true
    }
}
