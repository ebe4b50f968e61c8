import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Notifications", .timeLimit(.minutes(10)))
struct NotificationsTests {
    @Test("unread come first; marking one and then all read updates the count")
    func markRead() async throws {
        try await withWorld { world in
            let application = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            _ = try await world.employer.move(application.id, .review)
            _ = try await world.employer.move(application.id, .shortlist)
            var notifications = NotificationsViewModel(repository: world.student)
            await send(&notifications, .load)
            let unread = notifications.state.unreadCount
            #expect(unread >= 3)
            #expect(notifications.state.items.count == unread)

            let marked = notifications.state.items[1].id
            await send(&notifications, .select(marked))
            let events = await send(&notifications, .markSelectedRead)
            #expect(notifications.state.unreadCount == unread - 1)
            #expect(notifications.state.items.last?.id == marked)
            #expect(notifications.state.items.last?.isRead == true)
            #expect(notifications.state.items.dropLast().allSatisfy { !$0.isRead })
            #expect(events.contains(.unreadCountChanged(unread - 1)))

            let events2 = await send(&notifications, .markAllRead)
            #expect(notifications.state.unreadCount == 0)
            #expect(notifications.state.items.allSatisfy { $0.isRead })
            let remaining = try await world.student.unreadCount()
            #expect(remaining == 0)
            #expect(events2.last == .unreadCountChanged(0))
        }
    }
}
