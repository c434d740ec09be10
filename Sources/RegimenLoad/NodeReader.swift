import RegimenDiagnostics
import RegimenFormat

/// The keys of one mapping, read against its `ObjectSpec`.
struct Fields {
    /// The mapping node.
    let node: YAMLNode
    /// The mapping's pairs (the node's own array, shared).
    private let pairs: [YAMLPair]
    /// Each known key's name and the index of its pair. A mapping has at most as many known
    /// keys as its spec (a score or so), so a search beats hashing; indices spare copying pairs.
    private let known: [(name: String, index: Int)]

    init(node: YAMLNode, pairs: [YAMLPair], known: [(name: String, index: Int)]) {
        self.node = node
        self.pairs = pairs
        self.known = known
    }

    private func index(_ key: String) -> Int? {
        for entry in known where entry.name == key { return entry.index }
        return nil
    }

    /// The value of `key`, when present and not null.
    subscript(key: String) -> YAMLNode? {
        guard let index = index(key), !pairs[index].value.isNull else { return nil }
        return pairs[index].value
    }

    /// The key node of `key`, when present.
    func keyNode(_ key: String) -> YAMLNode? { index(key).map { pairs[$0].key } }
}

/// Typed reads from `YAMLNode`s. Each read that fails reports one diagnostic and returns nil,
/// so one run collects every problem in a file.
struct NodeReader {
    var diagnostics: [Diagnostic] = []
    let limits: Limits
    /// Whether a collection was over its limit (RG004): the document is then not used, as a
    /// file nested too deep is not.
    private(set) var limitReached = false

    init(limits: Limits) {
        self.limits = limits
    }

    mutating func report(
        _ code: String, _ message: String, at range: SourceRange, severity: Severity = .error,
        help: String? = nil, notes: [Diagnostic.Note] = [], fix: Fix? = nil
    ) {
        var diagnostic = Diagnostic(code: code, severity: severity, message: message, range: range, help: help, notes: notes)
        diagnostic.fix = fix
        diagnostics.append(diagnostic)
    }

    private static func article(_ name: String) -> String {
        guard let first = name.first else { return name }
        return ("aeiou".contains(first) ? "an " : "a ") + name
    }

    // MARK: Mappings

    /// Reads `node` as the mapping `spec` describes: reports unknown keys (with the closest known
    /// one), keys that are not text, and missing required keys.
    mutating func fields(_ node: YAMLNode, _ spec: ObjectSpec) -> Fields? {
        guard case .mapping(let pairs) = node.content else {
            report(
                LoadCode.wrongType, "expected \(Self.article(spec.name)) (a mapping of keys), found \(node.kindDescription)",
                at: node.range, help: example(spec))
            return nil
        }
        var known: [(name: String, index: Int)] = []
        known.reserveCapacity(pairs.count)
        // By index, reading each key in place (a pair is two nodes to copy).
        for index in pairs.indices {
            let key = pairs[index].key
            guard let name = key.scalar, !key.isNull || !(key.scalar ?? "").isEmpty else {
                report(LoadCode.wrongType, "keys must be plain text", at: key.range, help: "write the key as a word, such as `name:`")
                continue
            }
            guard spec.hasKey(name) else {
                let suggestion = Suggestions.closest(to: name, in: spec.keyNames)
                // `{ tempo: lower 3, pause 1, lift 1 }`: the commas ended the tempo, and its
                // other parts became keys.
                let strayTempoPart =
                    spec.hasKey("tempo") && QuantityParser.tokens(name).first.flatMap(Tempo.Part.Kind.init(rawValue:)) != nil
                report(
                    LoadCode.unknownKey, "unknown key `\(name)` in \(Self.article(spec.name))", at: key.range,
                    help: strayTempoPart
                        ? "in `{ … }` a comma ends the value, so this part of the tempo became a key: quote the tempo "
                            + "(`tempo: \"lower 3, pause 1, lift 1\"`) or leave out its commas"
                        : suggestion.map { "did you mean `\($0)`?" }
                            ?? "\(Self.article(spec.name)) takes: \(spec.keyNames.map { "`\($0)`" }.joined(separator: ", "))",
                    fix: strayTempoPart ? nil : suggestion.map { Fix.replacement(key.range, with: $0) })
                continue
            }
            // Duplicate keys never reach here (the tree keeps the first), so each name is once.
            known.append((name, index))
        }
        let result = Fields(node: node, pairs: pairs, known: known)
        for key in spec.keys where key.required && result[key.name] == nil {
            let present = result.keyNode(key.name)
            report(
                LoadCode.missingKey,
                present == nil
                    ? "missing required key `\(key.name)` in \(Self.article(spec.name))"
                    : "`\(key.name)` needs a value",
                at: present?.range ?? Self.head(of: node),
                help: "add `\(key.name): \(key.example)` (\(key.summary.lowercasedFirst.dropLastPeriod))")
        }
        return result
    }

