/// A cell that differs between two frames.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

extension Buffer {
    /// The cells of `self` that differ from `previous`, row by row, left to right.
    ///
    /// Continuation cells are never emitted (the glyph before them covers them). When a wide glyph
    /// changes, its first cell is emitted; when a wide glyph is replaced by narrow ones, the cell that
    /// was its right half is emitted too, since it differs. A size change makes every cell a change.
    public func diff(from previous: Buffer) -> [CellChange] {
        var changes: [CellChange] = []
        if previous.size != size {
            changes.reserveCapacity(cells.count)
            for (index, cell) in cells.enumerated() where !cell.isContinuation {
                changes.append(CellChange(x: index % size.width, y: index / size.width, cell: cell))
            }
            return changes
        }
        let width = size.width
        var index = 0
        let count = cells.count
        while index < count {
            let cell = cells[index]
            if cell != previous.cells[index] {
                if cell.isContinuation {
                    // The right half changed style or a wide glyph moved: repaint from its first half.
                    let head = index - 1
                    if head >= 0, head / width == index / width,
                        changes.last.map({ $0.y * width + $0.x != head }) ?? true
                    {
                        changes.append(CellChange(x: head % width, y: head / width, cell: cells[head]))
                    }
                } else {
                    changes.append(CellChange(x: index % width, y: index / width, cell: cell))
                }
            }
            index += 1
        }
        return changes
    }
}
