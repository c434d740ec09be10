import Foundation
import LanguageServerProtocol
import RegimenCompile
import RegimenExport
import RegimenFormat
import RegimenLoad
import RegimenValidate

/// What hovering shows: a rule's explanation on its code, an exercise's card in brief on its id,
/// and how a quantity will read on the handout.
struct Hovers {
    /// The exercises the document can name.
    var exercises: [Exercise]
    /// The rules in force.
    var registry: RuleRegistry
    /// The limits in force (the last week a `weeks:` may name).
    var limits: Limits

    /// The hover for the word at `characterColumn` of line `lineNumber`, with the span (in
    /// characters of the line) it is about; nil when there is nothing to say.
    func hover(lines: [Substring], line lineNumber: Int, characterColumn: Int) -> (markdown: String, columns: Swift.Range<Int>)? {
        guard lineNumber >= 0, lineNumber < lines.count else { return nil }
        let line = Array(lines[lineNumber])
        guard let word = Self.word(in: line, at: characterColumn) else { return nil }
        let text = String(line[word])
        if let rule = registry.rule(text), text.uppercased() == rule.descriptor.code {
            return ("```text\n" + RuleDocumentation.text(rule.descriptor) + "```", word)
        }
        let read = YAMLContext.Line(lines[lineNumber])
        let context = YAMLContext.at(lines: lines, line: lineNumber, column: characterColumn)
        // An exercise named where it is used, or where it is defined (a key under `exercises:`).
        let namesExercise: Bool
        switch context.slot {
        case .value(let key):
            let flowKey = FlowContext.at(line, from: read.keyColumn, column: characterColumn)?.key
            namesExercise = ["use", "progress-to", "regress-to"].contains(flowKey ?? key)
        case .key: namesExercise = context.path.last == "exercises" && read.key == text
        }
        if namesExercise, let exercise = exercises.first(where: { $0.id.value == text }) {
            return (card(exercise), word)
        }
        // A quantity in a flow mapping: `dose: { hold: 1 min }`.
        if case .value(let outer) = context.slot, let flow = FlowContext.at(line, from: read.keyColumn, column: characterColumn),
            let key = flow.key, let root = FormatLookup.rootSpec(lines: lines),
            let spec = FormatLookup.spec(at: flow.fullPath(context.path, valueOf: outer), root: root),
            case .quantity(let kind)? = spec.key(key)?.shape,
            !flow.span.isEmpty
        {
            return (quantity(Self.unquoted(String(line[flow.span])), kind: kind, key: key), flow.span)
        }
        // A quantity: the whole value after `key:`.
        if case .value(let key) = context.slot, let root = FormatLookup.rootSpec(lines: lines),
            let spec = FormatLookup.spec(at: context.path, root: root), case .quantity(let kind)? = spec.key(key)?.shape,
            let value = read.valueAfterColon, !value.isEmpty
        {
            let raw = Self.unquoted(Self.withoutComment(value))
            let start = read.keyColumn + key.count + 1 + (line.count - read.keyColumn - key.count - 1 - value.count)
            return (quantity(raw, kind: kind, key: key), start..<min(line.count, start + value.count))
        }
        return nil
    }

    /// The exercise's card in brief: name, purpose, what it works, its easier and harder versions.
    func card(_ exercise: Exercise) -> String {
        var out = "**\(Markdown.escaped(Completion.oneLine(exercise.name.value)))** (`\(exercise.id.value)`)\n\n"
        if let purpose = exercise.purpose { out += Markdown.escaped(Completion.oneLine(purpose.value)) + "\n\n" }
        var facts: [String] = []
        if let kind = exercise.kind { facts.append("kind: \(kind.value.rawValue)") }
        if !exercise.regions.isEmpty { facts.append("region: " + exercise.regions.map(\.value.rawValue).joined(separator: ", ")) }
        if let level = exercise.level { facts.append("level: \(level.value.rawValue)") }
        if !exercise.equipment.isEmpty {
            facts.append("equipment: " + exercise.equipment.map { Markdown.escaped(Completion.oneLine($0.value)) }.joined(separator: ", "))
        }
        if !facts.isEmpty { out += facts.joined(separator: " · ") + "\n\n" }
        for (title, target) in [("Easier", exercise.regressTo), ("Harder", exercise.progressTo)] {
            guard let target else { continue }
            let name = exercises.first { $0.id.value == target.value }.map { " (\(Markdown.escaped(Completion.oneLine($0.name.value))))" }
            out += "\(title): `\(Markdown.code(target.value))`\(name ?? "")\n\n"
        }
        if !exercise.precautions.isEmpty {
            out += "Precautions: \(exercise.precautions.count)\n\n"
        }
        out += "Defined in `\(Markdown.code(exercise.id.range.file))`, line \(exercise.id.range.start.line)"
        return out
    }

