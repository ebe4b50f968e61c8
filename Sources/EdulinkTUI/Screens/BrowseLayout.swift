import TerminalKit

/// Where Browse puts things: the search line, a message line, the table, the detail pane (beside
/// the table from 120 columns, below it on narrower terminals when there is room) and the filters
/// panel on the right when open. `update` and `draw` use the same layout, so paging matches.
struct BrowseLayout {
    var search: Rect
    var message: Rect
    var table: Rect
    var detail: Rect?
    var panel: Rect?

    /// Terminals at least this wide show the detail beside the table.
    static let sideBySideWidth = 120

    init(area: Rect, panelOpen: Bool) {
        search = area.row(0)
        message = area.row(1)
        var body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        if panelOpen {
            let width = min(36, body.width / 2)
            panel = Rect(x: body.maxX - width, y: body.y, width: width, height: body.height)
            body.width -= width
        }
        if area.width >= Self.sideBySideWidth {
            let parts = Layout.horizontal([.percent(panelOpen ? 100 : 58), .fill()]).split(body)
            table = parts[0]
            detail = panelOpen || parts[1].width < 20 ? nil : parts[1]
        } else if body.height >= 18 && !panelOpen {
            let parts = Layout.vertical([.percent(55), .fill()]).split(body)
            table = parts[0]
            detail = parts[1]
        } else {
            table = body
            detail = nil
        }
    }
}
