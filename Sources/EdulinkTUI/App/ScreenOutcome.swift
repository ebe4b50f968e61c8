import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// What a screen did with a key: the work to run, whether it used the key, and what it asks of the
/// shell around it (close the screen, ask a question).
struct KeyOutcome {
    var effects: [Effect<AppMessage>] = []
    var handled = true
    var request: ShellRequest?

    init(effects: [Effect<AppMessage>] = [], handled: Bool = true, request: ShellRequest? = nil) {
        self.effects = effects
        self.handled = handled
        self.request = request
    }

    /// The screen does not use this key; the shell's global keys may.
    static let unhandled = KeyOutcome(handled: false)
}

/// What a screen asks the shell for.
enum ShellRequest: Equatable {
    /// Close this screen (Esc, `q`), back to the one below.
    case pop
    /// Show a dialog; its answer goes back to whoever `purpose` names.
    case dialog(DialogState, DialogPurpose)
    /// Open a listing's detail screen.
    case openListing(ListingID)
}

/// Who answers a dialog.
enum DialogPurpose: Hashable {
    /// The Applications tab's confirmation (withdraw, accept, decline).
    case applications
    /// Deleting a saved search.
    case deleteSavedSearch
    /// Sending the application in the apply form.
    case submitApplication
    /// Naming the current search to save it.
    case saveSearch
    /// The admin Data tab's confirmation (restore, prune).
    case data
    /// Leaving the admin's organization or institution form with changes that are not saved.
    case adminOrganizations
    /// Where the Reports tab writes the table on screen.
    case exportReport
    /// Quitting (or signing out, `quit: false`) with changes that are not saved.
    case leave(quit: Bool)
}

/// What screens need to draw besides their own state.
struct DrawContext {
    /// The wall-clock time, for "closes in 3d" (from the injected time source).
    var now: Date
    /// Dates and money as text.
    var format: DisplayFormat
    /// Loop time, for spinners.
    var tick: Duration
    /// Whether the signed-in role may only look (no save, no apply).
    var readOnly: Bool
}
