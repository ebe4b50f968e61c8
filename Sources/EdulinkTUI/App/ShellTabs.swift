import EdulinkCore
import EdulinkViewModels

/// The tabs the terminal app shows for a role. Students get their five screens. The other roles get
/// what this build has for them — Browse (read-only) and Notifications — and a note naming the
/// screens their role's tabs will hold.
enum ShellTabs {
    static func tabs(for role: EdulinkCore.Role) -> [ShellTab] {
        switch role {
        case .student, .employer: ShellTab.tabs(for: role)
        case .admin: [.health, .browse, .notifications, .data]
        default: [.browse, .notifications]
        }
    }

    /// For roles whose own screens are not in this build: what those tabs will hold.
    static func note(for role: EdulinkCore.Role) -> String? {
        switch role {
        case .student, .employer:
            return nil
        case .admin:
            return "Admin tabs Users, Listings verification, Security, Audit are not in this build. "
                + "Browse is read-only; use 'edulink db', 'edulink user' and 'edulink doctor' meanwhile."
        case .institutionAdmin:
            return "Institution tabs — your students' applications and placements, listing verification — are not in "
                + "this build. Browse is read-only."
        case .supervisor:
            return
                "Supervisor tabs — weekly logbooks and intern evaluations — are not in this build. Browse is read-only."
        }
    }
}
