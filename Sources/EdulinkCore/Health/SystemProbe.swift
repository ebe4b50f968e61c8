import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU, memory and load of the machine and this process. Nil fields were not measurable.
public struct SystemFigures: Sendable, Equatable, Codable {
    public var cpuPercent: Double?
    public var memoryPercent: Double?
    public var load1: Double?
    public var processMemoryBytes: Int64?

    public init(cpuPercent: Double?, memoryPercent: Double?, load1: Double?, processMemoryBytes: Int64?) {
        self.cpuPercent = cpuPercent
        self.memoryPercent = memoryPercent
        self.load1 = load1
        self.processMemoryBytes = processMemoryBytes
    }
}

/// Size and free space of the filesystem holding a path.
public struct DiskFigures: Sendable, Equatable, Codable {
    public var totalBytes: Int64
    public var freeBytes: Int64

    public init(totalBytes: Int64, freeBytes: Int64) {
        self.totalBytes = totalBytes
        self.freeBytes = freeBytes
    }

    public var freePercent: Double { totalBytes > 0 ? Double(freeBytes) / Double(totalBytes) * 100 : 0 }
}

/// Where system and filesystem figures come from: /proc and statvfs on Linux, a fixed answer in
/// tests (to simulate a full disk).
public protocol SystemProbe: Sendable {
    func system() -> SystemFigures
    func disk(at path: String) -> DiskFigures?
}

/// Reads /proc (Linux) and statvfs. CPU % is measured between two calls (the first call measures
/// since boot).
public final class ProcSystemProbe: SystemProbe {
    private struct CPUSample: Sendable {
        var busy: UInt64
        var total: UInt64
    }

    private let previous = Mutex<CPUSample?>(nil)
    private let root: String

    /// `root` is the /proc directory (a copy in tests).
    public init(procRoot root: String = "/proc") {
        self.root = root
    }

    public func system() -> SystemFigures {
        SystemFigures(
            cpuPercent: cpuPercent(), memoryPercent: memoryPercent(), load1: load1(),
            processMemoryBytes: processMemory())
    }

    public func disk(at path: String) -> DiskFigures? {
        var figures = statvfs()
        guard statvfs(path, &figures) == 0 else { return nil }
        let fragment = Int64(figures.f_frsize)
        return DiskFigures(
            totalBytes: Int64(figures.f_blocks) * fragment, freeBytes: Int64(figures.f_bavail) * fragment)
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOfFile: root + "/" + name, encoding: .utf8)
    }

    private func cpuPercent() -> Double? {
        guard let line = read("stat")?.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard values.count >= 4 else { return nil }
        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        let idle = values[3] + (values.count > 4 ? values[4] : 0)
        let total = values.prefix(8).reduce(0, +)
        let sample = CPUSample(busy: total - idle, total: total)
        let before = previous.withLock { last -> CPUSample? in
            defer { last = sample }
            return last
        }
        let base = before ?? CPUSample(busy: 0, total: 0)
        guard sample.total > base.total, sample.busy >= base.busy else { return nil }
        return Double(sample.busy - base.busy) / Double(sample.total - base.total) * 100
    }

    /// Kilobyte fields of a /proc file such as meminfo ("MemTotal:  16384 kB").
    private func kilobytes(_ file: String) -> [String: Int64] {
        var fields: [String: Int64] = [:]
        for line in (read(file) ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2,
                let number = parts[1].split(whereSeparator: \.isWhitespace).first.flatMap({ Int64($0) })
            else {
                continue
            }
            fields[String(parts[0])] = number
        }
        return fields
    }

    private func memoryPercent() -> Double? {
        let info = kilobytes("meminfo")
        guard let total = info["MemTotal"], total > 0, let available = info["MemAvailable"] else { return nil }
        return Double(total - available) / Double(total) * 100
    }

    private func load1() -> Double? {
        read("loadavg")?.split(separator: " ").first.flatMap { Double($0) }
    }

    private func processMemory() -> Int64? {
        kilobytes("self/status")["VmRSS"].map { $0 * 1024 }
    }
}

/// Fixed figures: for tests, and for platforms without /proc.
public struct FixedSystemProbe: SystemProbe {
    public var figures: SystemFigures
    public var diskFigures: DiskFigures?

    public init(figures: SystemFigures, disk: DiskFigures?) {
        self.figures = figures
        self.diskFigures = disk
    }

    public func system() -> SystemFigures { figures }
    public func disk(at path: String) -> DiskFigures? { diskFigures }
}

extension FixedSystemProbe {
    /// The environment variable that puts fixed figures in place of /proc and statvfs, so a test's
    /// health checks and alerts do not follow the machine it runs on (a disk just under 20 % free,
    /// a busy CPU): `cpu=12,memory=40,load=0.5,disk-free-gb=60,disk-total-gb=100`. A figure left out
    /// is not measured; the disk needs both of its figures.
    public static let environmentVariable = "EDULINK_SYSTEM_FIGURES"

    /// The figures `text` (the variable's value) names; nil when a part is not `key=number` with a
    /// known key, a number is negative or above a billion (a disk's gigabytes must fit in bytes), or
    /// the disk's free space exceeds its size.
    public init?(describing text: String) {
        var values: [String: Double] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let known = ["cpu", "memory", "load", "disk-free-gb", "disk-total-gb"]
            guard pair.count == 2, known.contains(pair[0]), let value = Double(pair[1]),
                (0...1_000_000_000).contains(value)
            else {
                return nil
            }
            values[pair[0]] = value
        }
        var disk: DiskFigures?
        switch (values["disk-free-gb"], values["disk-total-gb"]) {
        case (nil, nil):
            disk = nil
        case (let free?, let total?) where free <= total:
            disk = DiskFigures(totalBytes: Int64(total * 1_073_741_824), freeBytes: Int64(free * 1_073_741_824))
        default:
            return nil
        }
        self.init(
            figures: SystemFigures(
                cpuPercent: values["cpu"], memoryPercent: values["memory"], load1: values["load"],
                processMemoryBytes: nil),
            disk: disk)
    }
}
