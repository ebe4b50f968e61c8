public import EdulinkCore
public import Foundation

/// The placements tabs: a student's Placement, a supervisor's Interns and Evaluations, an
/// employer's Placements. A list of the caller's placements, the selected one's detail with its
/// week grid, and what the caller may do to it (PLACEMENTS.md): the student writes a week's entry
/// (kept as a draft on this machine while typed), a supervisor approves, returns, notes, excuses
/// and evaluates, an employer assigns the workplace supervisor, creates supervisor accounts, moves
/// the dates and terminates. Every rule is the service's; this holds what the screen shows.
public struct PlacementsViewModel: Sendable {
    /// Which placements the list shows.
    public enum Filter: String, Sendable, Equatable, CaseIterable {
        case all
        /// With a week past its due date and no entry sent.
        case overdue
        /// Without a workplace or an academic supervisor (active or upcoming).
        case unassigned

        func admits(_ summary: PlacementSummary) -> Bool {
            switch self {
            case .all: true
            case .overdue: summary.progress.overdue > 0 && summary.placement.status == .active
            case .unassigned:
                !summary.placement.status.isFinal
                    && (summary.placement.workplaceSupervisorID == nil || summary.placement.academicSupervisorID == nil)
            }
        }
    }

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// The placements the filter and the query admit.
        public var items: [PlacementSummary] = []
        /// Every placement loaded.
        public var allItems: [PlacementSummary] = []
        public var filter = Filter.all
        /// Words the shown placements' student, listing, organization, supervisors or status contain
        /// (`/`, as you type; ``ListQuery``).
        public var query = ""
        /// Whether the list shows fewer than every placement loaded (a filter or a query).
        public var narrowed: Bool { filter != .all || !ListQuery.isBlank(query) }
        public var selectedIndex: Int?
        /// The selected placement's detail, once loaded.
        public var detail: PlacementDetail?
        /// The selected week (1-based).
        public var week = 1
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        /// The last problem.
        public var message: String?
        /// The entry being written, while the editor is open.
        public var editor: LogbookDraft?
        /// What the editor opened with, to tell unsaved changes.
        public var editorBaseline: LogbookDraft?
        /// The service's field errors for the editor or the evaluation form.
        public var fieldErrors: [FieldError] = []
        /// A call is on its way.
        public var saving = false
        /// Supervisors the caller assigns, once loaded.
        public var supervisors: [SupervisorSummary] = []
        /// A supervisor account just created: its one-time code is shown once.
        public var createdAccount: SupervisorAccount?

        public var selected: PlacementSummary? {
            selectedIndex.flatMap { items.indices.contains($0) ? items[$0] : nil }
        }

        /// The selected week of the loaded detail.
        public var selectedWeek: LogbookWeek? {
            detail?.weeks.first { $0.week == week }
        }

