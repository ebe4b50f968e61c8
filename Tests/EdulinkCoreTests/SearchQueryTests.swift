import EdulinkCore
import Foundation
import Testing

/// Parses a query that is expected to be valid; records an issue and returns an empty filter otherwise.
private func parsed(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) -> ListingFilter {
    do {
        return try SearchQueryParser.parse(query)
    } catch {
        Issue.record("\(query) failed: \(error.message)", sourceLocation: sourceLocation)
        return ListingFilter()
    }
}

/// The error a query is expected to produce, or nil if it parses.
private func parseError(_ query: String) -> SearchQueryError? {
    do {
        _ = try SearchQueryParser.parse(query)
        return nil
    } catch {
        return error
    }
}

@Suite("The search query language")
struct SearchQueryLanguageTests {
    @Test("the example from the issue parses into exactly the expected filter")
    func issueExample() {
        let filter = parsed(
            #"data remote:yes stipend>=20000 deadline<14d category:technology skill:python -sales "exact phrase""#)
        let expected = ListingFilter(
            terms: [.word("data"), .excluded("sales"), .phrase("exact phrase")],
            categories: [.technology],
            locationTypes: [.remote],
            minimumStipendKES: 20_000,
            deadlineWithinDays: 14,
            skills: ["python"])
        #expect(filter == expected)
        #expect(filter.effectiveSort == .relevance)
        #expect(
            filter.queryString
                == #"data -sales "exact phrase" category:technology type:remote stipend>=20000 deadline<14d skill:python"#
        )
    }

