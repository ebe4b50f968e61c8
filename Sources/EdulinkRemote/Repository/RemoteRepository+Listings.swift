import EdulinkAPI
public import EdulinkCore
import Foundation

// Listings over HTTP.
extension RemoteRepository {
    public func search(_ filter: ListingFilter, cursor: PageCursor?, limit: Int) async throws -> Page<ListingSummary> {
        let body = Components.Schemas.SearchRequest(
            filter: filter, cursor: cursor, limit: limit)
        switch try await call(write: false, { try await $0.searchListings(body: .json(body)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    /// One request for the page and its first listing's detail (the default asks twice in turn).
    /// A server from before that operation answers its path with 404 whatever the filter (this
    /// one never does: a detail it cannot read is left out): it is asked the two questions instead.
    public func browse(_ filter: ListingFilter, limit: Int) async throws -> BrowsePage {
        let body = Components.Schemas.BrowseRequest(filter: filter, limit: limit)
        switch try await call(write: false, { try await $0.browseListings(body: .json(body)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(404, _): return try await firstPageThenDetail(filter, limit: limit)
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func count(_ filter: ListingFilter) async throws -> Int {
        let body = Components.Schemas.CountRequest(filter: filter)
        switch try await call(write: false, { try await $0.countListings(body: .json(body)) }) {
        case .ok(let ok): return try ok.body.json.count
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func listing(_ id: ListingID) async throws -> ListingDetail {
        switch try await call(write: false, { try await $0.getListing(path: .init(listingId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func myListings() async throws -> [ListingSummary] {
        switch try await call(write: false, { try await $0.myListings() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createListing(_ draft: ListingDraft) async throws -> Listing {
        switch try await call(write: true, { try await $0.createListing(body: .json(draft)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing {
        let output = try await call(write: true) {
            try await $0.updateListing(path: .init(listingId: id.rawValue), body: .json(draft))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func extendListing(_ id: ListingID, _ change: ListingExtension) async throws -> Listing {
        let output = try await call(write: true) {
            try await $0.extendListing(path: .init(listingId: id.rawValue), body: .json(change))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func duplicateListing(_ id: ListingID) async throws -> Listing {
        switch try await call(write: true, { try await $0.duplicateListing(path: .init(listingId: id.rawValue)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String?) async throws -> Listing {
        let output = try await call(write: true) {
            try await $0.changeListing(
                path: .init(listingId: id.rawValue), body: .json(.init(event: event, reason: reason)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func verificationQueue() async throws -> [ListingSummary] {
        switch try await call(write: false, { try await $0.verificationQueue() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func savedListings() async throws -> [ListingSummary] {
        switch try await call(write: false, { try await $0.savedListings() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func setSaved(_ id: ListingID, saved: Bool) async throws {
        let output = try await call(write: true) {
            try await $0.setSaved(path: .init(listingId: id.rawValue), body: .json(.init(saved: saved)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
