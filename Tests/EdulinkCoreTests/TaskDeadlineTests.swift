import Testing

@testable import EdulinkCore

@Suite("Waiting for a task within a bound")
struct TaskDeadlineTests {
    @Test("a task that does not end in time is left behind; one that ends, returning or throwing, is seen to")
    func boundedWait() async {
        // Ignores cancellation for two seconds, as a stuck connection would (a detached task is not
        // cancelled with the task awaiting it).
        let stuck = Task<Void, Never> { await Task.detached { try? await Task.sleep(for: .seconds(2)) }.value }
        stuck.cancel()
        #expect(await stuck.finishes(within: .milliseconds(50)) == false)
        #expect(await stuck.finishes(within: .seconds(600)) == true)

        let quick = Task {}
        #expect(await quick.finishes(within: .seconds(600)) == true)

        struct Refused: Error {}
        let throwing = Task<Void, any Error> { throw Refused() }
        #expect(await throwing.finishes(within: .seconds(600)) == true)
    }
}
