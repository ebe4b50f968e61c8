import TerminalKit
import Testing

/// A small application exercising the loop: a header, a status line at the bottom, timers and tasks.
struct ProbeApp: Application {
    enum Result: Sendable, Equatable { case searched(String) }

    var ticks = 0
    var query = ""
    var results: [String] = []
    var lastSize: Size?

    mutating func update(_ message: Message<Result>, context: UpdateContext) -> Command<Result> {
        switch message {
        case .key("q"): return .quit
        case .key("t"): return .startTimer("tick", every: .milliseconds(100))
        case .key("x"): return .stopTimer("tick")
        case .key(let key):
            guard let character = key.typedCharacter else { return .none }
            query.append(character)
            let query = self.query
            // Later searches replace earlier ones: the earlier result must never arrive.
            return .run(key: "search") {
                if query.count < 3 { try? await Task.sleep(for: .milliseconds(200)) }
                return .searched(query)
            }
        case .timer("tick"):
            ticks += 1
            return .none
        case .result(.searched(let text)):
            results.append(text)
            return .none
        case .resize(let size):
            lastSize = size
            return .none
        default:
            return .none
        }
    }

    func draw(into frame: inout Frame) {
        frame.buffer.write("probe \(frame.area.size)", in: frame.area.row(0))
        frame.buffer.write(
            "ticks \(ticks) results \(results.joined(separator: ","))", in: frame.area.row(frame.area.height - 1))
    }
}

@Suite("UI loop", .timeLimit(.minutes(10)))
struct LoopTests {
    @Test("resizing recomputes the layout on the next frame")
    func resize() {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        #expect(driver.lines[0].hasPrefix("probe 80×24"))
        #expect(driver.lines[23].hasPrefix("ticks 0"))
        driver.resize(to: Size(width: 100, height: 30))
        #expect(driver.app.lastSize == Size(width: 100, height: 30))
        #expect(driver.lines.count == 30)
        #expect(driver.lines[0].hasPrefix("probe 100×30"))
        #expect(driver.lines[29].hasPrefix("ticks 0"))
    }

    @Test("below the minimum size the screen says what it needs, and keys still work")
    func tooSmall() {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        driver.resize(to: Size(width: 60, height: 20))
        #expect(driver.lines.contains { $0.contains("needs 80×24, have 60×20") })
        #expect(!driver.lines.contains { $0.contains("probe") })
        driver.press("q")
        #expect(driver.quitRequested)
        driver.resize(to: Size(width: 80, height: 24))
        #expect(driver.lines[0].hasPrefix("probe 80×24"))
    }

    @Test("behind the size notice typed keys never reach the hidden screen; q still quits")
    func keysBehindTheSizeNotice() {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        driver.resize(to: Size(width: 60, height: 20))
        driver.type("hello")
        driver.press("t")
        #expect(driver.app.query == "")
        driver.advance(by: .seconds(1))
        #expect(driver.app.ticks == 0)
        driver.resize(to: Size(width: 80, height: 24))
        driver.type("ab")
        #expect(driver.app.query == "ab")
        driver.resize(to: Size(width: 60, height: 20))
        driver.press("q")
        #expect(driver.quitRequested)
    }

    @Test("repeating timers fire on time and stop when asked")
    func timers() {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        driver.press("t")
        driver.advance(by: .milliseconds(99))
        #expect(driver.app.ticks == 0)
        driver.advance(by: .milliseconds(1))
        #expect(driver.app.ticks == 1)
        driver.advance(by: .milliseconds(250))
        #expect(driver.app.ticks == 2)
        driver.press("x")
        driver.advance(by: .seconds(1))
        #expect(driver.app.ticks == 2)
        #expect(driver.lines[23].hasPrefix("ticks 2"))
    }

    @Test("a newer keyed task cancels the older one, whose result never arrives")
    func keyedTasks() async {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        driver.type("abc")
        #expect(driver.isBusy)
        await driver.settle()
        #expect(driver.app.results == ["abc"])
        #expect(!driver.isBusy)
        #expect(driver.lines[23].contains("results abc"))
    }

    @Test("only changed cells are sent after the first frame")
    func incrementalFrames() {
        let driver = AppDriver(ProbeApp(), size: Size(width: 80, height: 24))
        let first = driver.terminal.lastChangeCount
        driver.press("t")
        driver.advance(by: .milliseconds(100))
        #expect(first == 80 * 24)
        #expect(driver.terminal.lastChangeCount == 1)
    }
}
