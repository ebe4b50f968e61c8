import EdulinkCore
import EdulinkViewModels
import Foundation
import Synchronization
import Testing

@Suite("Apply form", .timeLimit(.minutes(10)))
struct ApplyFormTests {
    static let questions = [
        ScreeningQuestion(prompt: "Can you work in Nairobi?", kind: .yesNo, required: true),
        ScreeningQuestion(prompt: "Preferred team", kind: .choice, choices: ["Data", "Risk"], required: true),
    ]

    func form(_ world: World, _ repository: any EdulinkRepository, user: UserID, listing: ListingID)
        -> ApplyFormViewModel
    {
        ApplyFormViewModel(
            repository: repository, drafts: FileDraftStore(directory: world.draftsDirectory), user: user,
            listingID: listing)
    }

    @Test("apply errors read in order: profile incomplete, already applied, then fields")
    func errorsInOrder() async throws {
        try await withWorld { world in
            let newcomerID = try #require(await world.newcomer.currentUser()).id
            var incomplete = form(world, world.newcomer, user: newcomerID, listing: world.listing.id)
            await send(&incomplete, .open)
            #expect(incomplete.state.formMessage?.hasPrefix("Your profile is 10 % complete") == true)
            await send(&incomplete, .setCoverLetter(Fixture.coverLetter))
            await send(&incomplete, .submit)
            #expect(world.newcomer.count(of: "apply") == 1)
            #expect(incomplete.state.formMessage?.hasPrefix("Your profile is 10 % complete") == true)
            #expect(incomplete.state.submittedApplicationID == nil)

            _ = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            var again = form(world, world.student, user: world.studentID, listing: world.listing.id)
            await send(&again, .open)
            #expect(again.state.formMessage == "You have already applied to this listing.")
            await send(&again, .setCoverLetter(Fixture.coverLetter))
            await send(&again, .submit)
            #expect(again.state.formMessage == "You have already applied to this listing.")
            #expect(world.student.count(of: "apply") == 2)

            let quiz = try await world.publish(
                Fixture.draft("Risk Analyst Intern", at: world.now, questions: Self.questions))
            var fields = form(world, world.student, user: world.studentID, listing: quiz.id)
            await send(&fields, .open)
            #expect(fields.state.answers == ["", ""])
            await send(&fields, .setCoverLetter("Too short."))
            #expect(Set(fields.state.errors.keys) == [.coverLetter])
            await send(&fields, .setAnswer(0, "maybe"))
            await send(&fields, .submit)
            #expect(world.student.count(of: "apply") == 2)
            #expect(fields.state.errors[.coverLetter]?.contains("Cover letter") == true)
            #expect(fields.state.errors[.answer(0)] == "Answer 1 must be yes or no.")
            #expect(fields.state.errors[.answer(1)] == "Question 2 is required.")
            #expect(fields.state.formMessage == "Fix the highlighted fields.")

            // The service's own field errors land on the same fields.
            _ = fields.handle(
                .submitted(
                    .failure(
                        Failure(
                            EdulinkError.validation([
                                FieldError("answers[1]", "Answer 2 must be one of: Data, Risk."),
                                FieldError("resume_path", "Résumé path is too long."),
                            ])))))
            #expect(
                fields.state.errors == [
                    .answer(1): "Answer 2 must be one of: Data, Risk.", .resumePath: "Résumé path is too long.",
                ])

            await send(&fields, .setCoverLetter(Fixture.coverLetter))
            await send(&fields, .setAnswer(0, "yes"))
            await send(&fields, .setAnswer(1, "Risk"))
            #expect(fields.state.errors.isEmpty)
            let events = await send(&fields, .submit)
            #expect(fields.state.submittedApplicationID != nil)
            #expect(events.contains { if case .applicationSubmitted = $0 { true } else { false } })
        }
    }

    @Test("a draft survives the form being dropped, and is gone after submitting")
    func draftRecovery() async throws {
        try await withWorld { world in
            let store = FileDraftStore(directory: world.draftsDirectory)
            do {
                var first = form(world, world.student, user: world.studentID, listing: world.listing.id)
                await send(&first, .open)
                var effects: [Effect<ApplyFormViewModel.Message>] = []
                for prefix in [40, 120, Fixture.coverLetter.count] {
                    effects += first.handle(.setCoverLetter(String(Fixture.coverLetter.prefix(prefix))))
                }
                effects += first.handle(.setResumePath("~/cv-2026.pdf"))
                #expect(try store.load(user: world.studentID, listing: world.listing.id) == nil)
                // The draft save waits for a pause in typing; each edit replaces the waiting one.
                #expect(effects.allSatisfy { $0.key == nil || $0.delay == ApplyFormViewModel.draftSaveDelay })
                await settle(&first, effects)
                // `first` goes away here without `.leave` or `.submit`, as in a crash.
            }
            let saved = try #require(try store.load(user: world.studentID, listing: world.listing.id))
            #expect(saved.coverLetter == Fixture.coverLetter)

            var second = form(world, world.student, user: world.studentID, listing: world.listing.id)
            await send(&second, .open)
            #expect(second.state.coverLetter == Fixture.coverLetter)
            #expect(second.state.resumePath == "~/cv-2026.pdf")
            #expect(second.state.draftStatus == .restored)
            #expect(second.state.coverLetterWordCount == Fixture.coverLetter.split(separator: " ").count)
            #expect(second.state.coverLetterCharacterCount == Fixture.coverLetter.count)

            await send(&second, .submit)
            #expect(second.state.submittedApplicationID != nil)
            #expect(try store.load(user: world.studentID, listing: world.listing.id) == nil)
            var third = form(world, world.student, user: world.studentID, listing: world.listing.id)
            await send(&third, .open)
            #expect(third.state.coverLetter.isEmpty)
            #expect(third.state.draftStatus == .none)
        }
    }

    @Test("leaving the form saves the draft at once, and an offline submit keeps it")
    func leaveAndOffline() async throws {
        try await withWorld { world in
            let store = FileDraftStore(directory: world.draftsDirectory)
            var form = form(world, world.student, user: world.studentID, listing: world.listing.id)
            await send(&form, .open)
            _ = form.handle(.setCoverLetter(Fixture.coverLetter))
            await send(&form, .leave)
            #expect(
                try store.load(user: world.studentID, listing: world.listing.id)?.coverLetter == Fixture.coverLetter)
            try store.delete(user: world.studentID, listing: world.listing.id)

            world.student.setOffline(true)
            let events2 = await send(&form, .submit)
            #expect(form.state.formMessage == "Your draft is kept. The database cannot be reached.")
            #expect(events2.contains(.offline("The database cannot be reached.")))
            #expect(
                try store.load(user: world.studentID, listing: world.listing.id)?.coverLetter == Fixture.coverLetter)
        }
    }

    @Test("a submit that cannot reach the repository: the draft was on disk first and keeps its key for a resend")
    func offlineSubmitKeepsKey() async throws {
        try await withWorld { world in
            let store = FileDraftStore(directory: world.draftsDirectory)
            let (user, listing) = (world.studentID, world.listing.id)
            let onDiskAtSend = Mutex<[ApplicationDraft?]>([])
            world.student.beforeApply { _ in
                let saved = try? store.load(user: user, listing: listing)
                onDiskAtSend.withLock { $0.append(saved) }
            }
            var first = form(world, world.student, user: user, listing: listing)
            await send(&first, .open)
            _ = first.handle(.setCoverLetter(Fixture.coverLetter))  // its debounced save never runs
            world.student.setOffline(true)
            let events3 = await send(&first, .submit)
            let key = try #require(first.state.submissionKey)
            #expect(first.state.formMessage == "Your draft is kept. The database cannot be reached.")
            #expect(events3.contains(.offline("The database cannot be reached.")))
            #expect(onDiskAtSend.withLock { $0 }.map { $0?.coverLetter } == [Fixture.coverLetter])
            #expect(onDiskAtSend.withLock { $0 }.map { $0?.idempotencyKey } == [key])
            #expect(try store.load(user: user, listing: listing)?.idempotencyKey == key)

            await send(&first, .submit)
            #expect(first.state.submissionKey == key)

            // The app is started again once the repository is back: the draft returns with its key,
            // so an application whose answer was lost would not be applied twice.
            world.student.setOffline(false)
            var again = form(world, world.student, user: user, listing: listing)
            await send(&again, .open)
            #expect(again.state.draftStatus == .restored)
            #expect(again.state.submissionKey == key)
            await send(&again, .submit)
            #expect(again.state.submittedApplicationID != nil)
            #expect(world.student.appliedDrafts.map(\.idempotencyKey) == [key, key, key])
            #expect(try store.load(user: user, listing: listing) == nil)
            #expect(try await world.student.myApplications().count == 1)
        }
    }

    @Test("editing after a failed submit, or an answer from the service, drops the key")
    func keyDropped() async throws {
        try await withWorld { world in
            let store = FileDraftStore(directory: world.draftsDirectory)
            var form = form(world, world.student, user: world.studentID, listing: world.listing.id)
            await send(&form, .open)
            _ = form.handle(.setCoverLetter(Fixture.coverLetter))
            world.student.setOffline(true)
            await send(&form, .submit)
            let first = try #require(form.state.submissionKey)
            await send(&form, .setCoverLetter(Fixture.coverLetter + " Edited."))
            #expect(form.state.submissionKey == nil)
            #expect(try store.load(user: world.studentID, listing: world.listing.id)?.idempotencyKey == nil)
            await send(&form, .submit)
            let second = try #require(form.state.submissionKey)
            #expect(second != first)

            world.student.setOffline(false)
            _ = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            await send(&form, .submit)
            #expect(form.state.formMessage == "You have already applied to this listing.")
            #expect(form.state.submissionKey == nil)
            #expect(try store.load(user: world.studentID, listing: world.listing.id)?.idempotencyKey == nil)
        }
    }

    @Test("draft files are written whole, readable only by their owner")
    func draftFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileDraftStore(directory: directory)
        let draft = ApplicationDraft(listingID: 7, coverLetter: "Hello", answers: ["yes"], resumePath: nil)
        try store.save(draft, user: 3)
        try store.save(draft, user: 3)
        let file = store.fileURL(user: 3, listing: 7)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [file.lastPathComponent])
        #expect(try store.load(user: 3, listing: 7) == draft)
        #expect(try store.load(user: 4, listing: 7) == nil)
        try store.delete(user: 3, listing: 7)
        #expect(try store.load(user: 3, listing: 7) == nil)
    }
}
