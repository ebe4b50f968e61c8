import EdulinkAPI
import EdulinkCore
import Foundation

// Signing in and out, refreshing, and the signed-in user's own account.
extension APIHandler {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        // A refused sign-in stays counted; anything else (a bad body, a database failure) does not.
        let user = try await throttled(email: body.email, counts: { ($0 as? EdulinkError)?.isUnauthenticated == true })
        {
            address in
            try await service.login(email: body.email, password: body.password, origin: .api, source: address)
        }
        let issued = try await tokens.startSession(for: user)
        return .ok(.init(body: .json(try Self.pair(issued))))
    }

    /// Runs one attempt under the sign-in rate limit (per address and per account, `email`), with
    /// the client's address. An attempt whose error `counts` (a wrong password, a guessed
    /// registration code) stays counted; a success or any other error does not.
    func throttled<T>(
        email: String, counts: (any Error) -> Bool, _ attempt: (_ address: String) async throws -> T
    ) async throws -> T {
        let address = RequestValues.current.clientAddress
        do {
            try await loginThrottle.begin(address: address, email: email, now: clock.now())
        } catch {
            await rateLimits.refused(
                client: "sign-in:" + address, user: nil, source: address,
                "too many failed sign-ins from this address or for one account")
            throw error
        }
        do {
            let result = try await attempt(address)
            await loginThrottle.succeeded(address: address, email: email, now: clock.now())
            return result
        } catch {
            if !counts(error) { await loginThrottle.succeeded(address: address, email: email, now: clock.now()) }
            throw error
        }
    }

    func refresh(_ input: Operations.Refresh.Input) async throws -> Operations.Refresh.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let issued = try await tokens.refresh(body.refreshToken, source: RequestValues.current.clientAddress)
        return .ok(.init(body: .json(try Self.pair(issued))))
    }

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        try await tokens.endSession(familyID: try caller().familyID)
        return .noContent(.init())
    }

    func currentUser(_ input: Operations.CurrentUser.Input) async throws -> Operations.CurrentUser.Output {
        .ok(.init(body: .json(try caller().user.publicProfile)))
    }

    func reauthenticate(_ input: Operations.Reauthenticate.Input) async throws -> Operations.Reauthenticate.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let caller = try caller()
        // Locked, disabled or gone (unauthenticated) ends the session, as in local mode; a wrong
        // password (validation) keeps it. Both count like a failed sign-in.
        let counts: (any Error) -> Bool = {
            switch $0 as? EdulinkError {
            case .unauthenticated?, .validation?: true
            default: false
            }
        }
        try await throttled(email: caller.user.email, counts: counts) { address in
            do {
                _ = try await service.acting(as: caller.principal).reauthenticate(
                    password: body.password, source: address)
            } catch let error as EdulinkError {
                if case .unauthenticated = error { try await tokens.endSession(familyID: caller.familyID) }
                throw error
            }
        }
        return .noContent(.init())
    }

    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let caller = try caller()
        try await service.acting(as: caller.principal).changePassword(current: body.current, new: body.new)
        // Every other device signed in as this user signs in again with the new password.
        try await tokens.endSessions(of: caller.user.id, keeping: caller.familyID, reason: "password changed")
        return .noContent(.init())
    }

    static func pair(_ issued: TokenService.Issued) throws -> Components.Schemas.TokenPair {
        .init(
            accessToken: issued.accessToken, refreshToken: issued.refreshToken, tokenType: .bearer,
            expiresIn: Int(issued.accessLifetime), refreshExpiresIn: Int(issued.refreshLifetime),
            user: issued.user.publicProfile)
    }
}
