public import Foundation

/// An employer organization. Only verified organizations publish listings.
public struct Organization: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: OrganizationID
    public var name: String
    public var industry: String
    public var size: OrganizationSize
    public var website: String?
    public var location: String
    public var description: String
    public var verified: Bool
    public var createdAt: Date

    public init(
        id: OrganizationID = 0, name: String, industry: String, size: OrganizationSize, website: String? = nil,
        location: String, description: String, verified: Bool = false, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.industry = industry
        self.size = size
        self.website = website
        self.location = location
        self.description = description
        self.verified = verified
        self.createdAt = createdAt
    }
}

/// A university, college or other place students study.
public struct Institution: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: InstitutionID
    public var name: String
    public var shortCode: String
    public var type: InstitutionType
    public var verified: Bool

    public init(id: InstitutionID = 0, name: String, shortCode: String, type: InstitutionType, verified: Bool) {
        self.id = id
        self.name = name
        self.shortCode = shortCode
        self.type = type
        self.verified = verified
    }
}
