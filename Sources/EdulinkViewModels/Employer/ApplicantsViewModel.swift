public import EdulinkCore
import Foundation

/// The Applicants tab: one listing's applicants by stage, with counts per stage, the selected
/// applicant's detail (opening it marks it reviewed), notes and rating, triage mode (one applicant at
/// a time; the next follows as soon as a decision is made), bulk decisions over marked applicants
/// (previewed, confirmed, undone as one batch), undo of the last decision and CSV export of the view.
///
/// Which moves are allowed comes from the service (`ApplicationDetail.allowedMoves` of the applicant
/// on screen); a bulk preview asks the same state machine (`ApplicationStateMachine`) of each marked
/// row, and the service checks everything again.
public struct ApplicantsViewModel: Sendable {
    /// Rows loaded per page (keyset pages; a listing with 10,000 applicants never loads them all).
    public static let pageSize = 200

    /// What the next `u` undoes.
    public enum UndoTicket: Sendable, Equatable {
        case single(ApplicationID, name: String, to: ApplicationStatus)
        case batch(String, count: Int, to: ApplicationStatus)

        public var label: String {
            switch self {
            case .single(_, let name, let to): "\(name) → \(to.label)"
            case .batch(_, let count, let to): "\(count) applicants → \(to.label)"
            }
        }
    }

    /// One marked applicant in a bulk preview.
    public struct BulkLine: Sendable, Equatable {
        public var id: ApplicationID
        public var name: String
        public var from: ApplicationStatus
        /// Why the state machine refuses it, or nil when it will move.
        public var refusal: String?
    }

    /// What a bulk action will change, shown before it runs.
    public struct BulkPreview: Sendable, Equatable {
        public var move: ApplicationMove
        public var lines: [BulkLine]
        public var moving: [BulkLine] { lines.filter { $0.refusal == nil } }
        public var skipped: [BulkLine] { lines.filter { $0.refusal != nil } }
        /// "3 applicants: shortlisted → rejected (not qualified); 1 skipped".
        public var summary: String {
            var text = "\(moving.count) applicant\(moving.count == 1 ? "" : "s") → \(move.target.label)"
            if case .reject(let rejection) = move { text += " (\(rejection.reason.label.lowercased()))" }
            if !skipped.isEmpty { text += "; \(skipped.count) cannot move and stay as they are" }
            return text
        }
    }

    /// A CSV export while it runs (a toast says when it is done, and the progress bar goes).
    public struct Export: Sendable, Equatable {
        public var path: String
        public var written: Int
        public var total: Int
        /// The view written, as it was when the export started (another listing, stage or search
        /// chosen while it runs does not change what the rest of the file holds).
        public var listing: ListingID?
        public var stage: ApplicationStatus?
        public var named: String

        public init(
            path: String, written: Int, total: Int, listing: ListingID? = nil, stage: ApplicationStatus? = nil,
            named: String = ""
        ) {
            self.path = path
            self.written = written
            self.total = total
            self.listing = listing
            self.stage = stage
            self.named = named
        }

        public var fraction: Double { total == 0 ? 0 : min(1, Double(written) / Double(total)) }
    }

    public struct State: Sendable, Equatable {
        /// The organization's listings to choose from.
        public var listings: [ListingSummary] = []
        public var listingID: ListingID?
        /// Applications per stage of the listing.
        public var counts: StatusCounts = [:]
        /// The listing's positions, with its counts (nil until they have arrived).
        public var positions: Int?
        /// The stage shown; nil for all.
        public var stage: ApplicationStatus?
        /// Text the shown applicants' names contain (`/`, searched by the service as you type); empty
        /// for everyone.
        public var query = ""
        /// The name the service is asked for: the query trimmed, nil when blank.
        var named: String? {
            let name = query.trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? nil : name
        }
        public var rows: [ApplicationSummary] = []
        public var hasMore = false
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var selectedID: ApplicationID?
        public var detail: ApplicationDetail?
        public var marked: Set<ApplicationID> = []
        /// One applicant at a time.
        public var triage = false
        public var undo: UndoTicket?
        public var preview: BulkPreview?
        public var export: Export?
        public var working = false
        public var message: String?

