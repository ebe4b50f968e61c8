import EdulinkViewModels
import Foundation
import TerminalKit

// `:password`: every role changes its own password with the current one, over whatever tab is on
// screen (students and supervisors also have `p` on their Profile). The rules and the errors are
// the service's; the form is the one every Profile uses.
extension EdulinkApp {
    mutating func passwordKey(_ key: Key) -> [Effect<AppMessage>] {
        switch passwordForm.handle(key) {
        case .closed, .handled:
            return []
        case .submit(let current, let new, let confirmation):
            let effect = passwordChange.start(
                current: current, new: new, confirmation: confirmation, repository: environment.repository)
            passwordForm.sync(passwordChange)
            return effect.map { [$0.map { AppMessage.password($0) }] } ?? []
        }
    }

    /// `:export-my-data` (and `x` on a Profile): the person's data to a file in the current folder,
    /// else the home folder; a toast says where.
    mutating func exportMyData() -> [Effect<AppMessage>] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = environment.timeZone
        let effect = myDataExport.start(
            repository: environment.repository, folders: environment.exportFolders, at: environment.time.now(),
            calendar: calendar)
        guard let effect else { return toast("Your data is being exported…") }
        return [effect.map { AppMessage.exportedMyData($0) }] + toast("Exporting your data…")
    }

    mutating func passwordFinished(_ result: Result<Void, Failure>) -> [Effect<AppMessage>] {
        var events = AppEventQueue()
        passwordChange.finish(result, events: &events)
        passwordForm.sync(passwordChange)
        return events.drain([])
    }
}
