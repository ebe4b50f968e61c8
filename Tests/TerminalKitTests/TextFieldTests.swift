import TerminalKit
import Testing

@Suite("Text field editing")
struct TextFieldTests {
    private func editor(_ text: String, keys: [Key]) -> LineEditor {
        var editor = LineEditor(text)
        for key in keys { _ = editor.handle(key) }
        return editor
    }

    @Test("typing inserts at the cursor, including wide characters")
    func typingInserts() {
        var editor = LineEditor("ac")
        _ = editor.handle("left")
        _ = editor.handle(.character("b"))
        _ = editor.handle(.character("東"))
        #expect(editor.text == "ab東c")
        #expect(editor.cursor == 3)
        #expect(editor.cursorColumn == 4)
    }

    @Test("home, end, ctrl-a and ctrl-e jump to the ends")
    func homeAndEnd() {
        #expect(editor("hello", keys: ["home"]).cursor == 0)
        #expect(editor("hello", keys: ["home", "end"]).cursor == 5)
        #expect(editor("hello", keys: ["ctrl-a"]).cursor == 0)
        #expect(editor("hello", keys: ["ctrl-a", "ctrl-e"]).cursor == 5)
    }

    @Test("ctrl-u deletes to the start and ctrl-k to the end")
    func killLine() {
        let before = editor("hello world", keys: ["ctrl-a", "right", "right", "right", "right", "right", "ctrl-u"])
        #expect(before.text == " world")
        #expect(before.cursor == 0)
        let after = editor("hello world", keys: ["ctrl-a", "right", "right", "ctrl-k"])
        #expect(after.text == "he")
    }

    @Test("ctrl-w deletes the word before the cursor, skipping trailing spaces")
    func deleteWord() {
        #expect(editor("search for interns  ", keys: ["ctrl-w"]).text == "search for ")
        #expect(editor("one", keys: ["ctrl-w", "ctrl-w"]).text == "")
    }

    @Test("alt-b, alt-f and ctrl-arrows move by words")
    func wordMoves() {
        #expect(editor("alpha beta gamma", keys: ["alt-b"]).cursor == 11)
        #expect(editor("alpha beta gamma", keys: ["alt-b", "alt-b"]).cursor == 6)
        #expect(editor("alpha beta gamma", keys: ["home", "alt-f"]).cursor == 5)
        #expect(editor("alpha beta gamma", keys: ["home", "ctrl-right", "ctrl-right"]).cursor == 10)
        #expect(editor("alpha beta gamma", keys: ["ctrl-left"]).cursor == 11)
    }

    @Test("backspace and delete remove one character on either side")
    func backspaceAndDelete() {
        #expect(editor("abc", keys: ["backspace"]).text == "ab")
        #expect(editor("abc", keys: ["home", "delete"]).text == "bc")
        #expect(editor("abc", keys: ["home", "backspace"]).text == "abc")
    }

    @Test("the maximum length stops insertion")
    func maximumLength() {
        var editor = LineEditor("", maxLength: 3)
        editor.insert("abcdef")
        #expect(editor.text == "abc")
    }

    @Test("enter submits and unknown keys are left to the caller")
    func outcomes() {
        var editor = LineEditor("x")
        #expect(editor.handle("enter") == .submitted)
        #expect(editor.handle("f5") == .ignored)
        #expect(editor.handle("ctrl-r") == .ignored)
    }

    @Test("a long text scrolls so the cursor stays inside the field")
    func horizontalScroll() {
        let field = TextField(editor: LineEditor("0123456789abcdef"), focused: true)
        let area = Rect(x: 2, y: 0, width: 10, height: 1)
        #expect(field.scrollColumn(width: 10) == 7)
        #expect(field.cursorPosition(in: area) == Point(x: 11, y: 0))
        var buffer = Buffer(size: Size(width: 14, height: 1))
        buffer.render(field, in: area)
        #expect(buffer.line(0) == "  789abcdef   ")
    }
}
