import EdulinkCore
import Foundation
import Testing

@Suite("Listing validation")
struct ListingValidationTests {
    private func errors(_ change: (inout ListingDraft) -> Void) -> [FieldError] {
        var draft = Fixture.draft()
        change(&draft)
        do {
            try draft.cleaned().validate(now: Fixture.now, calendar: Fixture.calendar)
            return []
        } catch {
            return error.fieldErrors
        }
    }

    @Test("a well-formed draft passes")
    func valid() {
        #expect(errors { _ in }.isEmpty)
    }

    @Test("each listing rule of DOMAIN.md has its own message on its own field")
    func rules() {
        let now = Fixture.now
        let day = Fixture.day
        let cases: [(String, String, (inout ListingDraft) -> Void)] = [
            ("title", "Title must be at least 10 characters (it has 5).", { $0.title = "Short" }),
            ("title", "Title must not be all capitals.", { $0.title = "DATA ANALYST INTERN" }),
            (
                "title", "Title must be at most 200 characters (it has 201).",
                { $0.title = String(repeating: "a", count: 201) }
            ),
            (
                "description", "Description must be at least 100 characters (it has 9).",
                { $0.description = "Too short" }
            ),
            ("location", "Location must be at least 2 characters (it has 1).", { $0.location = "X" }),
            (
                "stipend", "Stipend must be between 0 and 1000000 (it is 1000001).",
                {
                    $0.stipend = Stipend(amount: 1_000_001, currency: .kes)
                }
            ),
            ("deadline", "Deadline must be in the future.", { $0.deadline = now.addingTimeInterval(-day) }),
            (
                "deadline", "Deadline must be within 2 years.",
                {
                    $0.deadline = now.addingTimeInterval(800 * day)
                    $0.startDate = now.addingTimeInterval(801 * day)
                    $0.endDate = now.addingTimeInterval(885 * day)
                }
            ),
            (
                "start_date", "Start date must be after the deadline.",
                {
                    $0.startDate = now.addingTimeInterval(20 * day)
                    $0.endDate = now.addingTimeInterval(104 * day)
                }
            ),
            ("end_date", "End date must be after the start date.", { $0.endDate = $0.startDate }),
            ("duration_weeks", "Duration in weeks must be between 1 and 52 (it is 53).", { $0.durationWeeks = 53 }),
            ("duration_weeks", "Duration (20 weeks) does not match the dates (12 weeks).", { $0.durationWeeks = 20 }),
            (
                "required_skills", "At most 20 skills (there are 21).",
                {
                    $0.requiredSkills = (1...21).map { "Skill \($0)" }
                }
            ),
            (
                "positions", "Positions (5) cannot exceed capacity (3).",
                {
                    $0.capacity = 3
                    $0.positions = 5
                }
            ),
            ("institution", "An institution-only listing needs its institution.", { $0.visibility = .institutionOnly }),
            (
                "description", "Description contains control characters (only newlines and tabs are allowed).",
                {
                    $0.description = Fixture.description + "\u{0007}"
                }
            ),
            ("title", "Title contains control characters.", { $0.title = "Data Analyst\u{001B}[31m Intern" }),
        ]
        for (field, message, change) in cases {
            #expect(errors(change) == [FieldError(field, message)], "\(field): \(message)")
        }
    }

    @Test("duration within a week of the dates is accepted")
    func durationTolerance() {
        #expect(errors { $0.durationWeeks = 13 }.isEmpty)
        #expect(errors { $0.durationWeeks = 11 }.isEmpty)
    }

    @Test("several problems are reported together")
    func several() {
        let found = errors {
            $0.title = "short"
            $0.location = ""
        }
        #expect(found.map(\.field) == ["title", "location"])
    }
}

@Suite("Text rules")
struct TextRulesTests {
    @Test(
        "control, direction-override and replacement characters are refused; RTL, CJK and emoji are not",
        arguments: [
            ("plain text", false, nil as String?),
            ("مرحبا بالعالم", false, nil), ("数据分析实习生", false, nil), ("Zoë 👩🏽‍💻 intern", false, nil),
            ("line\nbreak", true, nil), ("line\nbreak", false, "contains control characters"),
            ("nul\u{0}byte", true, "contains control characters (only newlines and tabs are allowed)"),
            ("evil\u{202E}txt.exe", false, "contains invisible text-direction controls"),
            ("bad \u{FFFD} bytes", false, "contains invalid characters (text that is not valid UTF-8)"),
        ])
    func characters(_ text: String, _ multiline: Bool, _ problem: String?) {
        #expect(TextRules.characterProblem(text, multiline: multiline) == problem)
    }

    static let invisible = "contains invisible characters (zero-width, direction marks or similar)"

