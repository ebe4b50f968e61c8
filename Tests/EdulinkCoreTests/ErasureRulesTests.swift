import EdulinkCore
import Foundation
import Testing

@Suite("Erasure rules (PLACEMENTS.md, Privacy)")
struct ErasureRulesTests {
    let user = User(
        id: 42, email: "amina.w@uon.example", displayName: "Amina Wanjiru", role: .student, passwordHash: "x",
        phone: "+254712000100", createdAt: Date(timeIntervalSince1970: 0))

    @Test("the person's email, name and phone are replaced wherever they are quoted, ignoring case")
    func scrub() {
        let needles = ErasureRules.needles(of: user)
        #expect(Set(needles) == ["amina.w@uon.example", "Amina Wanjiru", "+254712000100"])
        #expect(
            ErasureRules.scrub("AMINA WANJIRU (amina.w@uon.example, +254712000100) applied.", needles: needles)
                == "[erased] ([erased], [erased]) applied.")
        #expect(ErasureRules.scrub("Amina Wanjiru's cover letter", needles: needles) == "[erased]'s cover letter")
        #expect(ErasureRules.scrub("Nothing about her here.", needles: needles) == nil)
    }

    @Test("a name is replaced as a whole word only, so that it never cuts into other words")
    func wholeWords() {
        #expect(
            ErasureRules.scrub("Ann joined the Annual review; ANN again.", needles: ["Ann"])
                == "[erased] joined the Annual review; [erased] again.")
        #expect(ErasureRules.scrub("Mark works in Marketing", needles: ["Mark"]) == "[erased] works in Marketing")
        // Not a word character at an edge: matched there whatever comes before.
        #expect(ErasureRules.scrub("call+254712000100, now", needles: ["+254712000100"]) == "call[erased], now")
    }

    @Test("short values are not looked for; the placeholders are unique and never deliverable")
    func placeholders() {
        var short = user
        short.displayName = "Al"
        short.phone = nil
        #expect(ErasureRules.needles(of: short) == ["amina.w@uon.example"])
        #expect(ErasureRules.placeholderEmail(42) == "erased-42@erased.invalid")
        #expect(ErasureRules.placeholderName(42) == "Erased user 42")
        var erased = user
        erased.email = ErasureRules.placeholderEmail(42)
        #expect(ErasureRules.isErased(erased) && !ErasureRules.isErased(user))
    }
}
