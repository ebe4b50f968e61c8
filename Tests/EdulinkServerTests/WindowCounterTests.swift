import Foundation
import Testing

@testable import EdulinkServer

@Suite("Window counter", .timeLimit(.minutes(10)))
struct WindowCounterTests {
    let start = Date(timeIntervalSince1970: 1_790_000_040)

    @Test("a flood of keys stays within the capacity: new keys share one count, and a new window starts empty")
    func boundedUnderAFlood() async {
        let counter = WindowCounter(window: 60, capacity: 100)
        for index in 0..<10_000 { _ = await counter.hit("address:\(index)", now: start) }
        #expect(await counter.keyCount == 100)
        // Keys counted before the table filled keep their own count; the rest share the overflow.
        #expect(await counter.peek("address:5", now: start).count == 1)
        #expect(await counter.peek("address:9999", now: start).count == 9_900)
        let next = start.addingTimeInterval(60)
        #expect(await counter.hit("address:9999", now: next).count == 1)
        #expect(await counter.keyCount == 1)
    }

    @Test("windows are aligned to the clock: the reset is the next multiple of the length")
    func alignedWindows() async {
        let counter = WindowCounter(window: 60)
        // 1_790_000_040 is a multiple of 60: 30 s in, the window still ends 30 s later.
        let reading = await counter.hit("user:1", now: start.addingTimeInterval(30))
        #expect(reading.resetAt == start.addingTimeInterval(60))
        #expect(await counter.hit("user:1", now: start.addingTimeInterval(59)).count == 2)
        #expect(await counter.hit("user:1", now: start.addingTimeInterval(60)).count == 1)
    }

    @Test("counting at the limit is one step: nothing is counted once a key is at its limit; forgiving takes one back")
    func atomicLimit() async {
        let counter = WindowCounter(window: 900)
        for _ in 0..<3 {
            #expect(await counter.hitUnlessAtLimit(["address:a", "account:x"], limit: 3, now: start) == nil)
        }
        let refused = await counter.hitUnlessAtLimit(["address:a", "account:y"], limit: 3, now: start)
        #expect(refused?.count == 3)
        #expect(await counter.peek("account:y", now: start).count == 0)
        await counter.forgive(["address:a"], now: start)
        #expect(await counter.hitUnlessAtLimit(["address:a", "account:y"], limit: 3, now: start) == nil)
    }
}
