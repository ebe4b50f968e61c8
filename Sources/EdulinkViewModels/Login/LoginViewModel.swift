public import EdulinkCore
import Foundation

/// A demo account the login screen lists when the database is the demo one.
public struct DemoAccount: Sendable, Equatable {
    /// The account's email.
    public var email: String
    /// Its role, as the list shows it.
    public var role: Role

    /// A demo account.
    public init(email: String, role: Role) {
        self.email = email
        self.role = role
    }
}

/// The login screen: email, password, a submitting flag and one clear message when it fails.
///
/// The service answers wrong passwords, unknown accounts and locked accounts with the same message
/// (no account enumeration); the screen shows it as it is.
public struct LoginViewModel: Sendable {
    /// What the login screen draws.
    public struct State: Sendable, Equatable {
        /// The email field.
        public var email = ""
        /// The password field (drawn masked).
        public var password = ""
        /// A sign-in is on its way; the form ignores input.
        public var submitting = false
        /// Why the last attempt failed, or nil.
        public var message: String?
        /// The signed-in user after success.
        public var signedIn: UserSummary?
        /// Accounts listed under the form (the demo database only).
        public var demoAccounts: [DemoAccount]
        /// The password the demo accounts share, filled in when one is picked.
        public var demoPassword: String?
        /// What is wrong with the fields of the "create account" form, by field.
        public var signUpErrors: [FieldError] = []
    }

    /// The "create account" form as typed: a registration code from the institution, the account and
    /// the optional profile fields. The service checks every rule; the form only checks that the
    /// password was typed the same twice and that the year is a number.
    public struct SignUpForm: Sendable, Hashable {
        public var code: String
        public var name: String
        public var email: String
        public var password: String
        public var repeatPassword: String
        public var registrationNumber: String
        public var course: String
        public var year: String

        public init(
            code: String, name: String, email: String, password: String, repeatPassword: String,
            registrationNumber: String = "", course: String = "", year: String = ""
        ) {
            self.code = code
            self.name = name
            self.email = email
            self.password = password
            self.repeatPassword = repeatPassword
            self.registrationNumber = registrationNumber
            self.course = course
            self.year = year
        }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case setEmail(String)
        case setPassword(String)
        /// Fills the form with the demo account at this index of ``State/demoAccounts``.
        case pickDemoAccount(Int)
        case submit
        /// Stops waiting for a sign-in (a server that is slow to answer): the request is cancelled,
        /// the form stays filled in.
        case cancelSignIn
        /// Creates a student account with a registration code and signs in to it.
        case signUp(SignUpForm)
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loggedIn(Result<UserSummary, Failure>)
        case signedUp(Result<UserSummary, Failure>)
    }

    /// The screen's state.
    public private(set) var state: State
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    /// A sign-in is on its way (``State/submitting`` covers account creation too).
    private var signingIn = false

    /// A login screen over `repository`; pass the demo accounts and their password when the
    /// database is the demo one.
    public init(repository: any EdulinkRepository, demoAccounts: [DemoAccount] = [], demoPassword: String? = nil) {
        self.repository = repository
        self.state = State(demoAccounts: demoAccounts, demoPassword: demoPassword)
    }

    /// Handles what the user does.
    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        guard !state.submitting || intent == .cancelSignIn else { return [] }
        switch intent {
        case .setEmail(let email):
            state.email = email
            state.message = nil
        case .setPassword(let password):
            state.password = password
            state.message = nil
        case .pickDemoAccount(let index):
            guard state.demoAccounts.indices.contains(index) else { return [] }
            state.email = state.demoAccounts[index].email
            if let password = state.demoPassword { state.password = password }
            state.message = nil
        case .submit:
            let email = state.email.trimmingCharacters(in: .whitespaces)
            guard !email.isEmpty, !state.password.isEmpty else {
                state.message = "Enter your email and password."
                return []
            }
            state.submitting = true
            signingIn = true
            state.message = nil
            let repository = self.repository
            let password = state.password
            return [
                Effect(key: "login") {
                    .loggedIn(await attempt { try await repository.login(email: email, password: password) })
                }
            ]
        case .signUp(let form):
            return signUp(form)
        case .cancelSignIn:
            // Only a sign-in: a cancelled account creation could have been made all the same.
            guard signingIn else { return [] }
            signingIn = false
            state.submitting = false
            state.message = "Sign-in cancelled."
            return [.cancel("login")]
        }
        return []
    }

    private mutating func signUp(_ form: SignUpForm) -> [Effect<Message>] {
        state.message = nil
        var problems: [FieldError] = []
        if form.password != form.repeatPassword {
            problems.append(FieldError("repeat", "The passwords differ; type the same one twice."))
        }
        let yearText = form.year.trimmingCharacters(in: .whitespaces)
        let year = Int(yearText)
        if !yearText.isEmpty && year == nil {
            problems.append(FieldError("year_of_study", "Type the year of study as a number."))
        }
        state.signUpErrors = problems
        guard problems.isEmpty else { return [] }
        func optional(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        let signUp = StudentSignUp(
            code: form.code, displayName: form.name, email: form.email.trimmingCharacters(in: .whitespaces),
            password: form.password, registrationNumber: optional(form.registrationNumber),
            course: optional(form.course), yearOfStudy: year)
        state.submitting = true
        let repository = self.repository
        return [Effect(key: "signup") { .signedUp(await attempt { try await repository.signUp(signUp) }) }]
    }

    /// Handles the result of an effect.
    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loggedIn(.success(let user)):
            signingIn = false
            state.submitting = false
            state.password = ""
            state.signedIn = user
            events.post(.signedIn(user))
        case .loggedIn(.failure(let failure)):
            signingIn = false
            state.submitting = false
            state.password = ""
            state.message = failure.message
            if failure.isUnavailable { events.post(.offline(failure.message)) }
        case .signedUp(.success(let user)):
            state.submitting = false
            state.signUpErrors = []
            state.signedIn = user
            events.post(.signedIn(user))
        case .signedUp(.failure(let failure)):
            state.submitting = false
            // A field the service names goes under that field; a bad code, a flood or anything
            // else is the form's one message.
            state.signUpErrors = failure.fieldErrors
            state.message = failure.fieldErrors.isEmpty ? failure.message : nil
            if failure.isUnavailable { events.post(.offline(failure.message)) }
        }
        return []
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }
}
