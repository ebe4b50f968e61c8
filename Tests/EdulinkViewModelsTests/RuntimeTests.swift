import EdulinkViewModels
import Testing

@Suite("Effect runner", .timeLimit(.minutes(10)))
struct RuntimeTests {
    @Test("an effect replaced by a newer one with the same key never delivers")
    func replacedEffectIsDropped() async {
        let clock = ManualEffectClock()
        let inbox = Inbox<String>()
        let runner = EffectRunner<String>(clock: clock) { inbox.put($0) }
        await runner.run([Effect(key: "search", delay: .milliseconds(120)) { "old" }])
        await runner.run([Effect(key: "search", delay: .milliseconds(120)) { "new" }])
        await runner.run([Effect { "unkeyed" }])
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(120))
        await runner.waitUntilIdle()
        #expect(inbox.take().sorted() == ["new", "unkeyed"])
    }

    @Test("a delayed effect waits for the clock, and a cancel stops it")
    func delayAndCancel() async {
        let clock = ManualEffectClock()
        let inbox = Inbox<String>()
        let runner = EffectRunner<String>(clock: clock) { inbox.put($0) }
        await runner.run([
            Effect(key: "draft", delay: .milliseconds(300)) { "saved" },
            Effect(key: "detail", delay: .milliseconds(150)) { "detail" },
        ])
        await clock.waitForSleepers(2)
        clock.advance(by: .milliseconds(100))
        #expect(inbox.take().isEmpty)
        await runner.run([.cancel("detail")])
        clock.advance(by: .milliseconds(200))
        await runner.waitUntilIdle()
        #expect(inbox.take() == ["saved"])
        #expect(await runner.activeCount == 0)
    }

    @Test("mapping an effect prefixes its key and wraps its message")
    func mapping() async {
        let effect = Effect<Int>(key: "search", delay: .milliseconds(5)) { 7 }
        let mapped = effect.map(keyPrefix: "browse.") { "browse \($0)" }
        #expect(mapped.key == "browse.search")
        #expect(mapped.delay == .milliseconds(5))
        #expect(await mapped.operation?() == "browse 7")
    }
}
