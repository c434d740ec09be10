/// The built-in rules, registered through the same `Rule` protocol a third party uses.
/// Keep the list in code order; a test checks that every rule file is listed.
public enum BuiltInRules {
    /// Every built-in rule.
    public static let all: [any Rule] = [
        UnknownExerciseRule(),
        MissingRedFlagsRule(),
    ]
}