        public var listing: ListingSummary? { listings.first { $0.id == listingID } }
        public var selected: ApplicationSummary? { rows.first { $0.id == selectedID } }
        public var total: Int { counts.values.reduce(0, +) }
        /// Standing offers outnumber the positions (`StatusCounts.offerWarning`).
        public var offerWarning: String? { positions.flatMap { counts.offerWarning(positions: $0) } }
        /// How many applicants the current stage tab holds.
        public var stageCount: Int { stage.map { counts[$0] ?? 0 } ?? total }
        /// Moves the employer may make on the selected applicant now, as the service says
        /// (`ApplicationDetail.allowedMoves`); none until its detail has arrived.
        public var allowedMoves: [ApplicationStatus] {
            guard let detail, detail.application.id == selectedID else { return [] }
            return detail.allowedMoves
        }
    }

    public enum Intent: Sendable, Equatable {
        /// Loads the listings, then `listing` (or the first with applicants).
        case load(ListingID?)
        /// Shows one application (a notification about it was opened): its listing, every stage, the
        /// student's name searched, it selected and open (so marked reviewed, as opening it here does).
        case show(ApplicationID)
        case chooseListing(ListingID)
        case nextListing(Int)
        case setStage(ApplicationStatus?)
        /// Shows only the applicants whose name contains this text (in the stage shown).
        case setQuery(String)
        case moveSelection(Int)
        case loadMore
        /// Loads the selected applicant's detail (marks it reviewed if it was pending).
        case open
        case toggleMark
        case markAll
        case clearMarks
        case setTriage(Bool)
        /// A decision on the selected applicant; in triage the next one is shown at once.
        case decide(ApplicationMove)
        case undo
        case previewBulk(ApplicationMove)
        case confirmBulk
        case cancelBulk
        case rate(Int?)
        case setNotes(String)
        /// Writes the current view (listing and stage) to a CSV file.
        case export(path: String)
        case dismissExport
    }

