import EdulinkViewModels
import TerminalKit

/// What `a` and `s` say on a listing to a role that browses without applying or saving
/// (institution admins, supervisors): the student keys answer instead of doing nothing.
enum ReadOnlyListingKeys {
    static func notice(for key: Key) -> AppEvent? {
        switch key {
        case "a": .toast(Toast("Only students apply to listings; you can browse and open them.", kind: .error))
        case "s": .toast(Toast("Only students save listings; you can browse and open them.", kind: .error))
        default: nil
        }
    }
}
