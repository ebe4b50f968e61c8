public import EdulinkCore

/// A tab of the shell; number keys switch between a role's tabs.
public enum ShellTab: String, Sendable, Equatable, CaseIterable {
    case browse, saved, applications, notifications, profile
    case listings, applicants, dashboard
    case health, users, verification, security, audit, data, organizations
    case students, logbooks, reports
    case placement, interns, evaluations, placements

    /// The tab's label.
    public var title: String {
        switch self {
        case .browse: "Browse"
        case .saved: "Saved"
        case .applications: "Applications"
        case .notifications: "Notifications"
        case .profile: "Profile"
        case .listings, .verification: "Listings"
        case .applicants: "Applicants"
        case .dashboard: "Dashboard"
        case .health: "Health"
        case .users: "Users"
        case .security: "Security"
        case .audit: "Audit"
        case .data: "Data"
        case .organizations: "Orgs"
        case .students: "Students"
        case .logbooks: "Logbooks"
        case .reports: "Reports"
        case .placement: "Placement"
        case .interns: "Interns"
        case .evaluations: "Evaluations"
        case .placements: "Placements"
        }
    }

    /// The tabs of a signed-in user: their role's, or only Profile while an account that signed in
    /// with a one-time code has not set its own password (nothing else works until it does).
    public static func tabs(for user: UserSummary) -> [ShellTab] {
        let tabs = tabs(for: user.role)
        return user.mustChangePassword && tabs.contains(.profile) ? [.profile] : tabs
    }

    /// The tabs of a role, in number-key order (PRODUCT.md, "Screens and keys").
    public static func tabs(for role: Role) -> [ShellTab] {
        switch role {
        case .student: [.browse, .saved, .applications, .notifications, .profile, .placement]
        case .employer: [.listings, .applicants, .dashboard, .notifications, .profile, .placements]
        case .admin: [.health, .users, .verification, .security, .audit, .data, .organizations]
        case .institutionAdmin: [.students, .placements, .verification, .reports, .notifications, .browse]
        case .supervisor: [.interns, .logbooks, .evaluations, .notifications, .profile]
        }
    }
}
