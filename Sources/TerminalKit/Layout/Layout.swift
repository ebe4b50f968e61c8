/// How much room one part of a split takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (shrunk only when the whole split does not fit).
    case fixed(Int)
    /// `p` percent of the space being split.
    case percent(Int)
    /// At least `n` cells, growing like `fill(1)` when there is room.
    case min(Int)
    /// A share of what is left after the others, by weight.
    case fill(Int = 1)
}

/// Splits a rectangle into rows or columns by constraints.
///
/// ```swift
/// let (sidebar, main) = Layout.horizontal([.percent(30), .fill()]).split(area).pair
/// ```
public struct Layout: Hashable, Sendable {
    /// The direction parts are laid out in.
    public enum Direction: Hashable, Sendable { case horizontal, vertical }

    public var direction: Direction
    public var constraints: [Constraint]
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = spacing
    }

    /// Columns side by side.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// Rows from top to bottom.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    /// The lengths each constraint gets out of `total` cells.
    public func lengths(for total: Int) -> [Int] {
        let count = constraints.count
        guard count > 0 else { return [] }
        let available = max(0, total - spacing * (count - 1))
        var lengths = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n), .min(let n): return max(0, n)
            case .percent(let p): return available * max(0, Swift.min(p, 100)) / 100
            case .fill: return 0
            }
        }
        var remaining = available - lengths.reduce(0, +)
        if remaining > 0 {
            let weights = constraints.map { constraint -> Int in
                switch constraint {
                case .fill(let w): return max(0, w)
                case .min: return 1
                default: return 0
                }
            }
            let totalWeight = weights.reduce(0, +)
            if totalWeight > 0 {
                var given = 0
                var lastFlexible = 0
                for index in 0..<count where weights[index] > 0 {
                    let share = remaining * weights[index] / totalWeight
                    lengths[index] += share
                    given += share
                    lastFlexible = index
                }
                lengths[lastFlexible] += remaining - given
                remaining = 0
            }
        }
        // Too little room: take it back from the last parts first, fills before fixed sizes.
        if remaining < 0 {
            var deficit = -remaining
            let order = (0..<count).reversed().sorted { lhs, rhs in
                priority(constraints[lhs]) < priority(constraints[rhs])
            }
            for index in order where deficit > 0 {
                let cut = Swift.min(lengths[index], deficit)
                lengths[index] -= cut
                deficit -= cut
            }
        }
        return lengths
    }

    private func priority(_ constraint: Constraint) -> Int {
        switch constraint {
        case .fill: return 0
        case .percent: return 1
        case .min: return 2
        case .fixed: return 3
        }
    }

    /// The parts of `rect`, one per constraint, in order.
    public func split(_ rect: Rect) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        var offset = 0
        return lengths(for: total).map { length in
            defer { offset += length + spacing }
            switch direction {
            case .horizontal: return Rect(x: rect.x + offset, y: rect.y, width: length, height: rect.height)
            case .vertical: return Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: length)
            }
        }
    }
}

extension Array where Element == Rect {
    /// The first two parts of a split (empty rectangles when missing).
    public var pair: (Rect, Rect) {
        (
            count > 0 ? self[0] : Rect(size: Size(width: 0, height: 0)),
            count > 1 ? self[1] : Rect(size: Size(width: 0, height: 0))
        )
    }
}
