public import EdulinkCore

/// The Profile tab: editable fields, completion percent and what is missing (from Core's
/// `ProfileCompletion`), save with errors next to their fields. The institution is shown from the saved
/// profile and never edited here.
public struct ProfileViewModel: Sendable {
    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// The profile as saved, once loaded.
        public var detail: ProfileDetail?
        /// The form being edited.
        public var form = ProfileForm()
        /// Errors next to fields, from the last save.
        public var errors: [ProfileForm.Field: String] = [:]
        /// Loading.
        public var loading = false
        /// Saving.
        public var saving = false
        /// A problem with the whole form.
        public var message: String?
        /// The password form's state.
        public var password = PasswordChange()

        /// 0–100, from the saved profile.
        public var completionPercent: Int { detail?.completion.percent ?? 0 }
        /// What is missing, as the screen names it.
        public var missing: [String] { detail?.completion.missing.map(\.label) ?? [] }
        /// Whether the profile is complete enough to apply.
        public var allowsApplying: Bool { detail?.completion.allowsApplying ?? false }
        /// Whether the form differs from the saved profile.
        public var isDirty: Bool { detail.map { ProfileForm($0) != form } ?? false }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        case set(ProfileForm.Field, String)
        case save
        /// Asked to edit the institution: says who sets it.
        case explainInstitution
        /// Puts the saved profile back in the form.
        case revert
        case changePassword(current: String, new: String, confirmation: String)
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<ProfileDetail, Failure>)
        case saved(Result<ProfileDetail, Failure>)
        case passwordChanged(Result<Void, Failure>)
    }

    /// Who sets a student's institution.
    public static let institutionNote =
        "Your institution is set by your career office (registration code or import) or an admin."

    /// The tab's state.
    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    /// Fields typed into before the profile first arrived: they win over what it brings.
    private var editedBeforeLoad: [ProfileForm.Field: String] = [:]

    /// The Profile tab over `repository`.
    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .changePassword(let current, let new, let confirmation):
            let effect = state.password.start(
                current: current, new: new, confirmation: confirmation, repository: repository)
            return effect.map { [$0.map { .passwordChanged($0) }] } ?? []
        case .load:
            state.loading = true
            let repository = self.repository
            return [Effect(key: "profile") { .loaded(await attempt { try await repository.profile() }) }]
        case .set(let field, let value):
            state.form.set(field, value)
            state.errors[field] = nil
            if state.detail == nil { editedBeforeLoad[field] = value }
        case .save:
            guard !state.saving else { return [] }
            switch state.form.update() {
            case .failure(let error):
                show(Failure(error))
            case .success(let update):
                state.saving = true
                state.message = nil
                let repository = self.repository
                return [Effect(key: "save") { .saved(await attempt { try await repository.updateProfile(update) }) }]
            }
        case .explainInstitution:
            events.post(.toast(Toast(Self.institutionNote)))
        case .revert:
            if let detail = state.detail { state.form = ProfileForm(detail) }
            state.errors = [:]
            state.message = nil
        }
        return []
    }

    private mutating func show(_ failure: Failure) {
        var errors: [ProfileForm.Field: String] = [:]
        var unplaced: [String] = []
        for fieldError in failure.fieldErrors {
            if let field = ProfileForm.Field(rawValue: fieldError.field) {
                if errors[field] == nil { errors[field] = fieldError.message }
            } else {
                unplaced.append(fieldError.message)
            }
        }
        state.errors = errors
        if failure.fieldErrors.isEmpty {
            state.message = failure.message
        } else {
            state.message = unplaced.isEmpty ? "Fix the highlighted fields." : unplaced.joined(separator: " ")
        }
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let detail)):
            events.succeeded()
            state.loading = false
            // Coming back to the tab (or reloading) keeps edits that are not saved; `u` puts the
            // saved profile back.
            let edited = state.isDirty
            state.detail = detail
            state.password.required = detail.user.mustChangePassword
            if !edited {
                state.form = ProfileForm(detail)
                state.errors = [:]
                // What was typed while the profile was on its way is kept, over the saved values.
                for (field, value) in editedBeforeLoad { state.form.set(field, value) }
            }
            editedBeforeLoad = [:]
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
            // Signed in with a one-time code: the profile opens once a password of their own is set.
            if PasswordChange.isRequired(by: failure) { state.password.required = true }
        case .saved(.success(let detail)):
            events.succeeded()
            state.saving = false
            state.detail = detail
            state.form = ProfileForm(detail)
            state.errors = [:]
            state.message = nil
            events.post(.toast(Toast("Profile saved — \(detail.completion.percent) % complete.")))
        case .saved(.failure(let failure)):
            state.saving = false
            events.failed(failure)
            show(failure)
        case .passwordChanged(let result):
            state.password.finish(result, events: &events)
        }
        return []
    }
}
