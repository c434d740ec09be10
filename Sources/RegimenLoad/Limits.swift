/// The bounds that keep hostile or accidental input from exhausting time or memory.
/// Each one, when reached, is a diagnostic (RG004) that names the limit and how to raise it.
///
/// This is the one place the loader's limits are defined; docs/limits.md lists them (DocsTests
/// checks the table against `names`). The bounds on a plugin run (time, output) are
/// `ProcessLimits` in RegimenPlugins, documented on the same page.
public struct Limits: Sendable, Hashable {
    /// The largest file read, in bytes. The loader reads at most one byte more than this.
    public var maxFileBytes: Int = 8 * 1024 * 1024
    /// The deepest nesting of lists and mappings.
    public var maxDepth: Int = 64
    /// How many aliases (`*name`) one file may use.
    public var maxAliases: Int = 256
    /// How many nodes one file may hold once aliases are expanded.
    public var maxNodes: Int = 1_000_000
    /// The last week a programme may reach.
    public var maxWeeks: Int = 104
    /// How many exercises one programme or library file may define.
    public var maxExercises: Int = 5_000
    /// How many phases one programme may have.
    public var maxPhases: Int = 100
    /// How many items one phase may list.
    public var maxItems: Int = 200
    /// How many conditions one patient profile may list.
    public var maxConditions: Int = 100

    /// The defaults.
    public init() {}

    /// The defaults.
    public static let `default` = Limits()
}

extension Limits {
    /// The names `--limit NAME=VALUE` and `.regimen.yml`'s `limits:` take, with what each bounds.
    public static let names: [(name: String, summary: String, keyPath: WritableKeyPath<Limits, Int> & Sendable)] = [
        ("max-file-bytes", "the largest file read, in bytes", \.maxFileBytes),
        ("max-depth", "the deepest nesting of lists and mappings", \.maxDepth),
        ("max-aliases", "how many aliases one file may use", \.maxAliases),
        ("max-nodes", "how many values one file may hold once aliases are expanded", \.maxNodes),
        ("max-weeks", "the last week a programme may reach", \.maxWeeks),
        ("max-exercises", "how many exercises one programme or library file may define", \.maxExercises),
        ("max-phases", "how many phases one programme may have", \.maxPhases),
        ("max-items", "how many items one phase may list", \.maxItems),
        ("max-conditions", "how many conditions one patient profile may list", \.maxConditions),
    ]

    /// The highest value each limit may be raised to, by name: far above any real file, low
    /// enough that a configuration from a stranger cannot switch the bound off (docs/limits.md).
    public static let ceilings: [String: Int] = [
        "max-file-bytes": 64 * 1024 * 1024,
        "max-depth": 256,
        "max-aliases": 10_000,
        "max-nodes": 5_000_000,
        "max-weeks": 520,
        "max-exercises": 50_000,
        "max-phases": 1_000,
        "max-items": 2_000,
        "max-conditions": 1_000,
    ]

    /// The ceiling of the limit called `name` (nil for no such limit).
    public static func ceiling(_ name: String) -> Int? { ceilings[name] }

    /// What is wrong with setting `name` to `value`, in the house style, or nil when it may be
    /// set: the problems `set(_:to:)` refuses, worded for a message.
    public static func problem(setting name: String, to value: Int) -> String? {
        guard names.contains(where: { $0.name == name }), let ceiling = ceiling(name) else {
            return "there is no limit called `\(name)`"
        }
        if value < 1 { return "a limit is a whole number of at least 1, not `\(value)`" }
        if value > ceiling { return "`\(name)` can be raised to at most \(ceiling), not \(value)" }
        return nil
    }

    /// Sets the limit called `name` to `value`; false when there is no such limit or the value
    /// is not a positive whole number up to the limit's ceiling (`problem(setting:to:)` says why).
    public mutating func set(_ name: String, to value: Int) -> Bool {
        guard let entry = Self.names.first(where: { $0.name == name }), Self.problem(setting: name, to: value) == nil else { return false }
        self[keyPath: entry.keyPath] = value
        return true
    }

    /// The end of an RG004 help text: how to raise the limit called `name`.
    public static func howToRaise(_ name: String) -> String {
        "raise the limit with `--limit \(name)=N` (see docs/limits.md)"
    }
}
