import Crypto
import EdulinkCore
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Makes a retried write safe: the first response to a write carrying `Idempotency-Key` is stored
/// (per user, in the database, for `retention`), and the same request with the same key gets that
/// response again instead of running twice. The same key with another request is a conflict, and
/// so is a retry while the first is still running. Failures are not stored, so they can be retried.
///
/// A response that carries a secret (a one-time password) is never stored: the record keeps only
/// that the request was done, and a retry is told so (409) instead of being shown the secret again
/// from a table that backups copy.
struct IdempotencyMiddleware: ServerMiddleware {
    /// Operations whose response carries a secret meant to be shown once (a new password, a
    /// supervisor's or imported students' one-time sign-in codes): never kept, never replayed.
    static let secretResponses: Set<String> = ["resetPassword", "createSupervisor", "importStudents"]

    let store: any ServerStateStore
    let clock: any TimeSource
    let retention: TimeInterval
    let maxBodyBytes: Int

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method != .get, let key = request.headerFields[.idempotencyKey],
            let userID = Authenticated.current?.user.id
        else { return try await next(request, body, metadata) }
        guard !key.isEmpty, key.count <= 200 else {
            throw EdulinkError.validation([FieldError("Idempotency-Key", "Use 1 to 200 characters.")])
        }
        let bytes: [UInt8] =
            if let body {
                try await [UInt8](
                    collecting: body, upTo: BodyLimitMiddleware.limit(for: request.path, default: maxBodyBytes))
            } else { [] }
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.path ?? "")\n".utf8))
        hasher.update(data: bytes)
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let now = clock.now()
        let retention = retention
        let existing: IdempotencyRecord? = try await store.writeServerState { session in
            try session.pruneIdempotencyRecords(createdBefore: now.addingTimeInterval(-retention))
            let record = IdempotencyRecord(
                userID: userID, key: key, fingerprint: fingerprint, status: nil, body: [], createdAt: now)
            if try session.insertIdempotencyRecord(record) { return nil }
            return try session.idempotencyRecord(userID: userID, key: key)
        }
        if let existing { return try replay(existing, fingerprint: fingerprint, operationID: operationID) }
        let response: HTTPResponse
        let responseBytes: [UInt8]
        do {
            let (head, responseBody) = try await next(request, HTTPBody(bytes), metadata)
            response = head
            responseBytes =
                if let responseBody { try await [UInt8](collecting: responseBody, upTo: 16 * 1024 * 1024) } else { [] }
        } catch {
            try? await store.writeServerState { try $0.deleteIdempotencyRecord(userID: userID, key: key) }
            throw error
        }
        let status = response.status.code
        let stored = Self.secretResponses.contains(operationID) ? [] : responseBytes
        try await store.writeServerState { session in
            try session.completeIdempotencyRecord(userID: userID, key: key, status: status, body: stored)
        }
        return (response, HTTPBody(responseBytes))
    }

    private func replay(_ record: IdempotencyRecord, fingerprint: String, operationID: String) throws -> (
        HTTPResponse, HTTPBody?
    ) {
        guard record.fingerprint == fingerprint else {
            throw EdulinkError.conflict("This Idempotency-Key was already used for a different request.")
        }
        guard let status = record.status else {
            throw EdulinkError.conflict("A request with this Idempotency-Key is still running; retry shortly.")
        }
        if Self.secretResponses.contains(operationID) {
            throw EdulinkError.conflict(
                "This request was already done, and what it answered is shown only once; do it again for a new one.")
        }
        var fields = HTTPFields()
        if !record.body.isEmpty { fields[.contentType] = "application/json" }
        fields[.idempotencyReplayed] = "true"
        return (HTTPResponse(status: .init(code: status), headerFields: fields), HTTPBody(record.body))
    }
}
