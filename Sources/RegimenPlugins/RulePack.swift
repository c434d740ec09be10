import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenValidate
import RegimenVocabulary

/// A declarative rule pack: clinical knowledge written as YAML (`regimen-rules: 1`), such as
/// "loaded lumbar flexion is contraindicated in acute disc herniation". Each entry becomes a
/// rule (`RulePackRule`) whose findings carry the entry's code and the pack's name. A pack is
/// checked like a programme: each mistake is an RG402 finding at its line and column, and the
/// entries with mistakes are left out.
public struct RulePack: Sendable {
    /// The rule pack format version this Regimen reads.
    public static let formatVersion = 1
    /// The largest rule pack read, in bytes.
    public static let maxFileBytes = 1 << 20
    /// The most entries one pack may hold.
    public static let maxEntries = 1_000

    /// The pack's name (an identifier), carried by every finding it makes.
    public var name: Text
    /// A title for people.
    public var title: Text?
    /// What it covers.
    public var summary: Text?
    /// Who looks after it.
    public var maintainer: Text?
    /// The file, as shown.
    public var path: String
    /// The entries without mistakes, in the order written.
    public var entries: [RulePackEntry]
    /// The whole document.
    public var range: SourceRange

    /// The keys of a pack, in the order docs/plugins.md lists them.
    public static let keys: [(name: String, summary: String)] = [
        ("regimen-rules", "the rule pack format version; always 1 for now (required)"),
        ("name", "the pack's name, an identifier such as `lumbar-spine`; findings carry it (required)"),
        ("title", "a title for people"),
        ("summary", "what the pack covers, and for whom"),
        ("maintainer", "who looks after it, and how to reach them"),
        ("rules", "the entries (required)"),
    ]

    /// The result of reading one pack file.
    public struct Parsed: Sendable {
        /// The pack, when the file could be read as one (its good entries only).
        public var pack: RulePack?
        /// Its mistakes, all RG402.
        public var diagnostics: [Diagnostic]
        /// Its text, for excerpts.
        public var source: SourceFile
    }

    /// Reads and checks the pack in `bytes`, shown as `path`; its conditions and movements must
    /// be in `vocabulary` (RG214, RG215: a misspelt word would switch its entry off).
    public static func parse(_ bytes: [UInt8], path: String, vocabulary: Vocabulary = .builtIn) -> Parsed {
        var limits = Limits.default
        limits.maxFileBytes = maxFileBytes
        var collector = DiagnosticCollector()
        let parsed = YAMLParser(limits: limits).parse(bytes, path: path, diagnostics: &collector)
        var reader = PackReader(path: path)
        // The parser's findings (syntax, duplicate keys, limits) are the pack's mistakes too.
        for diagnostic in collector.diagnostics {
            reader.report(
                diagnostic.message, at: diagnostic.range, help: diagnostic.help, notes: diagnostic.notes, severity: diagnostic.severity)
        }
        var pack: RulePack?
        if let root = parsed.root { pack = reader.pack(root) }
        var found = reader.diagnostics
        var unknown = 0
        for entry in pack?.entries ?? [] {
            for (words, kind) in [(entry.conditions, TermKind.condition), (entry.movements, .movement)] {
                for word in words where !vocabulary.knows(word.value, kind) {
                    unknown += 1
                    found.append(
                        Diagnostic(
                            code: VocabularyCode.unknown(kind), severity: .error, message: "unknown \(kind.rawValue) `\(word.value)`",
                            range: word.range, help: VocabularyHelp.unknown(
                                word.value, kind, vocabulary, suggesting: unknown <= VocabularyHelp.suggestionsPerFile)))
                }
            }
        }
        let origin = pack?.name.value ?? Paths.name(of: path)
        let diagnostics = found.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.origin = origin
            return diagnostic
        }
        return Parsed(pack: pack, diagnostics: diagnostics, source: parsed.source)
    }
}

/// One entry of a rule pack: what it checks, how serious a finding is, why, and the source.
public struct RulePackEntry: Sendable {
    /// What an entry checks.
    public enum Check: String, Sendable, CaseIterable {
        /// An item whose exercise has the `movements` must not be given for the conditions.
        case contraindicated
        /// An item whose exercise has the `movements` needs care with the conditions.
        case precaution
        /// A session (a phase's items) may hold at most `max` exercises.
        case maxExercises = "max-exercises"
        /// A programme for the conditions must have `field`.
        case requiredField = "required-field"

