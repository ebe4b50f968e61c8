import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// The `f` filters panel: one row per control of `FilterPanel`, toggled with space/enter and stepped
/// with left/right. It edits through the view-model's `.panel(change)` intents, so the query line
/// shows the same filter.
enum FilterPanelView {
    /// One row of the panel.
    enum Item: Hashable {
        case header(String)
        case eligible
        case paidOnly
        case minimumStipend
        case deadline
        case locationType(LocationType)
        case level(ExperienceLevel)
        case category(ListingCategory)
        case clear

        var isSelectable: Bool {
            if case .header = self { return false }
            return true
        }
    }

    static let stipendSteps: [Int?] = [nil, 10_000, 20_000, 30_000, 50_000, 100_000]
    static let deadlineSteps: [Int?] = [nil, 3, 7, 14, 30, 60]

    /// The rows, in order.
    static let items: [Item] =
        [
            .header("For me"), .eligible, .header("Money"), .paidOnly, .minimumStipend, .header("Dates"), .deadline,
            .header("Location type"),
        ] + LocationType.allCases.map(Item.locationType) + [.header("Level")]
        + ExperienceLevel.allCases.map(Item.level) + [.header("Category")] + ListingCategory.allCases.map(Item.category)
        + [.clear]

    /// The selectable rows' indices.
    static let selectable: [Int] = items.indices.filter { items[$0].isSelectable }

    /// The change `item` makes when toggled (`forward`) or stepped back.
    static func change(for item: Item, panel: FilterPanel, forward: Bool) -> FilterPanel.Change? {
        switch item {
        case .header: return nil
        case .eligible: return .setEligibleForMe(!panel.eligibleForMe)
        case .paidOnly: return .setPaidOnly(!panel.paidOnly)
        case .minimumStipend: return .setMinimumStipend(step(stipendSteps, from: panel.minimumStipendKES, forward))
        case .deadline: return .setDeadlineWithin(step(deadlineSteps, from: panel.deadlineWithinDays, forward))
        case .locationType(let type): return .toggleLocationType(type)
        case .level(let level): return .toggleLevel(level)
        case .category(let category): return .toggleCategory(category)
        case .clear: return .clear
        }
    }

    private static func step(_ steps: [Int?], from value: Int?, _ forward: Bool) -> Int? {
        let index = steps.firstIndex(of: value) ?? 0
        return steps[(index + (forward ? 1 : steps.count - 1)) % steps.count]
    }

    private static func label(_ item: Item, panel: FilterPanel) -> String {
        func box(_ on: Bool) -> String { on ? "[x] " : "[ ] " }
        switch item {
        case .header(let title): return title
        case .eligible: return box(panel.eligibleForMe) + "eligible for me"
        case .paidOnly: return box(panel.paidOnly) + "paid only"
        case .minimumStipend:
            return "    stipend ≥ " + (panel.minimumStipendKES.map { "KES " + DisplayFormat.count($0) } ?? "any")
                + "  ‹›"
        case .deadline:
            return "    closes within " + (panel.deadlineWithinDays.map { "\($0) days" } ?? "any time") + "  ‹›"
        case .locationType(let type):
            return box(panel.locationTypes.contains(type)) + DisplayFormat.words(type.rawValue)
        case .level(let level): return box(panel.levels.contains(level)) + level.rawValue
        case .category(let category): return box(panel.categories.contains(category)) + category.rawValue
        case .clear: return "    clear every filter"
        }
    }

    /// Draws the panel; `selected` is an index into ``items``.
    static func draw(into buffer: inout Buffer, area: Rect, panel: FilterPanel, selected: Int, focused: Bool) {
        let frame = Panel(title: "Filters", focused: focused, border: .rounded, trailingTitle: "f closes")
        buffer.fill(area)
        frame.draw(into: &buffer, area: area)
        let inner = frame.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        let first = max(0, min(selected - inner.height / 2, items.count - inner.height))
        for row in 0..<inner.height {
            let index = first + row
            guard index < items.count else { break }
            let item = items[index]
            let line = inner.row(row)
            if case .header = item {
                buffer.write(label(item, panel: panel), in: line, style: Style(.header))
                continue
            }
            let isSelected = index == selected && focused
            buffer.write(
                label(item, panel: panel), in: line, style: Style(isSelected ? .selection : .text))
        }
    }
}
