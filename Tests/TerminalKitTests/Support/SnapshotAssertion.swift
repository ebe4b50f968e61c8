import Foundation
import TerminalKit
import Testing

/// Compares a buffer's snapshot (text, styles, legend) with `__Snapshots__/NAME.txt`.
///
/// Run with `UPDATE_SNAPSHOTS=1` to write the files; review them like code before committing. A
/// missing file fails the test, so CI never passes on snapshots nobody looked at.
func assertSnapshot(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent(name + ".txt")
    let actual = buffer.snapshot()
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
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let lhs = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
            let rhs = index < actualLines.count ? String(actualLines[index]) : "<none>"
            if lhs != rhs { report.append("line \(index + 1):\n  expected: \(lhs)\n  actual:   \(rhs)") }
        }
        Issue.record(
            "snapshot \(name).txt differs:\n\(report.prefix(12).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }
}

/// A buffer of `size` with `draw` applied to its whole area.
func rendered(_ size: Size, _ draw: (inout Buffer, Rect) -> Void) -> Buffer {
    var buffer = Buffer(size: size)
    draw(&buffer, buffer.area)
    return buffer
}
