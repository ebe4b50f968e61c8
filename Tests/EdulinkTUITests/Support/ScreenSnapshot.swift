import Foundation
import TerminalKit
import Testing

/// The screen as a snapshot file: TerminalKit's text, role and legend layers, then how each style
/// resolves on the driver's terminal (palette indices and attributes), so the colour and NO_COLOR
/// files differ where the terminals differ.
func screenSnapshot(_ terminal: VirtualTerminal) -> String {
    var out = terminal.snapshot()
    out += "-- appearance (\(terminal.capability.rawValue) colours, theme \(terminal.theme.name))\n"
    var seen: Set<Style> = []
    let screen = terminal.screen
    for y in 0..<screen.size.height {
        for x in 0..<screen.size.width {
            guard let cell = screen[x, y], seen.insert(cell.style).inserted,
                let resolved = terminal.resolvedStyle(x: x, y: y)
            else { continue }
            let attributes = Attributes.names.filter { resolved.attributes.contains($0.1) }.map(\.0)
            let extras = Attributes.names.filter { cell.style.adding.contains($0.1) }.map { "+" + $0.0 }
            let name = ([cell.style.role.name] + extras).joined(separator: " ")
            out += "\(name): fg \(resolved.foreground) bg \(resolved.background)"
            out += attributes.isEmpty ? "\n" : " " + attributes.joined(separator: " ") + "\n"
        }
    }
    return out
}

/// Compares the screen with `__Snapshots__/NAME.txt`; `UPDATE_SNAPSHOTS=1` writes it instead.
func assertScreen(_ terminal: VirtualTerminal, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent(name + ".txt")
    let actual = screenSnapshot(terminal)
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record(
            "no snapshot \(name).txt; run with UPDATE_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let lhs = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
        let rhs = index < actualLines.count ? String(actualLines[index]) : "<none>"
        if lhs != rhs { report.append("line \(index + 1):\n  expected: \(lhs)\n  actual:   \(rhs)") }
    }
    Issue.record(
        "snapshot \(name).txt differs:\n\(report.prefix(12).joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// The screen's text, for `contains` checks.
func screenText(_ terminal: VirtualTerminal) -> String { terminal.lines.joined(separator: "\n") }
