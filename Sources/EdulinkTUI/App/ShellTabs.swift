import EdulinkCore
import EdulinkViewModels

/// The tabs the terminal app shows for a role. Students, employers, supervisors and admins get their
/// own tabs (PRODUCT.md, "Screens and keys"; PLACEMENTS.md). Institution admins get what this build
/// has for them — Students (with registration codes), their students' Placements, Browse (read-only)
/// and Notifications — and a note naming the screens their tabs will hold.
enum ShellTabs {
    /// For roles whose own screens are not in this build: what those tabs will hold.
    static func note(for role: EdulinkCore.Role) -> String? {
        switch role {
        case .student, .employer, .admin, .supervisor:
            return nil
        case .institutionAdmin:
            return "Listing verification and reports are not in this build; Students (with registration codes) and "
                + "Placements are. Browse is read-only."
        }
    }
}
