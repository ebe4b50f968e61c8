import EdulinkCore
import Foundation

/// The demo institution's registration codes, so the institution admin's codes screen shows each
/// state on first start: one used up, one expired, one open (PLACEMENTS.md, Institution admin),
/// each with a usage log of real demo students (and a refused attempt).
struct DemoRegistrationCodes {
    /// The institution that gets codes: the demo institution admin's.
    static let institution = "uon"

    let now: Date
    let calendar: Calendar

    /// Writes the codes for `institution` (its short code `shortCode`), whose students are `students`
    /// (email and account, oldest first); returns how many codes it wrote.
    func write(
        into session: any StoreWriter, institution: InstitutionID, shortCode: String, creator: UserID?,
        students: [(email: String, id: UserID)]
    ) throws -> Int {
        let year = calendar.component(.year, from: now)
        func day(_ offset: Int) -> Date { now.addingTimeInterval(Double(offset) * 86_400) }
        // (code, uses, max uses, expires, made, how many of the students used it, a refused attempt)
        let plans: [(String, Int, Int, Date, Date, Int, RegistrationCodeOutcome?)] = [
            (
                RegistrationCodeRules.code(shortCode: shortCode, year: year - 1, sequence: 3), 12, 50, day(-20),
                day(-120), 3, .expired
            ),
            (
                RegistrationCodeRules.code(shortCode: shortCode, year: year, sequence: 1), 40, 40, day(60), day(-45), 4,
                .usedUp
            ),
            (
                RegistrationCodeRules.code(shortCode: shortCode, year: year, sequence: 2), 3, 200, day(45), day(-6), 2,
                .refusedDetails
            ),
        ]
        var used = students[...]
        for (text, uses, maxUses, expires, made, logged, refused) in plans {
            let code = try session.insertRegistrationCode(
                RegistrationCode(
                    institutionID: institution, code: text, maxUses: maxUses, uses: uses, expiresAt: expires,
                    createdBy: creator, createdAt: made))
            for (index, student) in used.prefix(logged).enumerated() {
                try session.insertRegistrationCodeUse(
                    RegistrationCodeUse(
                        codeID: code.id, email: student.email, outcome: .success, userID: student.id, source: "demo",
                        at: made.addingTimeInterval(Double(index + 1) * 3_600)))
            }
            used = used.dropFirst(logged)
            if let refused {
                try session.insertRegistrationCodeUse(
                    RegistrationCodeUse(
                        codeID: code.id, email: "late.student@example.com", outcome: refused, source: "demo",
                        at: min(now, expires.addingTimeInterval(86_400)),
                        detail: refused == .refusedDetails ? "email taken" : nil))
            }
        }
        return plans.count
    }
}
