import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// The sign-in screen: email, masked password, one clear message when it fails, and on the demo
/// database the demo accounts, one key away. `ctrl-n` turns it into "create account": a student with
/// a registration code from their institution makes their own account.
struct LoginScreen {
    enum Focus: Hashable { case email, password, accounts }
    enum Intent: Hashable { case next, previous, submit, up, down, createAccount, cancel }

    static let keys = KeyTable<Intent>([
        KeyBinding(
            ["tab"], hint: "next field", "Next field (email, password, demo accounts)", group: "Sign in", action: .next),
        KeyBinding(["shift-tab"], "Previous field", group: "Sign in", action: .previous),
        KeyBinding(
            ["enter"], hint: "sign in", "Sign in (on a demo account: sign in as it)", group: "Sign in", action: .submit),
        KeyBinding(["down"], "Next field or demo account", group: "Sign in", action: .down),
        KeyBinding(["up"], "Previous field or demo account", group: "Sign in", action: .up),
        KeyBinding(["esc"], "Stop waiting for a sign-in", group: "Sign in", action: .cancel),
        KeyBinding(
            ["ctrl-n"], hint: "create account", "Create a student account with a registration code",
            group: "Sign in", action: .createAccount),
    ])

    static let signUpKeys = KeyTable<String>([
        KeyBinding(["tab"], hint: "next field", "Next field", group: "Create account", action: "next"),
        KeyBinding(
            ["enter"], hint: "next · create", "Next field; create the account from the last", group: "Create account",
            action: "enter"),
        KeyBinding(["ctrl-s"], hint: "create", "Create the account", group: "Create account", action: "submit"),
        KeyBinding(["esc"], hint: "back to sign in", "Back to sign in", group: "Create account", action: "back"),
    ])

    /// The hints the status bar shows for the form on screen.
    var hints: [KeyHint] { signUp == nil ? Self.keys.hints : Self.signUpKeys.hints }

    private(set) var model: LoginViewModel
    var email = LineEditor(maxLength: 254)
    var password = LineEditor(maxLength: 200)
    var focus = Focus.email
    var accountIndex = 0
    /// The "create account" form, while it is open.
    var signUp: FormState?

    init(model: LoginViewModel) { self.model = model }

    /// Fills in the email of the account that was signed in and moves to the password.
    mutating func prefill(email: String) {
        self.email.text = email
        _ = model.handle(.setEmail(email))
        focus = .password
    }

    static func signUpForm(email: String) -> FormState {
        FormState(fields: [
            FormField(
                id: "code", label: "Registration code",
                input: .text(LineEditor(maxLength: 40), placeholder: "EDU…-01 from your institution"), required: true),
            FormField(id: "display_name", label: "Full name", input: .text(LineEditor(maxLength: 100)), required: true),
            FormField(
                id: "email", label: "Email",
                input: .text(LineEditor(email, maxLength: 254), placeholder: "you@example.com"),
                required: true),
            FormField(
                id: "password", label: "Password", input: .text(LineEditor(maxLength: 200), masked: true),
                required: true),
            FormField(
                id: "repeat", label: "Repeat password", input: .text(LineEditor(maxLength: 200), masked: true),
                required: true),
            FormField(id: "registration_number", label: "Registration no.", input: .text(LineEditor(maxLength: 40))),
            FormField(id: "course", label: "Course", input: .text(LineEditor(maxLength: 120))),
            FormField(id: "year_of_study", label: "Year of study", input: .text(LineEditor(maxLength: 2))),
        ])
    }

    mutating func handle(_ key: Key) -> KeyOutcome {
        if let current = signUp {
            guard !model.state.submitting else { return KeyOutcome() }
            switch current.step(key) {
            case .close:
                signUp = nil
                _ = model.handle(.setEmail(email.text))  // the form's message goes with it
            case .edit(let next): signUp = next
            case .submit(let next):
                signUp = next
                let form = LoginViewModel.SignUpForm(
                    code: next.value("code") ?? "", name: next.value("display_name") ?? "",
                    email: next.value("email") ?? "", password: next.value("password") ?? "",
                    repeatPassword: next.value("repeat") ?? "",
                    registrationNumber: next.value("registration_number") ?? "",
                    course: next.value("course") ?? "", year: next.value("year_of_study") ?? "")
                let effects = model.handle(.signUp(form))
                syncSignUpErrors()
                return KeyOutcome(effects: effects.map(keyPrefix: "login.") { .login($0) })
            }
            return KeyOutcome()
        }
        if let intent = Self.keys.action(for: key) {
            switch intent {
            case .cancel:
                return KeyOutcome(effects: model.handle(.cancelSignIn).map(keyPrefix: "login.") { .login($0) })
            case .createAccount:
                signUp = Self.signUpForm(email: email.text)
                return KeyOutcome()
            case .next: focus = cycle(forward: true)
            case .previous: focus = cycle(forward: false)
            case .down:
                if focus == .accounts {
                    accountIndex = min(accountIndex + 1, max(0, model.state.demoAccounts.count - 1))
                } else {
                    focus = cycle(forward: true)
                }
            case .up:
                if focus == .accounts && accountIndex > 0 {
                    accountIndex -= 1
                } else {
                    focus = cycle(forward: false)
                }
            case .submit:
                if focus == .accounts {
                    _ = model.handle(.pickDemoAccount(accountIndex))
                    email.text = model.state.email
                    password.text = model.state.password
                }
                if focus == .email && password.text.isEmpty {
                    focus = .password
                    return KeyOutcome()
                }
                return KeyOutcome(effects: model.handle(.submit).map(keyPrefix: "login.") { .login($0) })
            }
            return KeyOutcome()
        }
        switch focus {
        case .email:
            guard email.handle(key) == .edited else { return .unhandled }
            _ = model.handle(.setEmail(email.text))
        case .password:
            guard password.handle(key) == .edited else { return .unhandled }
            _ = model.handle(.setPassword(password.text))
        case .accounts:
            return .unhandled
        }
        return KeyOutcome()
    }

