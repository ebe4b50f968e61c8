import TerminalKit

/// Lines of text with a style each, wrapped to a width and drawn from a scroll offset: the body of
/// detail panes (a listing, an application, a notification).
struct StyledText {
    private(set) var paragraphs: [(text: String, style: Style)] = []

    /// Adds a paragraph (wrapped when drawn). An empty string adds a blank line.
    mutating func add(_ text: String, _ role: TerminalKit.Role = .text, _ attributes: Attributes = []) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            paragraphs.append((String(line), Style(role, adding: attributes)))
        }
    }

    /// Adds a blank line.
    mutating func gap() { paragraphs.append(("", .plain)) }

    /// The wrapped lines at `width`.
    func lines(width: Int) -> [(text: String, style: Style)] {
        var result: [(String, Style)] = []
        for paragraph in paragraphs {
            if paragraph.text.isEmpty {
                result.append(("", paragraph.style))
                continue
            }
            for line in TextWrap.lines(paragraph.text, width: max(1, width)) {
                result.append((line.text, paragraph.style))
            }
        }
        return result
    }

    /// Draws the lines from `scroll` (clamped), with a scrollbar when they do not fit; returns the
    /// scroll used.
    @discardableResult
    func draw(into buffer: inout Buffer, area: Rect, scroll: Int) -> Int {
        guard area.width > 2, area.height > 0 else { return 0 }
        let lines = lines(width: area.width - 1)
        let offset = max(0, min(scroll, lines.count - area.height))
        for row in 0..<area.height {
            let index = offset + row
            guard index < lines.count else { break }
            buffer.write(
                lines[index].text, at: Point(x: area.x, y: area.y + row), style: lines[index].style,
                maxWidth: area.width - 1)
        }
        ScrollBar(total: lines.count, visible: area.height, offset: offset)
            .draw(into: &buffer, area: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height))
        return offset
    }
}
