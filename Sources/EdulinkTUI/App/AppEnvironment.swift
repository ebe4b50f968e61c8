public import EdulinkCore
public import EdulinkViewModels
public import Foundation
public import TerminalKit

/// Everything the terminal app needs from outside: the repository, where drafts go, time, themes
/// and the demo accounts to offer. The CLI builds one for the real terminal; tests build one over a
/// temporary database with a fixed clock.
public struct AppEnvironment: Sendable {
    /// The signed-in session's use cases.
    public var repository: any EdulinkRepository
    /// Where unsent application drafts are kept.
    public var drafts: any DraftStore
    /// Wall-clock time (deadlines, idle lock); tests pass a `ManualTimeSource`.
    public var time: any TimeSource
    /// The time zone dates are shown in.
    public var timeZone: TimeZone
    /// How debounces wait; tests pass ``ImmediateEffectClock``.
    public var effectClock: any EffectClock
    /// Demo accounts for the login screen (the demo database only).
    public var demoAccounts: [DemoAccount]
    /// Their shared password.
    public var demoPassword: String?
    /// Where `:theme NAME` finds themes.
    public var themes: ThemeLibrary
    /// How long without a key before the app locks.
    public var idleLimit: TimeInterval
    /// Timestamps for the benchmark (`EDULINK_FRAME_LOG`), or nil.
    public var frameLog: FrameLog?
    /// Where the local database reports waits for another process's lock (the status bar shows
    /// them), or nil.
    public var lockWait: LockWait?
    /// Warnings found before the app started (config.toml, theme): shown in the app as toasts.
    public var startupWarnings: [String]
    /// Where "Export my data" writes its file: the first folder that takes it.
    public var exportFolders: [String]

    /// An environment; only the repository and the draft store have no default.
    public init(
        repository: any EdulinkRepository, drafts: any DraftStore, time: any TimeSource = SystemTimeSource(),
        timeZone: TimeZone = .current, effectClock: any EffectClock = SystemEffectClock(),
        demoAccounts: [DemoAccount] = [], demoPassword: String? = nil,
        themes: ThemeLibrary = ThemeLibrary(appName: "edulink"),
        idleLimit: TimeInterval = SessionViewModel.defaultIdleLimit, frameLog: FrameLog? = nil,
        lockWait: LockWait? = nil, startupWarnings: [String] = [],
        exportFolders: [String] = [FileManager.default.currentDirectoryPath, NSHomeDirectory()]
    ) {
        self.repository = repository
        self.drafts = drafts
        self.time = time
        self.timeZone = timeZone
        self.effectClock = effectClock
        self.demoAccounts = demoAccounts
        self.demoPassword = demoPassword
        self.themes = themes
        self.idleLimit = idleLimit
        self.frameLog = frameLog
        self.lockWait = lockWait
        self.startupWarnings = startupWarnings
        self.exportFolders = exportFolders
    }
}

extension AppEnvironment {
    /// The environment of the real app on this machine: drafts as files under `draftDirectory`,
    /// the system clock, themes from the user's folder and the shipped ones.
    public static func onThisMachine(
        repository: any EdulinkRepository, draftDirectory: URL, demoAccounts: [(email: String, role: EdulinkCore.Role)],
        demoPassword: String?, timeZone: TimeZone = .current, idleLimit: TimeInterval? = nil, frameLog: FrameLog? = nil,
        lockWait: LockWait? = nil, startupWarnings: [String] = []
    ) -> AppEnvironment {
        AppEnvironment(
            repository: repository, drafts: FileDraftStore(directory: draftDirectory), timeZone: timeZone,
            demoAccounts: demoAccounts.map { DemoAccount(email: $0.email, role: $0.role) },
            demoPassword: demoAccounts.isEmpty ? nil : demoPassword,
            idleLimit: idleLimit ?? SessionViewModel.defaultIdleLimit, frameLog: frameLog, lockWait: lockWait,
            startupWarnings: startupWarnings)
    }
}
