import EdulinkAPI
import EdulinkCore
import Foundation

// Searching, reading and managing listings.
extension APIHandler {
    func searchListings(_ input: Operations.SearchListings.Input) async throws -> Operations.SearchListings.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let filter: ListingFilter = body.filter
        let cursor: PageCursor? = body.cursor
        let page = try await acting().search(filter, cursor: cursor, limit: body.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(page)))
    }

    func browseListings(_ input: Operations.BrowseListings.Input) async throws -> Operations.BrowseListings.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let found = try await acting().browse(body.filter, limit: body.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(found)))
    }

    func countListings(_ input: Operations.CountListings.Input) async throws -> Operations.CountListings.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let count = try await acting().count(body.filter)
        return .ok(.init(body: .json(.init(count: count))))
    }

    func myListings(_ input: Operations.MyListings.Input) async throws -> Operations.MyListings.Output {
        .ok(.init(body: .json(try await acting().myListings())))
    }

    func verificationQueue(_ input: Operations.VerificationQueue.Input) async throws
        -> Operations.VerificationQueue.Output
    {
        .ok(.init(body: .json(try await acting().verificationQueue())))
    }

    func createListing(_ input: Operations.CreateListing.Input) async throws -> Operations.CreateListing.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let listing = try await acting().createListing(body)
        return .created(.init(body: .json(listing)))
    }

    func getListing(_ input: Operations.GetListing.Input) async throws -> Operations.GetListing.Output {
        let detail = try await acting().listing(ListingID(input.path.listingId))
        return .ok(.init(body: .json(detail)))
    }

    func updateListing(_ input: Operations.UpdateListing.Input) async throws -> Operations.UpdateListing.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let listing = try await acting().updateListing(ListingID(input.path.listingId), body)
        return .ok(.init(body: .json(listing)))
    }

    func extendListing(_ input: Operations.ExtendListing.Input) async throws -> Operations.ExtendListing.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let listing = try await acting().extendListing(ListingID(input.path.listingId), body)
        return .ok(.init(body: .json(listing)))
    }

    func duplicateListing(_ input: Operations.DuplicateListing.Input) async throws
        -> Operations.DuplicateListing.Output
    {
        let listing = try await acting().duplicateListing(ListingID(input.path.listingId))
        return .created(.init(body: .json(listing)))
    }

    func changeListing(_ input: Operations.ChangeListing.Input) async throws -> Operations.ChangeListing.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let listing = try await acting().changeListing(ListingID(input.path.listingId), body.event, reason: body.reason)
        return .ok(.init(body: .json(listing)))
    }

    func setSaved(_ input: Operations.SetSaved.Input) async throws -> Operations.SetSaved.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().setSaved(ListingID(input.path.listingId), saved: body.saved)
        return .noContent(.init())
    }
}
