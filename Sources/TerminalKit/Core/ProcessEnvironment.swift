internal import Foundation

/// The process's environment variables, the default for every API that reads them (tests pass their own).
public enum ProcessEnvironment {
    /// The current environment.
    public static var current: [String: String] { ProcessInfo.processInfo.environment }
}
