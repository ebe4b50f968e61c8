import EdulinkCore
import Foundation
import Testing

/// Hostile and unusual text, each with whether a text field must accept it (and keep it exactly).
struct CorpusEntry: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let accepted: Bool
    var testDescription: String { name }

    static let all: [CorpusEntry] = [
        CorpusEntry(name: "SQL metacharacters", text: "Robert'); DROP TABLE users; -- \" ` \\ % _", accepted: true),
        CorpusEntry(name: "FTS operators", text: "data NEAR(x y) OR \"title\": *", accepted: true),
        CorpusEntry(name: "CJK", text: "数据分析实习生，负责移动支付数据", accepted: true),
        CorpusEntry(name: "emoji with joiners", text: "Team 👩🏽‍💻🇰🇪 rocks 🚀", accepted: true),
        CorpusEntry(name: "right-to-left", text: "مرحبا بكم في فريق البيانات", accepted: true),
        CorpusEntry(name: "combining marks", text: "Zoë Ǹgugi naïve café", accepted: true),
        CorpusEntry(name: "NUL byte", text: "before\u{0}after", accepted: false),
        CorpusEntry(name: "escape sequence", text: "red \u{1B}[31m text", accepted: false),
        CorpusEntry(name: "bell and backspace", text: "ding\u{7}\u{8}", accepted: false),
        CorpusEntry(
            name: "invalid UTF-8", text: String(decoding: [0x61, 0xFF, 0xFE, 0x62] as [UInt8], as: UTF8.self),
            accepted: false),
        CorpusEntry(name: "direction override", text: "invoice\u{202E}fdp.exe", accepted: false),
        CorpusEntry(name: "overlong", text: String(repeating: "a", count: 100_000), accepted: false),
    ]
}

@Suite("Contract: bad input", .timeLimit(.minutes(10)))
struct BadInputContractTests {
    private static let cases: [(ContractBackend, CorpusEntry)] = ContractBackend.all.flatMap { backend in
        CorpusEntry.all.map { (backend, $0) }
    }

    @Test("a cover letter from the corpus is kept exactly or refused with nothing saved", arguments: cases)
    func coverLetter(_ backend: ContractBackend, _ entry: CorpusEntry) async throws {
        try await withWorld(backend, students: 1) { w in
            let letter = entry.text + " " + ContractFixture.coverLetter
            let error = await edulinkError {
                try await w.student.apply(ApplicationDraft(listingID: w.listing.id, coverLetter: letter))
            }
            let saved = try await w.student.myApplications()
            if entry.accepted {
                #expect(error == nil)
                let id = try #require(saved.first?.id)
                #expect(
                    try await w.student.application(id).application.coverLetter
                        == letter.trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                #expect(error?.fieldErrors.first?.field == "cover_letter")
                #expect(saved.isEmpty)
                #expect(try await w.student.unreadCount() == 0)
            }
        }
    }

    // The tests below go through the whole corpus in one world per backend (a world is a database,
    // accounts signed in and, for the remote backends, a server: a third of a second of CPU each).

    @Test("a listing title from the corpus is kept or refused with nothing saved", arguments: ContractBackend.all)
    func listingTitle(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            for entry in CorpusEntry.all {
                let title = String(("Intern " + entry.text).prefix(entry.accepted ? 200 : 100_007))
                let before = try await w.employer.myListings().count
                let error = await edulinkError {
                    try await w.employer.createListing(ContractFixture.draft(title, at: w.now))
                }
                let after = try await w.employer.myListings()
                if entry.accepted {
                    #expect(error == nil, "\(entry.name)")
                    #expect(after.contains { $0.title == title }, "\(entry.name)")
                } else {
                    #expect(error?.fieldErrors.first?.field == "title", "\(entry.name)")
                    #expect(after.count == before, "\(entry.name)")
                }
            }
        }
    }

    @Test("profile text from the corpus is kept or refused as a whole", arguments: ContractBackend.all)
    func profile(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            for (index, entry) in CorpusEntry.all.enumerated() {
                let before = try await w.student.profile()
                var update = ProfileUpdate(before)
                update.bio = entry.text
                // A course of its own for each entry, so a refusal that saved part of it shows.
                update.course = "Statistics \(index)"
                let error = await edulinkError { try await w.student.updateProfile(update) }
                let after = try await w.student.profile()
                if entry.accepted {
                    #expect(error == nil, "\(entry.name)")
                    #expect(after.profile.bio == entry.text, "\(entry.name)")
                    #expect(after.profile.course == update.course, "\(entry.name)")
                } else {
                    #expect(error?.fieldErrors.first?.field == "bio", "\(entry.name)")
                    #expect(after.profile == before.profile, "\(entry.name)")
                }
            }
        }
    }

    @Test("searching the corpus never fails with anything but a query error", arguments: ContractBackend.all)
    func search(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            for entry in CorpusEntry.all {
                do {
                    let filter = try ListingFilter(query: String(entry.text.prefix(400)))
                    let page = try await w.student.search(filter, cursor: nil, limit: 10)
                    // An answer, within the page size, of listings the student may see (the world's only one).
                    #expect(page.items.count <= 10, "\(entry.name)")
                    #expect(page.items.allSatisfy { $0.id == w.listing.id }, "\(entry.name)")
                } catch let error as SearchQueryError {
                    // A clear query error is a fine answer to hostile input.
                    #expect(!error.message.isEmpty, "\(entry.name)")
                }
            }
        }
    }
}
