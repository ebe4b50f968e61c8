import TerminalKit
import Testing

/// The real ncurses backend, started on /dev/null: frames must reach ncurses' screen intact.
@Suite("ncurses backend", .serialized)
struct NcursesBackendTests {
    @Test("frames reach ncurses' screen with wide characters, and later frames write only changes")
    func headlessFrames() throws {
        let terminal = try NcursesTerminal(headlessSize: Size(width: 40, height: 5), theme: ThemeLibrary.builtInDefault)
        defer { terminal.shutdown() }
        #expect(terminal.capability == .ansi256)
        var buffer = Buffer(size: terminal.size)
        buffer.write("株式会社 🚀 café e\u{301}", at: Point(x: 0, y: 1), style: Style(.accent))
        buffer.write("status", at: Point(x: 0, y: 4), style: Style(.statusBar))
        terminal.present(buffer, cursor: nil)
        #expect(terminal.screenRow(1).hasPrefix("株式会社 🚀 café e\u{301}"))
        #expect(terminal.screenRow(4).hasPrefix("status"))
        buffer.write("ab", at: Point(x: 0, y: 1))
        terminal.present(buffer, cursor: Point(x: 2, y: 1))
        #expect(terminal.screenRow(1).hasPrefix("ab式会社 🚀"))
        terminal.theme = try ThemeParser.parse("[roles.text]\nfg = \"red\"\n", file: "t", fallbackName: "t")
        terminal.present(buffer, cursor: nil)
        #expect(terminal.screenRow(4).hasPrefix("status"))
    }

    @Test("a terminal that cannot move the cursor (TERM=dumb) is refused with what to use instead")
    func dumbTerminal() {
        #expect {
            try NcursesTerminal(
                headlessSize: Size(width: 80, height: 24), theme: ThemeLibrary.builtInDefault, terminalType: "dumb")
        } throws: { error in
            guard let error = error as? TerminalError, case .cannotAddressCursor("dumb") = error else { return false }
            return error.description.contains("xterm-256color")
        }
        // vt100 can (it only lacks colours and an alternate screen): it starts.
        let vt100 = try? NcursesTerminal(
            headlessSize: Size(width: 80, height: 24), theme: ThemeLibrary.builtInDefault, terminalType: "vt100")
        #expect(vt100 != nil)
        vt100?.shutdown()
    }
}
