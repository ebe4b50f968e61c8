import TerminalKit

/// A question a screen asks over itself — a dialog (confirm or prompt) or a pick from a list — and
/// what its answer is for.
struct ScreenQuestion<Purpose: Equatable> {
    var dialog: DialogState?
    /// For picking from a list (a rejection reason, a role).
    var picker: SelectListState?
    var pickerTitle = ""
    var purpose: Purpose

    init(_ dialog: DialogState, _ purpose: Purpose) {
        self.dialog = dialog
        self.purpose = purpose
    }

    /// A pick from `items`, starting on `selected` (the current value, so Enter keeps it).
    init(pick title: String, _ items: [String], selected: Int = 0, _ purpose: Purpose) {
        picker = SelectListState(items: items, selected: selected)
        pickerTitle = title
        self.purpose = purpose
    }

    mutating func handle(_ key: Key) -> DialogState.Outcome {
        if var picker {
            if key.code == .escape { return .cancelled }
            let outcome = picker.handle(key, visibleRows: 8)
            self.picker = picker
            if key == "enter" || outcome == .submitted { return picker.selectedItem.map { .confirmed($0) } ?? .pending }
            return .pending
        }
        guard var dialog else { return .cancelled }
        let outcome = dialog.handle(key)
        self.dialog = dialog
        return outcome
    }

    func draw(into frame: inout Frame, area: Rect) {
        if let dialog {
            let widget = Dialog(dialog)
            widget.draw(into: &frame.buffer, area: area)
            frame.cursor = widget.cursorPosition(in: area)
        } else if let picker {
            let width = min(area.width - 4, 44)
            let height = min(area.height - 2, picker.items.count + 4)
            let box = Rect(
                x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
                height: height)
            frame.buffer.fill(box, with: .blank(Style(.dialog)))
            let panel = Panel(title: pickerTitle, focused: true, border: .rounded, fill: .dialog)
            panel.draw(into: &frame.buffer, area: box)
            let inner = panel.inner(box).inset(horizontal: 1)
            SelectList(state: picker).draw(
                into: &frame.buffer,
                area: Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1)))
            frame.buffer.write(
                "↑↓ choose · Enter pick · Esc cancel", in: inner.row(inner.height - 1), style: Style(.muted))
            frame.cursor = nil
        }
    }
}

extension DialogState {
    /// Whether to drop the changes to `what` that are not saved (Esc on a changed form).
    static func discardChanges(_ what: String) -> DialogState {
        .confirm("Discard changes?", message: "Your changes to \(what) are not saved. Discard them?", dangerous: true)
    }
}
