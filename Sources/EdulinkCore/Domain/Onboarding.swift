public import Foundation

public typealias RegistrationCodeID = EntityID<RegistrationCode>

/// A code an institution hands its students so they can create their own accounts
/// (PLACEMENTS.md, Registration codes): `EDU{SHORT}{YY}-{NN}`, a number of uses, an expiry, revocable.
public struct RegistrationCode: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: RegistrationCodeID
    public var institutionID: InstitutionID
    /// `EDUUON26-01`: upper case, unique.
    public var code: String
    public var maxUses: Int
    public var uses: Int
    public var expiresAt: Date
    public var revokedAt: Date?
    public var createdBy: UserID?
    public var createdAt: Date

    public init(
        id: RegistrationCodeID = 0, institutionID: InstitutionID, code: String, maxUses: Int, uses: Int = 0,
        expiresAt: Date, revokedAt: Date? = nil, createdBy: UserID?, createdAt: Date
    ) {
        self.id = id
        self.institutionID = institutionID
        self.code = code
        self.maxUses = maxUses
        self.uses = uses
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether a student can sign up with it at `date`, and if not, why.
    public func state(at date: Date) -> RegistrationCodeState {
        if revokedAt != nil { return .revoked }
        if uses >= maxUses { return .usedUp }
        if date >= expiresAt { return .expired }
        return .open
    }
}

/// What a registration code can do now.
public enum RegistrationCodeState: String, Sendable, Codable, CaseIterable, Hashable {
    case open
    case usedUp = "used_up"
    case expired
    case revoked

    public var label: String {
        switch self {
        case .open: "open"
        case .usedUp: "used up"
        case .expired: "expired"
        case .revoked: "revoked"
        }
    }
}

/// What an institution admin asks for when making a code.
public struct NewRegistrationCode: Sendable, Equatable, Hashable, Codable {
    /// 1–1,000.
    public var maxUses: Int
    /// After now and at most a year ahead.
    public var expiresAt: Date

    public init(maxUses: Int, expiresAt: Date) {
        self.maxUses = maxUses
        self.expiresAt = expiresAt
    }
}

/// How one attempt to sign up with a code ended. The person is told only "accepted" or the one
/// refusal; the institution admin's usage log says why.
public enum RegistrationCodeOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    case success
    /// No code with this text.
    case unknown
    case expired
    case usedUp = "used_up"
    case revoked
    /// The code was good; the details were not (a taken email, a weak password, a taken registration number).
    case refusedDetails = "refused_details"

    public var label: String {
        switch self {
        case .success: "signed up"
        case .unknown: "unknown code"
        case .expired: "expired"
        case .usedUp: "used up"
        case .revoked: "revoked"
        case .refusedDetails: "details refused"
        }
    }
}

/// One use of a registration code, successful or not.
public struct RegistrationCodeUse: Sendable, Equatable, Hashable, Codable {
    public var codeID: RegistrationCodeID?
    /// The email given (trimmed, lower case, at most 254 characters).
    public var email: String
    public var outcome: RegistrationCodeOutcome
    /// The account created, on success.
    public var userID: UserID?
    /// The network address, or `local`.
    public var source: String
    public var at: Date
    /// What was refused, for `refusedDetails`.
    public var detail: String?

    public init(
        codeID: RegistrationCodeID?, email: String, outcome: RegistrationCodeOutcome, userID: UserID? = nil,
        source: String, at: Date, detail: String? = nil
    ) {
        self.codeID = codeID
        self.email = email
        self.outcome = outcome
        self.userID = userID
        self.source = source
        self.at = at
        self.detail = detail
    }
}

/// What a student fills in to create their own account with a registration code.
public struct StudentSignUp: Sendable, Equatable, Hashable, Codable {
    public var code: String
    public var displayName: String
    public var email: String
    public var password: String
    public var registrationNumber: String?
    public var course: String?
    public var yearOfStudy: Int?

    public init(
        code: String, displayName: String, email: String, password: String, registrationNumber: String? = nil,
        course: String? = nil, yearOfStudy: Int? = nil
    ) {
        self.code = code
        self.displayName = displayName
        self.email = email
        self.password = password
        self.registrationNumber = registrationNumber
        self.course = course
        self.yearOfStudy = yearOfStudy
    }
}

/// The rules of registration codes, in one place for the service, the CLI and the screens.
public enum RegistrationCodeRules {
    public static let maxUses = 1...1000
    /// The longest a code stays open.
    public static let longestValidity: TimeInterval = 366 * 86_400
    /// What every bad code is told, whatever the reason (no enumeration of codes).
    public static let refusal =
        "That registration code cannot be used. Check it with your institution, or ask them for a new one."

    /// `EDU` + the institution's short code (letters and digits, at most 8) + the two-digit year,
    /// a dash and the sequence (two digits, more when needed): `EDUUON26-01`.
    public static func code(shortCode: String, year: Int, sequence: Int) -> String {
        let short = String(shortCode.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8))
        let yy = String(format: "%02d", ((year % 100) + 100) % 100)
        return "EDU\(short.isEmpty ? "X" : short)\(yy)-\(String(format: "%02d", sequence))"
    }

    /// A typed code as stored: trimmed, upper case, inner spaces removed; nil when it cannot be one.
    public static func normalize(_ typed: String) -> String? {
        let code = typed.uppercased().filter { !$0.isWhitespace }
        guard (5...24).contains(code.count),
            code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        return code
    }

    /// Field problems of a new code at `now`.
    public static func validate(_ new: NewRegistrationCode, now: Date) throws(EdulinkError) {
        var problems: [FieldError] = []
        if !maxUses.contains(new.maxUses) {
            problems.append(FieldError("max_uses", "Uses must be between 1 and 1,000."))
        }
        if new.expiresAt <= now {
            problems.append(FieldError("expires_at", "The expiry must be in the future."))
        } else if new.expiresAt.timeIntervalSince(now) > longestValidity {
            problems.append(FieldError("expires_at", "A code stays open at most a year."))
        }
        if !problems.isEmpty { throw EdulinkError.validation(problems) }
    }
}
