import EdulinkCore
import Testing

@Suite("The listing visibility rule")
struct ListingViewerTests {
    let open = ListingAudience(visibility: .public, institutionID: nil)
    let nairobi = ListingAudience(visibility: .institutionOnly, institutionID: 1)
    let strathmore = ListingAudience(visibility: .institutionOnly, institutionID: 2)

    @Test("public listings are for everyone; institution-only ones for their institution and the platform")
    func sees() {
        #expect(ListingViewer.platform.sees(nairobi) && ListingViewer.platform.sees(open))
        #expect(ListingViewer.member(of: 1).sees(open))
        #expect(ListingViewer.member(of: 1).sees(nairobi))
        #expect(!ListingViewer.member(of: 1).sees(strathmore))
        #expect(ListingViewer.member(of: nil).sees(open))
        #expect(!ListingViewer.member(of: nil).sees(nairobi))
        // An institution-only listing without an institution is for nobody but the platform.
        let nowhere = ListingAudience(visibility: .institutionOnly, institutionID: nil)
        #expect(!ListingViewer.member(of: nil).sees(nowhere))
        #expect(ListingViewer.platform.sees(nowhere))
    }

    @Test("the stores' SQL states the same rule")
    func sql() {
        var bound: [Int64] = []
        let bind: (Int64) -> String = { value in
            bound.append(value)
            return "$\(bound.count)"
        }
        #expect(ListingViewer.platform.sqlCondition(bind: bind) == nil)
        #expect(ListingViewer.member(of: nil).sqlCondition(bind: bind) == "l.visibility = 'public'")
        #expect(
            ListingViewer.member(of: 7).sqlCondition(table: "x", bind: bind)
                == "(x.visibility = 'public' OR x.institution_id = $1)")
        #expect(bound == [7])
    }
}
