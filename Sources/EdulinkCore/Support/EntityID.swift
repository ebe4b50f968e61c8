/// A typed row identifier: `EntityID<User>` and `EntityID<Listing>` cannot be mixed up.
///
/// Identifiers are assigned by the store's sequence so that several processes, or several
/// server instances sharing one PostgreSQL database, never collide.
///
/// ```swift
/// let id: UserID = 42
/// print(id)  // 42
/// ```
public struct EntityID<Entity>: RawRepresentable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

// The phantom `Entity` is never stored, so the identifier is a plain integer and always sendable.
extension EntityID: Sendable {}

public typealias UserID = EntityID<User>
public typealias OrganizationID = EntityID<Organization>
public typealias InstitutionID = EntityID<Institution>
public typealias ListingID = EntityID<Listing>
public typealias ApplicationID = EntityID<Application>
public typealias TimelineEventID = EntityID<ApplicationEvent>
public typealias NotificationID = EntityID<Notification>
public typealias SavedSearchID = EntityID<SavedSearch>
public typealias AuditEventID = EntityID<AuditEvent>
public typealias SecurityEventID = EntityID<SecurityEvent>
public typealias BackupID = EntityID<BackupRecord>
