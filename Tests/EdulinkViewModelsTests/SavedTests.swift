import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Saved", .timeLimit(.minutes(10)))
struct SavedTests {
    @Test("saved searches count new matches, open into Browse, and delete only after confirming")
    func savedSearches() async throws {
        try await withWorld { world in
            _ = try await world.student.saveSearch(name: "Data jobs", query: "data")
            try await world.student.setSaved(world.listing.id, saved: true)
            world.clock.advance(by: 60)
            _ = try await world.publish(Fixture.draft("Data Engineer Intern", at: world.now))
            var saved = SavedViewModel(repository: world.student)
            await send(&saved, .load)
            #expect(saved.state.listings.map(\.id) == [world.listing.id])
            #expect(saved.state.searches.map(\.newMatches) == [1])

            _ = saved.handle(.move(.searches, -1))  // held at the first
            let events = await send(&saved, .openSearch)
            #expect(events.first == .openSearch("data"))
            #expect(saved.state.searches.map(\.newMatches) == [0])

            _ = saved.handle(.requestDeleteSearch)
            #expect(saved.state.pendingDeletion?.search.name == "Data jobs")
            _ = saved.handle(.cancelDelete)
            await send(&saved, .load)
            #expect(saved.state.searches.count == 1)
            _ = saved.handle(.requestDeleteSearch)
            await send(&saved, .confirmDelete)
            #expect(saved.state.searches.isEmpty)
            #expect(try await world.student.savedSearches().isEmpty)

            _ = saved.handle(.move(.listings, 5))  // held at the last, the only one
            await send(&saved, .unsaveListing)
            #expect(saved.state.listings.isEmpty)
        }
    }
    @Test("a load that fails before any answer leaves both lists not loaded; the next answer marks them loaded")
    func notLoaded() async throws {
        try await withWorld { world in
            var saved = SavedViewModel(repository: world.student)
            world.student.setOffline(true)
            await send(&saved, .load)
            #expect(!saved.state.loading)
            #expect(!saved.state.loadedListings && !saved.state.loadedSearches)
            #expect(saved.state.message?.contains("cannot be reached") == true)
            world.student.setOffline(false)
            await send(&saved, .load)
            #expect(saved.state.loadedListings && saved.state.loadedSearches)
            // Loaded once, a list stays loaded when a later load fails: what it shows is what was answered.
            world.student.setOffline(true)
            await send(&saved, .load)
            #expect(saved.state.loadedListings && saved.state.loadedSearches)
        }
    }
}