    private func example(_ spec: ObjectSpec) -> String {
        let keys = spec.keys.filter(\.required).prefix(3)
        guard !keys.isEmpty else { return "write it as `key: value` lines, such as `\(spec.keys[0].name): \(spec.keys[0].example)`" }
        return "write it as `key: value` lines, such as " + keys.map { "`\($0.name): \($0.example)`" }.joined(separator: ", ")
    }

    /// A range covering just the first line of a node, for "missing key" findings.
    static func head(of node: YAMLNode) -> SourceRange {
        var range = node.range
        if range.end.line != range.start.line { range.end = SourcePosition(line: range.start.line, column: range.start.column + 1) }
        return range
    }

    // MARK: Scalars

    /// Reads text. A plain `yes`/`no`/`on`/`off`/`true`/`false` keeps its text and is warned about.
    mutating func text(_ node: YAMLNode, what: String = "text") -> Text? {
        guard case .scalar(let value, let style) = node.content, !node.isNull else {
            report(
                LoadCode.wrongType, "expected \(what), found \(node.kindDescription)", at: node.range,
                help: node.isNull ? "write the \(what) after the colon, or remove the key" : hint(for: node, expected: what))
            return nil
        }
        if style == .plain, node.explicitTag == nil, value.utf8.count <= 5, YAMLNode.yaml11Booleans.contains(value) {
            report(
                LoadCode.booleanText, "`\(value)` is read as text here, but YAML tools may read it as true or false",
                at: node.range, severity: .warning, help: "quote it (`\"\(value)\"`) if you mean the word, or reword it")
        }
        return Text(value, at: node.range)
    }

    private func hint(for node: YAMLNode, expected: String) -> String {
        switch node.content {
        case .sequence: "write a single \(expected), not a list"
        case .mapping: "write a single \(expected), not a mapping; quote it if it contains `: `"
        case .scalar: "write \(expected)"
        }
    }

    /// Reads an identifier (lower-case words joined by hyphens).
    mutating func identifier(_ node: YAMLNode, what: String = "identifier") -> Text? {
        guard let text = text(node, what: what) else { return nil }
        guard Identifier.isValid(text.value) else {
            // Name a character the reader may not see for what it is (a look-alike, an invisible one).
            let culprit = Identifier.hiddenProblem(in: text.value).map {
                ": it holds \(Visible.describe($0.scalar)) at character \($0.position)"
            }
            report(
                LoadCode.invalidValue, "`\(text.value)` is not a valid \(what)" + (culprit ?? ""), at: node.range,
                help: "use lower-case words joined by hyphens"
                    + (Identifier.suggestion(for: text.value).map { ", such as `\($0)`" } ?? ""))
            return nil
        }
        return text
    }

