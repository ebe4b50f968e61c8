public import EdulinkCore
public import Foundation

/// The listing form's fields as the employer types them. Field ids are the service's field names, so
/// its field errors land next to the right field. Only the format is checked here (a number that is
/// not a number, a date that is not a date); every rule of DOMAIN.md is the service's.
public struct ListingForm: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case title, description, category, level
        case locationType = "location_type"
        case location
        case startDate = "start_date"
        case endDate = "end_date"
        case durationWeeks = "duration_weeks"
        case stipend, currency
        case requiredSkills = "required_skills"
        case preferredSkills = "preferred_skills"
        case eligibleYears = "eligible_years"
        case eligibleCourses = "eligible_courses"
        case visibility, institution
        case deadline, capacity, positions, questions

        public var label: String {
            switch self {
            case .title: "Title"
            case .description: "Description"
            case .category: "Category"
            case .level: "Level"
            case .locationType: "Where"
            case .location: "Location"
            case .startDate: "Starts (date)"
            case .endDate: "Ends (date)"
            case .durationWeeks: "Weeks"
            case .stipend: "Stipend / month"
            case .currency: "Currency"
            case .requiredSkills: "Required skills"
            case .preferredSkills: "Preferred skills"
            case .eligibleYears: "Years of study"
            case .eligibleCourses: "Courses"
            case .visibility: "Who sees it"
            case .institution: "Institution"
            case .deadline: "Deadline"
            case .capacity: "Capacity"
            case .positions: "Positions"
            case .questions: "Questions"
            }
        }

        /// The options of a choice field.
        public var options: [String]? {
            switch self {
            case .category: ListingCategory.allCases.map(\.rawValue)
            case .level: ExperienceLevel.allCases.map(\.rawValue)
            case .locationType: LocationType.allCases.map(\.rawValue)
            case .currency: Currency.allCases.map(\.rawValue)
            case .visibility: ListingVisibility.allCases.map(\.rawValue)
            default: nil
            }
        }
    }

    public var values: [Field: String] = [:]
    /// The institutions an institution-only listing can be meant for (the `.institution` choice).
    public private(set) var institutions: [Institution] = []

    /// The dates of the listing being edited, with the text the form showed for each: the form shows
    /// days and minutes, so a date whose text is left as it was keeps its exact instant (an untouched
    /// deadline never moves a few seconds earlier, which a published listing refuses).
    private var shownDates: [Field: ShownDate] = [:]

    private struct ShownDate: Sendable, Equatable {
        var text: String
        var date: Date
    }

    /// What the `.institution` choice shows when no institution is chosen.
    public static let noInstitution = "—"

    public subscript(_ field: Field) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }

    /// A blank form with the choices at their first option and the default capacity.
    public init() {
        for field in Field.allCases { values[field] = field.options?.first ?? "" }
        values[.institution] = Self.noInstitution
        self[.capacity] = "100"
        self[.positions] = "1"
    }

    /// A blank form whose institution choice lists `institutions`.
    public init(institutions: [Institution]) {
        self.init()
        setInstitutions(institutions)
    }

    /// The options of `field`: the fixed ones, or the institutions for `.institution`.
    public func options(for field: Field) -> [String]? {
        field == .institution ? [Self.noInstitution] + institutions.map(\.name) : field.options
    }

    /// Replaces the institutions to choose from, keeping the chosen one (by id) when it is still listed.
    public mutating func setInstitutions(_ list: [Institution]) {
        choose(institutionID, among: list)
    }

    /// Lists `list` and chooses `id` in it. An id the list does not name (not loaded yet) stays listed
    /// under its number, so that an edit never drops the institution a listing is meant for.
    private mutating func choose(_ id: InstitutionID?, among list: [Institution]) {
        institutions = list
        if let id, !list.contains(where: { $0.id == id }) {
            institutions.append(
                Institution(
                    id: id, name: "Institution \(id.rawValue)", shortCode: "", type: .university, verified: true))
        }
        self[.institution] = id.flatMap { id in institutions.first { $0.id == id }?.name } ?? Self.noInstitution
    }

    /// The institution chosen, if any.
    public var institutionID: InstitutionID? {
        institutions.first { $0.name == self[.institution] }?.id
    }

    /// The form filled in from a listing (to edit it), its institution choice listing `institutions`.
    public init(_ listing: Listing, timeZone: TimeZone, institutions: [Institution] = []) {
        self.init()
        let draft = listing.terms
        self[.title] = draft.title
        self[.description] = draft.description
        self[.category] = draft.category.rawValue
        self[.level] = draft.level.rawValue
        self[.locationType] = draft.locationType.rawValue
        self[.location] = draft.location
        self[.startDate] = Self.dayFormatter(timeZone).string(from: draft.startDate)
        self[.endDate] = Self.dayFormatter(timeZone).string(from: draft.endDate)
        self[.durationWeeks] = String(draft.durationWeeks)
        self[.stipend] = draft.stipend.map { String($0.amount) } ?? ""
        self[.currency] = (draft.stipend?.currency ?? .kes).rawValue
        self[.requiredSkills] = draft.requiredSkills.joined(separator: ", ")
        self[.preferredSkills] = draft.preferredSkills.joined(separator: ", ")
        self[.eligibleYears] = draft.eligibleYears.map(String.init).joined(separator: ", ")
        self[.eligibleCourses] = draft.eligibleCourses.joined(separator: ", ")
        self[.deadline] = Self.minuteFormatter(timeZone).string(from: draft.deadline)
        for (field, date) in [
            (Field.startDate, draft.startDate), (.endDate, draft.endDate), (.deadline, draft.deadline),
        ] {
            shownDates[field] = ShownDate(text: self[field], date: date)
        }
        self[.capacity] = String(draft.capacity)
        self[.positions] = String(draft.positions)
        self[.questions] = Self.lines(draft.questions)
        self[.visibility] = draft.visibility.rawValue
        choose(draft.institutionID, among: institutions)
    }

    /// The draft to send, or the fields whose format is wrong.
    public func draft(timeZone: TimeZone) -> Result<ListingDraft, EdulinkError> {
        var errors: [FieldError] = []
        func number(_ field: Field, empty: Int? = nil) -> Int? {
            let text = self[field].trimmingCharacters(in: .whitespaces)
            if text.isEmpty, let empty { return empty }
            guard let value = Int(text.replacingOccurrences(of: ",", with: "")) else {
                errors.append(FieldError(field.rawValue, "\(field.label) must be a whole number."))
                return nil
            }
            return value
        }
        func date(_ field: Field, _ formatter: DateFormatter, example: String) -> Date? {
            if let shown = shownDates[field], shown.text == self[field] { return shown.date }
            guard let value = formatter.date(from: self[field].trimmingCharacters(in: .whitespaces)) else {
                errors.append(FieldError(field.rawValue, "\(field.label): write it like \(example)."))
                return nil
            }
            return value
        }
        func list(_ field: Field) -> [String] {
            self[field].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let start = date(.startDate, Self.dayFormatter(timeZone), example: "2027-01-10")
        let end = date(.endDate, Self.dayFormatter(timeZone), example: "2027-04-04")
        let deadline = date(.deadline, Self.minuteFormatter(timeZone), example: "2026-12-15 17:00")
        let weeks = number(.durationWeeks)
        let capacity = number(.capacity)
        let positions = number(.positions)
        let stipend = number(.stipend, empty: 0)
        var years: [Int] = []
        for item in list(.eligibleYears) {
            guard let year = Int(item) else {
                errors.append(FieldError(Field.eligibleYears.rawValue, "Years of study: numbers like 2, 3."))
                break
            }
            years.append(year)
        }
        let questions: [ScreeningQuestion]
        switch Self.questions(self[.questions]) {
        case .success(let parsed): questions = parsed
        case .failure(let error):
            questions = []
            errors += error.fieldErrors
        }
        guard errors.isEmpty, let start, let end, let deadline, let weeks, let capacity, let positions, let stipend
        else { return .failure(.validation(errors)) }
        let currency = Currency(rawValue: self[.currency]) ?? .kes
        let visibility = ListingVisibility(rawValue: self[.visibility]) ?? .public
        return .success(
            ListingDraft(
                title: self[.title], description: self[.description],
                category: ListingCategory(rawValue: self[.category]) ?? .other,
                level: ExperienceLevel(rawValue: self[.level]) ?? .entry,
                locationType: LocationType(rawValue: self[.locationType]) ?? .onSite, location: self[.location],
                startDate: start, endDate: end, durationWeeks: weeks,
                stipend: stipend == 0 ? nil : Stipend(amount: stipend, currency: currency),
                requiredSkills: list(.requiredSkills), preferredSkills: list(.preferredSkills), eligibleYears: years,
                eligibleCourses: list(.eligibleCourses), deadline: deadline, capacity: capacity, positions: positions,
                visibility: visibility, institutionID: visibility == .institutionOnly ? institutionID : nil,
                questions: questions))
    }

    // MARK: Screening questions, one a line

    /// The question editor's syntax, one question a line: `* yes_no: Can you start in January?` —
    /// a leading `*` makes it required, the kind (`text`, `long_text`, `yes_no`, `choice`) defaults to
    /// text, and a choice lists its options after `|`: `choice: Shift? | morning | evening`.
    public static let questionSyntax = "one a line: [*] [text|long_text|yes_no|choice:] prompt [| option | option]"

    public static func questions(_ text: String) -> Result<[ScreeningQuestion], EdulinkError> {
        var result: [ScreeningQuestion] = []
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let required = line.hasPrefix("*")
            if required { line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces) }
            var kind = QuestionKind.text
            if let colon = line.firstIndex(of: ":"), let parsed = QuestionKind(rawValue: String(line[..<colon])) {
                kind = parsed
                line = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let choices = Array(parts.dropFirst()).filter { !$0.isEmpty }
            // The bound is the service's (ListingDraft.Limits.choices); checked here only so that a
            // malformed line is named before anything is sent.
            let allowed = ListingDraft.Limits.choices
            if kind == .choice && !allowed.contains(choices.count) {
                return .failure(
                    .validation([
                        FieldError(
                            "questions",
                            "Question \(index + 1): a choice needs \(allowed.lowerBound) to \(allowed.upperBound) options after |."
                        )
                    ]))
            }
            result.append(
                ScreeningQuestion(
                    prompt: parts.first ?? "", kind: kind, choices: kind == .choice ? choices : [], required: required))
        }
        return .success(result)
    }

    public static func lines(_ questions: [ScreeningQuestion]) -> String {
        questions.map { question in
            (question.required ? "* " : "") + (question.kind == .text ? "" : question.kind.rawValue + ": ")
                + ([question.prompt] + question.choices).joined(separator: " | ")
        }.joined(separator: "\n")
    }

    static func dayFormatter(_ timeZone: TimeZone) -> DateFormatter {
        formatter("yyyy-MM-dd", timeZone)
    }

    static func minuteFormatter(_ timeZone: TimeZone) -> DateFormatter {
        formatter("yyyy-MM-dd HH:mm", timeZone)
    }

    private static func formatter(_ format: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        formatter.isLenient = false
        return formatter
    }
}