    @Test(
        "single-line names refuse invisible characters; joined emoji, flags and Persian's non-joiner stay",
        arguments: [
            ("Ann\u{200B}Wanjiru", Self.invisible), ("\u{FEFF}Acme Ltd", Self.invisible),
            ("Acme\u{200E} Ltd", Self.invisible), ("Acme\u{2060}Ltd", Self.invisible),
            ("A\u{200D}B", Self.invisible), ("Data\u{E0041}\u{E0042}", Self.invisible),
            ("Dev 👩🏽‍💻", nil as String?), ("Team 🏴󠁧󠁢󠁳󠁣󠁴󠁿", nil), ("می\u{200C}خواهم", nil),
        ])
    func invisibleInNames(_ text: String, _ problem: String?) {
        #expect(TextRules.characterProblem(text, multiline: false) == problem)
        // Long text (descriptions, letters) is not an identifier: only control characters are refused there.
        #expect(TextRules.characterProblem(text, multiline: true) == nil)
    }

    @Test("lengths count characters as people see them")
    func graphemes() {
        var v = FieldValidator()
        v.text("name", "👩🏽‍💻ab", label: "Name", range: 3...3)
        #expect(v.errors.isEmpty)
    }
}

@Suite("Accounts and passwords")
struct AccountValidationTests {
    let policy = PasswordPolicy(commonPasswords: ["password123", "qwertyuiop"])

    @Test(
        "the password policy gives one clear reason",
        arguments: [
            ("short", "Password must be at least 10 characters."),
            ("PassWord123", "Password is too common; choose one that is harder to guess."),
            ("amani@example.com", "Password must not be your email address."),
            (String(repeating: "é", count: 40), "Password must be at most 72 bytes."),
        ])
    func passwordProblems(_ password: String, _ message: String) {
        #expect(policy.problem(password: password, email: "Amani@Example.com") == message)
    }

    @Test("a long unusual password is accepted")
    func goodPassword() {
        #expect(policy.problem(password: "correct horse battery", email: "amani@example.com") == nil)
    }

    @Test("a sign-in address shows control characters as U+FFFD, which no account's address can hold")
    func signInEmails() {
        let typed = AccountRules.signInEmail(" A\u{0}b\u{7}@Example.com\n")
        #expect(typed == "a\u{FFFD}b\u{FFFD}@example.com")
        #expect(AccountRules.emailProblem(typed) != nil)
        #expect(AccountRules.signInEmail("Amani@Example.COM") == "amani@example.com")
    }

    @Test("emails are compared trimmed and case-insensitively")
    func emails() {
        #expect(AccountRules.normalizeEmail("  Amani@Example.COM \n") == "amani@example.com")
        #expect(AccountRules.emailProblem("amani@example.com") == nil)
        #expect(AccountRules.emailProblem("amani") == "Email must look like name@example.com.")
        #expect(AccountRules.emailProblem("a@b") == "Email must look like name@example.com.")
        #expect(AccountRules.emailProblem("") == "Email is required.")
    }

    @Test("phone numbers need 7 to 15 digits")
    func phones() throws {
        try AccountRules.validate(email: "a@b.co", displayName: "Amani", phone: "+254 712 345 678")
        #expect(
            throws: EdulinkError.validation([FieldError("phone", "Phone must be 7–15 digits, e.g. +254 712 345 678.")])
        ) {
            try AccountRules.validate(email: "a@b.co", displayName: "Amani", phone: "call me")
        }
    }
}

@Suite("Profile and application forms")
struct FormValidationTests {
    @Test("registration numbers are 3–20 of A–Z, 0–9, - and /")
    func registrationNumbers() {
        #expect(StudentProfile.registrationNumberProblem("P15/1234/2022") == nil)
        #expect(StudentProfile.registrationNumberProblem("p15") != nil)
        #expect(StudentProfile.registrationNumberProblem("AB") != nil)
        #expect(StudentProfile.registrationNumberProblem("P15 1234") != nil)
    }

    @Test("profile limits: skills, year and links")
    func profile() {
        var profile = Fixture.profile()
        profile.skills = (1...21).map { "Skill \($0)" }
        profile.yearOfStudy = 7
        profile.githubURL = "javascript:alert(1)"
        #expect(throws: EdulinkError.self) { try profile.validate() }
        do {
            try profile.validate()
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["year_of_study", "skills", "github"])
        }
    }

    @Test("screening answers are checked against their questions")
    func answers() {
        let questions = [
            ScreeningQuestion(prompt: "Are you available in January?", kind: .yesNo, required: true),
            ScreeningQuestion(prompt: "Preferred team", kind: .choice, choices: ["Data", "Web"], required: false),
            ScreeningQuestion(prompt: "Tell us about a project", kind: .longText, required: true),
        ]
        let draft = ApplicationDraft(listingID: 1, coverLetter: "short", answers: ["maybe", "Mobile"])
        do {
            try draft.cleaned().validate(questions: questions)
            Issue.record("expected validation errors")
        } catch {
            #expect(
                error.fieldErrors == [
                    FieldError("cover_letter", "Cover letter must be at least 100 characters (it has 5)."),
                    FieldError("answers[0]", "Answer 1 must be yes or no."),
                    FieldError("answers[1]", "Answer 2 must be one of: Data, Web."),
                    FieldError("answers[2]", "Question 3 is required."),
                ])
        }
    }
}
