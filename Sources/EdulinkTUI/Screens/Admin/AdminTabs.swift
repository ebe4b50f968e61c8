import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The admin's own tabs — Users, Listings (the verification queue), Security and Audit — with the
/// questions they ask (confirmations, the role picker, the send-back reason, the export path) drawn
/// and answered here, so the shell only forwards keys, messages and drawing to one place.
struct AdminTabs {
    static let owned: Set<ShellTab> = [.users, .verification, .security, .audit]

    var users: UsersScreen
    var verification: VerificationScreen
    var security: SecurityScreen
    var audit: AuditScreen
    /// The question on screen and what its answer is for.
    var question: AdminQuestion?

    /// The tabs hosted: all four for an admin; an institution admin's Listings only.
    let hosted: Set<ShellTab>

    init(
        repository: any EdulinkRepository, timeZone: TimeZone, now: @escaping @Sendable () -> Date,
        only tabs: Set<ShellTab> = owned
    ) {
        hosted = tabs
        users = UsersScreen(model: UsersViewModel(repository: repository))
        verification = VerificationScreen(
            model: VerificationViewModel(repository: repository, institution: tabs == [.verification]))
        security = SecurityScreen(model: SecurityViewModel(repository: repository, now: now))
        audit = AuditScreen(model: AuditViewModel(repository: repository, timeZone: timeZone, now: now))
    }

    /// Loads what `tab` shows.
    mutating func show(_ tab: ShellTab) -> [Effect<AppMessage>] {
        switch tab {
        case .users: return users.send(.load)
        case .verification: return verification.send(.load)
        case .security: return security.send(.load)
        case .audit: return audit.send(.load)
        default: return []
        }
    }

    func capturesText(_ tab: ShellTab) -> Bool {
        if question != nil { return true }
        switch tab {
        case .users: return users.capturesText
        case .verification: return verification.capturesText
        case .audit: return audit.capturesText
        default: return false
        }
    }

    /// The keys of `tab` for the status bar and the help overlay.
    func help(for tab: ShellTab, filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        func pack<A>(_ table: KeyTable<A>) -> (sections: [HelpSection], hints: [KeyHint]) {
            (table.helpSections(filter: filter), table.hints)
        }
        if question != nil { return pack(AdminQuestion.keys) }
        switch tab {
        case .users: return pack(users.activeKeys)
        case .verification: return pack(verification.activeKeys)
        case .security: return pack(SecurityScreen.keys)
        default: return pack(audit.activeKeys)
        }
    }

    // MARK: Keys

    mutating func handle(_ key: Key, tab: ShellTab, area: Rect) -> KeyOutcome {
        if question != nil { return KeyOutcome(effects: answer(key)) }
        let outcome: KeyOutcome
        let ask: AdminQuestion?
        switch tab {
        case .users: (outcome, ask) = users.handle(key, area: area)
        case .verification: (outcome, ask) = verification.handle(key, area: area)
        case .security: return security.handle(key, area: area)
        case .audit: (outcome, ask) = audit.handle(key, area: area)
        default: return .unhandled
        }
        question = ask
        return outcome
    }

    private mutating func answer(_ key: Key) -> [Effect<AppMessage>] {
        guard var current = question else { return [] }
        switch current.handle(key) {
        case .pending:
            question = current
            return []
        case .cancelled:
            question = nil
            return current.purpose == .userAction ? users.send(.cancel) : []
        case .confirmed(let text):
            question = nil
            return confirmed(current.purpose, text)
        }
    }

    private mutating func confirmed(_ purpose: AdminQuestionPurpose, _ text: String) -> [Effect<AppMessage>] {
        switch purpose {
        case .userAction:
            return users.send(.confirm)
        case .pickRole:
            guard let role = EdulinkCore.Role.allCases.first(where: { DisplayFormat.words($0.rawValue) == text }),
                let user = users.model.state.selected
            else { return [] }
            if role == user.role { return [] }
            var effects = users.send(.request(.setRole(role)))
            if let pending = users.model.state.pending {
                question = .userAction(pending.action, pending.user)
            } else {
                effects = []
            }
            return effects
        case .sendBackReason:
            return verification.send(.sendBackSelected(reason: text))
        case .exportPath:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return [] }
            return audit.send(.export(path: path))
        }
    }

    // MARK: Drawing

    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        switch tab {
        case .users: users.draw(into: &frame, area: area, context: context)
        case .verification: verification.draw(into: &frame, area: area, context: context)
        case .security: security.draw(into: &frame, area: area, context: context)
        case .audit: audit.draw(into: &frame, area: area, context: context)
        default: break
        }
        question?.draw(into: &frame, area: area)
    }
}

/// A question an admin screen asks, and what its answer is for.
typealias AdminQuestion = ScreenQuestion<AdminQuestionPurpose>

/// What an admin question's answer is for.
enum AdminQuestionPurpose: Equatable {
    /// Confirms the change the Users tab is holding.
    case userAction
    /// Picks the new role of the selected account.
    case pickRole
    /// The reason a listing goes back to its employer.
    case sendBackReason
    /// Where the audit export is written.
    case exportPath
}

extension ScreenQuestion where Purpose == AdminQuestionPurpose {
    static let keys = KeyTable<Int>([
        KeyBinding(["enter"], hint: "answer", "Answer", group: "Question", action: 0),
        KeyBinding(["esc"], hint: "cancel", "Cancel", group: "Question", action: 1),
    ])

    static func userAction(_ action: UsersViewModel.Action, _ user: UserSummary) -> AdminQuestion {
        let title =
            switch action {
            case .setRole: "Change role"
            case .lock: "Lock account"
            case .unlock: "Unlock account"
            case .disable: "Disable account"
            case .resetPassword: "Reset password"
            case .verifyOrganization: "Verify organization"
            }
        return AdminQuestion(
            .confirm(
                title, message: action.question(for: user), defaultYes: !action.dangerous, dangerous: action.dangerous),
            .userAction)
    }

    /// The roles to pick from, starting on the user's current one: Enter alone changes nothing.
    static func pickRole(for user: UserSummary) -> AdminQuestion {
        let roles = EdulinkCore.Role.allCases
        return AdminQuestion(
            pick: "Role of \(user.email)", roles.map { DisplayFormat.words($0.rawValue) },
            selected: roles.firstIndex(of: user.role) ?? 0, .pickRole)
    }

    static func sendBackReason(_ title: String) -> AdminQuestion {
        AdminQuestion(
            .prompt("Send back", message: "Why does \"\(title)\" go back to its employer? (required)", maxLength: 500),
            .sendBackReason)
    }

    static func exportPath(suggestion: String) -> AdminQuestion {
        AdminQuestion(
            .prompt(
                "Export audit (CSV)", message: "Write the filtered events to this file:", initial: suggestion,
                maxLength: 500),
            .exportPath)
    }
}

extension AdminTabs: HostedScreen {
    var tabs: Set<ShellTab> { hosted }
    mutating func show(_ tab: ShellTab, area: Rect) -> [Effect<AppMessage>] { show(tab) }
    mutating func handle(_ key: Key, on tab: ShellTab, area: Rect, context: DrawContext) -> KeyOutcome {
        handle(key, tab: tab, area: area)
    }
    mutating func receive(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>]? {
        switch message {
        case .adminUsers(let message): users.receive(message)
        case .adminVerification(let message): verification.receive(message)
        case .adminSecurity(let message): security.receive(message)
        case .adminAudit(let message): audit.receive(message)
        default: nil
        }
    }
    func capturesText(on tab: ShellTab) -> Bool { capturesText(tab) }
}
