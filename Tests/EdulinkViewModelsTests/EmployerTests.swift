import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

@Suite("Employer", .timeLimit(.minutes(10)))
struct EmployerTests {
    /// `count` more students with complete profiles, each applied to the world's listing; in order.
    static func applicants(_ world: World, _ count: Int, names: [String] = []) async throws -> [Application] {
        let op = Principal.localOperator()
        var applications: [Application] = []
        for index in 0..<count {
            let email = "applicant\(index)@uon.example"
            let name = names.indices.contains(index) ? names[index] : "Applicant \(index)"
            _ = try await world.service.acting(as: op).createUser(
                NewAccount(
                    email: email, displayName: name, role: .student, password: Fixture.password,
                    institutionID: world.institution.id))
            let session = world.newSession()
            _ = try await session.login(email: email, password: Fixture.password)
            _ = try await session.updateProfile(
                ProfileUpdate(
                    displayName: name, phone: "+254712001\(100 + index)",
                    content: ProfileContent(
                        registrationNumber: "P15/2\(100 + index)/2023", yearOfStudy: 3, course: "Computer Science",
                        skills: ["Python"], interests: ["fintech"], githubURL: "https://github.com/a\(index)",
                        resumePath: "~/cv.pdf")))
            applications.append(
                try await session.apply(ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            )
        }
        return applications
    }

    @Test("triage: a decision shows the next applicant at once, and u undoes it")
    func triageNextFollows() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 3)
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            await send(&model, .setStage(.pending))
            #expect(model.state.rows.map(\.id) == apps.map(\.id))
            #expect(model.state.counts[.pending] == 3)
            await send(&model, .setTriage(true))
            #expect(model.state.triage)
            // Opening it in triage marked it reviewed, and the stage counts moved with it.
            #expect(try await world.employer.application(apps[0].id).application.status == .reviewed)
            #expect(model.state.counts == [.pending: 2, .reviewed: 1])

            let effects = model.handle(.decide(.shortlist))
            // Before the move has even been sent, the next applicant is on screen and loading.
            #expect(model.state.selectedID == apps[1].id)
            #expect(!model.state.rows.contains { $0.id == apps[0].id })
            #expect(effects.contains { $0.key == "detail" })
            await settle(&model, effects)
            #expect(model.state.detail?.application.id == apps[1].id)
            #expect(try await world.employer.application(apps[0].id).application.status == .shortlisted)
            #expect(model.state.undo == .single(apps[0].id, name: "Applicant 0", to: .shortlisted))
            // The next one was opened (reviewed) too.
            #expect(model.state.counts == [.pending: 1, .reviewed: 1, .shortlisted: 1])

