import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The employer's own tabs — Listings, Applicants, Dashboard and Profile (the organization) — with
/// the questions they ask (confirmations, interview time and place, offer expiry, rejection reason,
/// notes, rating, export path) drawn and answered here, so the shell only forwards keys, messages
/// and drawing to one place.
struct EmployerTabs {
    static let owned: Set<ShellTab> = [.listings, .applicants, .dashboard, .profile]

    var listings: EmployerListingsScreen
    var applicants: ApplicantsScreen
    var dashboard: EmployerDashboardScreen
    var organization: OrganizationScreen
    /// The question on screen and what its answer is for.
    var question: EmployerQuestion?
    let timeZone: TimeZone
    let now: @Sendable () -> Date

    init(repository: any EdulinkRepository, user: UserSummary, timeZone: TimeZone, now: @escaping @Sendable () -> Date)
    {
        listings = EmployerListingsScreen(model: EmployerListingsViewModel(repository: repository, timeZone: timeZone))
        applicants = ApplicantsScreen(model: ApplicantsViewModel(repository: repository))
        dashboard = EmployerDashboardScreen(model: EmployerDashboardViewModel(repository: repository))
        organization = OrganizationScreen(
            model: OrganizationViewModel(repository: repository, organizationID: user.organizationID))
        self.timeZone = timeZone
        self.now = now
    }

    /// Shows one application on the Applicants tab (a notification about it was opened).
    mutating func showApplication(_ id: ApplicationID) -> [Effect<AppMessage>] { applicants.send(.show(id)) }

    /// Loads what `tab` shows.
    mutating func show(_ tab: ShellTab) -> [Effect<AppMessage>] {
        switch tab {
        case .listings: return listings.send(.load)
        case .applicants:
            // The listing chosen on the Listings tab, when it has applicants.
            let chosen = listings.model.state.selected.flatMap { $0.total > 0 ? $0.id : nil }
            return applicants.send(.load(chosen))
        case .dashboard: return dashboard.send(.load)
        case .profile: return organization.send(.load)
        default: return []
        }
    }

    var capturesText: Bool {
        question != nil || listings.model.state.editing != nil || listings.search.active || applicants.search.active
            || organization.form != nil
    }