    public enum Message: Sendable {
        case listingsLoaded(ListingID?, Result<[ListingSummary], Failure>)
        case countsLoaded(ListingID, Result<ListingDetail, Failure>)
        case pageLoaded(
            ListingID, ApplicationStatus?, named: String?, append: Bool, Result<[ApplicationSummary], Failure>)
        case detailLoaded(ApplicationID, Result<ApplicationDetail, Failure>)
        case decided(ApplicationID, String, ApplicationMove, Result<Application, Failure>)
        case bulkDone(ApplicationMove, Int, Result<String, Failure>)
        case undone(Result<Int, Failure>)
        case annotated(String, Result<Bool, Failure>)
        case exported(path: String, written: Int, last: ApplicationID?, finished: Bool, Result<Int, Failure>)
        /// The finished export was recorded as a data-export security event (or could not be).
        case exportRecorded(Result<Void, Failure>)
        /// The application asked for by `show`, opened.
        case shown(ApplicationID, Result<ApplicationDetail, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    // MARK: Intents

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = self.repository
        switch intent {
        case .load(let wanted):
            state.loading = true
            return [
                Effect(key: "listings") {
                    .listingsLoaded(wanted, await attempt { try await repository.myListings() })
                }
            ]
        case .show(let id):
            return [
                Effect(key: "detail") { .shown(id, await attempt { try await repository.openApplication(id) }) }
            ]
        case .chooseListing(let id):
            return choose(id)
        case .nextListing(let delta):
            guard !state.listings.isEmpty else { return [] }
            let current = state.listings.firstIndex { $0.id == state.listingID } ?? 0
            let index = (current + delta + state.listings.count) % state.listings.count
            return choose(state.listings[index].id)
        case .setStage(let stage):
            state.stage = stage
            clearRows()
            return reloadRows()
        case .setQuery(let text):
            let before = state.named
            state.query = text
            guard state.named != before, state.listingID != nil else { return [] }
            // The rows on screen stay until the answer replaces them (no blank table between keys);
            // marks and a preview belong to the rows they were made on.
            state.marked = []
            state.preview = nil
            state.loading = true
            return [pageEffect(append: false, after: nil)]
        case .moveSelection(let delta):
            guard !state.rows.isEmpty else { return [] }
            let current = state.rows.firstIndex { $0.id == state.selectedID } ?? 0
            let index = min(max(current + delta, 0), state.rows.count - 1)
            return select(state.rows[index].id) + loadMoreIfNear(index)
        case .loadMore:
            return loadMore()
        case .open:
            guard let id = state.selectedID else { return [] }
            return [openEffect(id)]
        case .toggleMark:
            guard let id = state.selectedID else { return [] }
            if state.marked.contains(id) { state.marked.remove(id) } else { state.marked.insert(id) }
            return handle(.moveSelection(1))
        case .markAll:
            state.marked = Set(state.rows.map(\.id))
        case .clearMarks:
            state.marked = []
        case .setTriage(let on):
            // Asked for before the first page has answered, triage starts when it does (`pageLoaded`).
            state.triage = on && (!state.rows.isEmpty || (state.loading && !state.loaded))
            if state.triage, let id = state.selectedID ?? state.rows.first?.id {
                return select(id) + [openEffect(id)]
            }
        case .decide(let move):
            return decide(move)
        case .undo:
            guard let ticket = state.undo, !state.working else {
                state.message = "Nothing to undo."
                return []
            }
            state.working = true
            state.undo = nil
            switch ticket {
            case .single(let id, _, _):
                return [
                    Effect(key: "undo") {
                        .undone(await attempt { try await repository.undoLastMove(id) }.map { _ in 1 })
                    }
                ]
            case .batch(let batch, _, _):
                return [Effect(key: "undo") { .undone(await attempt { try await repository.undoBatch(batch) }) }]
            }
        case .previewBulk(let move):
            let marked = state.rows.filter { state.marked.contains($0.id) }
            guard !marked.isEmpty else {
                state.message = "Mark applicants with Space first."
                return []
            }
            state.preview = BulkPreview(
                move: move,
                lines: marked.map { row in
                    BulkLine(
                        id: row.id, name: row.studentName, from: row.application.status,
                        refusal: ApplicationStateMachine.check(
                            from: row.application.status, to: move.target, by: .employer)?
                            .message)
                })
        case .confirmBulk:
            guard let preview = state.preview, !state.working else { return [] }
            state.preview = nil
            let ids = preview.moving.map(\.id)
            guard !ids.isEmpty else {
                state.message = "None of the marked applicants can make that move."
                return []
            }
            state.working = true
            let move = preview.move
            return [
                Effect(key: "bulk") {
                    .bulkDone(move, ids.count, await attempt { try await repository.moveMany(ids, move) })
                }
            ]
        case .cancelBulk:
            state.preview = nil
        case .rate(let rating):
            guard let id = state.selectedID else { return [] }
            return [
                Effect(key: "annotate") {
                    .annotated(
                        rating.map { "Rated \($0) of 5." } ?? "Rating cleared.",
                        await attempt { try await repository.rate(id, rating: rating) }.map { true })
                }
            ]
        case .setNotes(let notes):
            guard let id = state.selectedID else { return [] }
            return [
                Effect(key: "annotate") {
                    .annotated(
                        "Notes saved.", await attempt { try await repository.setNotes(id, notes: notes) }.map { true })
                }
            ]
        case .export(let path):
            guard let listing = state.listingID, state.export == nil else { return [] }
            // Searched, the stage's count is only a bound, unless every match is already on screen.
            let total = state.named == nil || state.hasMore ? state.stageCount : state.rows.count
            let export = Export(
                path: path, written: 0, total: total, listing: listing, stage: state.stage, named: state.named ?? "")
            state.export = export
            return [exportPage(export, written: 0, after: nil)]
        case .dismissExport:
            state.export = nil
        }
        return []
    }

