import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Listing detail", .timeLimit(.minutes(10)))
struct ListingDetailTests {
    @Test("s and a pressed while the listing loads are carried out once it has arrived, never dropped")
    func keysWhileLoading() async throws {
        try await withWorld { world in
            var detail = ListingDetailViewModel(repository: world.student, listingID: world.listing.id)
            let load = detail.handle(.load)
            #expect(detail.handle(.toggleSaved).isEmpty)
            #expect(detail.handle(.apply).isEmpty)
            let events = await settle(&detail, load)
            let saved = try await world.student.savedListings()
            #expect(saved.map(\.id) == [world.listing.id])
            #expect(detail.state.detail?.isSaved == true)
            #expect(events.contains(.openApplyForm(world.listing.id)))
            #expect(events.contains(.toast(Toast("Saved."))))
        }
    }
}
