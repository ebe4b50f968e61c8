import EdulinkAPI
public import EdulinkCore
import Foundation

// Saved searches, notifications, profile and organizations over HTTP.
extension RemoteRepository {
    public func savedSearches() async throws -> [SavedSearchSummary] {
        switch try await call(write: false, { try await $0.savedSearches() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func saveSearch(name: String, query: String) async throws -> SavedSearch {
        switch try await call(write: true, { try await $0.saveSearch(body: .json(.init(name: name, query: query))) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func markSavedSearchSeen(_ id: SavedSearchID) async throws {
        let output = try await call(write: true) {
            try await $0.markSavedSearchSeen(path: .init(savedSearchId: id.rawValue))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func deleteSavedSearch(_ id: SavedSearchID) async throws {
        switch try await call(write: true, { try await $0.deleteSavedSearch(path: .init(savedSearchId: id.rawValue)) })
        {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func notifications(unreadOnly: Bool, limit: Int) async throws -> [EdulinkCore.Notification] {
        let output = try await call(write: false) {
            try await $0.listNotifications(query: .init(unreadOnly: unreadOnly, limit: limit))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func unreadCount() async throws -> Int {
        switch try await call(write: false, { try await $0.unreadCount() }) {
        case .ok(let ok): return try ok.body.json.count
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func markRead(_ ids: [NotificationID]?) async throws {
        let raw = ids?.map(\.rawValue)
        switch try await call(write: true, { try await $0.markNotificationsRead(body: .json(.init(ids: raw))) }) {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func profile() async throws -> ProfileDetail {
        switch try await call(write: false, { try await $0.getProfile() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail {
        switch try await call(write: true, { try await $0.updateProfile(body: .json(update)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func institutions() async throws -> [Institution] {
        switch try await call(write: false, { try await $0.listInstitutions() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func organization(_ id: OrganizationID) async throws -> Organization {
        switch try await call(write: false, { try await $0.getOrganization(path: .init(organizationId: id.rawValue)) })
        {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func updateOrganization(_ organization: Organization) async throws -> Organization {
        let output = try await call(write: true) {
            try await $0.updateOrganization(
                path: .init(organizationId: organization.id.rawValue), body: .json(organization))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
