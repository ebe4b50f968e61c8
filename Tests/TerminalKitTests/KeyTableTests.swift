import TerminalKit
import Testing

@Suite("Key tables")
struct KeyTableTests {
    @Test("key notation round-trips and parses modifiers")
    func notation() {
        #expect(Key(notation: "ctrl-a") == Key.control("a"))
        #expect(Key(notation: "alt-b") == Key(.character("b"), modifiers: .alt))
        #expect(Key(notation: "shift-tab") == Key(.backTab))
        #expect(Key(notation: "f5") == Key(.function(5)))
        #expect(Key(notation: "space") == Key.character(" "))
        #expect(Key(notation: "G") == Key.character("G"))
        #expect(Key(notation: "nonsense") == nil)
        for text in ["ctrl-a", "alt-b", "shift-tab", "f5", "space", "pgdn", "?", "esc"] {
            #expect(Key(notation: text)?.description == text)
        }
    }

    @Test("one table dispatches keys, lists hints and builds the help overlay")
    func oneSourceOfTruth() {
        let keys = Fixtures.keys
        #expect(keys.action(for: "down") == "down")
        #expect(keys.action(for: "j") == "down")
        #expect(keys.action(for: "x") == nil)
        #expect(
            keys.hints == [
                KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help"), KeyHint(key: "/", label: "filter"),
            ])
        #expect(keys.helpSections().map(\.group) == ["General", "Navigation", "Search"])
        #expect(keys.duplicateKeys.isEmpty)
    }

    @Test("the help overlay filters by description, key and group")
    func filtering() {
        let keys = Fixtures.keys
        #expect(keys.helpSections(filter: "server").flatMap(\.rows).map(\.key) == ["ctrl-r"])
        #expect(keys.helpSections(filter: "ctrl").flatMap(\.rows).map(\.label) == ["Reload from the server"])
        #expect(keys.helpSections(filter: "navigation").flatMap(\.rows).count == 2)
        #expect(keys.helpSections(filter: "zzz").isEmpty)
    }

    @Test("duplicate bindings are reported and the first one wins")
    func duplicates() {
        let keys = KeyTable<Int>([KeyBinding(["a"], "first", action: 1), KeyBinding(["a"], "second", action: 2)])
        #expect(keys.duplicateKeys == ["a"])
        #expect(keys.action(for: "a") == 1)
    }

    @Test("the widgets' own key tables have no duplicates and describe every key")
    func widgetTables() {
        #expect(TableState.keys.duplicateKeys.isEmpty)
        #expect(FormState.keys.duplicateKeys.isEmpty)
        #expect(TableState.keys.bindings.allSatisfy { !$0.description.isEmpty })
    }

    @Test("the status bar shows hints until it runs out of room")
    func statusBarHints() {
        var buffer = Buffer(size: Size(width: 30, height: 1))
        buffer.render(StatusBar(hints: Fixtures.keys.hints, right: [.init("12:00")]), in: buffer.area)
        #expect(buffer.line(0) == " q quit  ? help         12:00 ")
    }
}
