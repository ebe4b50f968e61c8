import Foundation
import Testing

@Suite("edulink internships queue / verify", .timeLimit(.minutes(10)))
struct InternshipsReviewCommandTests {
    @Test("the queue lists submitted listings; verify publishes one, --send-back returns one with a reason")
    func verifyAndSendBack() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        try await harness.demo()
        let queue = try #require(try await harness.json(["internships", "queue", "--json"]) as? [[String: Any]])
        #expect(queue.count >= 2)
        let ids = queue.compactMap { $0["id"] as? Int64 }
        #expect(ids.count == queue.count)
        guard ids.count >= 2 else { return }

        let verified = try await harness.run(["internships", "verify", String(ids[0])])
        #expect(verified.succeeded)
        #expect(verified.standardOutput.contains("is now published"))
        let sent = try await harness.run([
            "internships", "verify", String(ids[1]), "--send-back", "Say what the intern will do.",
        ])
        #expect(sent.succeeded)
        #expect(sent.standardOutput.contains("is now draft"))
        let after = try #require(try await harness.json(["internships", "queue", "--json"]) as? [[String: Any]])
        #expect(after.count == queue.count - 2)

        // A published listing cannot be verified again; a short reason is refused; each exits non-zero.
        let again = try await harness.run(["internships", "verify", String(ids[0])])
        #expect(!again.succeeded)
        #expect(again.standardError.contains("cannot be verified"))
        let short = try await harness.run(["internships", "verify", String(ids[0]), "--send-back", "no"])
        #expect(!short.succeeded)
        #expect(short.standardError.lowercased().contains("reason"))
    }
}