/// Turns what the employer typed for a decision into the move to send, checked by the same
/// `MoveValidation` as the service (interview in the future and within its horizon, a place, the
/// offer's expiry), so a bad answer is told at once instead of after the round trip.
public enum DecisionInput {
    public static func interview(at text: String, place: String, timeZone: TimeZone, now: Date) -> Result<
        ApplicationMove, Failure
    > {
        guard let date = ListingForm.minuteFormatter(timeZone).date(from: text.trimmingCharacters(in: .whitespaces))
        else { return .failure(Failure(message: "Write the interview time like 2026-12-01 10:30.")) }
        return checked(.scheduleInterview(Interview(at: date, place: place)), now: now)
    }

    /// An offer open for `days` days from `now` (empty: the default of `MoveValidation`).
    public static func offer(days text: String, now: Date) -> Result<ApplicationMove, Failure> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .success(.offer(expiresAt: nil)) }
        guard let days = Int(trimmed) else { return .failure(Failure(message: "Offer expiry: a number of days.")) }
        return checked(.offer(expiresAt: now.addingTimeInterval(Double(days) * 86_400)), now: now)
    }

    private static func checked(_ move: ApplicationMove, now: Date) -> Result<ApplicationMove, Failure> {
        do {
            return .success(try MoveValidation.checked(move, at: now))
        } catch let error as EdulinkError {
            return .failure(Failure(message: error.fieldErrors.map(\.message).joined(separator: " ")))
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }
}
