import TerminalKit
import Testing

@Suite("Text area")
struct TextAreaTests {
    @Test("text wraps at word boundaries by display width")
    func wraps() {
        let lines = TextWrap.lines("the quick brown fox 東京都", width: 10).map(\.text)
        #expect(lines == ["the quick", "brown fox", "東京都"])
    }

    @Test("a word longer than the line is broken inside")
    func longWord() {
        #expect(TextWrap.lines("abcdefghij", width: 4).map(\.text) == ["abcd", "efgh", "ij"])
    }

    @Test("down and up move across wrapped lines keeping the column")
    func verticalMoves() {
        var state = TextAreaState("alpha beta gamma delta")
        state.layout(width: 11, height: 3)
        _ = state.handle("ctrl-a")
        #expect(state.cursorLocation.line == 0)
        _ = state.handle("right")
        _ = state.handle("right")
        _ = state.handle("down")
        #expect(state.cursorLocation == (line: 1, column: 2))
        _ = state.handle("up")
        #expect(state.cursor == 2)
    }

    @Test("enter inserts a new line and the view scrolls to keep the cursor visible")
    func scrollsToCursor() {
        var state = TextAreaState()
        state.layout(width: 20, height: 2)
        for word in ["one", "two", "three", "four"] {
            state.insert(word)
            _ = state.handle("enter")
        }
        #expect(state.text == "one\ntwo\nthree\nfour\n")
        #expect(state.cursorLocation.line == 4)
        #expect(state.scroll == 3)
    }

    @Test("the word count ignores punctuation and line breaks")
    func wordCount() {
        #expect(TextAreaState("Hello, world!\nI'm a well-known intern.").wordCount == 6)
    }

    @Test("line editing keys work inside the text")
    func lineEditingKeys() {
        var state = TextAreaState("hello world")
        state.layout(width: 40, height: 3)
        _ = state.handle("end")
        _ = state.handle("ctrl-w")
        #expect(state.text == "hello ")
    }
}
