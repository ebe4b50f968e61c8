public import EdulinkCore
public import Foundation

/// The Listings tab: the organization's listings with status and stage counts, and what an employer
/// does with them — new / edit (a form whose field errors come from the service), submit for review,
/// close (confirmed), extend the deadline or grow capacity and positions, duplicate.
public struct EmployerListingsViewModel: Sendable {
    /// An action waiting for confirmation.
    public enum Confirmation: Sendable, Equatable {
        case submit(ListingID, title: String)
        case close(ListingID, title: String)
        case duplicate(ListingID, title: String)

        public var question: String {
            switch self {
            case .submit(_, let title): "Submit \"\(title)\" for review? An admin verifies it before students see it."
            case .close(_, let title): "Close \"\(title)\"? Students can no longer apply. This cannot be undone."
            case .duplicate(_, let title): "Make a new draft copy of \"\(title)\"?"
            }
        }
    }

    /// The form being edited.
    public struct Editing: Sendable, Equatable {
        /// Nil for a new listing.
        public var listingID: ListingID?
        public var form: ListingForm
        /// Errors by field id, from the service (or the form's format check).
        public var errors: [String: String] = [:]
        public var saving = false
        /// Fields a published listing may no longer change.
        public var frozen: Set<ListingForm.Field> = []
    }

    public struct State: Sendable, Equatable {
        public var listings: [ListingFigures] = []
        public var selectedID: ListingID?
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var working = false
        public var confirmation: Confirmation?
        public var editing: Editing?
        public var message: String?
        /// The institutions an institution-only listing can be meant for, once loaded.
        public var institutions: [Institution] = []
        /// Words the shown listings' title, status, place, category or level contain (`/`, as you type):
        /// `draft`, `nairobi`, `pending` (``ListQuery``).
        public var query = ""

        /// The listings on screen: all of them, or those `query` narrows to, in the list's order.
        public var shown: [ListingFigures] {
            ListQuery.narrow(listings, by: query) { figures in
                let listing = figures.listing
                return [
                    listing.title, listing.status.label, listing.location, listing.locationType.rawValue,
                    listing.category.rawValue, listing.level.rawValue,
                ]
            }
        }

        /// The selected listing, only while it is on screen: keys never act on a listing the query hides.
        public var selected: ListingFigures? { shown.first { $0.id == selectedID } }
    }

    public enum Intent: Sendable, Hashable {
        case load
        case moveSelection(Int)
        case select(ListingID)
        /// Shows only the listings whose texts contain these words; the selection stays on its
        /// listing while it still matches, else moves to the first one shown.
        case setQuery(String)
        case new
        case edit
        case setField(ListingForm.Field, String)
        case save
        case cancelEdit
        case requestSubmit
        case requestClose
        case requestDuplicate
        case confirm
        case cancel
        /// Grows the selected listing (deadline later by days, capacity and positions to new values).
        case extend(deadlineDays: Int?, capacity: Int?, positions: Int?)
    }

