/// Word wrapping by display width.
public enum TextWrap {
    /// A wrapped line: its text and where it starts in the source (as a `Character` offset).
    public struct Line: Hashable, Sendable {
        public var text: String
        public var start: Int
        public var length: Int
    }

    /// Wraps `text` to `width` columns, breaking after spaces where possible and inside words that are
    /// longer than a line. Newlines always break. Every source character belongs to exactly one line
    /// (spaces at a break stay at the end of the line they follow), so offsets map back to the source.
    public static func lines(_ text: String, width: Int) -> [Line] {
        // Printable ASCII and newlines (most text): one byte is one character of one column (a
        // newline: none), so the bytes are wrapped without breaking the text into grapheme clusters.
        if text.utf8.allSatisfy({ $0 == 0x0A || DisplayWidth.isPrintableASCII($0) }) {
            return wrap(
                Array(text.utf8), width: width, isNewline: { $0 == 0x0A }, isSpace: { $0 == 0x20 },
                columns: { _ in 1 }, text: { String(decoding: $0, as: UTF8.self) })
        }
        return wrap(
            Array(text), width: width, isNewline: { $0 == "\n" }, isSpace: { $0 == " " },
            columns: DisplayWidth.of, text: { String($0) })
    }

    /// The wrapping itself, over the text's characters (or, for ASCII, its bytes).
    private static func wrap<Unit>(
        _ characters: [Unit], width: Int, isNewline: (Unit) -> Bool, isSpace: (Unit) -> Bool,
        columns: (Unit) -> Int, text: (ArraySlice<Unit>) -> String
    ) -> [Line] {
        guard width > 0 else { return [Line(text: text(characters[...]), start: 0, length: characters.count)] }
        var result: [Line] = []
        var start = 0
        var index = 0
        var column = 0
        var lastBreak: Int?
        while index < characters.count {
            let character = characters[index]
            if isNewline(character) {
                result.append(Line(text: text(characters[start..<index]), start: start, length: index - start + 1))
                index += 1
                start = index
                column = 0
                lastBreak = nil
                continue
            }
            let w = columns(character)
            if column + w > width && !isSpace(character) {
                let cut = (lastBreak.map { $0 + 1 } ?? index)
                let end = cut > start ? cut : max(index, start + 1)
                result.append(
                    Line(
                        text: text(characters[start..<end]).trimmingTrailingSpaces(), start: start,
                        length: end - start))
                start = end
                index = end
                column = 0
                lastBreak = nil
                continue
            }
            if isSpace(character) { lastBreak = index }
            column += w
            index += 1
        }
        result.append(
            Line(text: text(characters[start..<characters.count]), start: start, length: characters.count - start))
        return result
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// Text drawn in a rectangle, wrapped at word boundaries, from `scroll` lines down.
public struct Paragraph: Widget, Sendable {
    public var text: String
    public var style: Style
    public var alignment: Alignment
    public var scroll: Int

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .leading, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.scroll = scroll
    }

    /// How many rows the text needs at `width`.
    public func height(for width: Int) -> Int { TextWrap.lines(text, width: width).count }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let lines = TextWrap.lines(text, width: area.width)
        for row in 0..<area.height {
            let index = scroll + row
            guard index < lines.count else { break }
            buffer.write(lines[index].text, in: area.row(row), style: style, alignment: alignment)
        }
    }
}