    /// The keys of `tab` for the status bar and the help overlay.
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        if question != nil {
            let keys = KeyTable<Int>([
                KeyBinding(["enter"], hint: "answer", "Answer", group: "Question", action: 0),
                KeyBinding(["esc"], hint: "cancel", "Cancel", group: "Question", action: 1),
            ])
            return (keys.helpSections(filter: filter), keys.hints)
        }
        switch tab {
        case .listings: return listings.help(filter: filter)
        case .applicants: return applicants.help(filter: filter)
        case .dashboard:
            return (EmployerDashboardScreen.keys.helpSections(filter: filter), EmployerDashboardScreen.keys.hints)
        default: return organization.help(filter: filter)
        }
    }

    // MARK: Keys

    mutating func handle(_ key: Key, tab: ShellTab, area: Rect) -> KeyOutcome {
        if question != nil { return KeyOutcome(effects: answer(key)) }
        switch tab {
        case .listings:
            let (outcome, ask) = listings.handle(key, area: area)
            question = ask
            return outcome
        case .applicants:
            let (outcome, ask) = applicants.handle(key, now: now(), area: area)
            question = ask
            return outcome
        case .dashboard: return dashboard.handle(key)
        case .profile:
            let (outcome, ask) = organization.handle(key)
            question = ask
            return outcome
        default: return .unhandled
        }
    }

    /// What would be lost on quitting: the open forms with changes that are not saved.
    var unsavedWork: [String] {
        (listings.hasUnsavedChanges ? ["the listing form"] : [])
            + (organization.hasUnsavedChanges ? ["the organization profile"] : [])
    }

    private mutating func answer(_ key: Key) -> [Effect<AppMessage>] {
        guard var current = question else { return [] }
        switch current.handle(key) {
        case .pending:
            question = current
            return []
        case .cancelled:
            question = nil
            return cancelled(current.purpose)
        case .confirmed(let text):
            question = nil
            return confirmed(current.purpose, text)
        }
    }

    private mutating func cancelled(_ purpose: EmployerQuestionPurpose) -> [Effect<AppMessage>] {
        switch purpose {
        case .listingAction: return listings.send(.cancel)
        case .bulk: return applicants.send(.cancelBulk)
        default: return []
        }
    }

    private mutating func confirmed(_ purpose: EmployerQuestionPurpose, _ text: String) -> [Effect<AppMessage>] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .listingAction:
            return listings.send(.confirm)
        case .discardListingForm:
            return listings.send(.cancelEdit)
        case .discardOrganization:
            return organization.discard()
        case .extendDays:
            question = .extendCapacity(days: Int(trimmed), current: listings.model.state.selected?.listing)
        case .extendCapacity(let days):
            question = .extendPositions(days: days, capacity: Int(trimmed))
        case .extendPositions(let days, let capacity):
            return listings.send(.extend(deadlineDays: days, capacity: capacity, positions: Int(trimmed)))
        case .interviewWhen(let bulk):
            question = .interviewWhere(when: trimmed, bulk: bulk)
        case .interviewWhere(let when, let bulk):
            return decide(DecisionInput.interview(at: when, place: text, timeZone: timeZone, now: now()), bulk: bulk)
        case .offerDays(let bulk):
            return decide(DecisionInput.offer(days: trimmed, now: now()), bulk: bulk)
        case .rejectReason(let bulk):
            let reason = RejectionReason.allCases.first { $0.label == text } ?? .other
            if reason == .other {
                question = .rejectNote(bulk: bulk)
                return []
            }
            return decide(.success(.reject(Rejection(reason: reason))), bulk: bulk)
        case .rejectNote(let bulk):
            return decide(.success(.reject(Rejection(reason: .other, note: text))), bulk: bulk)
        case .bulk:
            return applicants.send(.confirmBulk)
        case .rating:
            if trimmed.isEmpty { return applicants.send(.rate(nil)) }
            guard let value = Int(trimmed) else { return applicants.toast("Rating: a number from 1 to 5.") }
            return applicants.send(.rate(value))
        case .notes:
            return applicants.send(.setNotes(text))
        case .exportPath:
            guard !trimmed.isEmpty else { return [] }
            return applicants.send(.export(path: trimmed))
        }
        return []
    }

    /// One decision: on the marked applicants (previewed, then confirmed) or on the one on screen.
    private mutating func decide(_ move: Result<ApplicationMove, Failure>, bulk: Bool) -> [Effect<AppMessage>] {
        switch move {
        case .failure(let failure):
            return applicants.toast(failure.message)
        case .success(let move):
            guard bulk else { return applicants.send(.decide(move)) }
            let effects = applicants.send(.previewBulk(move))
            if let preview = applicants.model.state.preview {
                question = .bulkConfirm(preview)
            }
            return effects
        }
    }

    // MARK: Drawing

    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        switch tab {
        case .listings: listings.draw(into: &frame, area: area, context: context)
        case .applicants: applicants.draw(into: &frame, area: area, context: context)
        case .dashboard: dashboard.draw(into: &frame, area: area, context: context)
        case .profile: organization.draw(into: &frame, area: area, context: context)
        default: break
        }
        question?.draw(into: &frame, area: area)
    }
}

/// A question an employer screen asks, and what the answer is for.
typealias EmployerQuestion = ScreenQuestion<EmployerQuestionPurpose>

/// What an employer question's answer is for.
enum EmployerQuestionPurpose: Equatable {
    case listingAction
    /// Leaving the listing form with changes that are not saved.
    case discardListingForm
    /// Leaving the organization form with changes that are not saved.
    case discardOrganization
    case extendDays
    case extendCapacity(days: Int?)
    case extendPositions(days: Int?, capacity: Int?)
    case interviewWhen(bulk: Bool)
    case interviewWhere(when: String, bulk: Bool)
    case offerDays(bulk: Bool)
    case rejectReason(bulk: Bool)
    case rejectNote(bulk: Bool)
    case bulk
    case rating
    case notes
    case exportPath
}