            await send(&model, .undo)
            #expect(try await world.employer.application(apps[0].id).application.status == .reviewed)
            #expect(model.state.undo == nil)
            await send(&model, .undo)
            #expect(model.state.message == "Nothing to undo.")
        }
    }

    @Test("t pressed before a stage's first page has arrived triages that stage when it does")
    func triageBeforeThePage() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 2)
            _ = try await world.employer.move(apps[1].id, .review)
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            #expect(model.state.rows.count == 2)
            let effects = model.handle(.setStage(.reviewed))
            // The other stage's rows are gone at once; nothing to act on until the page answers.
            #expect(model.state.rows.isEmpty && model.state.selectedID == nil && !model.state.loaded)
            let more = model.handle(.setTriage(true))
            #expect(model.state.triage)
            await settle(&model, effects + more)
            #expect(model.state.triage)
            #expect(model.state.rows.map(\.id) == [apps[1].id])
            #expect(model.state.detail?.application.id == apps[1].id)
            // A stage that answers empty ends it; asked for then, it does not start.
            await send(&model, .setStage(.offered))
            await send(&model, .setTriage(true))
            #expect(!model.state.triage)
            let empty = model.handle(.setStage(.shortlisted))
            _ = model.handle(.setTriage(true))
            await settle(&model, empty)
            #expect(!model.state.triage)
            // Asked for while the listings load, and their load fails: no triage of nothing.
            var fresh = ApplicantsViewModel(repository: world.employer)
            _ = fresh.handle(.load(nil))
            _ = fresh.handle(.setTriage(true))
            #expect(fresh.state.triage)
            _ = fresh.handle(.listingsLoaded(nil, .failure(Failure(EdulinkError.unavailable("Gone.")))))
            #expect(!fresh.state.triage)
        }
    }

    @Test("the moves offered for the applicant on screen are the service's, once its detail has arrived")
    func allowedMovesFromTheService() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 1)
            var model = ApplicantsViewModel(repository: world.employer)
            let effects = model.handle(.load(world.listing.id))
            #expect(model.state.allowedMoves.isEmpty)
            await settle(&model, effects)
            await send(&model, .open)
            let fromService = try await world.employer.openApplication(apps[0].id).allowedMoves
            #expect(!fromService.isEmpty)
            #expect(model.state.allowedMoves == fromService)
        }
    }

    @Test("offers outnumbering the listing's one position: the decision that does it says so, and the header keeps it")
    func offersOutnumberPositions() async throws {
        try await withWorld { world in
            #expect(world.listing.positions == 1)
            let apps = try await Self.applicants(world, 2)
            for app in apps {
                for move in [ApplicationMove.review, .shortlist] { _ = try await world.employer.move(app.id, move) }
            }
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            await send(&model, .setStage(.shortlisted))
            #expect(model.state.positions == 1)
            #expect(model.state.offerWarning == nil)
            await send(&model, .decide(.offer(expiresAt: nil)))
            #expect(model.state.offerWarning == nil)
            await send(&model, .moveSelection(1))
            let events = await send(&model, .decide(.offer(expiresAt: nil)))
            let warning = "2 offers for 1 position, 0 filled: acceptances beyond 1 are refused"
            #expect(model.state.offerWarning == warning)
            #expect(events.contains(.toast(Toast("⚠ " + warning))))
            // Loading the listing again shows it in the header without telling it again.
            let events2 = await send(&model, .load(world.listing.id))
            #expect(model.state.offerWarning == warning)
            #expect(!events2.contains(.toast(Toast("⚠ " + warning))))
        }
    }

    @Test("standing offers are open and accepted ones; the warning starts past the positions")
    func offerWarningRule() {
        let counts: StatusCounts = [.offered: 2, .accepted: 1, .declined: 4, .pending: 9]
        #expect(counts.offersStanding == 3)
        #expect(counts.offerWarning(positions: 3) == nil)
        #expect(counts.offerWarning(positions: 2)?.hasPrefix("3 offers for 2 positions, 1 filled") == true)
        #expect(StatusCounts().offerWarning(positions: 1) == nil)
    }

    @Test("triage refuses a move the state machine forbids, without calling the service")
    func triageForbidden() async throws {
        try await withWorld { world in
            _ = try await Self.applicants(world, 1)
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            #expect(model.handle(.decide(.offer(expiresAt: nil))).isEmpty)
            #expect(model.state.message?.isEmpty == false)
            #expect(model.state.rows.first?.application.status == .pending)
        }
    }

    @Test("bulk: a preview says what changes and what cannot; confirmed it is one batch, undone as one")
    func bulkPreviewAndUndo() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 3)
            _ = try await world.employer.move(apps[2].id, .reject(Rejection(reason: .notEligible)))
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            await send(&model, .markAll)
            #expect(model.state.marked.count == 3)
            let reject = ApplicationMove.reject(Rejection(reason: .notQualified))
            await send(&model, .previewBulk(reject))
            let preview = try #require(model.state.preview)
            #expect(preview.moving.map(\.id) == [apps[0].id, apps[1].id])
            #expect(preview.skipped.map(\.id) == [apps[2].id])
            #expect(preview.summary == "2 applicants → rejected (not qualified); 1 cannot move and stay as they are")
            // Nothing changes before confirming.
            #expect(try await world.employer.application(apps[0].id).application.status == .pending)

            await send(&model, .confirmBulk)
            #expect(model.state.preview == nil)
            #expect(model.state.marked.isEmpty)
            let rejected = try await world.employer.applicants(
                listing: world.listing.id, status: .rejected, after: nil, limit: 10)
            #expect(rejected.count == 3)
            guard case .batch(_, let count, .rejected)? = model.state.undo else {
                Issue.record("expected a batch undo, got \(String(describing: model.state.undo))")
                return
            }
            #expect(count == 2)
            await send(&model, .undo)
            #expect(model.state.counts == [.pending: 2, .rejected: 1])
        }
    }

    @Test("notes and a 1–5 rating are saved on the selected applicant and shown again")
    func notesAndRating() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 1)
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            await send(&model, .rate(4))
            await send(&model, .setNotes("Strong SQL; ask about stats"))
            #expect(model.state.detail?.application.rating == 4)
            #expect(model.state.detail?.application.notes == "Strong SQL; ask about stats")
            await send(&model, .rate(9))
            #expect(model.state.message?.contains("1 to 5") == true)
            let stored = try await world.employer.application(apps[0].id).application
            #expect(stored.rating == 4)
        }
    }

    @Test("CSV fields follow RFC 4180: commas, quotes, newlines and CJK; formulas are defused")
    func csvEscaping() throws {
        func field(_ value: String) throws -> String {
            let record = try CSV.text([[value]])
            #expect(record.hasSuffix("\r\n"))
            return String(record.dropLast())  // "\r\n" is one Character
        }
        #expect(try field("plain") == "plain")
        #expect(try field("Nairobi, Kenya") == "\"Nairobi, Kenya\"")
        #expect(try field("she said \"yes\"") == "\"she said \"\"yes\"\"\"")
        #expect(try field("line one\nline two") == "\"line one\nline two\"")
        #expect(try field("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(try field("李小龍") == "李小龍")
        #expect(try field("王, 芳") == "\"王, 芳\"")
        #expect(try field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        // A formula after a separator a spreadsheet splits on is defused too.
        #expect(try field("Ann;=1+2;x") == "'Ann;=1+2;x")
        #expect(try field("Python, SQL") == "\"Python, SQL\"")
        #expect(try field("a | @SUM(A1)") == "'a | @SUM(A1)")
        #expect(try field("@cmd") == "'@cmd")
        #expect(try field("") == "")
        #expect(try CSV.text([["a", "b,c", ""], ["d", "e", "f"]]) == "a,\"b,c\",\r\nd,e,f\r\n")
        #expect(try CSV.text([]) == "")
    }

    @Test("/ searches the stage's applicants by name as you type; a slower answer to an older query never paints over")
    func searchApplicants() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 3, names: ["Amani Wanjiru", "Baraka Otieno", "Amina Yusuf"])
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            #expect(model.state.rows.map(\.id) == apps.map(\.id))

            // Two keys typed: the page for "a" is still on its way when "am" is typed.
            let first = model.handle(.setQuery("a"))
            let second = model.handle(.setQuery("am"))
            #expect(model.state.rows.count == 3, "the rows on screen stay until the answer replaces them")
            let late = try #require(await run("page", in: first))
            let current = try #require(await run("page", in: second))
            _ = model.handle(current)
            #expect(model.state.rows.map(\.studentName) == ["Amani Wanjiru", "Amina Yusuf"])
            _ = model.handle(late)
            #expect(
                model.state.rows.map(\.studentName) == ["Amani Wanjiru", "Amina Yusuf"], "the older answer is dropped")
            #expect(model.state.stageCount == 3, "the stage tabs keep counting everyone")

            // The query stays with another stage, and a blank one is everyone again.
            await send(&model, .setQuery("AMINA"))
            #expect(model.state.rows.map(\.id) == [apps[2].id])
            #expect(model.state.selected?.id == apps[2].id)
            await send(&model, .setStage(.pending))
            #expect(model.state.rows.map(\.id) == [apps[2].id])
            await send(&model, .setQuery("  "))
            #expect(model.state.rows.map(\.id) == apps.map(\.id))

            // The export writes the view searched, even if the search changes while it runs.
            await send(&model, .setStage(nil))
            await send(&model, .setQuery("am"))
            let path = world.directory.appendingPathComponent("searched.csv").path
            let effects = model.handle(.export(path: path))
            _ = model.handle(.setQuery(""))
            _ = await settle(&model, effects)
            let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
            #expect(lines.count == 4, "\(lines)")  // header, Amani and Amina, and the empty rest
            #expect(lines.dropFirst().allSatisfy { $0.isEmpty || $0.contains(",Am") })
        }
    }

    @Test("a notification's application is shown: its listing, every stage, the name searched, it open and reviewed")
    func showApplication() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 3, names: ["Amani Wanjiru", "Baraka Otieno", "Amina Yusuf"])
            // Never opened before: the listings load first.
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .show(apps[1].id))
            #expect(model.state.listingID == world.listing.id && model.state.stage == nil)
            #expect(model.state.query == "Baraka Otieno")
            #expect(model.state.rows.map(\.id) == [apps[1].id])
            #expect(model.state.selectedID == apps[1].id && model.state.detail?.application.id == apps[1].id)
            #expect(model.state.rows.first?.application.status == .reviewed)
            #expect(model.state.counts[.reviewed] == 1)

            // From another stage and with another search, in triage: the same.
            await send(&model, .setQuery(""))
            await send(&model, .setStage(.pending))
            await send(&model, .setTriage(true))
            await send(&model, .show(apps[2].id))
            #expect(!model.state.triage && model.state.stage == nil && model.state.query == "Amina Yusuf")
            #expect(model.state.selected?.id == apps[2].id && model.state.detail?.application.id == apps[2].id)

            // An application that is not there (withdrawn from view, another organization's) is said
            // so, and what is on screen stays.
            await send(&model, .show(ApplicationID(999_999)))
            #expect(model.state.message != nil)
            #expect(model.state.selected?.id == apps[2].id && model.state.query == "Amina Yusuf")
        }
    }

    @Test("export writes the current view to CSV, page by page, with progress")
    func export() async throws {
        try await withWorld { world in
            let apps = try await Self.applicants(world, 2, names: ["Wang, \"Fang\" 王芳", "=Ann Formula"])
            try await world.employer.setNotes(apps[0].id, notes: "Strong, \"very\" strong")
            try await world.employer.setNotes(apps[1].id, notes: "line one\nline two")
            var model = ApplicantsViewModel(repository: world.employer)
            await send(&model, .load(world.listing.id))
            let path = world.directory.appendingPathComponent("applicants.csv").path
            let effects = model.handle(.export(path: path))
            #expect(
                model.state.export?.path == path && model.state.export?.written == 0 && model.state.export?.total == 2)
            let events3 = await settle(&model, effects)
            // Done: the toast says so and the progress bar goes.
            #expect(model.state.export == nil)
            #expect(events3.contains(.toast(Toast("Exported 2 applicants to \(path)."))))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let expected =
                try CSV.text([
                    ApplicantsCSV.header, ApplicantsCSV.fields(model.state.rows[0]),
                    ApplicantsCSV.fields(model.state.rows[1]),
                ])
            #expect(text == expected)
            #expect(text.contains("\"Wang, \"\"Fang\"\" 王芳\""))
            #expect(text.contains(",'=Ann Formula,"))
            #expect(text.contains("\"line one\nline two\""))
            #expect(text.contains("\"Strong, \"\"very\"\" strong\""))
            #expect(text.components(separatedBy: "\r\n").count == 4)  // header, 2 rows, and the empty rest
            // The export is on record as a data-export security event.
            let recorded = try await world.service.acting(as: Principal.localOperator()).securityEvents(
                kind: .dataExport)
            #expect(recorded.map(\.detail).first?.hasPrefix("2 applicants of listing") == true)
        }
    }

    @Test("the listing form refuses badly formatted values and shows the service's errors by field")
    func listingForm() async throws {
        try await withWorld { world in
            var model = EmployerListingsViewModel(repository: world.employer, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            #expect(model.state.listings.map(\.id) == [world.listing.id])
            await send(&model, .new)
            for (field, value) in [
                (ListingForm.Field.title, "SHOUTY"), (.description, "short"), (.location, "Nairobi"),
                (.startDate, "2027-01-10"), (.endDate, "2027-04-04"), (.durationWeeks, "twelve"),
                (.deadline, "2026-12-01 17:00"), (.questions, "choice: Shift? | mornings"),
            ] {
                await send(&model, .setField(field, value))
            }
            await send(&model, .save)
            #expect(Set(model.state.editing?.errors.keys.map { $0 } ?? []) == ["duration_weeks", "questions"])
            await send(&model, .setField(.durationWeeks, "12"))
            await send(
                &model, .setField(.questions, "* yes_no: Can you start in January?\nchoice: Shift? | morning | evening")
            )
            await send(&model, .save)
            let errors = model.state.editing?.errors ?? [:]
            #expect(errors["title"] != nil)
            #expect(errors["description"] != nil)
            #expect(try await world.employer.myListings().count == 1)

            await send(&model, .setField(.title, "Payments Backend Intern"))
            await send(&model, .setField(.description, Fixture.description))
            await send(&model, .save)
            #expect(model.state.editing == nil)
            let mine = try await world.employer.myListings()
            #expect(mine.count == 2)
            let created = try #require(mine.first { $0.title == "Payments Backend Intern" })
            let detail = try await world.employer.listing(created.id)
            #expect(detail.listing.questions.map(\.kind) == [.yesNo, .choice])
            #expect(detail.listing.questions.first?.required == true)
            #expect(detail.listing.questions.last?.choices == ["morning", "evening"])
        }
    }

    @Test("/ narrows the employer's listings as you type; keys act only on a listing on screen")
    func narrowListings() async throws {
        try await withWorld { world in
            let draft = try await world.employer.createListing(
                Fixture.draft("Payments Backend Intern", at: world.clock.now(), locationType: .remote))
            var model = EmployerListingsViewModel(repository: world.employer, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            #expect(Set(model.state.shown.map(\.id)) == [world.listing.id, draft.id])
            await send(&model, .select(world.listing.id))

            // A status, any case, words in any order (the rule itself: RuntimeTests.listQuery).
            await send(&model, .setQuery("DRAFT"))
            #expect(model.state.shown.map(\.id) == [draft.id])
            #expect(model.state.selected?.id == draft.id, "the hidden selection moves to the first shown")
            await send(&model, .setQuery("remote payments"))
            #expect(model.state.shown.map(\.id) == [draft.id])
            await send(&model, .setQuery("payments hybrid"))
            #expect(model.state.shown.isEmpty)
            #expect(model.state.selected == nil)
            // Nothing on screen: no key acts on a listing the query hides.
            #expect(model.handle(.edit).isEmpty)
            _ = model.handle(.requestClose)
            #expect(model.state.confirmation == nil)
            _ = model.handle(.moveSelection(1))
            #expect(model.state.selected == nil)

            await send(&model, .setQuery("  mobile   nairobi "))
            #expect(model.state.shown.map(\.id) == [world.listing.id])
            #expect(model.state.selected?.id == world.listing.id)
            await send(&model, .moveSelection(1))
            #expect(model.state.selected?.id == world.listing.id, "moves stay among the listings shown")
            // The query cleared: every listing again, the selection where it was.
            await send(&model, .setQuery(""))
            #expect(Set(model.state.shown.map(\.id)) == [world.listing.id, draft.id])
            #expect(model.state.selected?.id == world.listing.id)
        }
    }

    @Test("a listing duplicated while the query would hide the copy: the query is dropped and the copy selected")
    func narrowedDuplicateStaysInView() async throws {
        try await withWorld { world in
            var model = EmployerListingsViewModel(repository: world.employer, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            await send(&model, .setQuery("published"))
            #expect(model.state.selected?.id == world.listing.id)
            _ = model.handle(.requestDuplicate)
            await send(&model, .confirm)
            let copy = try #require(model.state.listings.first { $0.id != world.listing.id })
            #expect(copy.listing.status == .draft)
            #expect(model.state.query.isEmpty)
            #expect(model.state.selected?.id == copy.id)

            // A reload that keeps the selection shown keeps the query.
            await send(&model, .setQuery("draft"))
            await send(&model, .load)
            #expect(model.state.query == "draft")
            #expect(model.state.selected?.id == copy.id)
        }
    }

    @Test("s right after saving a new listing asks to submit it, before the list holding it has arrived")
    func submitRightAfterSaving() async throws {
        try await withWorld { world in
            var model = EmployerListingsViewModel(repository: world.employer, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            await send(&model, .new)
            for (field, value) in [
                (ListingForm.Field.title, "Payments Backend Intern"), (.description, Fixture.description),
                (.location, "Nairobi"), (.startDate, "2027-01-10"), (.endDate, "2027-04-04"),
                (.durationWeeks, "12"), (.deadline, "2026-12-01 17:00"),
            ] {
                await send(&model, .setField(field, value))
            }
            let saving = model.handle(.save)
            let saved = try #require(await run("save", in: saving))
            // The reload the save starts is still on its way when s is pressed.
            let reload = model.handle(saved)
            #expect(reload.contains { $0.key == "load" })
            #expect(model.state.selected == nil)
            _ = model.handle(.requestSubmit)
            let created = try #require(
                try await world.employer.myListings().first { $0.title == "Payments Backend Intern" })
            #expect(model.state.confirmation == .submit(created.id, title: "Payments Backend Intern"))
        }
    }

    @Test(
        "editing a published institution-only listing without touching it saves it as it was: same audience, same deadline"
    )
    func editKeepsAudienceAndDates() async throws {
        try await withWorld { world in
            var draft = Fixture.draft("Campus Systems Intern — Student Records", at: world.now)
            draft.deadline = draft.deadline.addingTimeInterval(17)  // seconds the form does not show
            draft.visibility = .institutionOnly
            draft.institutionID = world.institution.id
            let listing = try await world.publish(draft)

            var model = EmployerListingsViewModel(repository: world.employer, timeZone: Fixture.calendar.timeZone)
            await send(&model, .load)
            #expect(model.state.institutions.map(\.id) == [world.institution.id])
            await send(&model, .select(listing.id))
            await send(&model, .edit)
            let form = try #require(model.state.editing?.form)
            #expect(form[.visibility] == "institution_only")
            #expect(form[.institution] == world.institution.name)
            #expect(model.state.editing?.frozen.contains(.visibility) == true)
            await send(&model, .save)
            #expect(model.state.editing == nil, "\(model.state.editing?.errors ?? [:])")
            let saved = try await world.employer.listing(listing.id).listing
            #expect(saved.visibility == .institutionOnly)
            #expect(saved.institutionID == world.institution.id)
            #expect(saved.deadline == listing.deadline)
            #expect(saved.startDate == listing.startDate)

            // A new listing can be meant for one institution from the form.
            await send(&model, .new)
            #expect(
                model.state.editing?.form.options(for: .institution) == [
                    ListingForm.noInstitution, world.institution.name,
                ])
            for (field, value) in [
                (ListingForm.Field.title, "Campus Network Intern"), (.description, Fixture.description),
                (.location, "Nairobi"), (.startDate, "2026-11-20"), (.endDate, "2027-02-12"), (.durationWeeks, "12"),
                (.deadline, "2026-11-01 17:00"), (.visibility, "institution_only"),
                (.institution, world.institution.name),
            ] {
                await send(&model, .setField(field, value))
            }
            await send(&model, .save)
            #expect(model.state.editing == nil, "\(model.state.editing?.errors ?? [:])")
            let created = try #require(
                try await world.employer.myListings().first { $0.title == "Campus Network Intern" })
            let stored = try await world.employer.listing(created.id).listing
            #expect(
                ListingAudience(stored)
                    == ListingAudience(visibility: .institutionOnly, institutionID: world.institution.id))
        }
    }
}

