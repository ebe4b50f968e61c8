/// One entry of a key table: the keys, what they do, and how to describe them.
public struct KeyBinding<Action> {
    /// The keys that trigger the action (the first is shown in hints).
    public var keys: [Key]
    /// A one- or two-word label for the status bar; nil keeps the binding out of the status bar.
    public var hint: String?
    /// A sentence for the help overlay.
    public var description: String
    /// The help overlay's section.
    public var group: String
    /// What the screen does.
    public var action: Action

    public init(_ keys: [Key], hint: String? = nil, _ description: String, group: String = "General", action: Action) {
        self.keys = keys
        self.hint = hint
        self.description = description
        self.group = group
        self.action = action
    }

    /// The keys as shown to people: `j/down`.
    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}

/// A key hint in the status bar: `q quit`.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// The help overlay's content: a group and its bindings as (keys, description) rows.
public struct HelpSection: Hashable, Sendable {
    public var group: String
    public var rows: [KeyHint]

    public init(group: String, rows: [KeyHint]) {
        self.group = group
        self.rows = rows
    }
}

/// A screen's keys in one declaration: it dispatches keys, and the same entries produce the status-bar
/// hints and the `?` help overlay, so what is shown can never drift from what is handled.
///
/// ```swift
/// let keys = KeyTable<Intent>([
///     KeyBinding(["j", "down"], "Move down", group: "Navigation", action: .down),
///     KeyBinding(["/"], hint: "filter", "Filter the rows", group: "Search", action: .filter),
///     KeyBinding(["q"], hint: "quit", "Quit", action: .quit),
/// ])
/// if let intent = keys.action(for: key) { ... }
/// ```
public struct KeyTable<Action> {
    public private(set) var bindings: [KeyBinding<Action>]
    private var index: [Key: Int] = [:]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
        for (position, binding) in bindings.enumerated() {
            for key in binding.keys where index[key] == nil { index[key] = position }
        }
    }

    /// The action bound to `key` (the first binding wins when a key is bound twice).
    public func action(for key: Key) -> Action? {
        index[key].map { bindings[$0].action }
    }

    /// The binding for `key`, if any.
    public func binding(for key: Key) -> KeyBinding<Action>? {
        index[key].map { bindings[$0] }
    }

    /// Keys bound by more than one entry (a test asserts there are none).
    public var duplicateKeys: [Key] {
        var seen: Set<Key> = []
        var duplicates: [Key] = []
        for binding in bindings {
            for key in binding.keys {
                if !seen.insert(key).inserted { duplicates.append(key) }
            }
        }
        return duplicates
    }

    /// Status-bar hints: the bindings that have one, in declaration order.
    public var hints: [KeyHint] {
        bindings.compactMap { binding in
            guard let hint = binding.hint, let first = binding.keys.first else { return nil }
            return KeyHint(key: first.description, label: hint)
        }
    }

    /// The help overlay's sections, keeping only rows whose keys or description contain `filter`
    /// (case-insensitive). Groups appear in the order they are first declared.
    public func helpSections(filter: String = "") -> [HelpSection] {
        let needle = filter.lowercased()
        var order: [String] = []
        var rows: [String: [KeyHint]] = [:]
        for binding in bindings {
            let label = binding.keyLabel
            guard
                needle.isEmpty || binding.description.lowercased().contains(needle)
                    || label.lowercased().contains(needle) || binding.group.lowercased().contains(needle)
            else { continue }
            if rows[binding.group] == nil { order.append(binding.group) }
            rows[binding.group, default: []].append(KeyHint(key: label, label: binding.description))
        }
        return order.map { HelpSection(group: $0, rows: rows[$0] ?? []) }
    }

    /// This table with `other`'s bindings after its own (its own win on shared keys).
    public func merged(with other: KeyTable<Action>) -> KeyTable<Action> {
        KeyTable(bindings + other.bindings)
    }

    /// The same table with another action type (to embed a widget's table in a screen's).
    public func map<Other>(_ transform: (Action) -> Other) -> KeyTable<Other> {
        KeyTable<Other>(
            bindings.map {
                KeyBinding($0.keys, hint: $0.hint, $0.description, group: $0.group, action: transform($0.action))
            })
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyTable: Sendable where Action: Sendable {}
