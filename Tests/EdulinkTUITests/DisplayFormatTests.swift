import Testing

@testable import EdulinkTUI

@Suite("Display format")
struct DisplayFormatTests {
    @Test(
        "a narrow status bar shows the first name, never a title",
        arguments: [
            ("Dr. Jane Muthoni", "Jane"), ("Prof. Dr. Amos Kiprop", "Amos"), ("Amina Njeri", "Amina"), ("Dr.", "Dr."),
            ("", ""),
        ])
    func shortName(_ full: String, _ short: String) {
        #expect(DisplayFormat.shortName(full) == short)
    }

    @Test("counts read as words: one position, two positions")
    func counted() {
        #expect(DisplayFormat.counted(1, "position") == "1 position")
        #expect(DisplayFormat.counted(3, "position") == "3 positions")
        #expect(DisplayFormat.counted(1_200, "applicant") == "1,200 applicants")
        #expect(DisplayFormat.counted(2, "company", "companies") == "2 companies")
    }
}
