import RegimenDiagnostics

/// The rules known to a run, looked up by code or name. The built-in rules register here
/// exactly as a plugin's would.
public struct RuleRegistry: Sendable {
    /// The registered rules, in code order.
    public private(set) var rules: [any Rule] = []

    /// An empty registry.
    public init() {}

    /// A registry of `rules`.
    public init(_ rules: [any Rule]) {
        for rule in rules { register(rule) }
    }

    /// Adds `rule`; a rule with the same code replaces the earlier one.
    public mutating func register(_ rule: any Rule) {
        rules.removeAll { $0.descriptor.code == rule.descriptor.code }
        rules.append(rule)
        rules.sort { $0.descriptor.code < $1.descriptor.code }
    }

    /// The rule with `code` (such as `RG104`, any case) or `name` (such as `unknown-key`).
    public func rule(_ codeOrName: String) -> (any Rule)? {
        let key = codeOrName.uppercased()
        return rules.first { $0.descriptor.code == key || $0.descriptor.name == codeOrName.lowercased() }
    }

    /// Every built-in rule.
    public static let builtIn = RuleRegistry(BuiltInRules.all)
}
