public import EdulinkCore
import Foundation

/// The apply form: cover letter, one answer per screening question, résumé path; inline
/// validation by Core's own validator; a draft kept on disk until the application is sent.
///
/// - ``Intent/open`` loads the listing (questions, whether the student may apply) and the saved
///   draft, if any.
/// - Every change validates with `ApplicationDraft.validate(questions:)` (the rules the service
///   applies) and returns a draft save keyed `"draft"`, delayed by ``draftSaveDelay``; leaving the
///   form saves at once. A crash loses at most the last ``draftSaveDelay`` of typing.
/// - Submitting saves the draft first (with its ``State/submissionKey``), then sends it; it maps a
///   validation error's fields onto the form and a refusal to a form message. The draft is deleted
///   only after the service accepted the application.
/// - When the repository cannot be reached, the draft and its submission key stay, on disk too:
///   sending the same text again — after the server is back, or after a restart — reuses the key,
///   so an application whose answer was lost on the way is applied once. Editing the form drops
///   the key (it is another request now).
public struct ApplyFormViewModel: Sendable {
    /// Debounce of draft saves while typing.
    public static let draftSaveDelay: Duration = .milliseconds(300)

    /// Where the draft is.
    public enum DraftStatus: Sendable, Equatable {
        /// Nothing saved yet.
        case none
        /// A draft from an earlier session was put back in the form.
        case restored
        /// The latest text is on disk.
        case saved
        /// Writing failed; the message says why.
        case failed(String)
    }

    /// What the form draws.
    public struct State: Sendable, Equatable {
        /// The listing applied to.
        public var listingID: ListingID
        /// Its title, once loaded.
        public var listingTitle: String?
        /// Its screening questions, once loaded.
        public var questions: [ScreeningQuestion] = []
        /// The cover letter editor.
        public var coverLetter = ""
        /// One answer per question, in order.
        public var answers: [String] = []
        /// The résumé path field; empty means the profile's résumé.
        public var resumePath = ""
        /// Problems shown next to fields: those the user has touched, or all after a submit.
        public var errors: [ApplyFormField: String] = [:]
        /// A problem with the whole form: a refusal, being offline, already applied.
        public var formMessage: String?
        /// The listing is loading.
        public var loading = false
        /// The application is on its way.
        public var submitting = false
        /// The application sent, after success.
        public var submittedApplicationID: ApplicationID?
        /// Where the draft is.
        public var draftStatus = DraftStatus.none
        /// The idempotency key of the last submit that did not get an answer (the repository could
        /// not be reached); nil before a submit and after the text changed.
        public var submissionKey: String?

        /// Words in the cover letter, for the editor's footer.
        public var coverLetterWordCount: Int {
            coverLetter.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).count
        }

        /// Characters in the cover letter, against ``ApplicationDraft/Limits/coverLetter``.
        public var coverLetterCharacterCount: Int { coverLetter.count }

