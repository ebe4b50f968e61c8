import Foundation
import Testing

@testable import EdulinkServer

@Suite("Request ids: a random version 4 UUID when the client sends none")
struct RequestIDTests {
    @Test("a new id is a lowercase version 4 UUID, and ids differ")
    func newIDs() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = RequestIDMiddleware.newID()
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            seen.insert(id)
        }
        #expect(seen.count == 1000)
    }
}