    private mutating func choose(_ id: ListingID) -> [Effect<Message>] {
        guard state.listings.contains(where: { $0.id == id }) else { return [] }
        state.listingID = id
        clearRows()
        state.counts = [:]
        state.positions = nil
        return reloadRows()
    }

    /// Another listing's or stage's rows never stand under this one's tab (and t pressed before its
    /// first page arrives triages this one).
    private mutating func clearRows() {
        state.rows = []
        state.loaded = false
        state.selectedID = nil
        state.detail = nil
        state.marked = []
        state.preview = nil
    }

    private mutating func reloadRows() -> [Effect<Message>] {
        guard let listing = state.listingID else { return [] }
        state.loading = true
        let repository = self.repository
        return [
            Effect(key: "counts") {
                .countsLoaded(listing, await attempt { try await repository.listing(listing) })
            },
            pageEffect(append: false, after: nil),
        ]
    }

    private mutating func loadMore() -> [Effect<Message>] {
        guard state.listingID != nil, state.hasMore, !state.loading, let last = state.rows.last?.id else {
            return []
        }
        state.loading = true
        return [pageEffect(append: true, after: last)]
    }

    /// A page of the view on screen (listing, stage, name searched): the first, or the one after
    /// `after`. One key for every page: a newer one supersedes a page still on its way.
    private func pageEffect(append: Bool, after: ApplicationID?) -> Effect<Message> {
        let repository = self.repository
        let listing = state.listingID ?? ListingID(0)
        let stage = state.stage
        let named = state.named
        return Effect(key: "page") {
            .pageLoaded(
                listing, stage, named: named, append: append,
                await attempt {
                    try await repository.applicants(
                        listing: listing, status: stage, named: named, after: after, limit: Self.pageSize)
                })
        }
    }

    private mutating func loadMoreIfNear(_ index: Int) -> [Effect<Message>] {
        index >= state.rows.count - 20 ? loadMore() : []
    }

    private mutating func select(_ id: ApplicationID) -> [Effect<Message>] {
        if state.selectedID != id {
            state.selectedID = id
            state.detail = nil
        }
        return []
    }

    private func openEffect(_ id: ApplicationID) -> Effect<Message> {
        let repository = self.repository
        return Effect(key: "detail") { .detailLoaded(id, await attempt { try await repository.openApplication(id) }) }
    }

    /// Sends the decision and, in triage, shows the next applicant at once (without waiting).
    private mutating func decide(_ move: ApplicationMove) -> [Effect<Message>] {
        guard let row = state.selected else { return [] }
        if let refusal = ApplicationStateMachine.check(from: row.application.status, to: move.target, by: .employer) {
            state.message = refusal.message
            return []
        }
        let repository = self.repository
        let id = row.id
        var effects: [Effect<Message>] = [
            Effect(key: "decide.\(id.rawValue)") {
                .decided(id, row.studentName, move, await attempt { try await repository.move(id, move) })
            }
        ]
        state.message = nil
        guard let index = state.rows.firstIndex(where: { $0.id == id }) else { return effects }
        if state.stage != nil && state.stage != move.target {
            // It leaves this stage's view; the next one takes its place.
            state.rows.remove(at: index)
            state.marked.remove(id)
            if state.rows.isEmpty {
                state.selectedID = nil
                state.detail = nil
                state.triage = false
                return effects + loadMore()
            }
            effects += select(state.rows[min(index, state.rows.count - 1)].id)
        } else {
            state.rows[index].application.status = move.target
            state.rows[index].stageSince = nil
            if state.triage, index + 1 < state.rows.count { effects += select(state.rows[index + 1].id) }
        }
        if state.triage, let next = state.selectedID, next != id { effects.append(openEffect(next)) }
        return effects + loadMoreIfNear(state.rows.firstIndex { $0.id == state.selectedID } ?? 0)
    }