    public enum Message: Sendable {
        case loaded(Result<EmployerDashboard, Failure>)
        case institutionsLoaded(Result<[Institution], Failure>)
        case editLoaded(Result<ListingDetail, Failure>)
        case saved(Result<Listing, Failure>)
        case acted(String, Result<Listing, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let timeZone: TimeZone
    /// The listing just saved, until the list that holds it arrives: `s` right after saving (as the
    /// toast says) acts on it rather than on nothing.
    private var justSaved: Listing?
    /// The listing just saved or acted on (a duplicate is a new draft): it stays in view when the
    /// list that holds it arrives, the query dropped if it would hide it.
    private var keepInView: ListingID?

    public init(repository: any EdulinkRepository, timeZone: TimeZone) {
        self.repository = repository
        self.timeZone = timeZone
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = self.repository
        switch intent {
        case .load:
            state.loading = true
            var effects = [
                Effect<Message>(key: "load") { .loaded(await attempt { try await repository.employerDashboard() }) }
            ]
            if state.institutions.isEmpty {
                effects.append(
                    Effect(key: "institutions") {
                        .institutionsLoaded(await attempt { try await repository.institutions() })
                    })
            }
            return effects
        case .moveSelection(let delta):
            let shown = state.shown
            guard !shown.isEmpty else { return [] }
            let current = shown.firstIndex { $0.id == state.selectedID } ?? 0
            state.selectedID = shown[min(max(current + delta, 0), shown.count - 1)].id
        case .select(let id):
            if state.shown.contains(where: { $0.id == id }) { state.selectedID = id }
        case .setQuery(let text):
            state.query = text
            keepSelectionShown()
        case .new:
            state.editing = Editing(listingID: nil, form: ListingForm(institutions: state.institutions))
        case .edit:
            guard let id = state.selectedID else { return [] }
            guard state.selected?.listing.status != .closed else {
                state.message = "A closed listing cannot be edited; duplicate it instead (d)."
                return []
            }
            return [Effect(key: "edit") { .editLoaded(await attempt { try await repository.listing(id) }) }]
        case .setField(let field, let value):
            state.editing?.form[field] = value
            state.editing?.errors[field.rawValue] = nil
        case .save:
            guard let editing = state.editing, !editing.saving else { return [] }
            switch editing.form.draft(timeZone: timeZone) {
            case .failure(let error):
                state.editing?.errors = Self.errors(error.fieldErrors)
                return []
            case .success(let draft):
                state.editing?.saving = true
                state.editing?.errors = [:]
                if let id = editing.listingID {
                    return [
                        Effect(key: "save") { .saved(await attempt { try await repository.updateListing(id, draft) }) }
                    ]
                }
                return [Effect(key: "save") { .saved(await attempt { try await repository.createListing(draft) }) }]
            }
        case .cancelEdit:
            state.editing = nil
        case .requestSubmit, .requestClose, .requestDuplicate:
            let shown = state.selected.map { (id: $0.listing.id, title: $0.listing.title) }
            let pending = justSaved.flatMap { $0.id == state.selectedID ? (id: $0.id, title: $0.title) : nil }
            guard let target = shown ?? pending else { return [] }
            state.confirmation =
                switch intent {
                case .requestSubmit: .submit(target.id, title: target.title)
                case .requestClose: .close(target.id, title: target.title)
                default: .duplicate(target.id, title: target.title)
                }
        case .confirm:
            guard let confirmation = state.confirmation else { return [] }
            state.confirmation = nil
            state.working = true
            switch confirmation {
            case .submit(let id, _):
                return [act("Submitted for review.") { try await repository.changeListing(id, .submit, reason: nil) }]
            case .close(let id, _):
                return [act("Listing closed.") { try await repository.changeListing(id, .close, reason: nil) }]
            case .duplicate(let id, _):
                return [act("Draft copy made.") { try await repository.duplicateListing(id) }]
            }
        case .cancel:
            state.confirmation = nil
        case .extend(let days, let capacity, let positions):
            guard let listing = state.selected?.listing else { return [] }
            let deadline = days.map { listing.deadline.addingTimeInterval(Double($0) * 86_400) }
            state.working = true
            let change = ListingExtension(deadline: deadline, capacity: capacity, positions: positions)
            return [act("Listing extended.") { try await repository.extendListing(listing.id, change) }]
        }
        return []
    }

    private func act(_ text: String, _ body: @escaping @Sendable () async throws -> Listing) -> Effect<Message> {
        Effect(key: "act") { .acted(text, await attempt { try await body() }) }
    }

    static func errors(_ fieldErrors: [FieldError]) -> [String: String] {
        // An item's error (`questions[2]`) shows at its list's field.
        Dictionary(
            fieldErrors.map { (String($0.field.prefix { $0 != "[" }), $0.message) },
            uniquingKeysWith: { first, _ in first })
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let board)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.listings = board.listings
            justSaved = nil
            if let id = keepInView, board.listings.contains(where: { $0.id == id }),
                !state.shown.contains(where: { $0.id == id })
            {
                state.query = ""
            }
            keepInView = nil
            keepSelectionShown()
        case .loaded(.failure(let failure)):
            failed(failure)
        case .institutionsLoaded(.success(let institutions)):
            state.institutions = institutions
            state.editing?.form.setInstitutions(institutions)
        case .institutionsLoaded(.failure):
            // The choice then lists only a listing's own institution; saving still works.
            break
        case .editLoaded(.success(let detail)):
            events.succeeded()
            var editing = Editing(
                listingID: detail.listing.id,
                form: ListingForm(detail.listing, timeZone: timeZone, institutions: state.institutions))
            if detail.listing.status == .published {
                editing.frozen = [.title, .description, .visibility, .institution]
            }
            state.editing = editing
        case .editLoaded(.failure(let failure)):
            failed(failure, toast: true)
        case .saved(.success(let listing)):
            events.succeeded()
            state.editing = nil
            state.selectedID = listing.id
            justSaved = listing
            keepInView = listing.id
            events.post(.toast(Toast("Saved \"\(listing.title)\" (\(listing.status.label)). s submits it for review.")))
            return handle(.load)
        case .saved(.failure(let failure)):
            state.editing?.saving = false
            let fields = Self.errors(failure.fieldErrors)
            state.editing?.errors = fields
            if fields.isEmpty { failed(failure, toast: true) } else { events.failed(failure) }
        case .acted(let text, let result):
            state.working = false
            switch result {
            case .success(let listing):
                events.succeeded()
                state.selectedID = listing.id
                keepInView = listing.id
                events.post(.toast(Toast(text)))
            case .failure(let failure):
                failed(failure, toast: true)
            }
            return handle(.load)
        }
        return []
    }