        /// The severity of its findings unless the entry says otherwise.
        public var defaultSeverity: Severity {
            switch self {
            case .contraindicated, .requiredField: .error
            case .precaution, .maxExercises: .warning
            }
        }
    }

    /// The stable code its findings carry, such as `LS001`.
    public var code: Text
    /// A kebab-case name, such as `loaded-flexion-acute-disc`.
    public var name: Text
    /// What it checks.
    public var check: Located<Check>
    /// How serious its findings are.
    public var severity: Severity
    /// Movement tags an exercise must all have for the entry to apply.
    public var movements: [Text]
    /// Conditions (`when`), of the programme or of the patient, for which it applies.
    public var conditions: [Text]
    /// Only when the dose holds the position at least this long (`hold` or `duration`).
    public var sustained: Located<TimeSpan>?
    /// Only in phases that run during these weeks.
    public var weeks: Located<WeekRange>?
    /// The most exercises in one session (`max-exercises`).
    public var max: Located<Int>?
    /// The programme key that must be present (`required-field`), such as `red-flags`.
    public var field: Text?
    /// The clinical reason, for the clinician.
    public var why: Text
    /// What to tell the patient (`precaution`).
    public var advice: Text?
    /// Where the knowledge comes from.
    public var sources: [Text]
    /// The whole entry.
    public var range: SourceRange

    /// The keys of an entry, with the checks each applies to, in the order docs/plugins.md lists
    /// them. `required` names the checks for which the key must be given.
    public static let keys: [(name: String, checks: [Check], required: [Check], summary: String)] = [
        (
            "code", Check.allCases, Check.allCases,
            "the stable code of its findings: two to eight capital letters and three digits, such as `LS001`; `RG` codes are Regimen's own"
        ),
        ("name", Check.allCases, Check.allCases, "a kebab-case name for the entry, such as `loaded-flexion-acute-disc`"),
        ("check", Check.allCases, Check.allCases, "what it checks: `contraindicated`, `precaution`, `max-exercises` or `required-field`"),
        (
            "movements", [.contraindicated, .precaution], [.contraindicated, .precaution],
            "movement tags (one or a list); the entry applies to an exercise that has all of them"
        ),
        (
            "when", Check.allCases, [.contraindicated, .precaution, .requiredField],
            "conditions (one or a list); the entry applies when the programme is for one of them (its `condition`), or, with `--patient`, when the patient has one"
        ),
        (
            "sustained", [.contraindicated, .precaution], [],
            "only when the item holds the position at least this long (its `hold`, else its `duration`), such as `30s`"
        ),
        ("weeks", [.contraindicated, .precaution, .maxExercises], [], "only in phases that run during these weeks, such as `1-2`"),
        ("max", [.maxExercises], [.maxExercises], "the most exercises in one session (a phase's items), 1 to 100"),
        (
            "field", [.requiredField], [.requiredField],
            "the programme key that must be present, such as `red-flags` or `delivery.adverse-events`"
        ),
        (
            "severity", Check.allCases, [],
            "`error`, `warning` or `note` (default: `error` for `contraindicated` and `required-field`, else `warning`)"
        ),
        ("why", Check.allCases, Check.allCases, "the clinical reason, for the clinician; shown with each finding"),
        ("advice", [.precaution], [], "what to tell the patient, in words they can read; shown in the finding's help"),
        ("source", Check.allCases, Check.allCases, "where the knowledge comes from (one or a list): guideline, paper, or local policy"),
    ]
}

/// The programme keys a `required-field` entry can require, and how to tell they are present.
public enum RequiredFields {
    /// Each field's path, and whether a programme has it.
    public static let all: [(path: String, isPresent: @Sendable (Programme) -> Bool)] = [
        ("summary", { $0.summary != nil }),
        ("condition", { !$0.conditions.isEmpty }),
        ("clinician", { $0.clinician != nil }),
        ("clinician.name", { $0.clinician?.name != nil }),
        ("clinician.role", { $0.clinician?.role != nil }),
        ("clinician.contact", { $0.clinician?.contact != nil }),
        ("library", { !$0.library.isEmpty }),
        ("references", { !$0.references.isEmpty }),
        ("delivery", { $0.delivery != nil }),
        ("delivery.setting", { $0.delivery?.setting != nil }),
        ("delivery.supervision", { $0.delivery?.supervision != nil }),
        ("delivery.format", { $0.delivery?.format != nil }),
        ("delivery.tailoring", { $0.delivery?.tailoring != nil }),
        ("delivery.starting-level", { $0.delivery?.startingLevel != nil }),
        ("delivery.adherence", { $0.delivery?.adherence != nil }),
        ("delivery.motivation", { $0.delivery?.motivation != nil }),
        ("delivery.education", { !($0.delivery?.education.isEmpty ?? true) }),
        ("delivery.adverse-events", { $0.delivery?.adverseEvents != nil }),
        ("exclusions", { !$0.exclusions.isEmpty }),
        ("red-flags", { !$0.redFlags.isEmpty }),
        ("restrictions", { !$0.restrictions.isEmpty }),
        ("exercises", { !$0.exercises.isEmpty }),
        ("notes", { $0.notes != nil }),
    ]

