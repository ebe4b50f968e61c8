import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// A listing on the whole screen: everything about it, the skill match, and why the student can or
/// cannot apply. `a` applies, `s` saves, `o` opens the student's application to it.
struct ListingDetailScreen {
    enum Intent: Hashable { case apply, save, openApplication, back }

    static let studentKeys = KeyTable<Intent>([
        KeyBinding(["a"], hint: "apply", "Apply to this listing", group: "Listing", action: .apply),
        KeyBinding(["s"], hint: "save", "Save or unsave", group: "Listing", action: .save),
        KeyBinding(
            ["o"], hint: "my application", "Open your application to it", group: "Listing", action: .openApplication),
        KeyBinding(["esc", "q"], hint: "back", "Back", group: "Listing", action: .back),
    ])
    static let readOnlyKeys = KeyTable<Intent>([
        KeyBinding(["esc", "q"], hint: "back", "Back", group: "Listing", action: .back)
    ])
    static let scrollKeys = KeyTable<Intent>([
        KeyBinding(["j", "down", "k", "up"], "Scroll the text", group: "Scroll", action: .back),
        KeyBinding(["pgdn", "pgup", "g", "G"], "Page down / up, top / bottom", group: "Scroll", action: .back),
    ])

    private(set) var model: ListingDetailViewModel
    let readOnly: Bool
    var scroll = ScrollState()

    init(model: ListingDetailViewModel, readOnly: Bool) {
        self.model = model
        self.readOnly = readOnly
    }

    var keys: KeyTable<Intent> { readOnly ? Self.readOnlyKeys : Self.studentKeys }

    /// Answers of the screen itself (a student key pressed by another role).

    mutating func send(_ intent: ListingDetailViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "detail.") { .detail($0) }
    }

    mutating func receive(_ message: ListingDetailViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "detail.") { .detail($0) }
    }

    mutating func handle(_ key: Key, area: Rect, context: DrawContext) -> KeyOutcome {
        if let intent = keys.action(for: key) {
            switch intent {
            case .apply: return KeyOutcome(effects: send(.apply))
            case .save: return KeyOutcome(effects: send(.toggleSaved))
            case .openApplication: return KeyOutcome(effects: send(.openMyApplication))
            case .back: return KeyOutcome(request: .pop)
            }
        }
        if readOnly, let notice = ReadOnlyListingKeys.notice(for: key) {
            return KeyOutcome(effects: [.post(notice)])
        }
        let body = Self.body(area)
        let height =
            model.state.detail.map { ListingDetailView.text($0, context: context).lines(width: body.width - 1).count }
            ?? 0
        return scroll.handle(key, contentHeight: height, viewportHeight: body.height) ? KeyOutcome() : .unhandled
    }

    private static func body(_ area: Rect) -> Rect { area.inset(horizontal: 2, vertical: 1) }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(
            title: state.detail?.listing.title ?? "Listing", focused: true, border: .rounded,
            trailingTitle: state.detail.map { "#\($0.listing.id.rawValue)" })
        frame.buffer.fill(area)
        panel.draw(into: &frame.buffer, area: area)
        let body = Self.body(area)
        var top = body
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: body.row(0), style: Style(EdulinkRoles.fieldError, adding: .bold))
            top = Rect(x: body.x, y: body.y + 2, width: body.width, height: max(0, body.height - 2))
        }
        if let detail = state.detail {
            ListingDetailView.text(detail, context: context).draw(into: &frame.buffer, area: top, scroll: scroll.offset)
        } else if state.loading {
            Spinner("loading the listing…", now: context.tick).draw(into: &frame.buffer, area: top.row(0))
        }
    }
}
