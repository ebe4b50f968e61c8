public import EdulinkCore
public import Foundation

/// The admin Orgs tab: every organization (employers belong to one) and, switched with `i`, every
/// institution (students and institution admins belong to one), narrowed as you type; a form for a
/// new one or an edit whose field errors come from the service; and verification, set or withdrawn
/// at once, the last change undoable. The service checks every field and who may (and audits);
/// this keeps the lists, the selection, the form's errors and the undo.
public struct OrganizationsViewModel: Sendable {
    /// Which list is on screen.
    public enum Kind: String, Sendable, Hashable {
        case organizations, institutions
    }

    /// One organization or institution, by id.
    public enum Target: Sendable, Hashable {
        case organization(OrganizationID)
        case institution(InstitutionID)
    }

    /// What the form edits, as it was when the form opened (id 0: a new one).
    public enum Record: Sendable, Equatable {
        case organization(Organization)
        case institution(Institution)

        public var isNew: Bool {
            switch self {
            case .organization(let organization): organization.id == 0
            case .institution(let institution): institution.id == 0
            }
        }

        public var kind: Kind {
            switch self {
            case .organization: .organizations
            case .institution: .institutions
            }
        }

        public var name: String {
            switch self {
            case .organization(let organization): organization.name
            case .institution(let institution): institution.name
            }
        }
    }

    /// The open form.
    public struct Editing: Sendable, Equatable {
        public var record: Record
        /// The service's field errors, by field name (`name`, `website`, `short_code`, …).
        public var errors: [String: String] = [:]
        public var saving = false
    }

    /// A verification set (or withdrawn); `u` puts the other value back.
    public struct VerificationChange: Sendable, Equatable {
        public var target: Target
        public var name: String
        /// The value set.
        public var verified: Bool

        /// What the change did, for its toast ("Kusi Payments verified").
        public var done: String { verified ? "\(name) verified" : "\(name) is no longer verified" }
    }

    public struct State: Sendable, Equatable {
        public var kind = Kind.organizations
        public var organizations: [Organization] = []
        public var institutions: [Institution] = []
        public var selectedOrganizationID: OrganizationID?
        public var selectedInstitutionID: InstitutionID?
        /// Words the shown rows' name (and industry and location, or short code) contain.
        public var query = ""
        /// Where each list's own load stands: an empty list means none only once it has answered.
        public var organizationsLoad = ListLoad.loading
        public var institutionsLoad = ListLoad.loading

        /// Where the load of `kind`'s list stands.
        public func load(_ kind: Kind) -> ListLoad {
            kind == .organizations ? organizationsLoad : institutionsLoad
        }
        /// A verification (or its undo) is under way.
        public var working = false
        public var editing: Editing?
        /// What `u` undoes.
        public var undo: VerificationChange?
        public var message: String?

        /// The organizations shown: all, or those matching `query`.
        public var shownOrganizations: [Organization] {
            ListQuery.narrow(organizations, by: query) { [$0.name, $0.industry, $0.location] }
        }

        /// The institutions shown: all, or those matching `query`.
        public var shownInstitutions: [Institution] {
            ListQuery.narrow(institutions, by: query) { [$0.name, $0.shortCode, $0.type.rawValue] }
        }

        /// The selected organization among those shown (the first when none was chosen).
        public var selectedOrganization: Organization? {
            let shown = shownOrganizations
            return shown.first { $0.id == selectedOrganizationID } ?? shown.first
        }

        public var selectedInstitution: Institution? {
            let shown = shownInstitutions
            return shown.first { $0.id == selectedInstitutionID } ?? shown.first
        }

        /// The row of the selection in the list on screen.
        public var selectedIndex: Int {
            switch kind {
            case .organizations: shownOrganizations.firstIndex { $0.id == selectedOrganization?.id } ?? 0
            case .institutions: shownInstitutions.firstIndex { $0.id == selectedInstitution?.id } ?? 0
            }
        }

        /// How many rows the list on screen shows, and of how many.
        public var counts: (shown: Int, total: Int) {
            switch kind {
            case .organizations: (shownOrganizations.count, organizations.count)
            case .institutions: (shownInstitutions.count, institutions.count)
            }
        }
    }

    public enum Intent: Sendable, Hashable {
        case load
        /// Organizations, or institutions (the search line is cleared).
        case toggleKind
        case moveSelection(Int)
        /// The first (`false`) or the last (`true`) row shown.
        case moveToEnd(last: Bool)
        /// Shows only the rows matching these words.
        case setQuery(String)
        /// Opens the form for a new organization or institution (whichever list is shown).
        case new
        /// Opens the form on the selected one.
        case edit
        /// Saves the organization form. `verify` (a new one only) verifies it once created.
        case saveOrganization(
            name: String, industry: String, size: OrganizationSize, website: String, location: String,
            description: String, verify: Bool)
        /// Saves the institution form. `verified` is a new one's (an edit keeps the current value).
        case saveInstitution(name: String, shortCode: String, type: InstitutionType, verified: Bool)
        case cancelEdit
        /// Verifies the selected one, or withdraws its verification.
        case toggleVerified
        /// Puts back the verification the last change altered.
        case undo
    }

