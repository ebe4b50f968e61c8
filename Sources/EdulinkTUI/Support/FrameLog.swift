import Foundation
import Synchronization

/// Appends `<monotonic ns> <event>` lines to a file for `scripts/bench-tui.sh`
/// (`EDULINK_FRAME_LOG=FILE`): `key`, `frame`, `search-start`, `search-done`. Lines are buffered and
/// written once per frame so logging does not slow the loop it measures.
public final class FrameLog: Sendable {
    private let handle: FileHandle
    private let pending = Mutex<[String]>([])

    /// Opens (creating or appending to) `path`; nil when it cannot be written.
    public init?(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Records `event` now.
    public func record(_ event: String) {
        let line = "\(DispatchTime.now().uptimeNanoseconds) \(event)\n"
        let batch = pending.withLock { lines -> [String] in
            lines.append(line)
            guard lines.count >= 64 || event == "frame" else { return [] }
            defer { lines.removeAll(keepingCapacity: true) }
            return lines
        }
        if !batch.isEmpty { handle.write(Data(batch.joined().utf8)) }
    }

    /// Writes what is buffered.
    public func flush() {
        let batch = pending.withLock { lines -> [String] in
            defer { lines.removeAll() }
            return lines
        }
        if !batch.isEmpty { handle.write(Data(batch.joined().utf8)) }
    }
}