    /// Reads a whole number. Numbers too large for 64 bits are reported, never trapped on.
    mutating func integer(_ node: YAMLNode, what: String = "a whole number") -> Located<Int>? {
        guard case .scalar(let raw, _) = node.content, !node.isNull else {
            report(LoadCode.wrongType, "expected \(what), found \(node.kindDescription)", at: node.range)
            return nil
        }
        let value = raw.trimmingWhitespace
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            report(
                LoadCode.wrongType, "expected \(what), found `\(raw.prefix(60))`", at: node.range,
                help: Double(value) != nil ? "use a whole number, without a decimal point" : "write digits only, such as `3`")
            return nil
        }
        guard let number = Int(value) else {
            report(
                LoadCode.wrongType, "number `\(raw.prefix(40))\(raw.count > 40 ? "…" : "")` is too large", at: node.range,
                help: "use a number a clinician would prescribe")
            return nil
        }
        return Located(number, at: node.range)
    }

    /// Reads one of a fixed set of words (the raw values of `T`).
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _: T.Type, what: String) -> Located<T>?
    where T.RawValue == String {
        guard let text = text(node, what: what) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value, at: text.range) }
        let allowed = T.allCases.map(\.rawValue)
        let suggestion = Suggestions.closest(to: text.value, in: allowed)
        report(
            LoadCode.invalidValue, "`\(text.value)` is not \(Self.article(what))", at: node.range,
            help: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "use one of: " + allowed.map { "`\($0)`" }.joined(separator: ", "),
            fix: suggestion.map { Fix.replacement(node.range, with: $0) })
        return nil
    }

    /// Reads a quantity with `parse`; text it cannot read is shown with the accepted forms.
    mutating func quantity<T>(_ node: YAMLNode, _ kind: QuantityKind, what: String, _ parse: (String) -> T?) -> Located<T>? {
        guard case .scalar(let raw, _) = node.content, !node.isNull else {
            var help = "write it as one of: \(kind.acceptedForms)"
            if kind == .tempo, !node.isNull {
                // The keys of a mapping have no order in YAML (a tool may sort them), and the
                // order is what a tempo must say.
                var unordered = false
                if case .mapping = node.content { unordered = true }
                help =
                    "write the parts as one line of text, in the order they are done, such as `lower 3, pause 1, lift 1`"
                    + (unordered ? " (the keys of a mapping have no order in YAML)" : "") + "; accepted forms: \(kind.acceptedForms)"
            }
            report(LoadCode.wrongType, "expected \(what), found \(node.kindDescription)", at: node.range, help: help)
            return nil
        }
        if let value = parse(raw) { return Located(value, at: node.range) }
        var help = "write it as one of: \(kind.acceptedForms)"
        var fix: Fix?
        let trimmed = raw.trimmingWhitespace
        if kind == .time || kind == .timeRange, QuantityParser.number(trimmed) != nil {
            help = "add a unit, such as `\(trimmed)s` or `\(trimmed) min`; accepted forms: \(kind.acceptedForms)"
        } else if kind == .load, QuantityParser.number(trimmed) != nil {
            help = "add a unit, such as `\(trimmed) kg`; accepted forms: \(kind.acceptedForms)"
            // One unit is offered, so an editor can add it (a time has two: seconds or minutes).
            fix = Fix("Add the unit: `\(trimmed) kg`", replacing: node.range, with: "\(trimmed) kg")
        } else if kind == .tempo, let problem = QuantityParser.tempoProblem(trimmed) {
            help = "\(problem); accepted forms: \(kind.acceptedForms)"
        } else if kind == .weeks, QuantityParser.weeks(trimmed, maxWeek: Int.max / 2) != nil {
            help = "weeks run from 1 to \(limits.maxWeeks) (raise the limit with `--limit max-weeks=N`; see docs/limits.md)"
        }
        report(
            LoadCode.quantity, "cannot read `\(raw.prefix(60))\(raw.count > 60 ? "…" : "")` as \(what)", at: node.range, help: help,
            fix: fix)
        return nil
    }

    // MARK: Collections

    /// A bound on how many entries one collection may hold (`Limits.maxPhases`…).
    struct CollectionLimit {
        /// The limit's `--limit` name.
        let name: String
        /// Its value.
        let value: Int
        /// What is over it, as an RG004 message: `"\(holder) more than \(value) \(entries)"`
        /// (put together only when reported: lists are checked far more often than they are over).
        let holder: String
        let entries: String
        /// What to do instead of raising it.
        let advice: String

        var message: String { "\(holder) more than \(value) \(entries)" }
    }

    /// The exercises one programme or library file may define.
    var exercisesLimit: CollectionLimit {
        CollectionLimit(
            name: "max-exercises", value: limits.maxExercises, holder: "file defines", entries: "exercises",
            advice: "split the exercises across library files")
    }

    /// The phases one programme may have.
    var phasesLimit: CollectionLimit {
        CollectionLimit(
            name: "max-phases", value: limits.maxPhases, holder: "programme has", entries: "phases", advice: "split the programme")
    }

    /// The items one phase may list.
    var itemsLimit: CollectionLimit {
        CollectionLimit(
            name: "max-items", value: limits.maxItems, holder: "phase has", entries: "items",
            advice: "move some items to another phase")
    }

    /// The conditions one patient profile may list.
    var conditionsLimit: CollectionLimit {
        CollectionLimit(
            name: "max-conditions", value: limits.maxConditions, holder: "profile lists", entries: "conditions",
            advice: "list only the conditions that bear on the programme")
    }

    /// Whether `count` entries are within `limit`. When not, reports RG004 at `firstOver` (the
    /// first entry over the limit) and marks the document as not usable. Constant time: the
    /// entries are already counted.
    private mutating func within(_ limit: CollectionLimit?, count: Int, firstOver: @autoclosure () -> SourceRange) -> Bool {
        guard let limit, count > limit.value else { return true }
        report(LoadCode.limit, limit.message, at: firstOver(), help: "\(limit.advice), or " + Limits.howToRaise(limit.name))
        limitReached = true
        return false
    }

    /// Reads a list, each element with `element`; elements that fail are skipped. A list longer
    /// than `limit` is reported and not read.
    mutating func list<T>(
        _ node: YAMLNode, what: String, limit: CollectionLimit? = nil, _ element: (inout NodeReader, YAMLNode) -> T?
    ) -> [T] {
        guard case .sequence(let items) = node.content else {
            report(
                LoadCode.wrongType, "expected a list of \(what), found \(node.kindDescription)", at: node.range,
                help: "start each entry on its own line with `- `, or write `[a, b]`")
            return []
        }
        guard within(limit, count: items.count, firstOver: items.dropFirst(limit?.value ?? 0).first?.range ?? node.range) else {
            return []
        }
        return items.compactMap { element(&self, $0) }
    }

    /// Reads one value or a list of them.
    mutating func oneOrList<T>(_ node: YAMLNode, what: String, _ element: (inout NodeReader, YAMLNode) -> T?) -> [T] {
        if case .sequence = node.content { return list(node, what: what, element) }
        return element(&self, node).map { [$0] } ?? []
    }

    /// Reads a mapping from identifiers to values read with `element`. A mapping with more
    /// entries than `limit` is reported and not read.
    mutating func identifierMap<T>(
        _ node: YAMLNode, what: String, limit: CollectionLimit? = nil, _ element: (inout NodeReader, Text, YAMLNode) -> T?
    ) -> [T] {
        guard case .mapping(let pairs) = node.content else {
            report(
                LoadCode.wrongType, "expected a mapping of \(what) by id, found \(node.kindDescription)", at: node.range,
                help: "write each one as `an-id:` followed by its keys, indented")
            return []
        }
        guard within(limit, count: pairs.count, firstOver: pairs.dropFirst(limit?.value ?? 0).first?.key.range ?? node.range) else {
            return []
        }
        var out: [T] = []
        for pair in pairs {
            // "exercises" names the map; each key is an "exercise id".
            let singular = what.hasSuffix("s") ? String(what.dropLast()) : what
            guard let id = identifier(pair.key, what: "\(singular) id") else { continue }
            if let value = element(&self, id, pair.value) { out.append(value) }
        }
        return out
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }

    var dropLastPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
