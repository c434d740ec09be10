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