    private func exportPage(_ export: Export, written: Int, after: ApplicationID?) -> Effect<Message> {
        let repository = self.repository
        let path = export.path
        let listing = export.listing ?? ListingID(0)
        return Effect(key: "export") {
            let limit = 500
            let result = await attempt { () throws -> [ApplicationSummary] in
                try await repository.applicants(
                    listing: listing, status: export.stage, named: export.named.isEmpty ? nil : export.named,
                    after: after, limit: limit)
            }
            switch result {
            case .failure(let failure):
                return .exported(path: path, written: written, last: after, finished: true, .failure(failure))
            case .success(let page):
                let rows = (after == nil ? [ApplicantsCSV.header] : []) + page.map(ApplicantsCSV.fields)
                let appended = Result { try CSV.write(rows, to: path, append: after != nil) }
                    .mapError { Failure(message: "Could not write \(path): \($0.localizedDescription)") }
                    .map { page.count }
                return .exported(
                    path: path, written: written + page.count, last: page.last?.id ?? after,
                    finished: page.count < limit, appended)
            }
        }
    }

    // MARK: Messages

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .listingsLoaded(let wanted, .success(let listings)):
            events.succeeded()
            state.loading = false
            state.listings = listings
            let keep = [wanted, state.listingID].compactMap { $0 }.first { id in listings.contains { $0.id == id } }
            guard let id = keep ?? (listings.first { $0.applicationCount > 0 } ?? listings.first)?.id else {
                state.listingID = nil
                state.rows = []
                state.triage = false
                return []
            }
            if id == state.listingID { return reloadRows() }
            return choose(id)
        case .listingsLoaded(_, .failure(let failure)):
            if state.rows.isEmpty { state.triage = false }
            failed(failure)
        case .countsLoaded(let listing, let result):
            guard listing == state.listingID else { return [] }
            switch result {
            case .success(let detail):
                events.succeeded()
                let refresh = state.positions != nil
                let before = state.offerWarning
                state.counts = detail.applicationCounts
                state.positions = detail.listing.positions
                // Told once when a decision makes offers outnumber the positions (the header keeps it).
                if refresh, let warning = state.offerWarning, warning != before {
                    events.post(.toast(Toast("⚠ " + warning)))
                }
            case .failure(let failure): failed(failure)
            }
        case .pageLoaded(let listing, let stage, let named, let append, let result):
            // Only the view on screen: a page of another listing, stage or search never paints over it.
            guard listing == state.listingID, stage == state.stage, named == state.named else { return [] }
            state.loading = false
            switch result {
            case .success(let page):
                events.succeeded()
                state.loaded = true
                if append {
                    let known = Set(state.rows.map(\.id))
                    state.rows += page.filter { !known.contains($0.id) }
                } else {
                    state.rows = page
                    state.marked.formIntersection(page.map(\.id))
                }
                state.hasMore = page.count == Self.pageSize
                if state.selectedID.map({ id in !state.rows.contains { $0.id == id } }) ?? true {
                    state.selectedID = state.rows.first?.id
                    state.detail = nil
                }
                if state.rows.isEmpty { state.triage = false }
                // Triage always shows the applicant on screen in full.
                if state.triage, let id = state.selectedID, state.detail?.application.id != id {
                    return [openEffect(id)]
                }
            case .failure(let failure):
                if state.rows.isEmpty { state.triage = false }
                failed(failure)
            }
        case .detailLoaded(let id, let result):
            switch result {
            case .success(let detail):
                events.succeeded()
                var moved = false
                if let index = state.rows.firstIndex(where: { $0.id == id }) {
                    moved = state.rows[index].application.status != detail.application.status
                    state.rows[index].application = detail.application
                }
                if id == state.selectedID { state.detail = detail }
                // Opening a pending application marks it reviewed: the stage counts move with it.
                if moved { return refreshCounts() }
            case .failure(let failure): failed(failure)
            }
        case .decided(let id, let name, let move, let result):
            switch result {
            case .success(let application):
                events.succeeded()
                state.undo = .single(id, name: name, to: application.status)
                if let index = state.rows.firstIndex(where: { $0.id == id }) {
                    state.rows[index].application = application
                }
                if state.detail?.application.id == id { state.detail?.application = application }
                events.post(.toast(Toast("\(name) → \(move.target.label)")))
                return refreshCounts()
            case .failure(let failure):
                failed(failure, toast: true)
                return reloadRows()
            }
        case .bulkDone(let move, let count, let result):
            state.working = false
            switch result {
            case .success(let batch):
                events.succeeded()
                state.undo = .batch(batch, count: count, to: move.target)
                state.marked = []
                events.post(.toast(Toast("\(count) applicants → \(move.target.label) (one batch)")))
            case .failure(let failure):
                failed(failure, toast: true)
            }
            return reloadRows()
        case .undone(let result):
            state.working = false
            switch result {
            case .success(let count):
                events.succeeded()
                events.post(.toast(Toast(count == 1 ? "Decision undone." : "\(count) decisions undone.")))
            case .failure(let failure):
                failed(failure, toast: true)
            }
            return reloadRows()
        case .annotated(let text, let result):
            switch result {
            case .success:
                events.succeeded()
                events.post(.toast(Toast(text)))
                if let id = state.selectedID { return [openEffect(id)] }
            case .failure(let failure):
                failed(failure, toast: true)
            }
        case .exported(let path, let written, let last, let finished, let result):
            guard state.export?.path == path else { return [] }
            switch result {
            case .success:
                state.export?.written = written
                let total = max(state.export?.total ?? 0, written)
                state.export?.total = total
                if finished {
                    let listing = state.export?.listing
                    state.export = nil
                    events.post(.toast(Toast("Exported \(written) applicants to \(path).")))
                    guard let listing else { return [] }
                    let repository = self.repository
                    return [
                        Effect(key: "export.record") {
                            .exportRecorded(
                                await attempt { try await repository.recordExport(.applicants(listing, rows: written)) }
                            )
                        }
                    ]
                } else if let export = state.export {
                    return [exportPage(export, written: written, after: last)]
                }
            case .failure(let failure):
                state.export = nil
                failed(failure, toast: true)
            }
        case .shown(let id, .success(let detail)):
            events.succeeded()
            let listing = detail.listing.id
            state.triage = false
            state.stage = nil
            state.query = detail.student.displayName
            state.listingID = listing
            clearRows()
            state.counts = [:]
            state.positions = nil
            // Selected before its page arrives: the page keeps the selection when it holds it.
            state.selectedID = id
            state.detail = detail
            guard state.listings.contains(where: { $0.id == listing }) else { return update(.load(listing)) }
            return reloadRows()
        case .shown(_, .failure(let failure)):
            failed(failure)
        case .exportRecorded(.success):
            events.succeeded()
        case .exportRecorded(.failure(let failure)):
            failed(failure, toast: true)
        }
        return []
    }

    private mutating func refreshCounts() -> [Effect<Message>] {
        guard let listing = state.listingID else { return [] }
        let repository = self.repository
        return [
            Effect(key: "counts") {
                .countsLoaded(listing, await attempt { try await repository.listing(listing) })
            }
        ]
    }

    private mutating func failed(_ failure: Failure, toast: Bool = false) {
        state.loading = false
        state.working = false
        state.message = failure.message
        events.failed(failure, toast: toast)
    }
}

/// The columns of the applicant CSV export.
public enum ApplicantsCSV {
    public static let header = [
        "application_id", "student", "status", "submitted_at", "in_stage_since", "rating", "skill_match",
        "interview_at", "interview_place", "rejection_reason", "notes",
    ]

    public static func fields(_ row: ApplicationSummary) -> [String] {
        let a = row.application
        func iso(_ date: Date?) -> String { date.map { $0.ISO8601Format() } ?? "" }
        return [
            String(a.id.rawValue), row.studentName, a.status.rawValue, iso(a.submittedAt), iso(row.stageSince),
            a.rating.map(String.init) ?? "", row.skillMatch.map(String.init) ?? "", iso(a.interview?.at),
            a.interview?.place ?? "",
            a.rejection.map { [$0.reason.rawValue, $0.note].compactMap { $0 }.joined(separator: ": ") } ?? "",
            a.notes ?? "",
        ]
    }
}
