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
}
