import Foundation
import TerminalKit

// terminalkit-gallery [--theme NAME]: shows every TerminalKit widget.
func report(_ text: String) {
    FileHandle.standardError.write(Data("terminalkit-gallery: \(text)\n".utf8))
}

let arguments = CommandLineArguments(Array(CommandLine.arguments.dropFirst()))
let library = ThemeLibrary(appName: "terminalkit")
let outcome = library.loadOrDefault(named: arguments.theme ?? "default")
if let problem = outcome.error { report(problem.description) }
do {
    let result = try UILoop.run(Gallery(library: library, theme: outcome.theme), theme: outcome.theme)
    exit(result.outcome.exitStatus)
} catch {
    report(error.description)
    exit(1)
}
