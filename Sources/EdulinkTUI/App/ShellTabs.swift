import EdulinkCore
import EdulinkViewModels

/// The tabs the terminal app shows for a role. Students, employers, supervisors and admins get their
/// own tabs (PRODUCT.md, "Screens and keys"; PLACEMENTS.md). Institution admins get what this build
/// has for them — Students (codes, imports), their students' Placements, Listings (verification and
/// where their students applied), Notifications and Browse (read-only) — and a note naming the screens
/// their tabs will hold.
enum ShellTabs {
    /// For roles whose own screens are not in this build: what those tabs will hold.
    static func note(for role: EdulinkCore.Role) -> String? {
        switch role {
        case .student, .employer, .admin, .supervisor, .institutionAdmin:
            return nil
        }
    }
}
