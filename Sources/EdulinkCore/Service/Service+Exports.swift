import Foundation

/// What a user exported from their screens (a CSV of applicants, of audit events), for the
/// data-export security event of DOMAIN.md. Exports are written by the client page by page; the
/// service records that one happened, by whom and how many rows.
public enum DataExport: Sendable, Equatable {
    /// The applicants of one listing, by its employer.
    case applicants(ListingID, rows: Int)
    /// Audit events, by an admin.
    case audit(rows: Int)

    /// The most rows one export may claim (a sanity bound, not a product limit).
    public static let maximumRows = 10_000_000

    var rows: Int {
        switch self {
        case .applicants(_, let rows), .audit(let rows): rows
        }
    }
}

extension EdulinkService {
    /// Records a `data_export` security event for an export the principal may make: applicants only
    /// of their own organization's listing, audit events only with the right to read them.
    public func recordExport(_ export: DataExport) async throws {
        let principal = try await caller()
        return try await guarded(principal) {
            guard (0...DataExport.maximumRows).contains(export.rows) else {
                throw EdulinkError.validation([FieldError("rows", "Rows must be 0 to \(DataExport.maximumRows).")])
            }
            if case .audit = export { try authorize(principal, .viewAudit) }
            try await store.write { session in
                let detail: String
                switch export {
                case .applicants(let id, let rows):
                    let listing = try self.ownedListing(principal, id, .viewApplicants, session)
                    detail = "\(rows) applicants of listing #\(id.rawValue) (\(listing.title)) exported to CSV"
                case .audit(let rows):
                    detail = "\(rows) audit events exported to CSV"
                }
                try self.securityEvent(
                    session, .dataExport, user: principal.userID, source: principal.origin.rawValue, detail)
            }
        }
    }
}
