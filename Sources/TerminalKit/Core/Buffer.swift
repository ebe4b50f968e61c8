/// A grid of cells that a frame is drawn into.
///
/// Widgets write into a buffer within a ``Rect``; writes outside the buffer are clipped. The terminal
/// backends compare two buffers with ``diff(from:)`` and send only what changed.
public struct Buffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    /// A buffer of blank cells in `style`.
    public init(size: Size, style: Style = .plain) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(size: size) }

    /// The cell at (x, y); nil outside the buffer.
    public subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return nil }
        return cells[y * size.width + x]
    }

    /// Replaces the cell at `point`, repairing wide glyphs it cuts in half.
    public mutating func set(_ cell: Cell, at point: Point) {
        let (x, y) = (point.x, point.y)
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let index = y * size.width + x
        // Overwriting half of a wide glyph leaves the other half as a blank.
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if cells[index].width == 2, x + 1 < size.width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        if cell.width == 2 {
            guard x + 1 < size.width else {
                cells[index] = .blank(cell.style)
                return
            }
            if cells[index + 1].width == 2, x + 2 < size.width {
                cells[index + 2] = .blank(cells[index + 2].style)
            }
            cells[index] = cell
            cells[index + 1] = .continuation(cell.style)
        } else {
            cells[index] = cell
        }
    }

    /// Fills `rect` with `cell` (clipped to the buffer).
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank()) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            let rowStart = y * size.width
            for x in clipped.x..<clipped.maxX {
                cells[rowStart + x] = cell
            }
            // A wide glyph just left of the fill lost its right half.
            if clipped.x > 0, cells[rowStart + clipped.x - 1].width == 2 {
                cells[rowStart + clipped.x - 1] = .blank(cells[rowStart + clipped.x - 1].style)
            }
            if clipped.maxX < size.width, cells[rowStart + clipped.maxX].isContinuation {
                cells[rowStart + clipped.maxX] = .blank(cells[rowStart + clipped.maxX].style)
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                cells[y * size.width + x].style = style
            }
        }
    }

    /// Writes `text` from `point`, at most `maxWidth` columns (default: to the buffer's edge), without
    /// wrapping. Control characters are shown as `�`. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - point.x)
        var column = 0
        // One byte, one character, one column for the printable ASCII the text starts with (all of
        // it, usually): no grapheme breaking, no per-character measure.
        let ascii = DisplayWidth.printableASCIIPrefix(text)
        for byte in text.utf8.prefix(ascii.count) {
            if column + 1 > limit { return column }
            let x = point.x + column
            if x >= 0 {
                set(Cell(symbol: Self.asciiSymbols[Int(byte)], width: 1, style: style), at: Point(x: x, y: point.y))
            }
            column += 1
        }
        if ascii.isWhole { return column }
        for character in text[text.utf8.index(text.startIndex, offsetBy: ascii.count)...] {
            guard let (symbol, width) = DisplayWidth.shown(character) else { continue }
            if column + width > limit { break }
            let x = point.x + column
            if x >= 0 {
                set(Cell(symbol: String(symbol), width: UInt8(width), style: style), at: Point(x: x, y: point.y))
            }
            column += width
        }
        return column
    }

    /// The symbols of the ASCII characters, made once (a cell per byte of ASCII text).
    private static let asciiSymbols: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Writes `text` in `rect`'s first row, aligned and truncated with `…` to fit; pads with blanks
    /// (the cells of `DisplayWidth.pad`, without building the padded text).
    public mutating func write(_ text: String, in rect: Rect, style: Style = .plain, alignment: Alignment = .leading) {
        guard rect.height > 0, rect.width > 0 else { return }
        let fitted = DisplayWidth.truncate(text, to: rect.width)
        let width = DisplayWidth.of(fitted)
        let gap = max(0, rect.width - width)
        let left =
            switch alignment {
            case .leading: 0
            case .trailing: gap
            case .center: gap / 2
            }
        fill(Rect(x: rect.x, y: rect.y, width: left, height: 1), with: .blank(style))
        write(fitted, at: Point(x: rect.x + left, y: rect.y), style: style, maxWidth: rect.width - left)
        fill(Rect(x: rect.x + left + width, y: rect.y, width: gap - left, height: 1), with: .blank(style))
    }

    /// Changes the size, keeping the top-left content that still fits.
    public mutating func resize(to newSize: Size) {
        guard newSize != size else { return }
        var resized = Buffer(size: newSize)
        for y in 0..<min(size.height, newSize.height) {
            for x in 0..<min(size.width, newSize.width) {
                resized.cells[y * newSize.width + x] = cells[y * size.width + x]
            }
        }
        self = resized
    }

    /// Text of row `y`, wide glyphs once, trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        var text = ""
        for x in 0..<size.width {
            let cell = cells[y * size.width + x]
            if !cell.isContinuation { text += cell.symbol }
        }
        return text
    }

    /// All rows as text.
    public var lines: [String] { (0..<size.height).map(line) }
}
