import TerminalKit
import Testing

@Suite("Buffer diff")
struct BufferDiffTests {
    @Test("identical frames produce no changes")
    func identical() {
        var buffer = Buffer(size: Size(width: 10, height: 3))
        buffer.write("hello 東京", at: Point(x: 0, y: 1))
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test("one changed cell is one change, with its position and style")
    func oneCell() {
        let before = Buffer(size: Size(width: 10, height: 3))
        var after = before
        after.write("x", at: Point(x: 4, y: 2), style: Style(.accent))
        #expect(
            after.diff(from: before) == [
                CellChange(x: 4, y: 2, cell: Cell(symbol: "x", width: 1, style: Style(.accent)))
            ])
    }

    @Test("a wide character is sent once, and replacing it sends both cells")
    func wideCharacters() {
        let blank = Buffer(size: Size(width: 4, height: 1))
        var wide = blank
        wide.write("東", at: Point(x: 1, y: 0))
        #expect(wide.diff(from: blank).map(\.x) == [1])
        var narrow = wide
        narrow.write("ab", at: Point(x: 1, y: 0))
        #expect(narrow.diff(from: wide).map(\.x) == [1, 2])
    }

    @Test("a style change on a wide character's right half resends the glyph")
    func continuationStyle() {
        var before = Buffer(size: Size(width: 4, height: 1))
        before.write("東", at: Point(x: 0, y: 0))
        var after = before
        after.setStyle(Style(.selection), in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(after.diff(from: before).map(\.x) == [0])
    }

    @Test("applying the diff to the previous screen reproduces the new frame")
    func diffReproducesFrame() {
        let terminal = VirtualTerminal(size: Size(width: 20, height: 4))
        var first = Buffer(size: terminal.size)
        first.write("株式会社 and 🚀 rockets", at: Point(x: 0, y: 0))
        terminal.present(first, cursor: nil)
        var second = first
        second.write("ab", at: Point(x: 1, y: 0), style: Style(.warning))
        second.write("done ✓", at: Point(x: 3, y: 2))
        terminal.present(second, cursor: Point(x: 1, y: 1))
        #expect(terminal.screen == second)
        #expect(terminal.lastChangeCount == second.diff(from: first).count)
        #expect(terminal.cursor == Point(x: 1, y: 1))
    }

    @Test("a resized buffer is sent in full")
    func resized() {
        let small = Buffer(size: Size(width: 2, height: 2))
        let large = Buffer(size: Size(width: 3, height: 2))
        #expect(large.diff(from: small).count == 6)
    }
}
