import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Browse", .timeLimit(.minutes(10)))
struct BrowseTests {
    @Test("each keystroke searches at once; the newest replaces the one before, and its first detail comes with it")
    func searchAtOnce() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            var effects: [Effect<BrowseViewModel.Message>] = []
            for text in ["d", "da", "dat"] { effects += browse.handle(.queryChanged(text)) }
            // No debounce: every keystroke's search starts now, under one key, so the runtime
            // cancels (and the store interrupts) the one it replaces.
            let searches = effects.filter { $0.key == "search" }
            #expect(searches.count == 3)
            #expect(searches.allSatisfy { $0.delay == .zero })
            #expect(effects.filter { $0.key == "count" }.allSatisfy { $0.delay == .zero })
            await settle(&browse, effects)
            let dat = try ListingFilter(query: "dat")
            #expect(world.student.searchedFilters == [dat])
            #expect(world.student.count(of: "count") == 1)
            #expect(browse.state.rows.map(\.id) == [world.listing.id])
            #expect(browse.state.total == 1)
            #expect(!browse.state.searching)
            // The detail arrived with the results: no second round for it.
            #expect(browse.state.detail?.listing.id == world.listing.id)
            #expect(!browse.state.loadingDetail)
            #expect(world.student.count(of: "listing") == 1)
        }
    }

    @Test("a late answer to an older search is ignored")
    func lateAnswerIgnored() async throws {
        try await withWorld { world in
            let marketing = try await world.publish(
                Fixture.draft("Marketing Intern — Brand Campaigns", at: world.now, category: .marketing))
            var browse = BrowseViewModel(repository: world.student)
            let older = browse.handle(.queryChanged("data"))
            let newer = browse.handle(.queryChanged("marketing"))
            let newerAnswer = try #require(await run("search", in: newer))
            let olderAnswer = try #require(await run("search", in: older))
            _ = browse.handle(newerAnswer)
            #expect(browse.state.rows.map(\.id) == [marketing.id])
            _ = browse.handle(olderAnswer)
            #expect(browse.state.rows.map(\.id) == [marketing.id])
            #expect(!browse.state.searching)
        }
    }

    @Test("the total of an older query is not shown beside a newer query's rows; its own total replaces it")
    func totalFollowsTheRows() async throws {
        try await withWorld { world in
            _ = try await world.publish(
                Fixture.draft("Marketing Intern — Brand Campaigns", at: world.now, category: .marketing))
            var browse = BrowseViewModel(repository: world.student)
            await send(&browse, .appeared)
            #expect(browse.state.total == 2)
            let effects = browse.handle(.queryChanged("marketing"))
            // Until the new rows arrive, the old rows and their total stay together.
            #expect(browse.state.total == 2)
            let rows = try #require(await run("search", in: effects))
            let total = try #require(await run("count", in: effects))
            _ = browse.handle(rows)
            #expect(browse.state.rows.count == 1)
            #expect(browse.state.total == nil)
            _ = browse.handle(total)
            #expect(browse.state.total == 1)
        }
    }

    @Test("the next page loads once near the end, stops at the end, and never repeats a row")
    func pagination() async throws {
        try await withWorld { world in
            for index in 1...24 {
                _ = try await world.publish(Fixture.draft("Data Intern \(index)", at: world.now))
            }
            var browse = BrowseViewModel(repository: world.student, pageSize: 10, loadMoreThreshold: 3)
            await send(&browse, .appeared)
            #expect(browse.state.rows.count == 10)
            #expect(browse.state.hasMore)
            #expect(browse.state.total == 25)
            await send(&browse, .select(5))
            #expect(world.student.count(of: "search") == 1)

            let first = browse.handle(.select(7))
            let second = browse.handle(.select(8))
            #expect(first.filter { $0.key == "page" }.count == 1)
            #expect(second.filter { $0.key == "page" }.isEmpty)
            await settle(&browse, first + second)
            #expect(browse.state.rows.count == 20)
            #expect(world.student.count(of: "search") == 2)

            await send(&browse, .selectLast)
            #expect(browse.state.rows.count == 25)
            #expect(!browse.state.hasMore)
            let atEnd = browse.handle(.selectLast)
            #expect(atEnd.filter { $0.key == "page" }.isEmpty)
            #expect(Set(browse.state.rows.map(\.id)).count == 25)
            #expect(world.student.count(of: "search") == 3)
        }
    }

    @Test("a query-language error keeps the previous results and points at the term")
    func queryErrorKeepsResults() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            await send(&browse, .queryChanged("data"))
            let rows = browse.state.rows
            #expect(!rows.isEmpty)
            let effects = browse.handle(.queryChanged("data colour:red"))
            #expect(effects.isEmpty)
            #expect(browse.state.rows == rows)
            let problem = try #require(browse.state.queryProblem)
            #expect(problem.term == "colour:red")
            #expect(problem.range == 5..<15)
            #expect(problem.message.contains("unknown filter"))
            await send(&browse, .queryChanged("data remote:no"))
            #expect(browse.state.queryProblem == nil)
        }
    }

    @Test("the filters panel and the query text stay in sync both ways")
    func panelQueryRoundTrip() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            _ = browse.handle(.queryChanged("data"))
            let changes: [FilterPanel.Change] = [
                .toggleCategory(.technology), .toggleLocationType(.remote), .setLocation("Nairobi"),
                .setPaidOnly(true), .setMinimumStipend(20_000), .toggleLevel(.entry), .setMinimumDuration(8),
                .setMaximumDuration(12), .setDeadlineWithin(14), .addSkill("Python"), .setEligibleForMe(true),
            ]
            for change in changes { _ = browse.handle(.panel(change)) }
            let text = browse.state.queryText
            #expect(text.hasPrefix("data "))
            let parsed = try ListingFilter(query: text)
            #expect(parsed == browse.state.filter)
            #expect(FilterPanel(parsed) == FilterPanel(browse.state.filter))
            #expect(parsed.categories == [.technology])
            #expect(parsed.locationTypes == [.remote])
            #expect(parsed.location == "nairobi")
            #expect(parsed.minimumStipendKES == 20_000)
            #expect(parsed.skills == ["python"])
            #expect(parsed.eligibleForMe)
            #expect(parsed.minimumDurationWeeks == 8 && parsed.maximumDurationWeeks == 12)

            _ = browse.handle(.queryChanged("sql remote:yes level:entry deadline<7d paid:yes"))
            #expect(browse.state.panel.locationTypes == [.remote])
            #expect(browse.state.panel.levels == [.entry])
            #expect(browse.state.panel.deadlineWithinDays == 7)
            #expect(browse.state.panel.paidOnly)
            #expect(browse.state.panel.categories.isEmpty)
            #expect(!browse.state.panel.eligibleForMe)
        }
    }

    @Test("sort cycles relevance, deadline, newest, stipend and writes it into the query")
    func sortCycling() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            _ = browse.handle(.queryChanged("data"))
            #expect(browse.state.sort == .relevance)
            var seen: [ListingSort] = []
            for _ in 0..<4 {
                await send(&browse, .cycleSort)
                seen.append(browse.state.sort)
            }
            #expect(seen == [.deadline, .newest, .stipend, .relevance])
            #expect(browse.state.queryText == "data sort:relevance")
            #expect(browse.state.rows.map(\.id) == [world.listing.id])
        }
    }

    @Test("a new search starts at the top; a refresh of the same search keeps the selected listing")
    func selectionAcrossSearches() async throws {
        try await withWorld { world in
            for index in 1...8 {
                _ = try await world.publish(Fixture.draft("Data Intern \(index)", at: world.now))
            }
            var browse = BrowseViewModel(repository: world.student)
            await send(&browse, .appeared)
            await send(&browse, .select(5))
            let selected = browse.state.selectedID
            await send(&browse, .refresh)
            #expect(browse.state.selectedID == selected)
            #expect(browse.state.selectedIndex == 5)
            await send(&browse, .queryChanged("data"))
            #expect(browse.state.rows.count == 9)
            #expect(browse.state.selectedIndex == 0)
        }
    }

    @Test("Enter typed ahead of the first results opens the first of them when they arrive")
    func openTypedAhead() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            _ = browse.handle(.appeared)
            let search = browse.handle(.queryChanged("data"))
            // Nothing is on screen yet: the key is kept, not dropped.
            #expect(browse.state.selectedID == nil)
            #expect(browse.handle(.openSelected).isEmpty)
            let answer = try #require(await run("search", in: search))
            let events = browse.handle(answer).compactMap(\.event)
            #expect(events == [.openListing(world.listing.id)])
            // Spent once it opened: with rows on screen Enter opens the highlighted one at once, and the
            // next answer opens nothing more.
            let again = browse.handle(.queryChanged("intern"))
            #expect(browse.handle(.openSelected).compactMap(\.event) == [.openListing(world.listing.id)])
            let next = try #require(await run("search", in: again))
            #expect(!browse.handle(next).compactMap(\.event).contains(.openListing(world.listing.id)))
        }
    }

    @Test("Enter typed ahead opens nothing when a newer search supersedes its search or finds nothing")
    func typedAheadOpenIsDropped() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            let older = browse.handle(.queryChanged("data"))
            _ = browse.handle(.openSelected)
            let newer = browse.handle(.queryChanged("zzzz-nothing"))
            _ = browse.handle(.openSelected)
            let olderAnswer = try #require(await run("search", in: older))
            #expect(browse.handle(olderAnswer).compactMap(\.event).isEmpty)
            let newerAnswer = try #require(await run("search", in: newer))
            #expect(browse.handle(newerAnswer).compactMap(\.event).isEmpty)
            #expect(browse.state.rows.isEmpty)
        }
    }

    @Test("Enter typed ahead opens nothing when another tab came to the front before the results did")
    func typedAheadOpenIsDroppedWhenHidden() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            let search = browse.handle(.queryChanged("data"))
            _ = browse.handle(.openSelected)
            #expect(browse.handle(.disappeared).isEmpty)
            let answer = try #require(await run("search", in: search))
            #expect(browse.handle(answer).compactMap(\.event).isEmpty)
            // The results are still shown when the user comes back, and Enter opens the first.
            #expect(browse.state.selectedID == world.listing.id)
            #expect(browse.handle(.openSelected).compactMap(\.event) == [.openListing(world.listing.id)])
        }
    }

    @Test("eligible-for-me and save act on the selected listing")
    func eligibleAndSave() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            await send(&browse, .appeared)
            #expect(browse.state.detail?.listing.id == world.listing.id)
            #expect(browse.state.detail?.isSaved == false)
            let events = await send(&browse, .toggleSaved)
            #expect(browse.state.detail?.isSaved == true)
            let savedIDs = try await world.student.savedListings().map(\.id)
            #expect(savedIDs == [world.listing.id])
            #expect(events.contains(.toast(Toast("Saved."))))
            await send(&browse, .toggleEligibleForMe)
            #expect(browse.state.queryText == "eligible:yes")
            #expect(browse.state.filter.eligibleForMe)
        }
    }

    @Test("s pressed as the selection arrives on a listing, before its detail has, still saves it")
    func saveBeforeDetail() async throws {
        try await withWorld { world in
            let other = try await world.publish(Fixture.draft("Data Engineering Intern", at: world.now))
            var browse = BrowseViewModel(repository: world.student)
            let answer = try #require(await run("search", in: browse.handle(.appeared)))
            _ = browse.handle(answer)
            #expect(browse.state.rows.count == 2)
            // The first row's detail came with the results; the next row's is on its way.
            let moved = browse.handle(.moveSelection(1))
            #expect(moved.contains { $0.key == "detail" && $0.delay == BrowseViewModel.detailDelay })
            let target = try #require(browse.state.selectedID)
            #expect(browse.state.detail == nil)
            let events2 = await send(&browse, .toggleSaved)
            #expect(try await world.student.savedListings().map(\.id) == [target])
            #expect(browse.state.detail?.isSaved == true)
            #expect(events2.contains(.toast(Toast("Saved."))))
            #expect([world.listing.id, other.id].contains(target))
        }
    }

    @Test("an unreachable database reports offline and keeps the rows, without another query's total")
    func offline() async throws {
        try await withWorld { world in
            var browse = BrowseViewModel(repository: world.student)
            await send(&browse, .appeared)
            world.student.setOffline(true)
            let events3 = await send(&browse, .refresh)
            #expect(browse.state.rows.map(\.id) == [world.listing.id])
            #expect(browse.state.message == "The database cannot be reached.")
            #expect(events3 == [.offline("The database cannot be reached.")])
            #expect(browse.state.total == 1)  // the same query: its total still holds
            // Another query that fails keeps the rows of the last answer but not its total.
            await send(&browse, .queryChanged("data"))
            #expect(browse.state.rows.map(\.id) == [world.listing.id])
            #expect(browse.state.total == nil)
            #expect(browse.state.rowsAreEarlier)
            world.student.setOffline(false)
            // Back online the shell shows the tab again, and the failed search runs again.
            let events4 = await send(&browse, .appeared)
            #expect(events4 == [.online])
            #expect(browse.state.message == nil)
            #expect(!browse.state.rowsAreEarlier)
        }
    }
}
