import EdulinkViewModels
import Testing

@Suite("Effects", .timeLimit(.minutes(10)))
struct RuntimeTests {
    @Test("mapping an effect prefixes its key and wraps its message")
    func mapping() async {
        let effect = Effect<Int>(key: "search", delay: .milliseconds(5)) { 7 }
        let mapped = effect.map(keyPrefix: "browse.") { "browse \($0)" }
        #expect(mapped.key == "browse.search")
        #expect(mapped.delay == .milliseconds(5))
        #expect(await mapped.operation?() == "browse 7")
    }

    @Test("an event travels among the effects, unchanged by mapping, and runs nothing")
    func posting() async {
        var queue = AppEventQueue()
        queue.post(.toast(Toast("Saved.")))
        let effects = queue.drain([Effect<Int>(key: "search") { 1 }])
        #expect(effects.map(\.event) == [nil, .toast(Toast("Saved."))])
        let mapped = effects.map(keyPrefix: "browse.") { "browse \($0)" }
        #expect(mapped.map(\.key) == ["browse.search", nil])
        #expect(mapped.last?.event == .toast(Toast("Saved.")))
        #expect(mapped.last?.operation == nil)
        #expect(queue.drain([Effect<Int>]()).isEmpty)
    }

    @Test("a list's / query: every word somewhere in the row's texts, any order, any case, accents ignored")
    func listQuery() {
        let row = ["Données Analyst", "Nairobi, Kenya", "pending review"]
        for query in [
            "", "   ", "donnees", "DONNÉES", "kenya analyst", "  nairobi\tpending  ", "review données", "kenya pending",
        ] {
            #expect(ListQuery.matches(query, row), "\(query) should match")
        }
        // Every word must be there; a word never spans two texts.
        for query in ["mombasa", "analyst mombasa", "analystnairobi", "kenyapending"] {
            #expect(!ListQuery.matches(query, row), "\(query) should not match")
        }
        let rows = [["Alpha"], ["beta"], ["Alphabet"]]
        #expect(ListQuery.narrow(rows, by: "alpha") { $0 } == [["Alpha"], ["Alphabet"]])
        #expect(ListQuery.narrow(rows, by: " ") { $0 } == rows)
    }

    private struct Row: Narrowable {
        var id: Int
        var narrowingTexts: [String]
        init(_ id: Int, _ text: String) {
            self.id = id
            self.narrowingTexts = [text]
        }
    }

    @Test("a narrowed list: the selection stays on its row, moves among the shown rows, and follows a removed one")
    func narrowedList() {
        var list = NarrowedList([Row(1, "Data analyst"), Row(2, "Nurse"), Row(3, "Data engineer"), Row(4, "Chef")])
        #expect(list.selectedID == 1 && list.countLabel == "4" && !list.isNarrowed)
        list.move(by: 2)
        #expect(list.selectedID == 3)
        // A query that keeps the selected row keeps the selection on it.
        list.narrow("DATA")
        #expect(list.shown.map(\.id) == [1, 3] && list.selectedID == 3 && list.selectedIndex == 1)
        #expect(list.countLabel == "2 of 4" && list.isNarrowed)
        // Moves stay among the shown rows and stop at their ends, however far.
        list.move(by: Int.max)
        #expect(list.selectedID == 3)
        list.move(by: Int.min)
        #expect(list.selectedID == 1)
        let selectedHidden = list.select(2)
        #expect(!selectedHidden && list.selectedID == 1)  // hidden: not selectable
        // A query hiding the selected row moves the selection to the first shown; hiding every row
        // leaves nothing selected, and moving does nothing.
        list.narrow("engineer")
        #expect(list.selectedID == 3)
        list.narrow("pilot")
        #expect(list.shown.isEmpty && list.selectedID == nil && list.selected == nil && list.selectedIndex == nil)
        list.move(by: 1)
        #expect(list.selectedID == nil)
        list.narrow(" ")
        #expect(list.shown.count == 4 && list.selectedID == 1 && !list.isNarrowed)
        // A reload keeps the selection on its row wherever it moved; a row that went away leaves the
        // selection at its place, so the next row follows; the last gone, the one before it.
        let selectedShown = list.select(2)
        #expect(selectedShown)
        list.replace([Row(4, "Chef"), Row(2, "Nurse"), Row(1, "Data analyst")])
        #expect(list.selectedID == 2 && list.selectedIndex == 1)
        list.replace([Row(4, "Chef"), Row(1, "Data analyst")])
        #expect(list.selectedID == 1)
        list.replace([Row(4, "Chef")])
        #expect(list.selectedID == 4)
        list.replace([])
        #expect(list.selectedID == nil)
        // The query stays through a reload.
        list.narrow("nurse")
        list.replace([Row(5, "Nurse aide"), Row(6, "Welder")])
        #expect(list.shown.map(\.id) == [5] && list.selectedID == 5)
    }
}