extension ScreenQuestion where Purpose == EmployerQuestionPurpose {
    // MARK: The questions

    static func listingAction(_ confirmation: EmployerListingsViewModel.Confirmation) -> EmployerQuestion {
        let (title, dangerous): (String, Bool) =
            switch confirmation {
            case .submit: ("Submit for review", false)
            case .close: ("Close listing", true)
            case .duplicate: ("Duplicate listing", false)
            }
        return EmployerQuestion(
            .confirm(title, message: confirmation.question, defaultYes: !dangerous, dangerous: dangerous),
            .listingAction)
    }

    static func extendDays() -> EmployerQuestion {
        EmployerQuestion(
            .prompt(
                "Extend (1 of 3)", message: "Move the deadline later by how many days? (empty: keep it)", maxLength: 4),
            .extendDays)
    }

    static func extendCapacity(days: Int?, current: ListingSummary?) -> EmployerQuestion {
        EmployerQuestion(
            .prompt("Extend (2 of 3)", message: "New capacity (maximum applications)? (empty: keep it)", maxLength: 6),
            .extendCapacity(days: days))
    }

    static func extendPositions(days: Int?, capacity: Int?) -> EmployerQuestion {
        EmployerQuestion(
            .prompt("Extend (3 of 3)", message: "New number of positions? (empty: keep it)", maxLength: 4),
            .extendPositions(days: days, capacity: capacity))
    }

    static func interviewWhen(bulk: Bool, suggestion: String) -> EmployerQuestion {
        EmployerQuestion(
            .prompt(
                "Schedule interview", message: "When? YYYY-MM-DD HH:MM (your time zone)", initial: suggestion,
                maxLength: 16),
            .interviewWhen(bulk: bulk))
    }

    static func interviewWhere(when: String, bulk: Bool) -> EmployerQuestion {
        EmployerQuestion(
            .prompt("Schedule interview", message: "Where? (an address or a video link)", maxLength: 200),
            .interviewWhere(when: when, bulk: bulk))
    }

    static func offerDays(bulk: Bool) -> EmployerQuestion {
        EmployerQuestion(
            .prompt("Make an offer", message: "The offer stays open for how many days?", initial: "14", maxLength: 3),
            .offerDays(bulk: bulk))
    }

    static func rejectReason(bulk: Bool) -> EmployerQuestion {
        EmployerQuestion(pick: "Reject: why?", RejectionReason.allCases.map(\.label), .rejectReason(bulk: bulk))
    }

    static func rejectNote(bulk: Bool) -> EmployerQuestion {
        EmployerQuestion(
            .prompt("Reject: other", message: "Say why (required for \"other\").", maxLength: 1000),
            .rejectNote(bulk: bulk))
    }

    static func bulkConfirm(_ preview: ApplicantsViewModel.BulkPreview) -> EmployerQuestion {
        let names = preview.moving.prefix(5).map(\.name).joined(separator: ", ")
        let more = preview.moving.count > 5 ? " and \(preview.moving.count - 5) more" : ""
        return EmployerQuestion(
            .confirm(
                "Bulk: \(preview.move.target.label)",
                message: "\(preview.summary). \(names)\(more). One batch; u undoes it.",
                dangerous: preview.move.target == .rejected), .bulk)
    }
}

extension EmployerTabs: HostedScreen {
    var tabs: Set<ShellTab> { Self.owned }
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>] { show(tab) }
    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome {
        handle(key, tab: tab, area: area)
    }
    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]? {
        switch message {
        case .employerListings(let message): listings.receive(message)
        case .employerApplicants(let message): applicants.receive(message)
        case .employerDashboard(let message): dashboard.receive(message)
        case .organization(let message): organization.receive(message)
        default: nil
        }
    }
    func capturesText(on tab: ShellTab) -> Bool { capturesText }
}
