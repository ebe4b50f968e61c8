import EdulinkAPI
import EdulinkCore
import Foundation

// Signing in and out, refreshing, and the signed-in user's own account.
extension APIHandler {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let address = RequestValues.current.clientAddress
        try await loginThrottle.begin(address: address, email: body.email, now: clock.now())
        let user: User
        do {
            user = try await service.login(email: body.email, password: body.password, origin: .api, source: address)
        } catch {
            // A refused sign-in stays counted; anything else (a bad body, a database failure) does not.
            if (error as? EdulinkError)?.isUnauthenticated != true {
                await loginThrottle.succeeded(address: address, email: body.email, now: clock.now())
            }
            throw error
        }
        await loginThrottle.succeeded(address: address, email: body.email, now: clock.now())
        let issued = try await tokens.startSession(for: user)
        return .ok(.init(body: .json(try Self.pair(issued))))
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
        let address = RequestValues.current.clientAddress
        try await loginThrottle.begin(address: address, email: caller.user.email, now: clock.now())
        do {
            _ = try await service.acting(as: caller.principal).reauthenticate(password: body.password, source: address)
        } catch {
            switch error as? EdulinkError {
            case .unauthenticated?:
                // Locked, disabled or gone: the session ends, as in local mode; the attempt counts.
                try await tokens.endSession(familyID: caller.familyID)
            case .validation?:
                // A wrong password: the session stays, the attempt counts like a failed sign-in.
                break
            default:
                await loginThrottle.succeeded(address: address, email: caller.user.email, now: clock.now())
            }
            throw error
        }
        await loginThrottle.succeeded(address: address, email: caller.user.email, now: clock.now())
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
