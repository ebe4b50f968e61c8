/// The `:` command line: editing, Tab completion that cycles through candidates, and history.
public struct CommandLineState: Hashable, Sendable {
    /// What a key did.
    public enum Outcome: Hashable, Sendable {
        case edited
        case submitted(String)
        case cancelled
    }

    public var editor = LineEditor()
    /// Earlier commands, oldest first.
    public private(set) var history: [String] = []
    /// The candidates of the current completion, shown above the line.
    public private(set) var candidates: [String] = []
    /// Which candidate is in the line (nil: not completing).
    public private(set) var candidateIndex: Int?
    private var historyIndex: Int?
    private var draft = ""

    public init(history: [String] = []) { self.history = history }

    /// Handles a key. `commands` are all the completions for the current text (the caller knows its
    /// commands and their arguments, e.g. `theme light`); candidates are those starting with the text.
    public mutating func handle(_ key: Key, commands: [String]) -> Outcome {
        switch key {
        case "esc":
            reset()
            return .cancelled
        case "tab", "shift-tab":
            complete(forward: key == "tab", commands: commands)
            return .edited
        case "up":
            recall(older: true)
            return .edited
        case "down":
            recall(older: false)
            return .edited
        case "enter":
            let text = editor.text.trimmingCharacters(in: " ")
            if !text.isEmpty, history.last != text { history.append(text) }
            reset()
            return .submitted(text)
        default:
            if key.code == .backspace, editor.characters.isEmpty {
                reset()
                return .cancelled
            }
            _ = editor.handle(key)
            candidates = []
            candidateIndex = nil
            return .edited
        }
    }

    private mutating func complete(forward: Bool, commands: [String]) {
        if candidateIndex == nil {
            let prefix = editor.text
            candidates = commands.filter { $0.hasPrefix(prefix) && $0 != prefix }.sorted()
            guard !candidates.isEmpty else { return }
            candidateIndex = forward ? 0 : candidates.count - 1
        } else if let index = candidateIndex, !candidates.isEmpty {
            candidateIndex = (index + (forward ? 1 : candidates.count - 1)) % candidates.count
        }
        if let index = candidateIndex { editor.text = candidates[index] }
    }

    private mutating func recall(older: Bool) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard older else { return }
            draft = editor.text
            historyIndex = history.count
        }
        guard let index = historyIndex else { return }
        let next = older ? max(0, index - 1) : index + 1
        if next >= history.count {
            historyIndex = nil
            editor.text = draft
        } else {
            historyIndex = next
            editor.text = history[next]
        }
        candidates = []
        candidateIndex = nil
    }

    private mutating func reset() {
        editor = LineEditor()
        candidates = []
        candidateIndex = nil
        historyIndex = nil
        draft = ""
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var copy = Substring(self)
        while copy.first == set { copy.removeFirst() }
        while copy.last == set { copy.removeLast() }
        return String(copy)
    }
}

/// Draws a ``CommandLineState`` on one row, with completion candidates on the row above when completing.
public struct CommandLineView: Widget, Sendable {
    public var state: CommandLineState
    public var prompt: String

    public init(state: CommandLineState, prompt: String = ":") {
        self.state = state
        self.prompt = prompt
    }

    public func cursorPosition(in area: Rect) -> Point? {
        let row = area.row(area.height - 1)
        let promptWidth = DisplayWidth.of(prompt)
        return TextField(editor: state.editor, focused: true)
            .cursorPosition(in: Rect(x: row.x + promptWidth, y: row.y, width: row.width - promptWidth, height: 1))
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        let row = area.row(area.height - 1)
        buffer.fill(row, with: .blank(Style(.inputFocus)))
        let promptWidth = buffer.write(prompt, at: Point(x: row.x, y: row.y), style: Style(.accent, adding: .bold))
        TextField(editor: state.editor, focused: true)
            .draw(
                into: &buffer, area: Rect(x: row.x + promptWidth, y: row.y, width: row.width - promptWidth, height: 1))
        if area.height > 1, !state.candidates.isEmpty {
            let above = area.row(area.height - 2)
            buffer.fill(above, with: .blank(Style(.dialog)))
            var x = above.x + 1
            for (index, candidate) in state.candidates.enumerated() {
                let width = DisplayWidth.of(candidate) + 2
                guard x + width <= above.maxX else { break }
                let chosen = index == state.candidateIndex
                x += buffer.write(
                    " \(candidate) ", at: Point(x: x, y: above.y), style: Style(chosen ? .selection : .dialog))
            }
        }
    }
}
