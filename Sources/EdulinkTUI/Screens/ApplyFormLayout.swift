import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Where the apply form's fields go: each field is a block (label, input, message) stacked in a
/// scrolling body. `handle` scrolls the focused block into view with the same layout `draw` uses.
struct FormLayout {
    struct Block {
        var field: ApplyFormScreen.Field
        var top: Int
        var height: Int
    }

    var header: Rect
    var message: Rect
    var body: Rect
    var textWidth: Int
    var blocks: [Block] = []

    static func letterHeight(_ area: Rect) -> Int { max(3, min(10, (area.height - 8) / 2)) }

    init(screen: ApplyFormScreen, area: Rect) {
        header = area.row(0)
        message = area.row(1)
        body = Rect(x: area.x, y: area.y + 3, width: area.width, height: max(0, area.height - 3))
        textWidth = max(10, min(body.width - 4, 100))
        let state = screen.model.state
        var top = 0
        func add(_ field: ApplyFormScreen.Field, _ height: Int, error: ApplyFormField?) {
            let errorRows = error.map { state.errors[$0] != nil ? 1 : 0 } ?? 0
            blocks.append(Block(field: field, top: top, height: height + errorRows))
            top += height + errorRows + 1
        }
        add(.coverLetter, 2 + Self.letterHeight(area), error: .coverLetter)
        for index in state.questions.indices {
            add(.answer(index), 2, error: .answer(index))
        }
        add(.resume, 2, error: .resumePath)
        add(.submit, 1, error: nil)
    }
}