    /// The selection stays on its listing while it is shown, else moves to the first shown (none
    /// when the query hides every listing).
    private mutating func keepSelectionShown() {
        let shown = state.shown
        if state.selectedID.map({ id in !shown.contains { $0.id == id } }) ?? true {
            state.selectedID = shown.first?.id
        }
    }

    private mutating func failed(_ failure: Failure, toast: Bool = false) {
        state.loading = false
        state.working = false
        state.message = failure.message
        events.failed(failure, toast: toast)
    }
}

/// The Dashboard tab: the organization's figures, loaded from the service.
public struct EmployerDashboardViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var dashboard: EmployerDashboard?
        public var loading = false
        public var message: String?
    }

    public enum Intent: Sendable, Hashable { case load }
    public enum Message: Sendable { case loaded(Result<EmployerDashboard, Failure>) }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) { self.repository = repository }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        state.loading = true
        let repository = self.repository
        return [Effect(key: "load") { .loaded(await attempt { try await repository.employerDashboard() }) }]
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        state.loading = false
        switch message {
        case .loaded(.success(let dashboard)):
            events.succeeded()
            state.dashboard = dashboard
            state.message = nil
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.message = failure.message
        }
        return []
    }
}

/// The employer's Profile tab: their organization's profile, editable.
public struct OrganizationViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var organization: Organization?
        public var editing = false
        public var errors: [String: String] = [:]
        public var saving = false
        public var message: String?
    }

    public enum Intent: Sendable, Hashable {
        case load
        case edit(Bool)
        case save(
            name: String, industry: String, size: OrganizationSize, website: String, location: String,
            description: String)
    }

    public enum Message: Sendable {
        case loaded(Result<Organization, Failure>)
        case saved(Result<Organization, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let organizationID: OrganizationID?

    public init(repository: any EdulinkRepository, organizationID: OrganizationID?) {
        self.repository = repository
        self.organizationID = organizationID
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = self.repository
        switch intent {
        case .load:
            guard let id = organizationID else {
                state.message = "Your account belongs to no organization; ask an admin."
                return []
            }
            return [Effect(key: "load") { .loaded(await attempt { try await repository.organization(id) }) }]
        case .edit(let on):
            state.editing = on && state.organization != nil
            state.errors = [:]
        case .save(let name, let industry, let size, let website, let location, let description):
            guard var organization = state.organization, !state.saving else { return [] }
            organization.name = name
            organization.industry = industry
            organization.size = size
            organization.website = website.trimmingCharacters(in: .whitespaces).isEmpty ? nil : website
            organization.location = location
            organization.description = description
            state.saving = true
            let changed = organization
            return [Effect(key: "save") { .saved(await attempt { try await repository.updateOrganization(changed) }) }]
        }
        return []
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let organization)):
            events.succeeded()
            state.organization = organization
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.message = failure.message
        case .saved(.success(let organization)):
            events.succeeded()
            state.saving = false
            state.organization = organization
            state.editing = false
            events.post(.toast(Toast("Organization profile saved.")))
        case .saved(.failure(let failure)):
            state.saving = false
            state.errors = EmployerListingsViewModel.errors(failure.fieldErrors)
            events.failed(failure, toast: state.errors.isEmpty)
            if state.errors.isEmpty { state.message = failure.message }
        }
        return []
    }
}
