/// Numbered parameters for a statement being built: `bind` returns `$n` for the next value.
struct SQLArguments {
    private(set) var values: [SQLValue] = []

    init() {}

    mutating func bind(_ value: some SQLBindable) -> String {
        values.append(value.columnValue)
        return "$\(values.count)"
    }
}