    mutating func receive(_ message: LoginViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message)
        if case .signedUp = message {
            syncSignUpErrors()
        } else {
            // The view-model clears the password after every attempt; so does the field.
            password.text = model.state.password
            if model.state.message != nil { focus = .password }
        }
        return effects.map(keyPrefix: "login.") { .login($0) }
    }

    /// Puts the view-model's field errors under their fields and moves to the first one.
    private mutating func syncSignUpErrors() {
        guard var form = signUp else { return }
        let errors = model.state.signUpErrors
        for index in form.fields.indices {
            form.fields[index].error = errors.first { $0.field == form.fields[index].id }?.message
        }
        if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first }
        signUp = form
    }

    private func cycle(forward: Bool) -> Focus {
        let order: [Focus] = model.state.demoAccounts.isEmpty ? [.email, .password] : [.email, .password, .accounts]
        let index = order.firstIndex(of: focus) ?? 0
        return order[(index + (forward ? 1 : order.count - 1)) % order.count]
    }

    func draw(into frame: inout Frame, area: Rect, notice: String?, context: DrawContext) {
        if let form = signUp {
            drawSignUp(form, into: &frame, area: area, context: context)
            return
        }
        let state = model.state
        let accounts = state.demoAccounts
        let height = 12 + (accounts.isEmpty ? 0 : accounts.count + 3)
        let box = area.centered(Size(width: min(area.width - 2, 64), height: min(area.height, height)))
        let panel = Panel(title: "Edulink — sign in", focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        var y = inner.y
        frame.buffer.write(
            "Internships in the terminal. Sign in to continue.",
            in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.muted))
        y += 2
        let labelWidth = 10
        let fieldWidth = inner.width - labelWidth
        for (label, editor, field, masked) in [
            ("Email", email, Focus.email, false), ("Password", password, Focus.password, true),
        ] {
            let focused = focus == field
            frame.buffer.write(
                label, in: Rect(x: inner.x, y: y, width: labelWidth, height: 1),
                style: Style(focused ? .accent : .text, adding: focused ? .bold : []))
            let row = Rect(x: inner.x + labelWidth, y: y, width: fieldWidth, height: 1)
            let widget = TextField(
                editor: editor, placeholder: masked ? "password" : "you@example.com", focused: focused, masked: masked)
            widget.draw(into: &frame.buffer, area: row)
            if focused { frame.cursor = widget.cursorPosition(in: row) }
            y += 2
        }
        let status: (String, TerminalKit.Role)? =
            state.submitting
            ? ("Signing in… (esc stops waiting)", .muted)
            : state.message.map { ($0, EdulinkRoles.fieldError) } ?? notice.map { ($0, .warning) }
        if let (text, role) = status {
            if state.submitting {
                Spinner(text, now: context.tick).draw(
                    into: &frame.buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1))
            } else {
                Paragraph(text, style: Style(role)).draw(
                    into: &frame.buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 2))
            }
        }
        y += 2
        frame.buffer.write(
            "enter sign in · tab next field · ctrl-n create account",
            in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.muted), alignment: .center)
        y += 2
        guard !accounts.isEmpty, y < inner.maxY else { return }
        let password = state.demoPassword.map { " (password \($0))" } ?? ""
        frame.buffer.write(
            "Demo accounts\(password)", in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.header))
        y += 1
        for (index, account) in accounts.enumerated() where y < inner.maxY {
            let selected = focus == .accounts && index == accountIndex
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            if selected { frame.buffer.fill(line, with: .blank(Style(.selection))) }
            frame.buffer.write(
                " \(account.email)", in: Rect(x: line.x, y: y, width: 30, height: 1),
                style: Style(selected ? .selection : .text))
            frame.buffer.write(
                DisplayFormat.words(account.role.rawValue),
                in: Rect(x: line.x + 31, y: y, width: line.width - 31, height: 1),
                style: Style(selected ? .selection : .muted))
            y += 1
        }
    }
}

extension LoginScreen {
    func drawSignUp(_ form: FormState, into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let errors = form.fields.filter { $0.error != nil }.count
        let box = area.centered(Size(width: min(area.width - 2, 72), height: min(area.height, 24 + errors)))
        let panel = Panel(title: "Edulink — create a student account", focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        guard inner.height > 4 else { return }
        Paragraph(
            "Your institution gives you a registration code. Registration number, course and year are optional.",
            style: Style(.muted)
        ).draw(into: &frame.buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: 2))
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 5))
        let widget = Form(state: form, focused: !state.submitting)
        widget.draw(into: &frame.buffer, area: body)
        frame.cursor = widget.cursorPosition(in: body)
        let statusRow = Rect(x: inner.x, y: body.maxY, width: inner.width, height: 2)
        if state.submitting {
            Spinner("Creating your account…", now: context.tick).draw(into: &frame.buffer, area: statusRow)
        } else if let message = state.message {
            Paragraph(message, style: Style(EdulinkRoles.fieldError)).draw(into: &frame.buffer, area: statusRow)
        }
        frame.buffer.write(
            "enter next · ctrl-s create · esc back to sign in",
            in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), style: Style(.muted),
            alignment: .center)
    }
}
