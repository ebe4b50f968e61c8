import EdulinkCore
import Foundation

/// Fixed instants and ready-made values for the Core tests.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let day: TimeInterval = 86_400
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Nairobi") ?? .gmt
        return calendar
    }

    static let description = String(
        repeating: "You will build data pipelines with our analytics team and present findings weekly. ", count: 3)

    static func draft() -> ListingDraft {
        ListingDraft(
            title: "Data Analyst Intern — Mobile Money", description: description, category: .technology,
            level: .entry, locationType: .hybrid, location: "Nairobi, Kenya",
            startDate: now.addingTimeInterval(40 * day), endDate: now.addingTimeInterval(40 * day + 12 * 7 * day),
            durationWeeks: 12, stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL", "Python"],
            deadline: now.addingTimeInterval(30 * day))
    }

    static func student(phone: String? = "+254712345678") -> User {
        User(
            id: 10, email: "amani@example.com", displayName: "Amani Wanjiru", role: .student, passwordHash: "x",
            phone: phone, createdAt: now)
    }

    static func profile(complete: Bool = true) -> StudentProfile {
        StudentProfile(
            userID: 10, institutionID: 1,
            content: ProfileContent(
                registrationNumber: complete ? "P15/1234/2022" : nil, yearOfStudy: 3, course: "Computer Science",
                skills: ["Python", "SQL"], interests: ["fintech"],
                githubURL: complete ? "https://github.com/amani" : nil, resumePath: complete ? "~/cv.pdf" : nil),
            updatedAt: now)
    }

    static func listing() -> Listing {
        var listing = Listing(
            id: 1, organizationID: 2, createdBy: 3,
            terms: ListingDraft(
                title: "Data Analyst Intern", description: description, category: .technology, level: .entry,
                locationType: .remote, location: "Nairobi", startDate: now.addingTimeInterval(40 * day),
                endDate: now.addingTimeInterval(124 * day), durationWeeks: 12, stipend: nil,
                deadline: now.addingTimeInterval(10 * day), capacity: 10), status: .published, createdAt: now)
        listing.verifiedAt = now
        listing.requiredSkills = ["Python", "SQL", "Tableau"]
        listing.preferredSkills = ["Excel"]
        return listing
    }
}