    @Test(
        "free text becomes words, phrases and exclusions, lowercased, deduplicated, punctuation-only dropped",
        arguments: [
            ("data", [SearchTerm.word("data")]),
            ("Data SCIENCE", [.word("data"), .word("science")]),
            ("C++ node.js e-commerce", [.word("c++"), .word("node.js"), .word("e-commerce")]),
            ("data data DATA", [.word("data")]),
            ("- & ... 🚀 --", []),
            (#""Exact   Phrase""#, [.phrase("exact phrase")]),
            (#""say \"hi\" \\o/""#, [.phrase(#"say "hi" \o/"#)]),
            (#""""#, []),
            ("-sales", [.excluded("sales")]),
            (#"-"Cold Calling""#, [.excluded("cold calling")]),
            ("tab\tnew\nline", [.word("tab"), .word("new"), .word("line")]),
            ("数据科学 مرحبا ÉCOLE", [.word("数据科学"), .word("مرحبا"), .word("école")]),
            ("o'brien \\path", [.word("o'brien"), .word("\\path")]),
        ])
    func freeText(query: String, terms: [SearchTerm]) {
        #expect(parsed(query).terms == terms)
    }

    @Test(
        "every filter key and form sets the matching field",
        arguments: [
            ("category:technology", ListingFilter(categories: [.technology])),
            ("cat:finance", ListingFilter(categories: [.finance])),
            ("category:technology,finance", ListingFilter(categories: [.technology, .finance])),
            ("category:technology category:design", ListingFilter(categories: [.technology, .design])),
            ("CATEGORY:Tech", ListingFilter(categories: [.technology])),
            ("categories:med", ListingFilter(categories: [.media])),
            ("category:technology,", ListingFilter(categories: [.technology])),
            ("remote:yes", ListingFilter(locationTypes: [.remote])),
            ("remote:no", ListingFilter(locationTypes: [.onSite, .hybrid])),
            ("remote:true remote:off", ListingFilter(locationTypes: [.remote, .onSite, .hybrid])),
            ("type:remote", ListingFilter(locationTypes: [.remote])),
            ("type:on_site", ListingFilter(locationTypes: [.onSite])),
            ("type:onsite", ListingFilter(locationTypes: [.onSite])),
            ("type:on-site", ListingFilter(locationTypes: [.onSite])),
            ("type:on", ListingFilter(locationTypes: [.onSite])),
            ("type:hybrid,remote", ListingFilter(locationTypes: [.hybrid, .remote])),
            ("location-type:hyb", ListingFilter(locationTypes: [.hybrid])),
            ("location:nairobi", ListingFilter(location: "nairobi")),
            ("in:Nairobi", ListingFilter(location: "nairobi")),
            (#"location:"Dar  es Salaam""#, ListingFilter(location: "dar es salaam")),
            ("location:mombasa in:kisumu", ListingFilter(location: "kisumu")),
            ("level:entry", ListingFilter(levels: [.entry])),
            ("level:entry,advanced", ListingFilter(levels: [.entry, .advanced])),
            ("level:int", ListingFilter(levels: [.intermediate])),
            ("paid:yes", ListingFilter(paidOnly: true)),
            ("paid:no", ListingFilter()),
            ("paid:yes paid:no", ListingFilter()),
            ("stipend>=20000", ListingFilter(minimumStipendKES: 20_000)),
            ("stipend>20000", ListingFilter(minimumStipendKES: 20_001)),
            ("stipend:20000", ListingFilter(minimumStipendKES: 20_000)),
            ("stipend=20000", ListingFilter(minimumStipendKES: 20_000)),
            ("stipend>=20k", ListingFilter(minimumStipendKES: 20_000)),
            ("stipend>=2.5K", ListingFilter(minimumStipendKES: 2_500)),
            ("stipend>=500usd", ListingFilter(minimumStipendKES: 65_000)),
            ("stipend>=500USD", ListingFilter(minimumStipendKES: 65_000)),
            ("stipend>=2kusd", ListingFilter(minimumStipendKES: 260_000)),
            ("stipend>=20kkes", ListingFilter(minimumStipendKES: 20_000)),
            ("stipend>=15000ksh", ListingFilter(minimumStipendKES: 15_000)),
            ("stipend>=1.5usd", ListingFilter(minimumStipendKES: 195)),
            ("stipend>=0.001usd", ListingFilter(minimumStipendKES: 1)),
            ("stipend>0.5", ListingFilter(minimumStipendKES: 1)),
            ("stipend>=10k stipend>=5k", ListingFilter(minimumStipendKES: 5_000)),
            ("deadline<14d", ListingFilter(deadlineWithinDays: 14)),
            ("deadline<=14d", ListingFilter(deadlineWithinDays: 14)),
            ("deadline<2w", ListingFilter(deadlineWithinDays: 14)),
            ("deadline:14d", ListingFilter(deadlineWithinDays: 14)),
            ("deadline:3", ListingFilter(deadlineWithinDays: 3)),
            ("deadline<1week", ListingFilter(deadlineWithinDays: 7)),
            ("deadline<0d", ListingFilter(deadlineWithinDays: 0)),
            ("duration<=12w", ListingFilter(maximumDurationWeeks: 12)),
            ("duration>=8w", ListingFilter(minimumDurationWeeks: 8)),
            ("duration<12w", ListingFilter(maximumDurationWeeks: 11)),
            ("duration>8w", ListingFilter(minimumDurationWeeks: 9)),
            ("duration:8-12w", ListingFilter(minimumDurationWeeks: 8, maximumDurationWeeks: 12)),
            ("duration:8w-12w", ListingFilter(minimumDurationWeeks: 8, maximumDurationWeeks: 12)),
            ("duration:10", ListingFilter(minimumDurationWeeks: 10, maximumDurationWeeks: 10)),
            ("duration>=8w duration<=12w", ListingFilter(minimumDurationWeeks: 8, maximumDurationWeeks: 12)),
            ("skill:python", ListingFilter(skills: ["python"])),
            ("skill:Python skill:SQL", ListingFilter(skills: ["python", "sql"])),
            ("skill:python,sql", ListingFilter(skills: ["python", "sql"])),
            (#"skill:"Machine Learning""#, ListingFilter(skills: ["machine learning"])),
            (#"skill:"a,b",c"#, ListingFilter(skills: ["a,b", "c"])),
            ("skills:python skill:PYTHON", ListingFilter(skills: ["python"])),
            ("org:acme", ListingFilter(organization: "acme")),
            (#"company:"Acme Corp""#, ListingFilter(organization: "acme corp")),
            ("organization:Safaricom", ListingFilter(organization: "safaricom")),
            ("eligible:yes", ListingFilter(eligibleForMe: true)),
            ("eligible:no", ListingFilter()),
            ("featured:yes", ListingFilter(featuredOnly: true)),
            ("sort:deadline", ListingFilter(sort: .deadline)),
            ("sort:dead", ListingFilter(sort: .deadline)),
            ("SORT:Stipend", ListingFilter(sort: .stipend)),
            ("sort:newest", ListingFilter(sort: .newest)),
            ("sort:relevance", ListingFilter(sort: .relevance)),
        ])
    func filterKeys(query: String, expected: ListingFilter) {
        #expect(parsed(query) == expected)
    }

    @Test("an empty or blank query is the empty filter")
    func emptyQuery() {
        #expect(parsed("") == ListingFilter())
        #expect(parsed("   \t ").isEmpty)
    }

    @Test(
        "the query limits accept exactly their maximum",
        arguments: [
            Array(repeating: String(repeating: "a", count: 100), count: 4).joined(separator: " ") + " "
                + String(repeating: "b", count: 96),
            Array(repeating: "x", count: 32).joined(separator: " "),
            String(repeating: "é", count: 100),
        ])
    func limitsAtMaximum(query: String) {
        #expect(parseError(query) == nil)
    }
}

// MARK: - Errors

struct ErrorCase: Sendable, CustomTestStringConvertible {
    var query: String
    var message: String
    var term: String
    var range: Range<Int>
    var testDescription: String { query }
}

@Suite("Query errors")
struct SearchQueryErrorTests {
    static let cases: [ErrorCase] = [
        ErrorCase(
            query: "colour:red",
            message:
                "unknown filter \"colour\" — try category:, remote:, location:, level:, stipend>=, deadline<, duration<=,"
                + " skill:, org:, sort:",
            term: "colour:red", range: 0..<10),
        ErrorCase(
            query: "数据 title:secret",
            message:
                "unknown filter \"title\" — try category:, remote:, location:, level:, stipend>=, deadline<, duration<=,"
                + " skill:, org:, sort:",
            term: "title:secret", range: 3..<15),
        ErrorCase(
            query: "meet 12:30",
            message:
                "unknown filter \"12\" — try category:, remote:, location:, level:, stipend>=, deadline<, duration<=,"
                + " skill:, org:, sort:",
            term: "12:30", range: 5..<10),
        ErrorCase(
            query: ":foo",
            message:
                "a filter needs a name before \":\", like category:technology — or quote the text to search for it",
            term: ":foo", range: 0..<4),
        ErrorCase(
            query: "data stipend>=abc",
            message: "\"stipend>=abc\": expected an amount like 20000, 20k or 500usd",
            term: "stipend>=abc", range: 5..<17),
        ErrorCase(
            query: "stipend>=20,000",
            message: "\"stipend>=20,000\": expected an amount like 20000, 20k or 500usd",
            term: "stipend>=20,000", range: 0..<15),
        ErrorCase(
            query: "stipend>=20eur",
            message: "\"stipend>=20eur\": expected an amount like 20000, 20k or 500usd",
            term: "stipend>=20eur", range: 0..<14),
        ErrorCase(
            query: "stipend>=2000000000",
            message: "\"stipend>=2000000000\": at most 1000000000 KES",
            term: "stipend>=2000000000", range: 0..<19),
        ErrorCase(
            query: "stipend<5000",
            message: "\"stipend<5000\": stipend sets a minimum — e.g. stipend>=20000",
            term: "stipend<5000", range: 0..<12),
        ErrorCase(
            query: "category:xyz",
            message:
                "unknown category \"xyz\" — one of technology, finance, marketing, healthcare, education, engineering,"
                + " design, research, business, legal, media, other",
            term: "xyz", range: 9..<12),
        ErrorCase(
            query: "category:e",
            message: "ambiguous category \"e\" — could be education or engineering",
            term: "e", range: 9..<10),
        ErrorCase(
            query: "x category:tecnology",
            message: "unknown category \"tecnology\" — did you mean technology?",
            term: "tecnology", range: 11..<20),
        ErrorCase(
            query: "cat:technology,fnance",
            message: "unknown category \"fnance\" — did you mean finance?",
            term: "fnance", range: 15..<21),
        ErrorCase(
            query: "category>=technology",
            message: "\"category>=technology\": category takes \":\" — e.g. category:technology",
            term: "category>=technology", range: 0..<20),
        ErrorCase(
            query: "type:x",
            message: "unknown location type \"x\" — one of remote, on_site, hybrid",
            term: "x", range: 5..<6),
        ErrorCase(
            query: "level:expert",
            message: "unknown level \"expert\" — one of entry, intermediate, advanced",
            term: "expert", range: 6..<12),
        ErrorCase(
            query: "sort:best",
            message: "unknown sort order \"best\" — one of relevance, deadline, newest, stipend",
            term: "best", range: 5..<9),
        ErrorCase(
            query: "sort:deadline,newest",
            message: "\"sort:deadline,newest\": sort takes one order — e.g. sort:deadline",
            term: "sort:deadline,newest", range: 0..<20),
        ErrorCase(
            query: "remote:maybe",
            message: "\"remote:maybe\": expected yes or no",
            term: "remote:maybe", range: 0..<12),
        ErrorCase(
            query: "deadline>3d",
            message: "\"deadline>3d\": deadline sets how soon applications close — e.g. deadline<14d",
            term: "deadline>3d", range: 0..<11),
        ErrorCase(
            query: "deadline<soon",
            message: "\"deadline<soon\": expected days or weeks like 14d or 2w",
            term: "deadline<soon", range: 0..<13),
        ErrorCase(
            query: "deadline<9999d",
            message: "\"deadline<9999d\": at most 3650 days",
            term: "deadline<9999d", range: 0..<14),
        ErrorCase(
            query: "duration<=long",
            message: "\"duration<=long\": expected weeks like 12w or a range like 8-12w",
            term: "duration<=long", range: 0..<14),
        ErrorCase(
            query: "duration:12-8w",
            message: "\"duration:12-8w\": the range must go from short to long, like 8-12w",
            term: "duration:12-8w", range: 0..<14),
        ErrorCase(
            query: "duration<0w",
            message: "\"duration<0w\": nothing is shorter than 0 weeks — e.g. duration<=12w",
            term: "duration<0w", range: 0..<11),
        ErrorCase(
            query: "duration>=999w",
            message: "\"duration>=999w\": at most 520 weeks",
            term: "duration>=999w", range: 0..<14),
        ErrorCase(
            query: "data colour:red",
            message:
                "unknown filter \"colour\" — try category:, remote:, location:, level:, stipend>=, deadline<, duration<=,"
                + " skill:, org:, sort:",
            term: "colour:red", range: 5..<15),
        ErrorCase(
            query: #"location:"   ""#,
            message: "location: needs a value — e.g. location:nairobi",
            term: #"location:"   ""#, range: 0..<14),
        ErrorCase(
            query: "paid:sometimes",
            message: "\"paid:sometimes\": expected yes or no",
            term: "paid:sometimes", range: 0..<14),
        ErrorCase(
            query: "python skill:",
            message: "skill: needs a value — e.g. skill:python",
            term: "skill:", range: 7..<13),
        ErrorCase(
            query: #"skill:"""#,
            message: "skill: needs a value — e.g. skill:python",
            term: #"skill:"""#, range: 0..<8),
        ErrorCase(
            query: "stipend>=",
            message: "stipend>= needs a value — e.g. stipend>=20000",
            term: "stipend>=", range: 0..<9),
        ErrorCase(
            query: "category:,",
            message: "category: needs a value — e.g. category:technology",
            term: "category:,", range: 0..<10),
        ErrorCase(
            query: #"say "hello world"#,
            message: "unterminated quote — add a closing \" to end the phrase",
            term: #""hello world"#, range: 4..<16),
        ErrorCase(
            query: #"foo"bar baz""#,
            message: #"stray quote in foo"bar baz" — quote a whole phrase, like "exact phrase", with spaces around it"#,
            term: #"foo"bar baz""#, range: 0..<12),
        ErrorCase(
            query: #""a"b"#,
            message: #"stray quote in "a"b — quote a whole phrase, like "exact phrase", with spaces around it"#,
            term: #""a"b"#, range: 0..<4),
        ErrorCase(
            query: "-category:finance",
            message: #"a filter can't be excluded with "-" — to exclude the text, quote it: -"category:finance""#,
            term: "-category:finance", range: 0..<17),
        ErrorCase(
            query: "data\u{7}",
            message: "control character U+0007 at position 5 is not allowed — remove it",
            term: "\u{7}", range: 4..<5),
        ErrorCase(
            query: "abc\u{202E}def",
            message: "control character U+202E at position 4 is not allowed — remove it",
            term: "\u{202E}", range: 3..<4),
        ErrorCase(
            query: String(repeating: "a ", count: 251),
            message: "query is too long (502 characters) — at most 500",
            term: "a ", range: 500..<502),
        ErrorCase(
            query: String(repeating: "x ", count: 33),
            message: "too many terms (33) — at most 32 words and filters",
            term: "x", range: 64..<65),
        ErrorCase(
            query: "ok " + String(repeating: "a", count: 101),
            message: "word is too long (101 characters) — at most 100",
            term: String(repeating: "a", count: 101), range: 3..<104),
        ErrorCase(
            query: "\"" + String(repeating: "b", count: 101) + "\"",
            message: "phrase is too long (101 characters) — at most 100",
            term: "\"" + String(repeating: "b", count: 101) + "\"", range: 0..<103),
        ErrorCase(
            query: "org:" + String(repeating: "c", count: 101),
            message: "value is too long (101 characters) — at most 100",
            term: "org:" + String(repeating: "c", count: 101), range: 0..<105),
    ]

    @Test("each mistake gets its own message, the offending text and its character range", arguments: cases)
    func error(_ testCase: ErrorCase) {
        let error = parseError(testCase.query)
        #expect(error?.message == testCase.message)
        #expect(error?.term == testCase.term)
        #expect(error?.range == testCase.range)
        #expect(error?.description == testCase.message)
    }

    @Test("the error term is the query text at the error range, also after emoji and combining characters")
    func termMatchesRange() throws {
        let query = "🚀👩‍💻 e\u{301}cole colour:red"
        let error = try #require(parseError(query))
        #expect(error.range == 9..<19)
        let characters = Array(query)
        #expect(String(characters[error.range]) == error.term)
    }
}

// MARK: - Sorting, emptiness, normalization

@Suite("Filter semantics")
struct ListingFilterTests {
    @Test(
        "the effective sort is relevance with words or phrases, newest without, and the chosen sort when set",
        arguments: [
            (ListingFilter(), ListingSort.newest),
            (ListingFilter(terms: [.word("data")]), .relevance),
            (ListingFilter(terms: [.phrase("data science")]), .relevance),
            (ListingFilter(terms: [.excluded("sales")]), .newest),
            (ListingFilter(categories: [.finance]), .newest),
            (ListingFilter(terms: [.word("data")], sort: .deadline), .deadline),
            (ListingFilter(sort: .stipend), .stipend),
        ])
    func effectiveSort(filter: ListingFilter, expected: ListingSort) {
        #expect(filter.effectiveSort == expected)
    }

    @Test("a filter with no constraint is empty, whatever its sort")
    func emptyFilters() {
        #expect(ListingFilter().isEmpty)
        #expect(ListingFilter(sort: .deadline).isEmpty)
    }

    @Test(
        "any single constraint makes a filter non-empty",
        arguments: [
            ListingFilter(terms: [.excluded("sales")]),
            ListingFilter(categories: [.legal]),
            ListingFilter(locationTypes: [.hybrid]),
            ListingFilter(location: "nairobi"),
            ListingFilter(paidOnly: true),
            ListingFilter(minimumStipendKES: 0),
            ListingFilter(levels: [.entry]),
            ListingFilter(minimumDurationWeeks: 4),
            ListingFilter(maximumDurationWeeks: 4),
            ListingFilter(deadlineWithinDays: 7),
            ListingFilter(skills: ["sql"]),
            ListingFilter(organization: "acme"),
            ListingFilter(eligibleForMe: true),
            ListingFilter(featuredOnly: true),
        ])
    func nonEmpty(filter: ListingFilter) {
        #expect(!filter.isEmpty)
    }

    @Test("normalizing lowercases, trims, collapses, drops empties and duplicates and clamps numbers")
    func normalization() {
        let filter = ListingFilter(
            terms: [
                .word("  Data "), .word("data"), .word("a:b"), .word("--x"), .word("🚀"), .phrase(" Big\tData "),
                .phrase("..."), .excluded("Sales"), .excluded("sales"),
            ],
            location: "  Nairobi\u{7}West ",
            minimumStipendKES: -5,
            minimumDurationWeeks: 9_999,
            maximumDurationWeeks: -1,
            deadlineWithinDays: 100_000,
            skills: ["SQL", " sql ", "", "Machine  Learning"],
            organization: "   ")
        let expected = ListingFilter(
            terms: [.word("data"), .word("a"), .word("b"), .word("x"), .phrase("big data"), .excluded("sales")],
            location: "nairobi west",
            minimumDurationWeeks: 520,
            deadlineWithinDays: 3650,
            skills: ["sql", "machine learning"])
        #expect(filter.normalized() == expected)
        #expect(expected.normalized() == expected)
    }

    @Test("excluded terms are listed in order for stores that apply them separately")
    func excludedTerms() {
        let filter = parsed(#"-sales data -"cold calling""#)
        #expect(filter.excludedTerms == ["sales", "cold calling"])
    }

    @Test("a filter encodes to stable JSON with only what is set, and decodes back")
    func codable() throws {
        let filter = parsed(
            #"data remote:yes stipend>=20000 deadline<14d category:technology,finance skill:python -sales "exact phrase""#
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(filter), as: UTF8.self)
        #expect(
            json
                == #"{"categories":["technology","finance"],"deadlineWithinDays":14,"locationTypes":["remote"],"#
                + #""minimumStipendKES":20000,"skills":["python"],"terms":[{"word":"data"},{"excluded":"sales"},"#
                + #"{"phrase":"exact phrase"}]}"#)
        #expect(try JSONDecoder().decode(ListingFilter.self, from: Data(json.utf8)) == filter)
        let sorted = ListingFilter(sort: .deadline)
        #expect(try JSONDecoder().decode(ListingFilter.self, from: try encoder.encode(sorted)) == sorted)
    }

    @Test("decoding tolerates missing keys and refuses a term without a kind")
    func decoding() throws {
        #expect(try JSONDecoder().decode(ListingFilter.self, from: Data("{}".utf8)) == ListingFilter())
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ListingFilter.self, from: Data(#"{"terms":[{"other":"x"}]}"#.utf8))
        }
    }
}

// MARK: - Round trip

@Suite("Formatting and round trip")
struct SearchQueryRoundTripTests {
    static let filters: [ListingFilter] =
        [
            ListingFilter(),
            ListingFilter(
                terms: [.word("data"), .excluded("sales"), .phrase("exact phrase")], categories: [.technology],
                locationTypes: [.remote], minimumStipendKES: 20_000, deadlineWithinDays: 14, skills: ["python"]),
            ListingFilter(terms: [.phrase(#"say "hi" \ now"#), .phrase("data")]),
            ListingFilter(terms: [.word("c++"), .word("node.js"), .word("数据"), .word("o'brien"), .word("\\path")]),
            ListingFilter(terms: [.excluded("title:x"), .excluded("-foo"), .excluded("two words"), .excluded("a\"b")]),
            ListingFilter(
                location: "dar es salaam", skills: ["machine learning", "c++", "a,b"], organization: "acme, inc"),
            ListingFilter(location: #"5th "ave" \ x"#, organization: "a:b"),
            ListingFilter(minimumDurationWeeks: 8, maximumDurationWeeks: 12),
            ListingFilter(minimumDurationWeeks: 10, maximumDurationWeeks: 10),
            ListingFilter(minimumDurationWeeks: 12, maximumDurationWeeks: 8),
            ListingFilter(maximumDurationWeeks: 4),
            ListingFilter(minimumDurationWeeks: 0),
            ListingFilter(
                categories: Set(ListingCategory.allCases), locationTypes: Set(LocationType.allCases),
                levels: Set(ExperienceLevel.allCases)),
            ListingFilter(paidOnly: true, minimumStipendKES: 0, deadlineWithinDays: 0, eligibleForMe: true),
            ListingFilter(
                minimumStipendKES: 1_000_000_000, maximumDurationWeeks: 520, deadlineWithinDays: 3650,
                featuredOnly: true),
        ] + ListingSort.allCases.map { ListingFilter(sort: $0) }

    @Test("formatting a normalized filter and parsing it back gives the same filter", arguments: filters)
    func roundTrip(filter: ListingFilter) throws {
        #expect(filter.normalized() == filter)
        #expect(try SearchQueryParser.parse(filter.queryString) == filter)
    }

    @Test(
        "filters are written in a canonical order and form",
        arguments: [
            ("remote:yes data cat:fin,tech", "data category:technology,finance type:remote"),
            ("remote:no", "type:on_site,hybrid"),
            ("data remote:yes stipend>=20k deadline<2w -sales", "data -sales type:remote stipend>=20000 deadline<14d"),
            ("Data remote:yes stipend>=20k", "data type:remote stipend>=20000"),
            ("duration>=8w duration<=12w", "duration:8-12w"),
            ("duration:10w", "duration:10w"),
            ("duration>12w duration<8w", "duration>=13w duration<=7w"),
            ("deadline<2w stipend>=500usd", "stipend>=65000 deadline<14d"),
            (
                #"in:"Dar es Salaam" company:ACME -"Cold Calling" -x"#,
                #"-"cold calling" -x location:"dar es salaam" org:acme"#
            ),
            ("sort:dead featured:yes eligible:yes paid:yes", "paid:yes eligible:yes featured:yes sort:deadline"),
        ])
    func canonicalForm(query: String, formatted: String) {
        #expect(parsed(query).queryString == formatted)
    }

    @Test(
        "parsing a formatted query gives back the parsed filter",
        arguments: [
            #"data remote:yes stipend>=20000 deadline<14d category:technology skill:python -sales "exact phrase""#,
            #"AND OR NOT NEAR "title:x" -"(y)" skill:"a \"b\"" org:x:y"#,
            "🚀data e\u{301}cole مرحبا 数据科学 level:adv,ent",
        ])
    func reparse(query: String) throws {
        let filter = parsed(query)
        #expect(!filter.isEmpty)
        #expect(try SearchQueryParser.parse(filter.queryString) == filter)
    }
}

// MARK: - Full-text expressions

/// Letters, digits and private-use characters: what a full-text token is made of.
private func isTokenText(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
        || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .privateUse }
}

/// Checks that outside its quoted strings an FTS5 expression only uses the operators this module writes,
/// and that quoted strings only hold tokens (letters, digits, spaces).
private func isSafeFTS(_ expression: String) -> Bool {
    var outside = ""
    var inside = false
    var strings: [String] = []
    var current = ""
    let characters = Array(expression)
    var index = 0
    while index < characters.count {
        let character = characters[index]
        if inside {
            if character == "\"" {
                if index + 1 < characters.count, characters[index + 1] == "\"" {
                    current.append("\"")
                    index += 2
                    continue
                }
                inside = false
                strings.append(current)
                current = ""
                outside.append("S")
            } else {
                current.append(character)
            }
        } else if character == "\"" {
            inside = true
        } else {
            outside.append(character)
        }
        index += 1
    }
    guard !inside else { return false }
    let words = outside.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        .split(separator: " ")
    let syntaxOK = words.allSatisfy { ["S", "S*", "AND", "OR", "NOT"].contains($0) }
    let stringsOK = strings.allSatisfy { $0.allSatisfy { $0 == " " || isTokenText($0) } }
    return syntaxOK && stringsOK
}

/// The same check for a PostgreSQL tsquery: single-quoted lexemes and `& ! <-> :* ( )` only.
private func isSafeTSQuery(_ expression: String) -> Bool {
    var outside = ""
    var inside = false
    var lexemes: [String] = []
    var current = ""
    let characters = Array(expression)
    var index = 0
    while index < characters.count {
        let character = characters[index]
        if inside {
            if character == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    current.append("'")
                    index += 2
                    continue
                }
                inside = false
                lexemes.append(current)
                current = ""
                outside.append("S")
            } else {
                current.append(character)
            }
        } else if character == "'" {
            inside = true
        } else {
            outside.append(character)
        }
        index += 1
    }
    guard !inside else { return false }
    let words = outside.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        .split(separator: " ")
    let syntaxOK = words.allSatisfy { ["S", "S:*", "!S", "!", "&", "<->"].contains($0) }
    let lexemesOK = lexemes.allSatisfy { $0.allSatisfy(isTokenText) }
    return syntaxOK && lexemesOK
}

@Suite("Full-text expressions for the stores")
struct FullTextExpressionTests {
    @Test(
        "FTS5 MATCH expressions quote every token, prefix-match words still being typed and exclude with NOT",
        arguments: [
            ("data", #""data"*"#),
            (#""exact phrase""#, #""exact phrase""#),
            (#"data "exact phrase" -sales"#, #"("data"* AND "exact phrase") NOT "sales""#),
            (#"data -sales -"cold calling""#, #""data"* NOT ("sales" OR "cold calling")"#),
            ("c++", #""c""#),
            (#""Data""#, #""data""#),
            ("node.js", #""node js"*"#),
            ("e-commerce", #""e commerce"*"#),
            ("AND OR NOT NEAR", #""and"* AND "or"* AND "not"* AND "near"*"#),
            (#""title:foo""#, #""title foo""#),
            (#""a (b) c* ^d""#, #""a b c d""#),
            (#""NEAR(a b, 3)""#, #""near a b 3""#),
            ("数据科学 مرحبا", #""数据科学"* AND "مرحبا"*"#),
            ("🚀data data🚀", #""data"* AND "data""#),
            ("x² café", #""x²"* AND "café"*"#),
            ("हिन्दी", #""ह न द""#),
            ("o'brien", #""o brien"*"#),
            ("data category:finance", #""data"*"#),
        ])
    func ftsExpression(query: String, expected: String) {
        let expression = parsed(query).ftsMatchExpression()
        #expect(expression == expected)
        #expect(expression.map(isSafeFTS) == true)
    }

    @Test("with no word or only exclusions there is no FTS5 expression, and exclusions are offered separately")
    func ftsExclusionsOnly() {
        #expect(ListingFilter().ftsMatchExpression() == nil)
        #expect(ListingFilter().ftsExclusionMatchExpression() == nil)
        #expect(parsed("category:finance").ftsMatchExpression() == nil)
        let filter = parsed(#"-sales -"cold calling""#)
        #expect(filter.ftsMatchExpression() == nil)
        #expect(filter.ftsExclusionMatchExpression() == #""sales" OR "cold calling""#)
        #expect(filter.excludedTerms == ["sales", "cold calling"])
        #expect(ListingFilter(terms: [.word("🚀")]).ftsMatchExpression() == nil)
    }

    @Test(
        "PostgreSQL tsquery expressions quote every lexeme and use :*, &, ! and <->",
        arguments: [
            ("data", "'data':*"),
            (#"data "exact phrase" -sales"#, "'data':* & ('exact' <-> 'phrase') & !'sales'"),
            ("-sales", "!'sales'"),
            (#"-"cold calling""#, "!('cold' <-> 'calling')"),
            ("c++", "'c'"),
            ("node.js", "('node' <-> 'js':*)"),
            ("o'brien", "('o' <-> 'brien':*)"),
            ("AND OR NOT", "'and':* & 'or':* & 'not':*"),
            (#""it's a \"test\"""#, "('it' <-> 's' <-> 'a' <-> 'test')"),
            ("数据科学 שלום", "'数据科学':* & 'שלום':*"),
        ])
    func tsQuery(query: String, expected: String) {
        let expression = parsed(query).tsQueryExpression()
        #expect(expression == expected)
        #expect(expression.map(isSafeTSQuery) == true)
    }

    @Test(
        "PostgreSQL spells a one-token word being typed as the store says; the other terms as they rank",
        arguments: [
            ("graphic de", "'graphic':* & '/de'", []),
            ("Dé -sales", "!'sales'", ["dé"]),
            ("node.js de", "('node' <-> 'js':*) & '/de'", []),
            (#""graphic de" c++ x"#, "('graphic' <-> 'de') & 'c'", ["x"]),
            ("data analyst", "'data':* & 'analyst':*", []),
            ("data analy", "'data':* & ('analyst' | 'it''s')", []),
            ("data analys", "'data':* & 'analys':*", []),
            ("o'x", "('o' <-> 'x':*)", []),
            ("-x", "!'x'", []),
        ] as [(String, String?, [String])])
    func tsMatchParts(query: String, expression: String?, prefixes: [String]) {
        let parts = parsed(query).tsMatchParts { token in
            if token.hasPrefix("analy"), token.count < 7 { return .words(token == "analy" ? ["analyst", "it's"] : []) }
            return token.count == 2 && token.unicodeScalars.allSatisfy(\.isASCII)
                ? .lexeme("/" + token) : token.count < 3 ? .apart : .prefix
        }
        #expect(parts.expression == expression)
        #expect(parts.prefixes == prefixes)
    }

    @Test(
        "the tokens PostgreSQL's match asks the spelling of are the words of one token being typed",
        arguments: [
            ("graphic de", ["de"]),
            ("data analyst -sales", ["analyst"]),
            ("node.js", []),
            (#""graphic de""#, []),
            ("c++", []),
            ("数据", ["数据"]),
        ])
    func tsPrefixTokens(query: String, tokens: [String]) throws {
        #expect(try ListingFilter(query: query).asTyped().tsPrefixTokens == tokens)
    }

    @Test("with no terms there is no tsquery expression")
    func tsQueryEmpty() {
        #expect(ListingFilter().tsQueryExpression() == nil)
        #expect(ListingFilter(terms: [.phrase("!!!")]).tsQueryExpression() == nil)
    }

    static let hostile: [String] = [
        "a\"b", "\"); DROP TABLE listings; --", "title:secret", "NEAR(a b)", "*", "'", "\\'", "a'' OR ''1",
        "x) OR (y", "{title body}:x", "^start", "col : val", "a\u{301}\"\u{301}b", "\u{FEFF}\"",
        "مرحبا\u{200F}\"", "👩‍💻\"💥", "\u{E000}private", String(repeating: "\"a'", count: 5_000),
    ]

    @Test("hostile text in any kind of term cannot escape the quoting of FTS5 or tsquery", arguments: hostile)
    func injection(text: String) throws {
        let filter = ListingFilter(terms: [.word(text), .phrase(text), .excluded(text), .word("ok")])
        let fts = try #require(filter.ftsMatchExpression())
        #expect(isSafeFTS(fts))
        let tsQuery = try #require(filter.tsQueryExpression())
        #expect(isSafeTSQuery(tsQuery))
    }

    @Test("the injection checkers themselves reject unquoted syntax")
    func checkersRejectUnsafe() {
        #expect(!isSafeFTS(#""a" OR title:"b""#))
        #expect(!isSafeFTS(#""a" NEAR("b")"#))
        #expect(!isSafeFTS(#""a"b"#))
        #expect(!isSafeFTS(#""unterminated"#))
        #expect(isSafeFTS(#"("a"* AND "b c") NOT ("d" OR "e")"#))
        #expect(!isSafeTSQuery("'a' | 'b'"))
        #expect(!isSafeTSQuery("'a' & b"))
        #expect(!isSafeTSQuery("'a'b'"))
        #expect(isSafeTSQuery("'a':* & ('b' <-> 'c') & !'d'"))
    }

    @Test("a very long query within limits still gives a well-formed expression")
    func longInput() throws {
        let query = (0..<32).map { "w\($0)" + String(repeating: "x", count: 10) }.joined(separator: " ")
        let filter = try SearchQueryParser.parse(query)
        #expect(query.count > 400)
        #expect(filter.terms.count == 32)
        let fts = try #require(filter.ftsMatchExpression())
        #expect(fts.hasPrefix(#""w0xxxxxxxxxx"* AND "w1xxxxxxxxxx"* AND "#))
        #expect(isSafeFTS(fts))
    }
}

@Suite("Search as you type")
struct AsYouTypeTests {
    @Test(
        "only the last word is a prefix and a lone last character waits for the next",
        arguments: [
            ("software engineer nai", #""software" AND "engineer" AND "nai"*"#),
            ("data a", #""data""#),
            ("d", nil),
            (#""vitamin c""#, #""vitamin c""#),
            ("c++ da", #""c" AND "da"*"#),
        ] as [(String, String?)])
    func asTyped(_ query: String, _ expected: String?) throws {
        #expect(try ListingFilter(query: query).asTyped().ftsMatchExpression() == expected)
    }
}
