import Testing

@testable import EdulinkCore

@Suite("BoundedCache: bounded, keeps what is used")
struct BoundedCacheTests {
    @Test("never holds more than two generations, and an entry used lately survives a turn")
    func bounded() {
        let cache = BoundedCache<Int, String>(capacity: 3)
        for key in 0..<3 { cache.insert("\(key)", for: key) }
        #expect(cache.value(for: 0) == "0")
        for key in 3..<6 { cache.insert("\(key)", for: key) }  // 0…2 turn older; 0 is used and comes back
        #expect(cache.value(for: 0) == "0")
        for key in 6..<9 { cache.insert("\(key)", for: key) }
        #expect(cache.count <= 6)
        #expect(cache.value(for: 1) == nil)
        #expect(cache.value(for: 8) == "8")
        cache.remove(8)
        #expect(cache.value(for: 8) == nil)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}
