public import EdulinkCore
import Foundation

/// The profile form's fields as the user edits them (text fields; lists comma-separated).
public struct ProfileForm: Sendable, Equatable {
    public var displayName = ""
    public var phone = ""
    public var registrationNumber = ""
    /// A number 1–6, as typed.
    public var yearOfStudy = ""
    public var course = ""
    /// Comma-separated.
    public var skills = ""
    /// Comma-separated.
    public var interests = ""
    public var githubURL = ""
    public var linkedinURL = ""
    public var websiteURL = ""
    public var resumePath = ""
    public var bio = ""

    /// An empty form.
    public init() {}

    /// The form filled in from a profile.
    public init(_ detail: ProfileDetail) {
        let update = ProfileUpdate(detail)
        displayName = update.displayName
        phone = update.phone ?? ""
        registrationNumber = update.registrationNumber ?? ""
        yearOfStudy = update.yearOfStudy.map(String.init) ?? ""
        course = update.course ?? ""
        skills = update.skills.joined(separator: ", ")
        interests = update.interests.joined(separator: ", ")
        githubURL = update.githubURL ?? ""
        linkedinURL = update.linkedinURL ?? ""
        websiteURL = update.websiteURL ?? ""
        resumePath = update.resumePath ?? ""
        bio = update.bio ?? ""
    }

    /// The update to send, or the field errors the form can tell without the service (a year that is
    /// not a number). Every other rule is the service's.
    public func update() -> Result<ProfileUpdate, EdulinkError> {
        var year: Int?
        let yearText = yearOfStudy.trimmingCharacters(in: .whitespaces)
        if !yearText.isEmpty {
            guard let value = Int(yearText) else {
                return .failure(
                    .validation([FieldError("year_of_study", "Year of study must be a number from 1 to 6.")]))
            }
            year = value
        }
        func optional(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : text
        }
        func list(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return .success(
            ProfileUpdate(
                displayName: displayName, phone: optional(phone),
                content: ProfileContent(
                    registrationNumber: optional(registrationNumber), yearOfStudy: year, course: optional(course),
                    skills: list(skills), interests: list(interests), githubURL: optional(githubURL),
                    linkedinURL: optional(linkedinURL), websiteURL: optional(websiteURL),
                    resumePath: optional(resumePath), bio: optional(bio))))
    }

    /// One field of the form.
    public enum Field: String, Sendable, CaseIterable, Hashable {
        case displayName = "display_name"
        case phone
        /// Shown, never edited: the institution or an admin sets it.
        case institution
        case registrationNumber = "registration_number"
        case yearOfStudy = "year_of_study"
        case course, skills, interests
        case githubURL = "github"
        case linkedinURL = "linkedin"
        case websiteURL = "website"
        case resumePath = "resume_path"
        case bio
    }

    /// Sets a text field (the institution is read-only).
    public mutating func set(_ field: Field, _ value: String) {
        switch field {
        case .displayName: displayName = value
        case .phone: phone = value
        case .institution: break
        case .registrationNumber: registrationNumber = value
        case .yearOfStudy: yearOfStudy = value
        case .course: course = value
        case .skills: skills = value
        case .interests: interests = value
        case .githubURL: githubURL = value
        case .linkedinURL: linkedinURL = value
        case .websiteURL: websiteURL = value
        case .resumePath: resumePath = value
        case .bio: bio = value
        }
    }
}
