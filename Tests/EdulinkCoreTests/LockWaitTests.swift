import EdulinkCore
import Testing

@Suite("Lock waits")
struct LockWaitTests {
    @Test("a wait starts at the first refused lock, lasts while retries go on, and ends when they stop")
    func waitFollowsRetries() {
        let wait = LockWait(quiet: .milliseconds(250))
        let start = ContinuousClock.now
        #expect(wait.waited(at: start) == nil)
        wait.retrying(at: start)
        wait.retrying(at: start + .milliseconds(200))
        wait.retrying(at: start + .milliseconds(400))
        #expect(wait.waited(at: start + .milliseconds(500)) == .milliseconds(500))
        // No retry for longer than `quiet`: the lock was granted (or the call gave up).
        #expect(wait.waited(at: start + .milliseconds(700)) == nil)
        // A later refusal is a new wait, counted from its own start.
        wait.retrying(at: start + .seconds(5))
        #expect(wait.waited(at: start + .seconds(5) + .milliseconds(100)) == .milliseconds(100))
    }
}
