import EdulinkCore
import Foundation
import Testing

@Suite("Move validation")
struct MoveValidationTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func fields(_ move: ApplicationMove) -> [String] {
        do {
            _ = try MoveValidation.checked(move, at: now)
            return []
        } catch let error as EdulinkError {
            return error.fieldErrors.map(\.field)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("an interview is in the future, within the horizon, with a place")
    func interview() throws {
        let soon = now.addingTimeInterval(86_400)
        #expect(fields(.scheduleInterview(Interview(at: now, place: "Westlands office"))) == ["interview_at"])
        let far = now.addingTimeInterval(Double(MoveValidation.interviewHorizonDays + 1) * 86_400)
        #expect(fields(.scheduleInterview(Interview(at: far, place: "x"))) == ["interview_at", "interview_place"])
        let kept = try MoveValidation.checked(.scheduleInterview(Interview(at: soon, place: "  Westlands  ")), at: now)
        #expect(kept == .scheduleInterview(Interview(at: soon, place: "Westlands")))
    }

    @Test("an offer expires within its horizon; none given is the default")
    func offer() throws {
        #expect(
            try MoveValidation.checked(.offer(expiresAt: nil), at: now)
                == .offer(expiresAt: now.addingTimeInterval(Double(MoveValidation.defaultOfferDays) * 86_400)))
        #expect(fields(.offer(expiresAt: now)) == ["offer_expires_at"])
        let late = now.addingTimeInterval(Double(MoveValidation.offerHorizonDays + 1) * 86_400)
        #expect(fields(.offer(expiresAt: late)) == ["offer_expires_at"])
    }

    @Test("a rejection for another reason says why; notes are cleaned and bounded")
    func rejectionAndNotes() throws {
        #expect(fields(.reject(Rejection(reason: .other, note: "   "))) == ["reason"])
        #expect(
            try MoveValidation.checked(.reject(Rejection(reason: .positionFilled, note: "  ")), at: now)
                == .reject(Rejection(reason: .positionFilled, note: nil)))
        #expect(fields(.withdraw(note: String(repeating: "a", count: 1001))) == ["note"])
        #expect(try MoveValidation.checked(.review, at: now) == .review)
    }
}
