import Benchmark
import TerminalKit

/// A full 200×60 frame of a realistic screen: tabs, a bordered table with wide characters, a side
/// panel with gauges and a sparkline, and a status bar.
struct FrameScene {
    static let size = Size(width: 200, height: 60)
    static let columns = [
        TableColumn("Company", width: .percent(30)), TableColumn("Role", width: .fill()),
        TableColumn("City", width: .fixed(10)), TableColumn("Stage", width: .fixed(10)),
        TableColumn("Pay", width: .fixed(6), alignment: .trailing),
    ]
    static let rows = TableRows(
        (0..<5000).map { index in
            [
                TableCell(["Acme Robotics", "株式会社テスト", "🚀 Rocket Labs", "Café Zürich"][index % 4]),
                TableCell(["Backend intern", "デザイナー", "Data analyst"][index % 3]),
                TableCell(["Berlin", "東京", "Zürich"][index % 3]),
                TableCell(["applied", "offered", "rejected"][index % 3], role: "state.applied"),
                TableCell("\(900 + index % 700)"),
            ]
        })
    static let keys = KeyTable<Int>([
        KeyBinding(["q"], hint: "quit", "Quit", action: 0), KeyBinding(["?"], hint: "help", "Help", action: 1),
        KeyBinding(["/"], hint: "filter", "Filter", action: 2),
    ])

    /// Draws the scene with the selection on `selected` (moving it changes two rows between frames).
    static func draw(selected: Int) -> Buffer {
        var buffer = Buffer(size: size)
        let parts = Layout.vertical([.fixed(1), .fill(), .fixed(1)]).split(buffer.area)
        buffer.render(Tabs(["Listings", "Applications", "Messages", "Admin"], selected: 1), in: parts[0])
        let (left, right) = SplitView(.horizontal, ratio: 70).draw(into: &buffer, area: parts[1])
        let panel = Panel(title: "Applications", focused: true, trailingTitle: "5000 rows")
        buffer.render(panel, in: left)
        var state = TableState(selected: selected, sortColumn: 0)
        state.clamp(rowCount: rows.rowCount, visibleRows: 56)
        buffer.render(Table(columns: columns, source: rows, state: state), in: panel.inner(left))
        let side = Panel(title: "Capacity")
        buffer.render(side, in: right)
        let inner = side.inner(right)
        for (index, value) in [0.3, 0.75, 0.95].enumerated() {
            buffer.render(Gauge(label: "Seats \(index)", value: value), in: inner.row(index))
        }
        buffer.render(Sparkline((0..<120).map { Double(($0 * 7) % 13) }), in: inner.row(4))
        buffer.render(StatusBar(left: [.init("NORMAL")], hints: keys.hints, right: [.init("12:00")]), in: parts[2])
        return buffer
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(3), maxIterations: 2000)

    Benchmark("render 200×60 frame") { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(FrameScene.draw(selected: index % 50))
        }
    }

    let previous = FrameScene.draw(selected: 10)
    let next = FrameScene.draw(selected: 11)
    Benchmark("diff 200×60 frame (selection moved)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(next.diff(from: previous))
        }
    }

    Benchmark("render + diff 200×60 frame") { benchmark in
        var last = FrameScene.draw(selected: 0)
        for index in benchmark.scaledIterations {
            let frame = FrameScene.draw(selected: index % 50)
            blackHole(frame.diff(from: last))
            last = frame
        }
    }

    // The ncurses backend writes to /dev/null: all of ncurses' work, no terminal emulator.
    Benchmark("ncurses present (render + diff + changed cells + doupdate)") { benchmark in
        guard let terminal = try? NcursesTerminal(headlessSize: FrameScene.size, theme: ThemeLibrary.builtInDefault)
        else { return }
        defer { terminal.shutdown() }
        terminal.present(FrameScene.draw(selected: 0), cursor: nil)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            terminal.present(FrameScene.draw(selected: index % 50 + 1), cursor: nil)
        }
        benchmark.stopMeasurement()
    }

    Benchmark("ncurses full repaint (all 12,000 cells + doupdate)") { benchmark in
        guard let terminal = try? NcursesTerminal(headlessSize: FrameScene.size, theme: ThemeLibrary.builtInDefault)
        else { return }
        defer { terminal.shutdown() }
        let frames = [FrameScene.draw(selected: 0), FrameScene.draw(selected: 30)]
        benchmark.startMeasurement()
        defer { benchmark.stopMeasurement() }
        for index in benchmark.scaledIterations {
            terminal.invalidate()
            terminal.present(frames[index % 2], cursor: nil)
        }
    }

    Benchmark("ncurses refresh alone (wnoutrefresh + doupdate, nothing changed)") { benchmark in
        guard let terminal = try? NcursesTerminal(headlessSize: FrameScene.size, theme: ThemeLibrary.builtInDefault)
        else { return }
        defer { terminal.shutdown() }
        terminal.present(FrameScene.draw(selected: 0), cursor: nil)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            terminal.refreshOnly()
        }
        benchmark.stopMeasurement()
    }
}
