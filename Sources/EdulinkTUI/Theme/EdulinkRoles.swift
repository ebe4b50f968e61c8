import EdulinkCore
import TerminalKit

/// The roles Edulink's screens draw with beyond TerminalKit's core ones.
enum EdulinkRoles {
    /// The badge of an application status: `state.pending`, `state.offered`, …
    static func state(_ status: ApplicationStatus) -> TerminalKit.Role {
        TerminalKit.Role("state.\(status.rawValue)")
    }

    /// An unread notification.
    static let unread: TerminalKit.Role = "unread"
    /// A message next to a form field.
    static let fieldError: TerminalKit.Role = "field.error"
    /// The offline banner.
    static let banner: TerminalKit.Role = "banner"

    /// Which core role each added role looks like when a theme does not define it.
    static let fallbacks: [(TerminalKit.Role, TerminalKit.Role)] =
        ApplicationStatus.allCases.map { (state($0), stateFallback($0)) } + [
            (unread, .accent), (fieldError, .critical), (banner, .critical),
        ]

    private static func stateFallback(_ status: ApplicationStatus) -> TerminalKit.Role {
        switch status {
        case .pending, .reviewed: return .info
        case .shortlisted, .interviewScheduled: return .accent
        case .offered: return .warning
        case .accepted: return .ok
        case .rejected: return .critical
        case .declined, .withdrawn: return .muted
        }
    }

    /// `theme` with every Edulink role it leaves out borrowed from the core role it resembles, so
    /// status badges keep their meaning in any theme (a user theme may still set `state.*` itself).
    static func prepare(_ theme: Theme) -> Theme {
        var prepared = theme
        for (role, fallback) in fallbacks where theme.roles[role.name] == nil {
            prepared.roles[role.name] = theme.appearance(of: fallback)
        }
        return prepared
    }
}