        /// Whether the editor holds changes that are not saved.
        public var editorChanged: Bool { editor != nil && editor != editorBaseline }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        /// Shows the next filter (all, overdue, unassigned).
        case cycleFilter
        /// Shows only the placements whose texts contain these words (with the filter).
        case setQuery(String)
        case moveSelection(Int)
        case moveWeek(Int)
        // The student
        /// Opens the selected week's entry for writing (the local draft first, if any).
        case openEditor
        case editorChanged(LogbookDraft)
        case saveEntry(submit: Bool)
        case closeEditor
        // Supervisors
        case approveWeek
        case returnWeek(String)
        case noteWeek(String)
        case excuseWeek(ExcuseReason, note: String?)
        case submitEvaluation(EvaluationKind, EvaluationDraft)
        // Employers and institution admins
        case loadSupervisors
        case assign(UserID)
        case createSupervisor(NewSupervisor)
        case dismissAccount
        case moveDates(start: Date, end: Date, reason: String)
        case terminate(String)
        /// Says why a key does nothing now (a toast).
        case explain(String)
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<[PlacementSummary], Failure>)
        case detailLoaded(PlacementID, Result<PlacementDetail, Failure>)
        case draftLoaded(LogbookDraft, restored: Bool)
        case draftKept
        case entrySaved(Result<LogbookEntry, Failure>, submitted: Bool)
        case reviewed(Result<LogbookEntry, Failure>, done: String)
        case changed(Result<Placement, Failure>, done: String)
        case supervisorsLoaded(Result<[SupervisorSummary], Failure>)
        case supervisorCreated(Result<SupervisorAccount, Failure>)
        case evaluated(Result<Evaluation, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let drafts: any DraftStore
    private let user: UserID

    public init(repository: any EdulinkRepository, drafts: any DraftStore, user: UserID) {
        self.repository = repository
        self.drafts = drafts
        self.user = user
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    // MARK: Intents

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let repository = repository
            return [Effect(key: "list") { .loaded(await attempt { try await repository.placements() }) }]
        case .cycleFilter:
            let all = Filter.allCases
            state.filter = all[((all.firstIndex(of: state.filter) ?? 0) + 1) % all.count]
            return show(state.allItems)
        case .setQuery(let text):
            guard text != state.query else { return [] }
            state.query = text
            return show(state.allItems, refresh: false)
        case .moveSelection(let delta):
            guard !state.items.isEmpty, state.editor == nil else { return [] }
            let index = min(max((state.selectedIndex ?? 0) + delta, 0), state.items.count - 1)
            guard index != state.selectedIndex else { return [] }
            state.selectedIndex = index
            state.detail = nil
            return loadDetail()
        case .moveWeek(let delta):
            guard let detail = state.detail, state.editor == nil else { return [] }
            state.week = min(max(state.week + delta, 1), detail.weeks.count)
        case .openEditor:
            return openEditor()
        case .editorChanged(let draft):
            guard state.editor != nil else { return [] }
            state.editor = draft
            let drafts = drafts
            let user = user
            return [
                Effect(key: "logbook-draft") {
                    try? drafts.saveLogbook(draft, user: user)
                    return .draftKept
                }
            ]
        case .saveEntry(let submit):
            guard let draft = state.editor, !state.saving else { return [] }
            switch draft.content {
            case .failure(let error):
                if case .validation(let fields) = error { state.fieldErrors = fields }
                return []
            case .success(let content):
                state.saving = true
                state.fieldErrors = []
                let repository = repository
                return [
                    Effect(key: "save-entry") {
                        .entrySaved(
                            await attempt {
                                try await repository.saveLogbookEntry(
                                    draft.placementID, week: draft.week, content, submit: submit)
                            }, submitted: submit)
                    }
                ]
            }
        case .closeEditor:
            // The draft stays on this machine until the entry is saved.
            state.editor = nil
            state.editorBaseline = nil
            state.fieldErrors = []
        case .approveWeek:
            guard let entry = state.selectedWeek?.entry else { return [] }
            return review(entry.id, .approve, done: "Week \(entry.week) approved.")
        case .returnWeek(let comment):
            guard let entry = state.selectedWeek?.entry else { return [] }
            return review(entry.id, .return(comment), done: "Week \(entry.week) returned to the student.")
        case .noteWeek(let note):
            guard let entry = state.selectedWeek?.entry else { return [] }
            return review(entry.id, .note(note), done: "Private note saved.")
        case .excuseWeek(let reason, let note):
            guard let placement = state.selected?.id else { return [] }
            let week = state.week
            let repository = repository
            return [
                Effect(key: "review") {
                    .reviewed(
                        await attempt {
                            try await repository.excuseWeek(placement, week: week, reason: reason, note: note)
                        },
                        done: "Week \(week) excused.")
                }
            ]
        case .submitEvaluation(let kind, let draft):
            guard let placement = state.selected?.id, !state.saving else { return [] }
            state.saving = true
            state.fieldErrors = []
            let repository = repository
            return [
                Effect(key: "evaluate") {
                    .evaluated(await attempt { try await repository.submitEvaluation(placement, kind, draft) })
                }
            ]
        case .loadSupervisors:
            let repository = repository
            return [
                Effect(key: "supervisors") { .supervisorsLoaded(await attempt { try await repository.supervisors() }) }
            ]
        case .assign(let supervisor):
            let name = state.supervisors.first { $0.id == supervisor }?.user.displayName ?? "The supervisor"
            return change(.assign(supervisor), done: "\(name) assigned.")
        case .createSupervisor(let new):
            guard !state.saving else { return [] }
            state.saving = true
            state.fieldErrors = []
            let repository = repository
            return [
                Effect(key: "create-supervisor") {
                    .supervisorCreated(await attempt { try await repository.createSupervisor(new) })
                }
            ]
        case .dismissAccount:
            state.createdAccount = nil
        case .moveDates(let start, let end, let reason):
            return change(.moveDates(start: start, end: end, reason: reason), done: "Dates moved.")
        case .terminate(let reason):
            return change(.terminate(reason: reason), done: "Placement terminated.")
        case .explain(let text):
            events.post(.toast(Toast(text, kind: .error)))
        }
        return []
    }

    private mutating func openEditor() -> [Effect<Message>] {
        guard let placement = state.selected?.id, let detail = state.detail,
            detail.permissions.writableWeeks.contains(state.week)
        else {
            if state.detail?.permissions.writableWeeks.isEmpty == false {
                state.message =
                    "Week \(state.week) cannot be written now; weeks open: "
                    + (state.detail?.permissions.writableWeeks.map(String.init).joined(separator: ", ") ?? "")
            }
            return []
        }
        let week = state.week
        let saved = LogbookDraft(placementID: placement, week: week, entry: state.selectedWeek?.entry)
        let drafts = drafts
        let user = user
        return [
            Effect(key: "logbook-open") {
                if let kept = try? drafts.loadLogbook(user: user, placement: placement, week: week), kept != saved {
                    return .draftLoaded(kept, restored: true)
                }
                return .draftLoaded(saved, restored: false)
            }
        ]
    }

    private func review(_ id: LogbookEntryID, _ review: LogbookReview, done: String) -> [Effect<Message>] {
        let repository = repository
        return [
            Effect(key: "review") {
                .reviewed(await attempt { try await repository.reviewLogbookEntry(id, review) }, done: done)
            }
        ]
    }

    private func change(_ change: PlacementChangeRequest, done: String) -> [Effect<Message>] {
        guard let placement = state.selected?.id else { return [] }
        let repository = repository
        return [
            Effect(key: "change") {
                .changed(await attempt { try await repository.changePlacement(placement, change) }, done: done)
            }
        ]
    }

    /// Lists what the filter and the query admit of `all`, keeping the selected placement when it is
    /// still there. Its detail is read again when `refresh` (a load) or when another is selected.
    private mutating func show(_ all: [PlacementSummary], refresh: Bool = true) -> [Effect<Message>] {
        let selectedID = state.selected?.id
        state.allItems = all
        let items = ListQuery.narrow(all.filter(state.filter.admits), by: state.query) { item in
            [
                item.studentName, item.listingTitle, item.organizationName, item.workplaceSupervisorName ?? "",
                item.academicSupervisorName ?? "", item.placement.status.label,
            ]
        }
        state.items = items
        let index = selectedID.flatMap { id in items.firstIndex { $0.id == id } }
        state.selectedIndex = items.isEmpty ? nil : (index ?? min(state.selectedIndex ?? 0, items.count - 1))
        if index == nil { state.detail = nil }
        return refresh || index == nil ? loadDetail() : []
    }

    private mutating func loadDetail() -> [Effect<Message>] {
        guard let id = state.selected?.id else { return [] }
        let repository = repository
        return [Effect(key: "detail") { .detailLoaded(id, await attempt { try await repository.placement(id) }) }]
    }

    // MARK: Messages

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let items)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            return show(items)
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .detailLoaded(let id, .success(let detail)):
            events.succeeded()
            guard id == state.selected?.id else { return [] }
            let isNew = state.detail?.placement.id != id
            state.detail = detail
            if isNew {
                // Start on the first week the caller has something to do, else the current week.
                let firstToDo =
                    detail.permissions.writableWeeks.first
                    ?? detail.weeks.first { $0.entry?.status == .submitted && detail.permissions.canReview }?.week
                state.week = firstToDo ?? max(1, detail.summary.progress.currentWeek)
            }
            state.week = min(max(state.week, 1), max(detail.weeks.count, 1))
        case .detailLoaded(_, .failure(let failure)):
            events.failed(failure)
            state.message = failure.message
        case .draftLoaded(let draft, let restored):
            state.editor = draft
            state.editorBaseline = restored ? nil : draft
            state.fieldErrors = []
            if restored {
                events.post(.toast(Toast("Restored the draft of week \(draft.week) you had not sent.")))
            }
        case .draftKept:
            break
        case .entrySaved(.success(let entry), let submitted):
            events.succeeded()
            state.saving = false
            state.editor = nil
            state.editorBaseline = nil
            events.post(
                .toast(
                    Toast(
                        submitted ? "Week \(entry.week) submitted for review." : "Week \(entry.week) saved as a draft.")
                ))
            let drafts = drafts
            let user = user
            let placement = entry.placementID
            let week = entry.week
            return [
                Effect(key: "logbook-draft") {
                    try? drafts.deleteLogbook(user: user, placement: placement, week: week)
                    return .draftKept
                }
            ] + update(.load)
        case .entrySaved(.failure(let failure), _):
            state.saving = false
            fail(failure)
        case .reviewed(.success, let done), .changed(.success, let done):
            events.succeeded()
            events.post(.toast(Toast(done)))
            return update(.load)
        case .reviewed(.failure(let failure), _), .changed(.failure(let failure), _):
            events.failed(failure, toast: true)
        case .supervisorsLoaded(.success(let supervisors)):
            events.succeeded()
            state.supervisors = supervisors
        case .supervisorsLoaded(.failure(let failure)):
            events.failed(failure, toast: true)
        case .supervisorCreated(.success(let account)):
            events.succeeded()
            state.saving = false
            state.createdAccount = account
            return update(.loadSupervisors)
        case .supervisorCreated(.failure(let failure)):
            state.saving = false
            fail(failure)
        case .evaluated(.success(let evaluation)):
            events.succeeded()
            state.saving = false
            events.post(.toast(Toast("The \(evaluation.kind.label) is submitted (version \(evaluation.version)).")))
            return update(.load)
        case .evaluated(.failure(let failure)):
            state.saving = false
            fail(failure)
        }
        return []
    }

    /// A refused form: field errors stay on the form; anything else is a toast.
    private mutating func fail(_ failure: Failure) {
        if case .validation(let fields)? = failure.error {
            state.fieldErrors = fields
        } else {
            events.failed(failure, toast: true)
        }
    }
}

extension PlacementsViewModel: ViewModel {}
