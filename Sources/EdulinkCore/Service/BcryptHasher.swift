import HummingbirdBcrypt

/// bcrypt with a configurable cost (12 by default; tests use 4 to stay fast).
public struct BcryptHasher: PasswordHasher {
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
