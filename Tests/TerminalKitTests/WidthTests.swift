import TerminalKit
import Testing

@Suite("Display width")
struct WidthTests {
    @Test(
        "CJK and emoji take two columns, combining marks none, a control character the column of its �",
        arguments: [
            ("a", 1), ("東", 2), ("한", 2), ("🚀", 2), ("é", 1), ("e\u{301}", 1), ("👩‍💻", 2), ("🇩🇪", 2), ("\u{7}", 1),
        ])
    func characterWidths(_ text: String, _ expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test("truncation ends in an ellipsis and never splits a wide character")
    func truncation() {
        #expect(DisplayWidth.truncate("東京都庁", to: 6) == "東京…")
        #expect(DisplayWidth.truncate("東京都庁", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abcd", to: 3) == "ab…")
        #expect(DisplayWidth.of(DisplayWidth.pad("東京", to: 7, alignment: .trailing)) == 7)
    }

    @Test("a wide character occupies a cell and a continuation cell")
    func wideCells() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        buffer.write("a東b", at: Point(x: 0, y: 0))
        #expect(buffer[1, 0]?.symbol == "東")
        #expect(buffer[2, 0]?.isContinuation == true)
        #expect(buffer[3, 0]?.symbol == "b")
        #expect(buffer.line(0) == "a東b  ")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteRepairs() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("東京", at: Point(x: 0, y: 0))
        buffer.write("x", at: Point(x: 1, y: 0))
        #expect(buffer.line(0) == " x京")
        buffer.write("y", at: Point(x: 2, y: 0))
        #expect(buffer.line(0) == " xy ")
    }

    @Test("a wide character that does not fit at the edge is not drawn in half")
    func edge() {
        var buffer = Buffer(size: Size(width: 3, height: 1))
        buffer.write("ab東", at: Point(x: 0, y: 0))
        #expect(buffer.line(0) == "ab ")
    }

    @Test("control characters are shown as a replacement glyph")
    func controlCharacters() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        buffer.write("a\u{1B}b", at: Point(x: 0, y: 0))
        #expect(buffer.line(0) == "a\u{FFFD}b ")
    }

    @Test("measuring and drawing agree: a control character is one column wherever it is measured")
    func controlWidthAgrees() {
        #expect(DisplayWidth.of("a\u{1B}b") == 3)
        let lines = TextWrap.lines("abc\u{7}defg", width: 4)
        #expect(lines.map(\.text) == ["abc\u{7}", "defg"])
        var buffer = Buffer(size: Size(width: 4, height: 1))
        #expect(buffer.write("abc\u{7}", at: Point(x: 0, y: 0)) == 4)
        #expect(buffer.line(0) == "abc\u{FFFD}")
    }

    @Test("a ZWJ sequence is drawn as its first emoji in two columns, so nothing after it shifts")
    func joinedEmoji() {
        let coder: Character = "👩‍💻"
        #expect(DisplayWidth.of(coder) == 2)
        var buffer = Buffer(size: Size(width: 5, height: 1))
        #expect(buffer.write("👩‍💻ab", at: Point(x: 0, y: 0)) == 4)
        #expect(buffer[0, 0]?.symbol == "👩")
        #expect(buffer[2, 0]?.symbol == "a")
        #expect(DisplayWidth.of("🇰🇪") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
    }

    /// Printable ASCII (all of a text, or the start of it) is measured, cut, wrapped and drawn byte by
    /// byte, other text character by character. Each ASCII text below is compared with its twin in which every letter is a one-column
    /// accented letter (`a` → `à`): the same columns, so the same cuts, lines and cells, through the
    /// other path.
    static let asciiTexts = [
        "", "a", "Data Analyst Intern", "Coral Motors 101 · x", "software engineer nairobi remote",
        "a very-long-word-that-does-not-fit-on-one-line and then more words",
        "two\nlines\n\nand a blank one", "  leading and trailing spaces  ", "x y z", "tab\tand bell\u{7}",
        "e\u{301}", "\r\n", "Data Analyst In…", "a combining e\u{301} in the middle", "emoji 👩‍💻 joined",
        "Nairobi · Kenya", "東京 Tower", "ab\u{7}",
    ]

    static func twin(_ text: String) -> String {
        String(
            text.map { character -> Character in
                guard let ascii = character.asciiValue, (0x61...0x7A).contains(ascii) else { return character }
                return UnicodeScalar(0xE0 + UInt32(ascii - 0x61)).map { Character($0) } ?? character
            })
    }

    @Test("printable ASCII gets the widths, cuts, lines and cells of the per-character path", arguments: asciiTexts)
    func asciiAgreesWithCharacters(_ text: String) {
        let twin = Self.twin(text)
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
        #expect(DisplayWidth.of(text) == DisplayWidth.of(twin))
        for width in 0...12 {
            #expect(Self.twin(DisplayWidth.truncate(text, to: width)) == DisplayWidth.truncate(twin, to: width))
            for alignment in [Alignment.leading, .center, .trailing] {
                #expect(
                    Self.twin(DisplayWidth.pad(text, to: width, alignment: alignment))
                        == DisplayWidth.pad(twin, to: width, alignment: alignment))
            }
            let lines = TextWrap.lines(text, width: width)
            let twinLines = TextWrap.lines(twin, width: width)
            #expect(lines.map { Self.twin($0.text) } == twinLines.map(\.text))
            #expect(lines.map(\.start) == twinLines.map(\.start))
            #expect(lines.map(\.length) == twinLines.map(\.length))
            var buffer = Buffer(size: Size(width: 10, height: 1))
            var twinBuffer = buffer
            let x = width - 2
            #expect(
                buffer.write(text, at: Point(x: x, y: 0), maxWidth: 7)
                    == twinBuffer.write(twin, at: Point(x: x, y: 0), maxWidth: 7))
            #expect(Self.twin(buffer.line(0)) == twinBuffer.line(0))
            // Written in a rectangle: the cells of the padded text written from its left edge.
            for alignment in [Alignment.leading, .center, .trailing] {
                var padded = buffer
                if width > 0 {
                    padded.write(
                        DisplayWidth.pad(text, to: width, alignment: alignment), at: Point(x: 1, y: 0),
                        maxWidth: width)
                }
                buffer.write(text, in: Rect(x: 1, y: 0, width: width, height: 1), alignment: alignment)
                twinBuffer.write(twin, in: Rect(x: 1, y: 0, width: width, height: 1), alignment: alignment)
                #expect(buffer == padded)
                #expect(Self.twin(buffer.line(0)) == twinBuffer.line(0))
            }
        }
    }
}
