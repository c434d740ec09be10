/// The bounds that keep hostile or accidental input from exhausting time or memory.
/// Each one, when reached, is a diagnostic that names the limit and how to raise it.
public struct Limits: Sendable, Hashable {
    /// The largest file read, in bytes.
    public var maxFileBytes: Int = 8 * 1024 * 1024
    /// The deepest nesting of lists and mappings.
    public var maxDepth: Int = 64
    /// How many aliases (`*name`) one file may use.
    public var maxAliases: Int = 256
    /// How many nodes one file may hold once aliases are expanded.
    public var maxNodes: Int = 1_000_000
    /// The last week a programme may reach.
    public var maxWeeks: Int = 104

    /// The defaults.
    public init() {}

    /// The defaults.
    public static let `default` = Limits()
}

extension Limits {
    /// The names `--limit NAME=VALUE` takes, with what each bounds.
    public static let names: [(name: String, summary: String, keyPath: WritableKeyPath<Limits, Int> & Sendable)] = [
        ("max-file-bytes", "the largest file read, in bytes", \.maxFileBytes),
        ("max-depth", "the deepest nesting of lists and mappings", \.maxDepth),
        ("max-aliases", "how many aliases one file may use", \.maxAliases),
        ("max-nodes", "how many values one file may hold once aliases are expanded", \.maxNodes),
        ("max-weeks", "the last week a programme may reach", \.maxWeeks),
    ]

    /// Sets the limit called `name` to `value`; false when there is no such limit or the value
    /// is not a positive whole number within reason.
    public mutating func set(_ name: String, to value: Int) -> Bool {
        guard let entry = Self.names.first(where: { $0.name == name }), value >= 1, value <= 1 << 40 else { return false }
        self[keyPath: entry.keyPath] = value
        return true
    }
}
