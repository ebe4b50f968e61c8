public import Foundation

extension ListingDraft {
    /// The text limits of a listing, shared by the forms and the service.
    public enum Limits {
        public static let title = 10...200
        public static let description = 100...5000
        public static let location = 2...200
        public static let stipend = 0...1_000_000
        public static let durationWeeks = 1...52
        public static let skills = 20
        public static let skillLength = 2...50
        public static let capacity = 1...10_000
        public static let positions = 1...1_000
        public static let questions = 10
        public static let questionPrompt = 5...300
        public static let choices = 2...10
        /// The deadline must fall within this many days of now.
        public static let deadlineHorizonDays = 730
    }

    /// Cleans every text field (trim, NFC, skills deduplicated in order).
    public func cleaned() -> ListingDraft {
        var copy = self
        copy.title = TextRules.clean(title)
        copy.description =
            description.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCanonicalMapping
        copy.location = TextRules.clean(location)
        copy.requiredSkills = requiredSkills.map(TextRules.clean).filter { !$0.isEmpty }
        copy.preferredSkills = preferredSkills.map(TextRules.clean).filter { !$0.isEmpty }
        copy.eligibleCourses = eligibleCourses.map(TextRules.clean).filter { !$0.isEmpty }
        copy.questions = questions.map { question in
            var question = question
            question.prompt = TextRules.clean(question.prompt)
            question.choices = question.choices.map(TextRules.clean)
            return question
        }
        return copy
    }

    /// Every rule of DOMAIN.md for a listing, at `now`; one message per field.
    public func validate(now: Date, calendar: Calendar) throws(EdulinkError) {
        typealias L = Limits
        var v = FieldValidator()
        v.text("title", title, label: "Title", range: L.title)
        if title.count >= L.title.lowerBound, title.contains(where: \.isLetter), title == title.uppercased() {
            v.add("title", "Title must not be all capitals.")
        }
        v.text("description", description, label: "Description", range: L.description, multiline: true)
        v.text("location", location, label: "Location", range: L.location)
        if let stipend { v.number("stipend", stipend.amount, label: "Stipend", range: L.stipend) }
        v.number("duration_weeks", durationWeeks, label: "Duration in weeks", range: L.durationWeeks)
        v.number("capacity", capacity, label: "Capacity", range: L.capacity)
        v.number("positions", positions, label: "Positions", range: L.positions)
        if positions > capacity {
            v.add("positions", "Positions (\(positions)) cannot exceed capacity (\(capacity)).")
        }
        let allSkills = requiredSkills + preferredSkills
        v.list("required_skills", requiredSkills, label: "skills", maximum: L.skills, itemRange: L.skillLength)
        v.list("preferred_skills", preferredSkills, label: "skills", maximum: L.skills, itemRange: L.skillLength)
        if allSkills.count > L.skills && requiredSkills.count <= L.skills && preferredSkills.count <= L.skills {
            v.add("preferred_skills", "At most \(L.skills) skills in all (there are \(allSkills.count)).")
        }
        v.list("eligible_courses", eligibleCourses, label: "courses", maximum: 30, itemRange: 2...120)
        for year in eligibleYears where !(1...6).contains(year) {
            v.add("eligible_years", "Years of study are 1 to 6 (\(year) is not).")
            break
        }
        if visibility == .institutionOnly && institutionID == nil {
            v.add("institution", "An institution-only listing needs its institution.")
        }
        validateDates(now: now, calendar: calendar, into: &v)
        validateQuestions(into: &v)
        try v.check()
    }

    private func validateDates(now: Date, calendar: Calendar, into v: inout FieldValidator) {
        let horizon = now.addingTimeInterval(Double(Limits.deadlineHorizonDays) * 86_400)
        if deadline <= now {
            v.add("deadline", "Deadline must be in the future.")
        } else if deadline > horizon {
            v.add("deadline", "Deadline must be within 2 years.")
        }
        if startDate <= deadline {
            v.add("start_date", "Start date must be after the deadline.")
        }
        if endDate <= startDate {
            v.add("end_date", "End date must be after the start date.")
        } else if Limits.durationWeeks.contains(durationWeeks) {
            let days = calendar.dateComponents([.day], from: startDate, to: endDate).day ?? 0
            let weeks = Double(days) / 7
            if abs(weeks - Double(durationWeeks)) > 1 {
                v.add(
                    "duration_weeks",
                    "Duration (\(durationWeeks) weeks) does not match the dates (\(Int(weeks.rounded())) weeks).")
            }
        }
    }

    private func validateQuestions(into v: inout FieldValidator) {
        if questions.count > Limits.questions {
            v.add("questions", "At most \(Limits.questions) screening questions.")
        }
        for (index, question) in questions.enumerated() {
            let field = "questions[\(index)]"
            v.text(field, question.prompt, label: "Question \(index + 1)", range: Limits.questionPrompt)
            if question.kind == .choice {
                if !Limits.choices.contains(question.choices.count) {
                    v.add(field, "Question \(index + 1) needs 2 to 10 choices.")
                } else {
                    v.list(field, question.choices, label: "choices", maximum: 10, itemRange: 1...100)
                }
            } else if !question.choices.isEmpty {
                v.add(field, "Only choice questions have choices.")
            }
        }
    }
}