    /// Why a verification was set: the admin's `v`, its undo, or a new organization created verified.
    public enum Cause: Sendable, Equatable {
        case change, undo, created
    }

    public enum Message: Sendable {
        case organizationsLoaded(Result<[Organization], Failure>)
        case institutionsLoaded(Result<[Institution], Failure>)
        case organizationSaved(created: Bool, verify: Bool, Result<Organization, Failure>)
        case institutionSaved(created: Bool, Result<Institution, Failure>)
        case verificationSet(VerificationChange, Cause, Result<Void, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let now: @Sendable () -> Date

    public init(repository: any EdulinkRepository, now: @escaping @Sendable () -> Date = { Date() }) {
        self.repository = repository
        self.now = now
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.organizationsLoad = .loading
            state.institutionsLoad = .loading
            return [loadOrganizations(), loadInstitutions()]
        case .toggleKind:
            state.kind = state.kind == .organizations ? .institutions : .organizations
            state.query = ""
        case .moveSelection(let delta):
            select(state.selectedIndex + delta)
        case .moveToEnd(let last):
            select(last ? state.counts.shown - 1 : 0)
        case .setQuery(let text):
            // The selection stays on the same row when it still matches, else the first one shown.
            state.query = text
        case .new:
            guard state.editing == nil else { return [] }
            switch state.kind {
            case .organizations:
                state.editing = Editing(
                    record: .organization(
                        Organization(
                            name: "", industry: "", size: .small, location: "", description: "", createdAt: now())
                    ))
            case .institutions:
                state.editing = Editing(
                    record: .institution(Institution(name: "", shortCode: "", type: .university, verified: false)))
            }
        case .edit:
            guard state.editing == nil else { return [] }
            switch state.kind {
            case .organizations:
                guard let organization = state.selectedOrganization else { return [] }
                state.editing = Editing(record: .organization(organization))
            case .institutions:
                guard let institution = state.selectedInstitution else { return [] }
                state.editing = Editing(record: .institution(institution))
            }
        case .saveOrganization(let name, let industry, let size, let website, let location, let description, let verify):
            guard let editing = state.editing, !editing.saving, case .organization(var organization) = editing.record
            else { return [] }
            organization.name = name
            organization.industry = industry
            organization.size = size
            organization.website = website.trimmingCharacters(in: .whitespaces).isEmpty ? nil : website
            organization.location = location
            organization.description = description
            return saving { [repository, organization] in
                let created = organization.id == 0
                let result = await attempt {
                    created
                        ? try await repository.createOrganization(organization)
                        : try await repository.updateOrganization(organization)
                }
                return .organizationSaved(created: created, verify: created && verify, result)
            }
        case .saveInstitution(let name, let shortCode, let type, let verified):
            guard let editing = state.editing, !editing.saving, case .institution(var institution) = editing.record
            else { return [] }
            institution.name = name
            institution.shortCode = shortCode
            institution.type = type
            if institution.id == 0 { institution.verified = verified }
            return saving { [repository, institution] in
                let created = institution.id == 0
                let result = await attempt {
                    created
                        ? try await repository.createInstitution(institution)
                        : try await repository.updateInstitution(institution)
                }
                return .institutionSaved(created: created, result)
            }
        case .cancelEdit:
            state.editing = nil
        case .toggleVerified:
            guard !state.working, state.editing == nil else { return [] }
            let change: VerificationChange
            switch state.kind {
            case .organizations:
                guard let organization = state.selectedOrganization else { return [] }
                change = VerificationChange(
                    target: .organization(organization.id), name: organization.name, verified: !organization.verified)
            case .institutions:
                guard let institution = state.selectedInstitution else { return [] }
                change = VerificationChange(
                    target: .institution(institution.id), name: institution.name, verified: !institution.verified)
            }
            return [setVerified(change, .change)]
        case .undo:
            guard !state.working, state.editing == nil else { return [] }
            guard let last = state.undo else {
                events.post(.toast(Toast("Nothing to undo.")))
                return []
            }
            state.undo = nil
            var back = last
            back.verified.toggle()
            return [setVerified(back, .undo)]
        }
        return []
    }

