extension StudentProfile {
    public enum Limits {
        public static let skills = 20
        public static let skillLength = 2...50
        public static let interests = 15
        public static let bio = 0...2000
        public static let years = 1...6
    }

    /// Registration numbers: 3–20 of `A-Z 0-9 - /`.
    public static func registrationNumberProblem(_ value: String) -> String? {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/")
        if !(3...20).contains(value.count) || !value.allSatisfy(allowed.contains) {
            return "Registration number must be 3–20 of A–Z, 0–9, - and /."
        }
        return nil
    }

    /// Trims fields and upper-cases the registration number.
    public func cleaned() -> StudentProfile {
        var copy = self
        copy.content = content.cleaned()
        return copy
    }

    /// Every field rule of DOMAIN.md for a profile.
    public func validate() throws(EdulinkError) { try content.validate() }
}

extension ProfileContent {
    /// Trims fields and upper-cases the registration number.
    public func cleaned() -> ProfileContent {
        var copy = self
        func clean(_ value: String?) -> String? {
            value.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
        }
        copy.registrationNumber = clean(registrationNumber)?.uppercased()
        copy.course = clean(course)
        copy.skills = skills.map(TextRules.clean).filter { !$0.isEmpty }
        copy.interests = interests.map(TextRules.clean).filter { !$0.isEmpty }
        copy.githubURL = clean(githubURL)
        copy.linkedinURL = clean(linkedinURL)
        copy.websiteURL = clean(websiteURL)
        copy.resumePath = clean(resumePath)
        copy.bio = bio.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return copy
    }

    /// Every field rule of DOMAIN.md for a profile.
    public func validate() throws(EdulinkError) {
        var v = FieldValidator()
        if let registrationNumber, let problem = StudentProfile.registrationNumberProblem(registrationNumber) {
            v.add("registration_number", problem)
        }
        if let yearOfStudy {
            v.number("year_of_study", yearOfStudy, label: "Year of study", range: StudentProfile.Limits.years)
        }
        v.optionalText("course", course, label: "Course", range: 2...120)
        v.list(
            "skills", skills, label: "skills", maximum: StudentProfile.Limits.skills,
            itemRange: StudentProfile.Limits.skillLength)
        v.list("interests", interests, label: "interests", maximum: StudentProfile.Limits.interests, itemRange: 2...50)
        v.url("github", githubURL, label: "GitHub link")
        v.url("linkedin", linkedinURL, label: "LinkedIn link")
        v.url("website", websiteURL, label: "Website")
        v.optionalText("resume_path", resumePath, label: "Résumé path", range: 1...500)
        v.optionalText("bio", bio, label: "Bio", range: StudentProfile.Limits.bio, multiline: true)
        try v.check()
    }
}

extension Organization {
    /// Trims the text fields.
    public func cleaned() -> Organization {
        var copy = self
        copy.name = TextRules.clean(name)
        copy.industry = TextRules.clean(industry)
        copy.location = TextRules.clean(location)
        copy.website = website.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
        copy.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        return copy
    }

    /// The field rules of an organization profile.
    public func validate() throws(EdulinkError) {
        var v = FieldValidator()
        v.text("name", name, label: "Company name", range: 2...200)
        v.text("industry", industry, label: "Industry", range: 2...100)
        v.text("location", location, label: "Location", range: 2...200)
        v.text("description", description, label: "Description", range: 20...5000, multiline: true)
        v.url("website", website, label: "Website")
        try v.check()
    }
}

extension Institution {
    /// Trims the name; the short code in capitals.
    public func cleaned() -> Institution {
        var copy = self
        copy.name = TextRules.clean(name)
        copy.shortCode = TextRules.clean(shortCode).uppercased()
        return copy
    }

    /// The field rules of an institution. The short code goes into its registration codes
    /// (`EDU{SHORT}{YY}-{NN}`), so it is letters and digits only.
    public func validate() throws(EdulinkError) {
        var v = FieldValidator()
        v.text("name", name, label: "Name", range: 2...200)
        v.text("short_code", shortCode, label: "Short code", range: 2...12)
        if !shortCode.isEmpty,
            !shortCode.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        {
            v.add("short_code", "Short code must be letters A–Z and digits only (it starts every registration code).")
        }
        try v.check()
    }
}
