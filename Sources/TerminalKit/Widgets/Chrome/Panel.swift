/// A bordered box with an optional title: the frame around panes, dialogs and forms.
public struct Panel: Widget, Sendable {
    /// The line style of the border.
    public enum BorderStyle: Sendable, Hashable {
        case single, rounded, double, heavy, none

        var glyphs: (h: String, v: String, tl: String, tr: String, bl: String, br: String) {
            switch self {
            case .single, .none: return ("─", "│", "┌", "┐", "└", "┘")
            case .rounded: return ("─", "│", "╭", "╮", "╰", "╯")
            case .double: return ("═", "║", "╔", "╗", "╚", "╝")
            case .heavy: return ("━", "┃", "┏", "┓", "┗", "┛")
            }
        }
    }

    public var title: String?
    public var focused: Bool
    public var border: BorderStyle
    public var fill: Role?
    /// Extra text on the right of the top border (a count, a filter).
    public var trailingTitle: String?

    public init(
        title: String? = nil, focused: Bool = false, border: BorderStyle = .rounded, fill: Role? = nil,
        trailingTitle: String? = nil
    ) {
        self.title = title
        self.focused = focused
        self.border = border
        self.fill = fill
        self.trailingTitle = trailingTitle
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect {
        border == .none ? area : area.inset(horizontal: 1, vertical: 1)
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        if let fill { buffer.fill(area, with: .blank(Style(fill))) }
        guard border != .none, area.width >= 2, area.height >= 2 else { return }
        let style = Style(focused ? .borderFocus : .border)
        let g = border.glyphs
        // Cells, not text: every box-drawing glyph takes one column, and a border drawn on every frame
        // need not be measured character by character.
        func cell(_ glyph: String) -> Cell { Cell(symbol: glyph, width: 1, style: style) }
        for (y, left, right) in [(area.y, g.tl, g.tr), (area.maxY - 1, g.bl, g.br)] {
            buffer.set(cell(left), at: Point(x: area.x, y: y))
            buffer.fill(Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1), with: cell(g.h))
            buffer.set(cell(right), at: Point(x: area.maxX - 1, y: y))
        }
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.set(cell(g.v), at: Point(x: area.x, y: y))
            buffer.set(cell(g.v), at: Point(x: area.maxX - 1, y: y))
        }
        var used = 1
        if let title, !title.isEmpty, area.width > 4 {
            let shown = DisplayWidth.truncate(" \(title) ", to: area.width - 4)
            used += buffer.write(
                shown, at: Point(x: area.x + 2, y: area.y), style: Style(focused ? .accent : .title, adding: .bold))
        }
        if let trailing = trailingTitle, !trailing.isEmpty {
            let room = area.width - 4 - used
            if room > 3 {
                let shown = DisplayWidth.truncate(" \(trailing) ", to: room)
                buffer.write(
                    shown, at: Point(x: area.maxX - 2 - DisplayWidth.of(shown), y: area.y), style: Style(.muted))
            }
        }
    }
}
