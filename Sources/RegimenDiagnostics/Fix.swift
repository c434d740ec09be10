/// The one edit that fixes a finding, when a rule can tell exactly what was meant ("did you
/// mean `reps`?", "add a unit: `5 kg`"): an editor offers it as a quick fix. A finding with
/// several plausible fixes has none; its `help` lists them instead.
public struct Fix: Hashable, Sendable, Codable {
    /// What the edit does, as an editor's menu shows it: "Replace with `reps`".
    public var title: String
    /// The text to replace.
    public var range: SourceRange
    /// The text to put there.
    public var replacement: String

    /// An edit replacing `range` with `replacement`, described by `title`.
    public init(_ title: String, replacing range: SourceRange, with replacement: String) {
        self.title = title
        self.range = range
        self.replacement = replacement
    }

    /// "Replace with `word`": the fix for a "did you mean `word`?".
    public static func replacement(_ range: SourceRange, with word: String) -> Fix {
        Fix("Replace with `\(word)`", replacing: range, with: word)
    }
}