        /// The form as the service receives it.
        public var draft: ApplicationDraft {
            ApplicationDraft(
                listingID: listingID, coverLetter: coverLetter, answers: answers,
                resumePath: resumePath.isEmpty ? nil : resumePath, idempotencyKey: submissionKey)
        }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        /// The form opened: loads the listing and the draft.
        case open
        case setCoverLetter(String)
        /// The answer to the question at an index (`yes`/`no` for yes-no questions, one of the
        /// choices for choice questions).
        case setAnswer(Int, String)
        case setResumePath(String)
        case submit
        /// The form is being left (Esc, another tab): saves the draft now.
        case leave
    }

    /// Results of effects.
    public enum Message: Sendable {
        case listingLoaded(Result<ListingDetail, Failure>)
        case draftLoaded(Result<ApplicationDraft?, Failure>)
        case draftSaved(Result<Void, Failure>)
        case draftDeleted(Result<Void, Failure>)
        case submitted(Result<Application, Failure>)
    }

    /// The form's state.
    public private(set) var state: State
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let drafts: any DraftStore
    private let userID: UserID
    private var listingLoaded = false
    private var edited = false
    private var touched: Set<ApplyFormField> = []
    private var submitAttempted = false
    private var problems: [ApplyFormField: String] = [:]

    /// The form of `user` for `listingID`, keeping drafts in `drafts`.
    public init(repository: any EdulinkRepository, drafts: any DraftStore, user: UserID, listingID: ListingID) {
        self.repository = repository
        self.drafts = drafts
        self.userID = user
        self.state = State(listingID: listingID)
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        if state.submittedApplicationID != nil { return [] }
        switch intent {
        case .open:
            state.loading = true
            let repository = self.repository
            let drafts = self.drafts
            let user = userID
            let listing = state.listingID
            return [
                Effect(key: "listing") { .listingLoaded(await attempt { try await repository.listing(listing) }) },
                Effect(key: "draftLoad") {
                    .draftLoaded(await attempt { try drafts.load(user: user, listing: listing) })
                },
            ]
        case .setCoverLetter(let text):
            guard !state.submitting else { return [] }
            state.coverLetter = text
            return changed(.coverLetter)
        case .setAnswer(let index, let text):
            guard !state.submitting, index >= 0 else { return [] }
            if state.answers.count <= index {
                state.answers += Array(repeating: "", count: index + 1 - state.answers.count)
            }
            state.answers[index] = text
            return changed(.answer(index))
        case .setResumePath(let path):
            guard !state.submitting else { return [] }
            state.resumePath = path
            return changed(.resumePath)
        case .submit:
            return submit()
        case .leave:
            return edited ? [.cancel("draft"), saveDraft(delay: .zero)] : []
        }
    }

    private mutating func changed(_ field: ApplyFormField) -> [Effect<Message>] {
        edited = true
        state.submissionKey = nil
        touched.insert(field)
        validate()
        return [saveDraft(delay: Self.draftSaveDelay)]
    }

    /// Runs Core's validator over the form as the service would clean it.
    private mutating func validate() {
        problems = [:]
        do throws(EdulinkError) {
            try state.draft.cleaned().validate(questions: state.questions)
        } catch {
            for fieldError in error.fieldErrors {
                let field = ApplyFormField(serviceName: fieldError.field) ?? .answers
                if problems[field] == nil { problems[field] = fieldError.message }
            }
        }
        state.errors = problems.filter { submitAttempted || touched.contains($0.key) }
    }

    private mutating func submit() -> [Effect<Message>] {
        guard !state.submitting else { return [] }
        guard listingLoaded else {
            state.formMessage = "The listing is still loading; try again in a moment."
            return []
        }
        submitAttempted = true
        validate()
        if !problems.isEmpty {
            state.formMessage = "Fix the highlighted fields."
            return []
        }
        state.submitting = true
        state.formMessage = nil
        if state.submissionKey == nil { state.submissionKey = UUID().uuidString }
        let repository = self.repository
        let drafts = self.drafts
        let user = userID
        let draft = state.draft
        return [
            .cancel("draft"),
            Effect(key: "submit") {
                // On disk before it leaves, key included: a crash or a lost answer cannot lose the
                // text or send it under a new key. A failed save does not stop the submit; the
                // draft is saved again (and its failure shown) if the submit fails.
                try? drafts.save(draft, user: user)
                return .submitted(await attempt { try await repository.apply(draft) })
            },
        ]
    }

    private func saveDraft(delay: Duration) -> Effect<Message> {
        let drafts = self.drafts
        let user = userID
        let draft = state.draft
        let isEmpty = draft.coverLetter.isEmpty && draft.answers.allSatisfy(\.isEmpty) && draft.resumePath == nil
        return Effect(key: "draft", delay: delay) {
            .draftSaved(
                await attempt {
                    if isEmpty {
                        try drafts.delete(user: user, listing: draft.listingID)
                    } else {
                        try drafts.save(draft, user: user)
                    }
                })
        }
    }

    private func deleteDraft() -> Effect<Message> {
        let drafts = self.drafts
        let user = userID
        let listing = state.listingID
        return Effect(key: "draft") {
            .draftDeleted(await attempt { try drafts.delete(user: user, listing: listing) })
        }
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .listingLoaded(.success(let detail)):
            events.succeeded()
            state.loading = false
            listingLoaded = true
            state.listingTitle = detail.listing.title
            state.questions = detail.listing.questions
            fitAnswers()
            if detail.myApplicationID != nil {
                state.formMessage = "You have already applied to this listing."
            } else if let refusal = detail.applyRefusal {
                state.formMessage = refusal.message
            }
            validate()
        case .listingLoaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.formMessage = failure.message
        case .draftLoaded(.success(let draft)):
            // Text typed before the draft arrived wins over the draft.
            guard let draft, !edited else { return [] }
            state.coverLetter = draft.coverLetter
            state.answers = draft.answers
            state.resumePath = draft.resumePath ?? ""
            state.submissionKey = draft.idempotencyKey
            if listingLoaded { fitAnswers() }
            state.draftStatus = .restored
            validate()
        case .draftLoaded(.failure(let failure)):
            state.draftStatus = .failed("The saved draft could not be read: \(failure.message)")
        case .draftSaved(.success):
            if state.submittedApplicationID == nil { state.draftStatus = .saved }
        case .draftSaved(.failure(let failure)), .draftDeleted(.failure(let failure)):
            state.draftStatus = .failed("The draft could not be saved: \(failure.message)")
        case .draftDeleted(.success):
            state.draftStatus = .none
        case .submitted(.success(let application)):
            events.succeeded()
            state.submitting = false
            state.submittedApplicationID = application.id
            state.formMessage = nil
            events.post(.applicationSubmitted(application.id))
            return [deleteDraft()]
        case .submitted(.failure(let failure)):
            state.submitting = false
            // Without an answer the application may have arrived: the same text keeps its key. An
            // answer (a refusal, field errors) ends that request; the next submit is a new one.
            if !failure.isUnavailable { state.submissionKey = nil }
            submitFailed(failure)
            // Whatever went wrong, the text stays on disk.
            return [saveDraft(delay: .zero)]
        }
        return []
    }

    private mutating func submitFailed(_ failure: Failure) {
        events.failed(failure)
        if let refusal = failure.refusal {
            state.formMessage = refusal.message
            return
        }
        let fieldErrors = failure.fieldErrors
        guard !fieldErrors.isEmpty else {
            // The draft first: a long reason is cut at the screen's edge, and the banner says it too.
            state.formMessage = failure.isUnavailable ? "Your draft is kept. \(failure.message)" : failure.message
            return
        }
        var errors: [ApplyFormField: String] = [:]
        var unplaced: [String] = []
        for fieldError in fieldErrors {
            if let field = ApplyFormField(serviceName: fieldError.field) {
                if errors[field] == nil { errors[field] = fieldError.message }
            } else {
                unplaced.append(fieldError.message)
            }
        }
        problems = errors
        state.errors = errors
        state.formMessage = unplaced.isEmpty ? "Fix the highlighted fields." : unplaced.joined(separator: " ")
    }

    /// One answer per question: pads with empty answers, drops answers to removed questions.
    private mutating func fitAnswers() {
        let count = state.questions.count
        if state.answers.count < count {
            state.answers += Array(repeating: "", count: count - state.answers.count)
        } else if state.answers.count > count {
            state.answers = Array(state.answers.prefix(count))
        }
    }
}
