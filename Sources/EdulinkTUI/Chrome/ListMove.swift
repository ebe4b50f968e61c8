import TerminalKit

/// How a key moves a list's selection (PRODUCT.md's keys for every list): `j`/`k` or the arrows one
/// row, PgDn/PgUp one page (the rows the list shows), `g`/`G` or Home/End to the first or the last.
/// A screen's key table takes ``bindings(_:group:_:)``; its key handler turns the move into rows
/// with the height the list is drawn at.
enum ListMove: Hashable {
    case rows(Int)
    case pages(Int)
    case first
    case last

    /// The moves' keys for a list of `noun`s, in help group `group`; `intent` makes the screen's intent.
    static func bindings<Intent>(
        _ noun: String, group: String, _ intent: (ListMove) -> Intent
    ) -> [KeyBinding<Intent>] {
        [
            KeyBinding(["j", "down"], "Next \(noun)", group: group, action: intent(.rows(1))),
            KeyBinding(["k", "up"], "Previous \(noun)", group: group, action: intent(.rows(-1))),
            KeyBinding(["pgdn", "ctrl-f"], "Down one page", group: group, action: intent(.pages(1))),
            KeyBinding(["pgup", "ctrl-b"], "Up one page", group: group, action: intent(.pages(-1))),
            KeyBinding(["g", "home"], "First \(noun)", group: group, action: intent(.first)),
            KeyBinding(["G", "end"], "Last \(noun)", group: group, action: intent(.last)),
        ]
    }

    /// Rows to move the selection by when the list shows `page` rows and holds `count`.
    func rows(page: Int, count: Int) -> Int {
        switch self {
        case .rows(let rows): rows
        case .pages(let pages): pages * max(1, page)
        case .first: -max(1, count)
        case .last: max(1, count)
        }
    }

    /// Rows to move by in a table of `count` rows drawn at `table` (its header row included).
    func rows(table: Rect, count: Int) -> Int {
        rows(page: Table<TableRows>.visibleRows(in: table), count: count)
    }

    /// Rows to move by in a table of `count` rows filling the rounded panel drawn at `panel`, below
    /// the panel's `/` line while `search` shows it.
    func rows(panel: Rect, search: ListSearch = ListSearch(), count: Int) -> Int {
        rows(table: search.listArea(in: Panel(border: .rounded).inner(panel)), count: count)
    }
}
