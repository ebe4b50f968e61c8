/// A calendar date and wall-clock time to the minute, validated (month lengths, leap years).
public struct DateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD HH:MM`; the error says which part is wrong.
    public static func parse(_ text: String) -> Result<DateTime, DateTimeError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return .failure(.format) }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, time.count == 2, date[0].count == 4, date[1].count == 2, date[2].count == 2,
            time[0].count == 2, time[1].count == 2,
            let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
            let hour = Int(time[0]), let minute = Int(time[1])
        else { return .failure(.format) }
        guard (1...12).contains(month) else { return .failure(.month(month)) }
        guard (1...daysIn(month: month, year: year)).contains(day) else { return .failure(.day(day, month: month)) }
        guard (0...23).contains(hour) else { return .failure(.hour(hour)) }
        guard (0...59).contains(minute) else { return .failure(.minute(minute)) }
        return .success(DateTime(year: year, month: month, day: day, hour: hour, minute: minute))
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute))"
    }

    private var key: [Int] { [year, month, day, hour, minute] }
    public static func < (lhs: DateTime, rhs: DateTime) -> Bool { lhs.key.lexicographicallyPrecedes(rhs.key) }

    /// One part of the value, for arrow increments.
    public enum Part: Int, Hashable, Sendable, CaseIterable { case year, month, day, hour, minute }

    /// This value with `part` moved by `delta`, wrapping within the part (the day is kept valid).
    public func adding(_ delta: Int, to part: Part) -> DateTime {
        func wrap(_ value: Int, _ low: Int, _ high: Int) -> Int {
            let span = high - low + 1
            return ((value - low) % span + span) % span + low
        }
        var copy = self
        switch part {
        case .year: copy.year = max(1, year + delta)
        case .month: copy.month = wrap(month + delta, 1, 12)
        case .day: copy.day = wrap(day + delta, 1, Self.daysIn(month: month, year: year))
        case .hour: copy.hour = wrap(hour + delta, 0, 23)
        case .minute: copy.minute = wrap(minute + delta, 0, 59)
        }
        copy.day = min(copy.day, Self.daysIn(month: copy.month, year: copy.year))
        return copy
    }
}

/// Why a date and time did not parse; the description is shown under the field.
public enum DateTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    case format
    case month(Int)
    case day(Int, month: Int)
    case hour(Int)
    case minute(Int)

    public var description: String {
        switch self {
        case .format: return "expected YYYY-MM-DD HH:MM"
        case .month(let m): return "month \(m) does not exist (1-12)"
        case .day(let d, let m): return "day \(d) does not exist in month \(m)"
        case .hour(let h): return "hour \(h) does not exist (00-23)"
        case .minute(let m): return "minute \(m) does not exist (00-59)"
        }
    }
}

/// The editing state of a date-time field: typed text (digits and separators only), with up/down
/// changing the part under the cursor.
public struct DateTimeFieldState: Hashable, Sendable {
    public var editor: LineEditor

    public init(_ value: DateTime?) {
        editor = LineEditor(value?.description ?? "", maxLength: 16)
    }

    /// The value, or why the text is not one.
    public var value: Result<DateTime, DateTimeError> { DateTime.parse(editor.text) }

    /// The part the cursor is in.
    public var partAtCursor: DateTime.Part {
        switch editor.cursor {
        case 0...4: return .year
        case 5...7: return .month
        case 8...10: return .day
        case 11...13: return .hour
        default: return .minute
        }
    }

    public mutating func handle(_ key: Key) -> LineEditor.Outcome {
        switch key {
        case "up", "down":
            guard case .success(let current) = value else { return .edited }
            let delta = key == "up" ? 1 : -1
            let cursor = editor.cursor
            editor.text = current.adding(delta, to: partAtCursor).description
            editor.moveCursor(to: cursor)
            return .edited
        default:
            if let character = key.typedCharacter,
                !(character.isNumber || character == "-" || character == ":" || character == " ")
            {
                return .edited
            }
            return editor.handle(key)
        }
    }
}
