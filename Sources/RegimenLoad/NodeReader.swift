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

    /// Known keys an unknown one was taken for (`step:` for `steps:`): written, though misspelt.
    let suggested: Set<String>

    init(node: YAMLNode, pairs: [YAMLPair], known: [(name: String, index: Int)], suggested: Set<String> = []) {
        self.node = node
        self.pairs = pairs
        self.known = known
        self.suggested = suggested
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

    /// The keys read, each with its value (nulls included).
    var entries: [(name: String, value: YAMLNode)] { known.map { ($0.name, pairs[$0.index].value) } }

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

    /// Required keys written at the wrong level, by where the mapping they belong to starts:
    /// reported there (RG102), and so not reported missing as well.
    private var writtenElsewhere: Set<String> = []

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
            reportNotMapping(node, spec)
            return nil
        }
        var known: [(name: String, index: Int)] = []
        // Required keys an unknown key was taken for (`week:` for `weeks:`): not reported missing too.
        var suggested: Set<String> = []
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
                if let suggestion { suggested.insert(suggestion) }
                // `{ tempo: lower 3, pause 1, lift 1 }`: the commas ended the tempo, and its
                // other parts became keys.
                let strayTempoPart =
                    spec.hasKey("tempo") && QuantityParser.tokens(name).first.flatMap(Tempo.Part.Kind.init(rawValue:)) != nil
                if !strayTempoPart, let misplaced = misplacedKey(name, at: key, value: pairs[index].value, among: pairs, in: spec) {
                    diagnostics.append(misplaced)
                    continue
                }
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
        let result = Fields(node: node, pairs: pairs, known: known, suggested: suggested)
        for key in spec.keys where key.required && result[key.name] == nil && !suggested.contains(key.name)
            && !writtenElsewhere.contains("\(node.range.start) \(key.name)")
        {
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

    /// RG101 for a value where a mapping belongs, naming the likely slip: `reps:10` (no space
    /// after the colon), or `- heel-raise` (an item with its exercise but not `use:`).
    private mutating func reportNotMapping(_ node: YAMLNode, _ spec: ObjectSpec) {
        if case .scalar(let raw, .plain) = node.content, !node.isNull {
            if let match = raw.wholeMatch(of: /([A-Za-z][A-Za-z0-9_-]*):([^\s:\/].*)/) {
                let key = String(match.output.1)
                let value = String(match.output.2)
                report(
                    LoadCode.wrongType, "`\(key):\(value.clipped(30))` needs a space after the colon", at: node.range,
                    help: "write `\(key): \(value.clipped(100))`: YAML reads a key only when a space follows its colon",
                    fix: Fix("add a space after `:`", replacing: node.range, with: "\(key): \(value)"))
                return
            }
            if let first = spec.keys.first(where: \.required), first.shape == .identifier, Identifier.isValid(raw) {
                report(
                    LoadCode.wrongType, "this \(spec.name) names `\(raw.clipped(60))` without `\(first.name):`", at: node.range,
                    help: "write `\(FormatSpec.isListEntry(spec.name) ? "- " : "")\(first.name): \(raw.clipped(60))`",
                    fix: Fix("add `\(first.name):`", replacing: node.range, with: "\(first.name): \(raw)"))
                return
            }
        }
        report(
            LoadCode.wrongType, "expected \(Self.article(spec.name)) (a mapping of keys), found \(node.kindDescription)",
            at: node.range, help: example(spec))
    }

    /// RG102 for a key written at the wrong level: `reps:` beside `use:` when it belongs in the
    /// item's `dose:`, or a phase's `weeks:` at the top of the programme. It names the mapping
    /// the key belongs to and the column that puts it there.
    private mutating func misplacedKey(_ name: String, at key: YAMLNode, value: YAMLNode, among pairs: [YAMLPair], in spec: ObjectSpec) -> Diagnostic? {
        // The nearest mapping written above the key whose spec has it.
        for pair in pairs.reversed() where pair.key.range.start.line < key.range.start.line {
            guard let owner = pair.key.scalar, let shape = spec.key(owner)?.shape else { continue }
            var target = pair.value
            let objectName: String?
            switch shape {
            case .object(let n), .quantityOrObject(_, let n), .textOrObject(let n): objectName = n
            case .list(.object(let n)), .list(.textOrObject(let n)):
                objectName = n
                if case .sequence(let entries) = pair.value.content, let last = entries.last { target = last }
            default: objectName = nil
            }
            guard let objectName, let child = FormatSpec.objects[objectName], child.hasKey(name),
                case .mapping(let childPairs) = target.content, let firstKey = childPairs.first?.key
            else { continue }
            let already = childPairs.first { $0.key.scalar == name }
            if already == nil { writtenElsewhere.insert("\(target.range.start) \(name)") }
            let place = target.range.start.line == target.range.end.line && firstKey.range.start.line == pair.key.range.start.line
            let ownerWords = spec.key(owner).map { if case .list = $0.shape { "the \(child.name) above" } else { "`\(owner)`" } } ?? "`\(owner)`"
            // Other keys between the mapping and this one: indenting in place would not move it in.
            let keysBetween = pairs.contains {
                $0.key.range.start.line > pair.key.range.start.line && $0.key.range.start.line < key.range.start.line
            }
            let column = firstKey.range.start.column
            var help =
                place
                ? "move it inside `\(owner): { … }` on line \(pair.key.range.start.line)"
                : keysBetween
                    ? "move it up into \(ownerWords), after `\(childPairs.last?.key.scalar ?? "")` (line \(childPairs.last?.key.range.start.line ?? 0)), at column \(column)"
                    : "indent it to column \(column), under `\(firstKey.scalar ?? "")` (line \(firstKey.range.start.line))"
            if let already {
                help += "; \(ownerWords) already has `\(name)` on line \(already.key.range.start.line), so keep one of the two"
            }
            var d = Diagnostic(
                code: LoadCode.unknownKey, severity: .error,
                message: "`\(name)` belongs to \(ownerWords), not to \(Self.article(spec.name)): it is indented too little",
                range: key.range, help: help,
                notes: [Diagnostic.Note("\(ownerWords) starts here", at: target.range == pair.value.range ? pair.key.range : NodeReader.head(of: target))])
            if !place, !keysBetween, already == nil, value.range.end.line == key.range.start.line {
                // A value on the key's own line moves with it; a block below would need moving too.
                d.fix = Fix(
                    "indent to column \(column)",
                    replacing: SourceRange(file: key.range.file, start: SourcePosition(line: key.range.start.line, column: 1), end: key.range.start),
                    with: String(repeating: " ", count: column - 1))
            }
            return d
        }
        return nil
    }

    /// The keys of `f` whose values were reported as errors since `mark` (a count of
    /// `diagnostics`), and the keys its misspelt keys were taken for: written, but not read.
    func unreadableKeys(_ f: Fields, since mark: Int) -> Set<String> {
        // A misspelt key (reported with its "did you mean") was written too.
        let misspelt = f.suggested.filter { f[$0] == nil }
        guard mark < diagnostics.count else { return misspelt }
        let errors = diagnostics[mark...].filter { $0.severity == .error }
        guard !errors.isEmpty else { return misspelt }
        var out = misspelt
        for (name, value) in f.entries where errors.contains(where: { value.range.contains($0.range.start) }) {
            out.insert(name)
        }
        return out
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
    mutating func text(_ node: YAMLNode, what: String = "text", prose: Bool = true) -> Text? {
        // `- Breathe out: tighten your tummy`: the `: ` made a key and a value of one text.
        if case .mapping(let pairs) = node.content, pairs.count == 1, case .scalar(let key, .plain) = pairs[0].key.content,
            case .scalar(let value, .plain) = pairs[0].value.content, !pairs[0].value.isNull,
            node.range.start.line == pairs[0].value.range.end.line
        {
            let whole = "\(key): \(value)"
            let quoted = SyntaxExplainer.quoted(whole)
            let written = SourceRange(file: node.range.file, start: pairs[0].key.range.start, end: pairs[0].value.range.end)
            report(
                LoadCode.wrongType, "this text holds `: `, which YAML reads as a key and its value", at: written,
                help: "put the whole text in quotes: `\(quoted.clipped(80))`",
                fix: Fix("put the text in quotes", replacing: written, with: quoted))
            return nil
        }
        guard case .scalar(let value, let style) = node.content, !node.isNull else {
            report(
                LoadCode.wrongType, "expected \(what), found \(node.kindDescription)", at: node.range,
                help: node.isNull ? "write the \(what) after the colon, or remove the key" : hint(for: node, expected: what))
            return nil
        }
        if node.cutByComment, prose {
            report(
                LoadCode.textCutByComment,
                "the text stops at `\(value.count > 40 ? "…" + value.suffix(40) : Substring(value))`: YAML reads ` #` and the rest of the line as a comment",
                at: node.range, severity: .warning,
                help: "to keep the `#` and what follows in the text, put the whole text in quotes, from its first word to the end of the line")
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
        case .sequence: "write one \(expected.droppingArticle) after the colon, not a list; for text over several lines, write `>-` after the colon and indent the lines below it"
        case .mapping: "write a single \(expected), not a mapping; quote it if it contains `: `"
        case .scalar: "write \(expected)"
        }
    }

    /// Reads an identifier (lower-case words joined by hyphens).
    mutating func identifier(_ node: YAMLNode, what: String = "identifier") -> Text? {
        guard let text = text(node, what: what, prose: false) else { return nil }
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
            var help: String?
            if case .sequence = node.content { help = "write one number after the colon, not a list" }
            report(LoadCode.wrongType, "expected \(what), found \(node.kindDescription)", at: node.range, help: help)
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
        guard let text = text(node, what: what, prose: false) else { return nil }
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
            if case .sequence = node.content {
                help = "write one value after the colon, not a list: \(kind.acceptedForms)"
            }
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
            // `-Lie on your back.`: with no space after the dash, the entries ran into one text.
            if case .scalar(let raw, .plain) = node.content, raw.hasPrefix("-"), raw.dropFirst().first?.isLetter == true {
                let word = raw.prefix { $0 != " " && $0 != ":" }
                report(
                    LoadCode.wrongType, "`\(word)` needs a space after the dash to start an entry of the list of \(what)",
                    at: NodeReader.head(of: node), help: "write `- \((raw.dropFirst().range(of: " - ").map { raw.dropFirst()[..<$0.lowerBound] } ?? raw.dropFirst()).prefix(60))`",
                    fix: Fix("add a space after `-`", replacing: SourceRange(file: node.range.file, start: node.range.start, end: SourcePosition(line: node.range.start.line, column: node.range.start.column + 1)), with: "- "))
                return []
            }
            var help = "start each entry on its own line with `- `, or write `[a, b]`"
            if case .scalar(let raw, _) = node.content, !node.isNull {
                let shown = raw.count > 50 ? raw.prefix(50) + "…" : Substring(raw)
                help = "put each of the \(what) on a line of its own below the key, starting with `- `: `- \(shown)`"
            }
            report(LoadCode.wrongType, "expected a list of \(what), found \(node.kindDescription)", at: node.range, help: help)
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
    /// The start of the text, cut with `…` past `length` characters (for a message).
    func clipped(_ length: Int) -> String { count > length ? prefix(length) + "…" : self }

    /// "a title" → "title".
    var droppingArticle: String {
        for article in ["a ", "an ", "the "] where hasPrefix(article) { return String(dropFirst(article.count)) }
        return self
    }

    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }

    var dropLastPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
