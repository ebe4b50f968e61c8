import EdulinkAPI
import EdulinkCore
import Foundation

// Saved items, notifications, the profile, institutions and organizations.
extension APIHandler {
    func savedListings(_ input: Operations.SavedListings.Input) async throws -> Operations.SavedListings.Output {
        .ok(.init(body: .json(try await acting().savedListings())))
    }

    func savedSearches(_ input: Operations.SavedSearches.Input) async throws -> Operations.SavedSearches.Output {
        .ok(.init(body: .json(try await acting().savedSearches())))
    }

    func saveSearch(_ input: Operations.SaveSearch.Input) async throws -> Operations.SaveSearch.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let search = try await acting().saveSearch(name: body.name, query: body.query)
        return .created(.init(body: .json(search)))
    }

    func markSavedSearchSeen(_ input: Operations.MarkSavedSearchSeen.Input) async throws
        -> Operations.MarkSavedSearchSeen.Output
    {
        try await acting().markSavedSearchSeen(SavedSearchID(input.path.savedSearchId))
        return .noContent(.init())
    }

    func deleteSavedSearch(_ input: Operations.DeleteSavedSearch.Input) async throws
        -> Operations.DeleteSavedSearch.Output
    {
        try await acting().deleteSavedSearch(SavedSearchID(input.path.savedSearchId))
        return .noContent(.init())
    }

    func listNotifications(_ input: Operations.ListNotifications.Input) async throws
        -> Operations.ListNotifications.Output
    {
        let notifications = try await acting().notifications(
            unreadOnly: input.query.unreadOnly ?? false, limit: input.query.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(notifications)))
    }

    func unreadCount(_ input: Operations.UnreadCount.Input) async throws -> Operations.UnreadCount.Output {
        .ok(.init(body: .json(.init(count: try await acting().unreadCount()))))
    }

    func markNotificationsRead(_ input: Operations.MarkNotificationsRead.Input) async throws
        -> Operations.MarkNotificationsRead.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().markRead(body.ids.map { ids in ids.map { NotificationID($0) } })
        return .noContent(.init())
    }

    func getProfile(_ input: Operations.GetProfile.Input) async throws -> Operations.GetProfile.Output {
        .ok(.init(body: .json(try await acting().profile())))
    }

    func updateProfile(_ input: Operations.UpdateProfile.Input) async throws -> Operations.UpdateProfile.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let detail = try await acting().updateProfile(body)
        return .ok(.init(body: .json(detail)))
    }

    func listInstitutions(_ input: Operations.ListInstitutions.Input) async throws
        -> Operations.ListInstitutions.Output
    {
        _ = try principal()
        return .ok(.init(body: .json(try await service.institutions())))
    }

    func getOrganization(_ input: Operations.GetOrganization.Input) async throws -> Operations.GetOrganization.Output {
        let organization = try await acting().organization(OrganizationID(input.path.organizationId))
        return .ok(.init(body: .json(organization)))
    }

    func updateOrganization(_ input: Operations.UpdateOrganization.Input) async throws
        -> Operations.UpdateOrganization.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        var organization: Organization = body
        // The path names the organization; an id in the body cannot redirect the change.
        organization.id = OrganizationID(input.path.organizationId)
        let updated = try await acting().updateOrganization(organization)
        return .ok(.init(body: .json(updated)))
    }
}