    /// What a quantity of `kind` is, in a hover's words: "time" for a time or a range of them.
    static func name(_ kind: QuantityKind) -> String {
        switch kind {
        case .timeRange: "time"
        case .count: "number"
        case .setsByReps: "dose"
        case .weekday: "day of the week"
        default: kind.rawValue
        }
    }

    /// How `raw` reads on the handout, or why it cannot be read.
    func quantity(_ raw: String, kind: QuantityKind, key: String) -> String {
        let shown: String?
        switch kind {
        case .time: shown = QuantityParser.time(raw).map { PlainLanguage.time(seconds: $0.seconds) }
        case .timeRange:
            shown = QuantityParser.timeAmount(raw).map { PlainLanguage.britishEnglish.time(from: $0.low.seconds, to: $0.high.seconds) }
        case .count:
            shown = QuantityParser.count(raw).map { $0.isRange ? PlainLanguage.britishEnglish.range(from: $0.low, to: $0.high) : "\($0.low)" }
        case .frequency: shown = QuantityParser.frequency(raw).map { PlainLanguage.frequency(Plan.FrequencyInfo($0)) }
        case .load: shown = QuantityParser.load(raw).flatMap { PlainLanguage.load(Plan.LoadInfo($0)) }
        case .intensity: shown = QuantityParser.intensity(raw).flatMap { PlainLanguage.intensity(Plan.IntensityInfo($0)) }
        case .tempo: shown = QuantityParser.tempo(raw).flatMap { PlainLanguage.tempo(Plan.TempoPart.parts(of: $0)) }
        case .weeks:
            shown = QuantityParser.weeks(raw, maxWeek: limits.maxWeeks).map {
                PlainLanguage.weeks(Plan.WeekSpan(first: $0.first, last: $0.last))
            }
        case .interval: shown = QuantityParser.interval(raw).map { $0 == 1 ? "every week" : "every \($0) weeks" }
        default: shown = nil
        }
        let written = "`\(Markdown.code(raw))`"
        guard let shown else {
            let readable: Bool
            switch kind {
            case .timeIncrement: readable = QuantityParser.timeIncrement(raw) != nil
            case .loadIncrement: readable = QuantityParser.loadIncrement(raw) != nil
            case .countIncrement: readable = QuantityParser.countIncrement(raw) != nil
            case .date: readable = true
            default: readable = false
            }
            return readable
                ? "\(written): a \(Self.name(kind)) for `\(key)`"
                : "Regimen cannot read \(written) as a \(Self.name(kind)) for `\(key)`.\n\nAccepted forms: \(kind.acceptedForms)"
        }
        return "\(written) reads on the handout as: **\(Markdown.escaped(shown))**"
    }

    /// The span of the word (letters, digits, `-`, `_`) at or just before `column`.
    static func word(in line: [Character], at column: Int) -> Swift.Range<Int>? {
        func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "-" || character == "_" }
        var start = min(max(0, column), line.count)
        if start == line.count || !isWord(line[start]) {
            guard start > 0, isWord(line[start - 1]) else { return nil }
            start -= 1
        }
        var end = start
        while start > 0, isWord(line[start - 1]) { start -= 1 }
        while end < line.count, isWord(line[end]) { end += 1 }
        return start..<end
    }

    static func withoutComment(_ value: String) -> String {
        guard let hash = value.range(of: " #") else { return value }
        return String(value[..<hash.lowerBound])
    }

    static func unquoted(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}

/// Markdown for hovers: what comes from a repository is escaped, so that it shows as written
/// and cannot add links, images or markup.
enum Markdown {
    /// `text` with every character Markdown gives a meaning escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            // Brackets make links and images, `<` and `&` HTML; `-`, `+`, `.` and `#` mean
            // something only at the start (a list, a heading), where they are escaped too.
            if "\\`*_[]<>|~&".contains(character) || (out.isEmpty && "-+.#".contains(character)) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// `text` for inside a code span: a backtick would end it.
    static func code(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'") }
}
