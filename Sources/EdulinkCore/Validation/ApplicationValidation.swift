extension ApplicationDraft {
    public enum Limits {
        public static let coverLetter = 100...5000
        public static let shortAnswer = 1...500
        public static let longAnswer = 1...5000
        public static let resumePath = 1...500
    }

    /// Trims the cover letter and answers.
    public func cleaned() -> ApplicationDraft {
        var copy = self
        copy.coverLetter = coverLetter.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.answers = answers.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        copy.resumePath = resumePath.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        return copy
    }

    /// The form's own rules against the listing's questions: cover letter, answers, résumé path.
    public func validate(questions: [ScreeningQuestion]) throws(EdulinkError) {
        var v = FieldValidator()
        v.text("cover_letter", coverLetter, label: "Cover letter", range: Limits.coverLetter, multiline: true)
        v.optionalText("resume_path", resumePath, label: "Résumé path", range: Limits.resumePath)
        if answers.count > questions.count {
            v.add("answers", "There are \(answers.count) answers for \(questions.count) questions.")
        }
        for (index, question) in questions.enumerated() {
            let answer = index < answers.count ? answers[index] : ""
            let field = "answers[\(index)]"
            if answer.isEmpty {
                if question.required { v.add(field, "Question \(index + 1) is required.") }
                continue
            }
            switch question.kind {
            case .text:
                v.text(field, answer, label: "Answer \(index + 1)", range: Limits.shortAnswer)
            case .longText:
                v.text(field, answer, label: "Answer \(index + 1)", range: Limits.longAnswer, multiline: true)
            case .yesNo:
                if !["yes", "no"].contains(answer.lowercased()) {
                    v.add(field, "Answer \(index + 1) must be yes or no.")
                }
            case .choice:
                if !question.choices.contains(answer) {
                    v.add(field, "Answer \(index + 1) must be one of: \(question.choices.joined(separator: ", ")).")
                }
            }
        }
        try v.check()
    }
}
