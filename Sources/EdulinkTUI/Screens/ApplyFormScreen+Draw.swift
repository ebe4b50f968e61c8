import EdulinkCore
import EdulinkViewModels
import TerminalKit

extension ApplyFormScreen {
    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let layout = FormLayout(screen: self, area: area)
        frame.buffer.fill(area)
        frame.buffer.write(
            "Apply — \(state.listingTitle ?? "…")", in: layout.header, style: Style(.title, adding: .bold))
        let draft: (String, TerminalKit.Role)
        switch state.draftStatus {
        case .none: draft = ("", .muted)
        case .restored: draft = ("draft restored", .info)
        case .saved: draft = ("draft saved", .muted)
        case .failed(let message): draft = (message, .warning)
        }
        if !draft.0.isEmpty {
            let width = min(DisplayWidth.of(draft.0), layout.header.width / 2)
            frame.buffer.write(
                draft.0, in: Rect(x: layout.header.maxX - width, y: layout.header.y, width: width, height: 1),
                style: Style(draft.1), alignment: .trailing)
        }
        if state.submitting {
            Spinner("sending…", now: context.tick).draw(into: &frame.buffer, area: layout.message)
        } else if state.loading {
            Spinner("loading the listing…", now: context.tick).draw(into: &frame.buffer, area: layout.message)
        } else if let message = state.formMessage {
            frame.buffer.write("✗ " + message, in: layout.message, style: Style(EdulinkRoles.fieldError, adding: .bold))
        }
        for block in layout.blocks {
            let y = layout.body.y + block.top - scroll
            guard y >= layout.body.y, y + block.height <= layout.body.maxY else { continue }
            let box = Rect(x: layout.body.x + 2, y: y, width: layout.textWidth, height: block.height)
            drawBlock(block.field, in: box, frame: &frame, area: area)
        }
    }

    private func label(_ text: String, _ field: Field, at rect: Rect, buffer: inout Buffer) {
        let focused = focus == field
        buffer.write(
            (focused ? "▸ " : "  ") + text, in: Rect(x: rect.x - 2, y: rect.y, width: rect.width + 2, height: 1),
            style: Style(focused ? .accent : .header, adding: focused ? .bold : []))
    }

    private func error(_ field: ApplyFormField, at y: Int, in rect: Rect, buffer: inout Buffer) {
        guard let message = model.state.errors[field] else { return }
        buffer.write(
            "✗ " + message, in: Rect(x: rect.x, y: y, width: rect.width, height: 1),
            style: Style(EdulinkRoles.fieldError))
    }

    private func drawBlock(_ field: Field, in box: Rect, frame: inout Frame, area: Rect) {
        let state = model.state
        switch field {
        case .coverLetter:
            label("Cover letter", field, at: box, buffer: &frame.buffer)
            let height = FormLayout.letterHeight(area)
            let editor = Rect(x: box.x, y: box.y + 1, width: box.width, height: height)
            var shown = letter
            shown.layout(width: max(1, editor.width - 1), height: height)
            let widget = TextArea(
                state: shown, focused: focus == field,
                placeholder: "Why you, why this internship (100–5,000 characters)")
            widget.draw(into: &frame.buffer, area: editor)
            if focus == field {
                frame.cursor = widget.cursorPosition(
                    in: Rect(x: editor.x, y: editor.y, width: editor.width - 1, height: height))
            }
            let count =
                "\(state.coverLetterWordCount) words · \(DisplayFormat.count(state.coverLetterCharacterCount))/5,000 characters"
            let tooShort = state.coverLetterCharacterCount < ApplicationDraft.Limits.coverLetter.lowerBound
            frame.buffer.write(
                count, in: Rect(x: box.x, y: editor.maxY, width: box.width, height: 1),
                style: Style(tooShort ? .warning : .muted), alignment: .trailing)
            error(.coverLetter, at: editor.maxY + 1, in: box, buffer: &frame.buffer)
        case .answer(let index):
            guard state.questions.indices.contains(index) else { return }
            let question = state.questions[index]
            let kind: String
            switch question.kind {
            case .yesNo: kind = "yes/no"
            case .choice: kind = "choose"
            case .text: kind = "short answer"
            case .longText: kind = "answer"
            }
            label(
                "\(index + 1). \(question.prompt) (\(kind)\(question.required ? "" : ", optional"))", field, at: box,
                buffer: &frame.buffer)
            let row = Rect(x: box.x, y: box.y + 1, width: box.width, height: 1)
            let answer = state.answers.indices.contains(index) ? state.answers[index] : ""
            switch question.kind {
            case .yesNo:
                drawChoices(["yes", "no"], chosen: answer, row: row, focused: focus == field, buffer: &frame.buffer)
            case .choice:
                drawChoices(question.choices, chosen: answer, row: row, focused: focus == field, buffer: &frame.buffer)
            case .text, .longText:
                let editor = answers.indices.contains(index) ? answers[index] : LineEditor(answer)
                let widget = TextField(editor: editor, placeholder: "type your answer", focused: focus == field)
                widget.draw(into: &frame.buffer, area: row)
                if focus == field { frame.cursor = widget.cursorPosition(in: row) }
            }
            error(.answer(index), at: box.y + 2, in: box, buffer: &frame.buffer)
        case .resume:
            label("Résumé path", field, at: box, buffer: &frame.buffer)
            let row = Rect(x: box.x, y: box.y + 1, width: box.width, height: 1)
            let widget = TextField(
                editor: resume, placeholder: "empty: the résumé on your profile", focused: focus == field)
            widget.draw(into: &frame.buffer, area: row)
            if focus == field { frame.cursor = widget.cursorPosition(in: row) }
            error(.resumePath, at: box.y + 2, in: box, buffer: &frame.buffer)
        case .submit:
            let focused = focus == field
            let button = "[ Send application ]"
            let x = frame.buffer.write(
                button, at: Point(x: box.x, y: box.y), style: Style(focused ? .selection : .accent, adding: .bold))
            frame.buffer.write(
                "  ctrl-s from any field · esc keeps the draft", at: Point(x: box.x + x, y: box.y),
                style: Style(.muted),
                maxWidth: box.width - x)
        }
    }

    private func drawChoices(_ choices: [String], chosen: String, row: Rect, focused: Bool, buffer: inout Buffer) {
        var x = row.x
        for choice in choices {
            let on = choice == chosen
            let text = (on ? "(•) " : "( ) ") + choice
            guard x + DisplayWidth.of(text) <= row.maxX else { break }
            x += buffer.write(
                text, at: Point(x: x, y: row.y), style: Style(on ? (focused ? .selection : .accent) : .text))
            x += 3
        }
        if focused {
            buffer.write(
                "space changes", in: Rect(x: x, y: row.y, width: max(0, row.maxX - x), height: 1), style: Style(.muted))
        }
    }
}
