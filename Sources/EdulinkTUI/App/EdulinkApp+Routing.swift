import EdulinkCore
import EdulinkViewModels
import TerminalKit

extension EdulinkApp {
    /// Gives a finished effect's message to the view-model that asked for it. A message for a screen
    /// that has been closed since is dropped.
    mutating func route(_ message: AppMessage, area: Rect) -> [Effect<AppMessage>] {
        switch message {
        case .login(let message):
            return login.receive(message)
        case .session(let message):
            let previous = session.state.user
            let wasOffline = session.state.offlineBanner != nil
            var effects = session.handle(message).map(keyPrefix: "session.") { AppMessage.session($0) }
            // The field empties with the lock's password: on unlocking, and after a wrong password
            // (so the retyped one is not appended to what was typed before).
            if session.state.lock?.password.isEmpty ?? true { lock.password = LineEditor(maxLength: 200) }
            if let previous, session.state.user == nil { signedOut(previous: previous.email) }
            // Back online: the tab on screen loads again (a form or a detail over it keeps its state).
            if wasOffline, session.state.offlineBanner == nil, apply == nil, detail == nil {
                effects += show(tab, area: area)
            }
            return effects
        case .detail(let message):
            return detail?.receive(message) ?? []
        case .apply(let message):
            return apply?.receive(message) ?? []
        case .password(let result):
            return passwordFinished(result)
        case .exportedMyData(let result):
            var events = AppEventQueue()
            myDataExport.finish(result, events: &events)
            return events.drain([])
        case .dropped:
            return []
        default:
            if case .browse(.searched) = message { environment.frameLog?.record("results") }
            if case .browse(.pageLoaded) = message { environment.frameLog?.record("page") }
            for index in hosted.indices {
                if let effects = hosted[index].receive(message, area: area) { return effects }
            }
            return []
        }
    }

    /// Acts on the events among `effects` (toasts and the banner go to the session; navigation
    /// opens screens) and returns the work left to run. Acting on an event may raise more (opening
    /// a screen loads it); those are settled the same way, a few rounds at most.
    mutating func settleEvents(_ effects: [Effect<AppMessage>], area: Rect) -> [Effect<AppMessage>] {
        var work: [Effect<AppMessage>] = []
        var pending = effects
        for _ in 0..<8 where !pending.isEmpty {
            let events = pending.compactMap(\.event)
            work += pending.filter { $0.event == nil }
            pending = []
            for event in events { pending += handle(event, area: area) }
        }
        return work + pending.filter { $0.event == nil }
    }

    private mutating func handle(_ event: AppEvent, area: Rect) -> [Effect<AppMessage>] {
        switch event {
        case .signedIn(let user):
            return sessionSend(.received(event)) + signedIn(user, area: area)
        case .openListing(let id):
            return openListing(id)
        case .openApplyForm(let id):
            guard let user, user.role == .student else { return [] }
            var screen = ApplyFormScreen(
                model: ApplyFormViewModel(
                    repository: environment.repository, drafts: environment.drafts, user: user.id, listingID: id))
            let effects = screen.send(.open)
            apply = screen
            return effects
        case .openSearch(let query):
            detail = nil
            apply = nil
            bringToFront(.browse)
            return withHosted(BrowseScreen.self) { $0.send(.openQuery(query), area: area) } ?? []
        case .openApplication(let id):
            return showApplication(id)
        case .applicationSubmitted(let id):
            return sessionSend(.received(event)) + showApplication(id)
        case .exportMyData:
            return exportMyData()
        case .toast, .offline, .online, .sessionEnded, .unreadCountChanged, .notificationsMayHaveChanged:
            return sessionSend(.received(event))
        }
    }

    mutating func openListing(_ id: ListingID) -> [Effect<AppMessage>] {
        apply = nil
        var screen = ListingDetailScreen(
            model: ListingDetailViewModel(repository: environment.repository, listingID: id), readOnly: readOnly)
        let effects = screen.send(.load)
        detail = screen
        return effects
    }

    /// The student's own application on Applications; an applicant on the employer's Applicants.
    private mutating func showApplication(_ id: ApplicationID) -> [Effect<AppMessage>] {
        let tab: ShellTab
        if applications != nil {
            tab = .applications
        } else if employer != nil {
            tab = .applicants
        } else {
            return []
        }
        detail = nil
        apply = nil
        bringToFront(tab)
        return withHosted(ApplicationsScreen.self) { $0.show(id) } ?? withHosted(EmployerTabs.self) {
            $0.showApplication(id)
        } ?? []
    }

    /// Shows a tab and loads what it shows.
    mutating func show(_ newTab: ShellTab, area: Rect) -> [Effect<AppMessage>] {
        guard tabs.contains(newTab) else { return [] }
        detail = nil
        apply = nil
        bringToFront(newTab)
        guard let index = hostIndex(for: newTab) else { return [] }
        return hosted[index].show(newTab, area: area)
    }

    /// Makes `newTab` the tab in front, telling the screen of the tab it replaces.
    private mutating func bringToFront(_ newTab: ShellTab) {
        if newTab != tab, let index = hostIndex(for: tab) { hosted[index].hide(tab) }
        tab = newTab
    }

    /// A toast from the shell itself (command line, themes).
    mutating func toast(_ text: String, error: Bool = false) -> [Effect<AppMessage>] {
        sessionSend(.received(.toast(Toast(text, kind: error ? .error : .info))))
    }
}