    private mutating func select(_ wanted: Int) {
        switch state.kind {
        case .organizations:
            let shown = state.shownOrganizations
            guard !shown.isEmpty else { return }
            state.selectedOrganizationID = shown[min(max(wanted, 0), shown.count - 1)].id
        case .institutions:
            let shown = state.shownInstitutions
            guard !shown.isEmpty else { return }
            state.selectedInstitutionID = shown[min(max(wanted, 0), shown.count - 1)].id
        }
    }

    private mutating func saving(_ body: @escaping @Sendable () async -> Message) -> [Effect<Message>] {
        state.editing?.saving = true
        state.editing?.errors = [:]
        return [Effect(key: "save", body)]
    }

    private func loadOrganizations() -> Effect<Message> {
        let repository = self.repository
        return Effect(key: "organizations") {
            .organizationsLoaded(await attempt { try await repository.allOrganizations() })
        }
    }

    private func loadInstitutions() -> Effect<Message> {
        let repository = self.repository
        return Effect(key: "institutions") {
            .institutionsLoaded(
                await attempt {
                    try await repository.institutions().sorted {
                        $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending
                    }
                })
        }
    }

    private mutating func setVerified(_ change: VerificationChange, _ cause: Cause) -> Effect<Message> {
        state.working = true
        let repository = self.repository
        return Effect(key: "verify") {
            .verificationSet(
                change, cause,
                await attempt {
                    switch change.target {
                    case .organization(let id):
                        try await repository.setOrganizationVerified(id, verified: change.verified)
                    case .institution(let id):
                        _ = try await repository.setInstitutionVerified(id, verified: change.verified)
                    }
                })
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .organizationsLoaded(.success(let organizations)):
            events.succeeded()
            state.message = nil
            state.organizations = organizations
            state.organizationsLoad = .loaded
        case .institutionsLoaded(.success(let institutions)):
            events.succeeded()
            state.institutions = institutions
            state.institutionsLoad = .loaded
        case .organizationsLoaded(.failure(let failure)), .institutionsLoaded(.failure(let failure)):
            if case .organizationsLoaded = message {
                state.organizationsLoad = .failed
            } else {
                state.institutionsLoad = .failed
            }
            events.failed(failure)
            state.message = failure.message
        case .organizationSaved(let created, let verify, .success(let organization)):
            events.succeeded()
            state.editing = nil
            state.kind = .organizations
            state.selectedOrganizationID = organization.id
            if verify {
                let change = VerificationChange(
                    target: .organization(organization.id), name: organization.name, verified: true)
                // Its reload follows the verification.
                return [setVerified(change, .created)]
            }
            events.post(
                .toast(
                    Toast(
                        created
                            ? "Created \(organization.name) (not verified yet: v verifies it)."
                            : "Saved \(organization.name).")))
            return [loadOrganizations()]
        case .institutionSaved(let created, .success(let institution)):
            events.succeeded()
            state.editing = nil
            state.kind = .institutions
            state.selectedInstitutionID = institution.id
            events.post(
                .toast(
                    Toast(
                        created
                            ? "Created \(institution.name) (\(institution.shortCode))." : "Saved \(institution.name)."))
            )
            return [loadInstitutions()]
        case .organizationSaved(_, _, .failure(let failure)), .institutionSaved(_, .failure(let failure)):
            state.editing?.saving = false
            let fields = EmployerListingsViewModel.errors(failure.fieldErrors)
            state.editing?.errors = fields
            events.failed(failure, toast: fields.isEmpty)
        case .verificationSet(let change, let cause, .success):
            events.succeeded()
            state.working = false
            apply(change)
            switch cause {
            case .change:
                state.undo = change
                events.post(.toast(Toast("\(change.done) · u undoes")))
            case .undo:
                events.post(.toast(Toast("Undone: \(change.done)")))
            case .created:
                events.post(.toast(Toast("Created and verified \(change.name).")))
            }
            switch change.target {
            case .organization: return [loadOrganizations()]
            case .institution: return [loadInstitutions()]
            }
        case .verificationSet(let change, let cause, .failure(let failure)):
            state.working = false
            // An undo that failed can be tried again.
            if cause == .undo {
                var last = change
                last.verified.toggle()
                state.undo = last
            }
            events.failed(failure, toast: true)
        }
        return []
    }

    /// Shows the change in the list before the reload confirms it.
    private mutating func apply(_ change: VerificationChange) {
        switch change.target {
        case .organization(let id):
            if let index = state.organizations.firstIndex(where: { $0.id == id }) {
                state.organizations[index].verified = change.verified
            }
        case .institution(let id):
            if let index = state.institutions.firstIndex(where: { $0.id == id }) {
                state.institutions[index].verified = change.verified
            }
        }
    }
}

extension OrganizationsViewModel: ViewModel {}