@Suite("Decision input")
struct DecisionInputTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the form refuses what the service would, before the round trip: a past interview, a late offer")
    func checkedBeforeSending() {
        let past = DecisionInput.interview(at: "2020-01-01 10:00", place: "Westlands", timeZone: .gmt, now: now)
        #expect(past.failureMessage == "The interview must be in the future.")
        let noPlace = DecisionInput.interview(at: "2027-01-20 10:00", place: " ", timeZone: .gmt, now: now)
        #expect(noPlace.failureMessage == "Place is required.")
        #expect(DecisionInput.offer(days: "91", now: now).failureMessage?.contains("90 days") == true)
        #expect(DecisionInput.offer(days: "soon", now: now).failureMessage == "Offer expiry: a number of days.")
        // No days given: the service's default, counted when the move arrives.
        #expect(DecisionInput.offer(days: "", now: now).value == .offer(expiresAt: nil))
        #expect(
            DecisionInput.offer(days: "7", now: now).value == .offer(expiresAt: now.addingTimeInterval(7 * 86_400)))
    }
}

extension Result where Failure == EdulinkViewModels.Failure {
    fileprivate var failureMessage: String? {
        if case .failure(let failure) = self { return failure.message }
        return nil
    }

    fileprivate var value: Success? { try? get() }
}
