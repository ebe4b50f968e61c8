/// One terminal cell: a grapheme, the columns it occupies and its style.
///
/// A wide grapheme (width 2) is followed by a *continuation* cell (width 0, empty symbol) that the
/// terminal covers with the glyph's second column.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var width: UInt8
    public var style: Style

    public init(symbol: String, width: UInt8, style: Style) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// A space in `style`.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(symbol: " ", width: 1, style: style) }

    /// The cell covered by the right half of a wide glyph.
    public static func continuation(_ style: Style) -> Cell { Cell(symbol: "", width: 0, style: style) }

    /// Whether this cell is the hidden right half of a wide glyph.
    public var isContinuation: Bool { width == 0 }
}
