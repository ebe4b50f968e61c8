import EdulinkCore
import Synchronization
import Testing

@testable import EdulinkServer

@Suite("The change signal read once per request")
struct RequestChangeSignalTests {
    /// A signal whose versions move on every read, counting the reads.
    final class MovingSignal: ChangeSignal {
        let reads = Mutex(0)
        func versions() -> ChangeVersions? {
            let read = reads.withLock { count in
                count += 1
                return count
            }
            return ChangeVersions(accounts: Int64(read), listings: Int64(read))
        }
    }

    static func request() -> RequestValues {
        RequestValues(requestID: "r", clientAddress: "127.0.0.1", changes: ChangeSnapshot())
    }

    @Test("within a request every question gets the first read's answer; the next request reads again")
    func oncePerRequest() {
        let base = MovingSignal()
        let signal = RequestChangeSignal(base: base)
        let first = RequestValues.$current.withValue(Self.request()) {
            [signal.versions(), signal.versions(), signal.versions()]
        }
        #expect(first == Array(repeating: ChangeVersions(accounts: 1, listings: 1), count: 3))
        let second = RequestValues.$current.withValue(Self.request()) { [signal.versions(), signal.versions()] }
        #expect(second == Array(repeating: ChangeVersions(accounts: 2, listings: 2), count: 2))
        #expect(base.reads.withLock { $0 } == 2)
    }

    @Test("outside a request (the scheduled jobs) every question reads the signal")
    func outsideRequests() {
        let base = MovingSignal()
        let signal = RequestChangeSignal(base: base)
        #expect(signal.versions()?.listings == 1)
        #expect(signal.versions()?.listings == 2)
        #expect(base.reads.withLock { $0 } == 2)
    }

    @Test("a signal that cannot vouch (nil) is asked once per request too")
    func nilKept() {
        final class Silent: ChangeSignal {
            let reads = Mutex(0)
            func versions() -> ChangeVersions? {
                reads.withLock { $0 += 1 }
                return nil
            }
        }
        let base = Silent()
        let signal = RequestChangeSignal(base: base)
        let answers = RequestValues.$current.withValue(Self.request()) { [signal.versions(), signal.versions()] }
        #expect(answers == [nil, nil])
        #expect(base.reads.withLock { $0 } == 1)
    }
}