    /// Whether `programme` has the field at `path`; nil for a path that is not a field.
    public static func isPresent(_ path: String, in programme: Programme) -> Bool? {
        all.first { $0.path == path }?.isPresent(programme)
    }

    /// The paths, in order.
    public static var paths: [String] { all.map(\.path) }
}

/// Typed reads of a pack's YAML, each failure one RG402 finding.
struct PackReader {
    let path: String
    var diagnostics: [Diagnostic] = []

    mutating func report(
        _ message: String, at range: SourceRange, help: String? = nil, notes: [Diagnostic.Note] = [], severity: Severity = .error
    ) {
        guard diagnostics.count < 1_000 else { return }
        diagnostics.append(
            Diagnostic(code: PluginCode.invalidRulePack, severity: severity, message: message, range: range, help: help, notes: notes))
    }

    /// The pairs of a mapping, with unknown keys reported (and the closest known one offered).
    mutating func mapping(_ node: YAMLNode, what: String, keys: [String], help: String) -> [String: YAMLPair]? {
        guard case .mapping(let pairs) = node.content else {
            report("expected \(what) (a mapping of keys), found \(node.kindDescription)", at: node.range, help: help)
            return nil
        }
        var out: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, !key.isEmpty else {
                report("keys must be plain text", at: pair.key.range)
                continue
            }
            guard keys.contains(key) else {
                let suggestion = Suggestions.closest(to: key, in: keys)
                report(
                    "unknown key `\(key.prefix(60))` in \(what)", at: pair.key.range,
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "\(what) takes: " + keys.map { "`\($0)`" }.joined(separator: ", "))
                continue
            }
            if out[key] == nil { out[key] = pair }
        }
        return out
    }

    mutating func text(_ node: YAMLNode, what: String) -> Text? {
        guard case .scalar(let value, _) = node.content, !node.isNull else {
            report("expected \(what), found \(node.kindDescription)", at: node.range)
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            report("\(what) is empty", at: node.range)
            return nil
        }
        guard trimmed.count <= 4_000 else {
            report("\(what) is longer than 4000 characters", at: node.range, help: "keep it to what a finding should show")
            return nil
        }
        return Text(trimmed, at: node.range)
    }

    mutating func identifier(_ node: YAMLNode, what: String) -> Text? {
        guard let text = text(node, what: what) else { return nil }
        guard Identifier.isValid(text.value) else {
            report(
                "`\(text.value.prefix(60))` is not a valid \(what)"
                    + (Identifier.hiddenProblem(in: text.value).map {
                        ": it holds \(Visible.describe($0.scalar)) at character \($0.position)"
                    } ?? ""),
                at: node.range,
                help: "use lower-case words joined by hyphens" + (Identifier.suggestion(for: text.value).map { ", such as `\($0)`" } ?? ""))
            return nil
        }
        return text
    }

    /// One value, or a list of them.
    mutating func oneOrList<T>(_ node: YAMLNode, what: String, _ element: (inout PackReader, YAMLNode) -> T?) -> [T] {
        guard case .sequence(let items) = node.content else { return element(&self, node).map { [$0] } ?? [] }
        if items.isEmpty { report("the list of \(what) is empty", at: node.range) }
        return items.prefix(200).compactMap { element(&self, $0) }
    }

    mutating func pack(_ root: YAMLNode) -> RulePack? {
        // The version first: a file of another kind, or of another version, is said to be so,
        // not picked over key by key.
        if case .mapping(let pairs) = root.content {
            guard let version = pairs.first(where: { $0.key.scalar == "regimen-rules" }) else {
                let isProgramme = pairs.contains { ["regimen", "regimen-library", "regimen-patient"].contains($0.key.scalar ?? "") }
                report(
                    isProgramme ? "this is not a rule pack" : "missing required key `regimen-rules` in a rule pack",
                    at: NodeRange.head(of: root),
                    help: isProgramme
                        ? "rule packs in `rules/` start with `regimen-rules: 1`; keep programmes and library files elsewhere"
                        : "add `regimen-rules: 1` as the first line")
                return nil
            }
            guard version.value.scalar == String(RulePack.formatVersion) else {
                report(
                    "rule pack format version `\((version.value.scalar ?? version.value.kindDescription).prefix(20))` is not supported",
                    at: version.value.range, help: "this Regimen reads `regimen-rules: \(RulePack.formatVersion)`")
                return nil
            }
        }
        let keys = RulePack.keys.map(\.name)
        guard let fields = mapping(root, what: "a rule pack", keys: keys, help: "a rule pack starts with `regimen-rules: 1` and `name:`")
        else { return nil }
        var name: Text?
        if let node = fields["name"]?.value, !node.isNull {
            name = identifier(node, what: "rule pack name")
        } else {
            report(
                "missing required key `name` in a rule pack", at: fields["name"]?.key.range ?? NodeRange.head(of: root),
                help:
                    "add `name: \(Identifier.suggestion(for: Paths.name(of: path).replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: ".yml", with: "")) ?? "my-pack")`; findings carry it"
            )
        }
        let title = fields["title"].flatMap { text($0.value, what: "a title") }
        let summary = fields["summary"].flatMap { text($0.value, what: "a summary") }
        let maintainer = fields["maintainer"].flatMap { text($0.value, what: "the maintainer") }
        var entries: [RulePackEntry] = []
        if let rules = fields["rules"] {
            if case .sequence(let items) = rules.value.content {
                if items.isEmpty {
                    report("the rule pack has no rules", at: rules.value.range, help: "add entries under `rules:`, or remove the file")
                }
                if items.count > RulePack.maxEntries {
                    report(
                        "the rule pack has \(items.count) rules, more than \(RulePack.maxEntries)", at: rules.value.range,
                        help: "split it into several packs")
                }
                var codes: [String: SourceRange] = [:]
                var names: [String: SourceRange] = [:]
                for item in items.prefix(RulePack.maxEntries) {
                    guard let entry = self.entry(item) else { continue }
                    if let first = codes[entry.code.value] {
                        report(
                            "code `\(entry.code.value)` is used twice in this pack", at: entry.code.range,
                            help: "give each entry its own code", notes: [.init("first used here", at: first)])
                        continue
                    }
                    if let first = names[entry.name.value] {
                        report(
                            "name `\(entry.name.value)` is used twice in this pack", at: entry.name.range,
                            help: "give each entry its own name", notes: [.init("first used here", at: first)])
                        continue
                    }
                    codes[entry.code.value] = entry.code.range
                    names[entry.name.value] = entry.name.range
                    entries.append(entry)
                }
            } else {
                report(
                    "expected a list of rules, found \(rules.value.kindDescription)", at: rules.value.range,
                    help: "start each entry on its own line with `- code: `")
            }
        } else {
            report(
                "missing required key `rules` in a rule pack", at: NodeRange.head(of: root), help: "add `rules:` with one entry per rule")
        }
        guard let name else { return nil }
        return RulePack(
            name: name, title: title, summary: summary, maintainer: maintainer, path: path, entries: entries, range: root.range)
    }

    /// One entry, or nil (with findings) when it has a mistake.
    mutating func entry(_ node: YAMLNode) -> RulePackEntry? {
        let before = diagnostics.count
        let keys = RulePackEntry.keys.map(\.name)
        guard let fields = mapping(node, what: "a rule", keys: keys, help: "write each rule as `code:`, `name:`, `check:` … lines") else {
            return nil
        }
        func value(_ key: String) -> YAMLNode? {
            guard let node = fields[key]?.value, !node.isNull else { return nil }
            return node
        }
        var check: Located<RulePackEntry.Check>?
        if let node = value("check"), let word = text(node, what: "a check") {
            if let known = RulePackEntry.Check(rawValue: word.value) {
                check = Located(known, at: word.range)
            } else {
                let names = RulePackEntry.Check.allCases.map(\.rawValue)
                report(
                    "`\(word.value.prefix(60))` is not a check", at: node.range,
                    help: (Suggestions.closest(to: word.value, in: names).map { "did you mean `\($0)`? " } ?? "")
                        + "use one of: " + names.map { "`\($0)`" }.joined(separator: ", "))
            }
        }
        // Which keys this check takes, and needs (without a known check, the keys every rule needs).
        for key in RulePackEntry.keys where key.name != "check" {
            let needed = check.map { key.required.contains($0.value) } ?? (key.required.count == RulePackEntry.Check.allCases.count)
            if let check, let pair = fields[key.name], !key.checks.contains(check.value) {
                report(
                    "`\(key.name)` does not apply to a `\(check.value.rawValue)` rule", at: pair.key.range,
                    help: "remove it; a `\(check.value.rawValue)` rule takes "
                        + RulePackEntry.keys.filter { $0.checks.contains(check.value) }.map { "`\($0.name)`" }.joined(separator: ", "))
            } else if needed, value(key.name) == nil {
                let rule = check.map { "a `\($0.value.rawValue)` rule" } ?? "a rule"
                report(
                    "missing required key `\(key.name)` in \(rule)", at: fields[key.name]?.key.range ?? NodeRange.head(of: node),
                    help: "add `\(key.name):`: \(key.summary)")
            }
        }
        if value("check") == nil {
            report(
                "missing required key `check` in a rule", at: fields["check"]?.key.range ?? NodeRange.head(of: node),
                help: "add `check:` with one of " + RulePackEntry.Check.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
        }

        var code: Text?
        if let node = value("code"), let text = text(node, what: "a code") {
            if let problem = RuleCodes.problem(with: text.value) {
                report(problem, at: node.range, help: "choose a prefix for the pack, such as `LS` for lumbar spine, and number its entries")
            } else {
                code = text
            }
        }
        let name = value("name").flatMap { identifier($0, what: "rule name") }
        let movements = value("movements").map { oneOrList($0, what: "movements") { $0.identifier($1, what: "movement tag") } } ?? []
        let conditions = value("when").map { oneOrList($0, what: "conditions") { $0.identifier($1, what: "condition") } } ?? []
        var sustained: Located<TimeSpan>?
        if let node = value("sustained"), let text = text(node, what: "a time") {
            if let span = QuantityParser.time(text.value), span.seconds > 0 {
                sustained = Located(span, at: text.range)
            } else {
                report(
                    "cannot read `\(text.value.prefix(60))` as a time", at: node.range,
                    help: "write it as one of: \(QuantityKind.time.acceptedForms)")
            }
        }
        var weeks: Located<WeekRange>?
        if let node = value("weeks"), let text = text(node, what: "weeks") {
            if let range = QuantityParser.weeks(text.value, maxWeek: Limits.default.maxWeeks) {
                weeks = Located(range, at: text.range)
            } else {
                report(
                    "cannot read `\(text.value.prefix(60))` as weeks", at: node.range,
                    help: "write it as one of: \(QuantityKind.weeks.acceptedForms)")
            }
        }
        var max: Located<Int>?
        if let node = value("max"), let text = text(node, what: "a whole number") {
            if let number = Int(text.value), (1...100).contains(number) {
                max = Located(number, at: text.range)
            } else {
                report("`max` must be a whole number from 1 to 100, not `\(text.value.prefix(40))`", at: node.range)
            }
        }
        var field: Text?
        if let node = value("field"), let text = text(node, what: "a field") {
            if RequiredFields.paths.contains(text.value) {
                field = text
            } else {
                let suggestion = Suggestions.closest(to: text.value, in: RequiredFields.paths)
                report(
                    "`\(text.value.prefix(60))` is not a programme field a rule can require", at: node.range,
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "use one of: "
                        + RequiredFields.paths.map { "`\($0)`" }.joined(separator: ", "))
            }
        }
        var severity = check?.value.defaultSeverity ?? .error
        if let node = value("severity"), let text = text(node, what: "a severity") {
            if let chosen = Severity(rawValue: text.value) {
                severity = chosen
            } else {
                report("`\(text.value.prefix(40))` is not a severity", at: node.range, help: "use `error`, `warning` or `note`")
            }
        }
        let why = value("why").flatMap { text($0, what: "the reason (`why`)") }
        let advice = value("advice").flatMap { text($0, what: "the advice") }
        let sources = value("source").map { oneOrList($0, what: "sources") { $0.text($1, what: "a source") } } ?? []

        guard diagnostics.count == before, let code, let name, let check, let why, !sources.isEmpty else { return nil }
        return RulePackEntry(
            code: code, name: name, check: check, severity: severity, movements: movements, conditions: conditions,
            sustained: sustained, weeks: weeks, max: max, field: field, why: why, advice: advice, sources: sources, range: node.range)
    }
}

enum NodeRange {
    /// A range covering the first character of a node, for "missing key" findings.
    static func head(of node: YAMLNode) -> SourceRange {
        SourceRange(
            file: node.range.file, start: node.range.start,
            end: SourcePosition(line: node.range.start.line, column: node.range.start.column + 1))
    }
}
