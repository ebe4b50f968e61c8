import TerminalKit
import Testing

@Suite("Form")
struct FormTests {
    private func sampleForm() -> FormState {
        FormState(fields: [
            FormField(id: "name", label: "Name", input: .text(LineEditor()), required: true),
            FormField(id: "start", label: "Starts", input: .dateTime(DateTimeFieldState(nil))),
            FormField(id: "kind", label: "Kind", input: .choice(["Full-time", "Remote"], selected: 0)),
        ])
    }

    @Test("tab and shift-tab move focus in declaration order, wrapping")
    func tabOrder() {
        var form = sampleForm()
        _ = form.handle("tab")
        #expect(form.focus == 1)
        _ = form.handle("tab")
        _ = form.handle("tab")
        #expect(form.focus == 0)
        _ = form.handle("shift-tab")
        #expect(form.focus == 2)
    }

    @Test("typed keys go to the focused field")
    func typingGoesToFocus() {
        var form = sampleForm()
        for character in "Ada" { _ = form.handle(.character(character)) }
        _ = form.handle("tab")
        _ = form.handle("tab")
        _ = form.handle("right")
        #expect(form.value("name") == "Ada")
        #expect(form.value("kind") == "Remote")
    }

    @Test("validation marks empty required fields and bad dates, and focuses the first")
    func validation() {
        var form = sampleForm()
        _ = form.handle("tab")
        for character in "2026-02-30 10:00" { _ = form.handle(.character(character)) }
        #expect(form.validate() == false)
        #expect(form.fields[0].error == "Name is required")
        #expect(form.fields[1].error == "day 30 does not exist in month 2")
        #expect(form.focus == 0)
        _ = form.handle(.character("B"))
        #expect(form.fields[0].error == nil)
    }

    @Test("the error is drawn under its field and required labels carry a star")
    func drawsErrors() {
        var form = sampleForm()
        form.validate()
        var buffer = Buffer(size: Size(width: 40, height: 8))
        buffer.render(Form(state: form), in: buffer.area)
        #expect(buffer.line(0).hasPrefix("  Name * "))
        #expect(buffer.line(1).contains("✗ Name is required"))
        #expect(buffer[buffer.line(1).firstIndexOfCross, 1]?.style.role == .critical)
    }

    @Test("enter on a one-line field submits the form")
    func submits() {
        var form = sampleForm()
        #expect(form.handle("enter") == .submitted)
    }

    @Test("dates parse strictly and arrows change the part under the cursor")
    func dateTime() {
        #expect(
            (try? DateTime.parse("2024-02-29 23:59").get())
                == DateTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59))
        #expect(DateTime.parse("2023-02-29 10:00") == .failure(.day(29, month: 2)))
        #expect(DateTime.parse("2023-13-01 10:00") == .failure(.month(13)))
        #expect(DateTime.parse("tomorrow") == .failure(.format))
        var field = DateTimeFieldState(DateTime(year: 2026, month: 1, day: 31, hour: 23, minute: 59))
        field.editor.moveCursor(to: 6)
        _ = field.handle("up")
        #expect(field.editor.text == "2026-02-28 23:59")
        field.editor.moveCursor(to: 15)
        _ = field.handle("up")
        #expect(field.editor.text == "2026-02-28 23:00")
        _ = field.handle(.character("x"))
        #expect(field.editor.text == "2026-02-28 23:00")
    }
}

extension String {
    /// The column of the first ✗ (for style checks).
    fileprivate var firstIndexOfCross: Int {
        DisplayWidth.of(String(prefix { $0 != "✗" }))
    }
}
