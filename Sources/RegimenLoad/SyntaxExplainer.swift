import RegimenDiagnostics
import RegimenFormat

/// Where libyaml stopped, and what it said.
struct SyntaxProblem: Sendable {
    /// libyaml's problem ("mapping values are not allowed in this context").
    var problem: String
    /// libyaml's context ("while parsing a block mapping"), if it gave one.
    var context: String?
    /// Where libyaml stopped.
    var at: SourcePosition
    /// Where the construct libyaml was reading started, if it said.
    var contextAt: SourcePosition?

    /// libyaml's own words, kept in a note for readers who know YAML.
    var libyamlWords: String {
        ([problem] + (context.map { [$0] } ?? [])).joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
    }
}

/// Turns libyaml's account of a syntax error into the mistake a clinician most likely made,
/// at the line they must change, with the fix spelt out.
///
/// libyaml reports where reading became impossible, which is often a line after the slip
/// (a missing `use:` shows up at the `dose:` below it). Each shape of mistake is recognised
/// from libyaml's problem, the lines around it and what the format expects there; a shape that
/// is not recognised still gets plain words, and libyaml's own stay in a note.
struct SyntaxExplainer {
    let source: SourceFile

    /// One line of the file, as the explainer looks at it.
    struct Line {
        /// 1-based line number.
        var number: Int
        /// The line's characters (Unicode scalars: libyaml's columns count them).
        var scalars: [Unicode.Scalar]
        /// Leading spaces.
        var indent: Int
        /// Whether the indentation holds a tab.
        var tabInIndent: Bool
        /// The line without its indentation and without a comment-only remainder.
        var content: String
        /// Blank, or a comment only.
        var isBlank: Bool { content.isEmpty || content.hasPrefix("#") }
        /// Whether it starts a list entry (`- `, or `-` at the end).
        var isListEntry: Bool { content == "-" || content.hasPrefix("- ") }
        /// The `key:` the line starts with (after a `- `), its 1-based column and its value text.
        var key: (name: String, column: Int, value: String)? {
            var offset = indent
            var rest = Substring(content)
            while rest.hasPrefix("- ") {
                rest = rest.dropFirst(2)
                offset += 2
                while rest.first == " " { rest = rest.dropFirst(); offset += 1 }
            }
            guard let match = rest.prefixMatch(of: /([A-Za-z0-9_][A-Za-z0-9_ -]*?):(?: +(.*))?$/) else { return nil }
            let value = match.output.2.map { String($0).withoutComment } ?? ""
            return (String(match.output.1), offset + 1, value)
        }
    }

    func line(_ number: Int) -> Line? {
        guard number >= 1, let text = source.line(number) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var indent = 0
        var tab = false
        for scalar in scalars {
            if scalar == " " {
                indent += 1
            } else if scalar == "\t" {
                tab = true
                indent += 1
            } else {
                break
            }
        }
        let content = String(String.UnicodeScalarView(scalars.dropFirst(indent))).trimmingTrailingSpaces
        return Line(number: number, scalars: scalars, indent: indent, tabInIndent: tab, content: content)
    }

    /// The nearest line above `number` that is not blank or a comment.
    func contentLine(before number: Int) -> Line? {
        var n = number - 1
        while n >= 1 {
            if let l = line(n), !l.isBlank { return l }
            n -= 1
        }
        return nil
    }

    private func range(line: Int, from start: Int, to end: Int) -> SourceRange {
        SourceRange(
            file: source.path, start: SourcePosition(line: line, column: start),
            end: SourcePosition(line: line, column: max(end, start + 1)))
    }

    /// An empty range at `column`: where a fix inserts text.
    private func insertion(line: Int, at column: Int) -> SourceRange {
        let at = SourcePosition(line: line, column: column)
        return SourceRange(file: source.path, start: at, end: at)
    }

    /// The range of a line's indentation (empty when it has none).
    private func indentation(of l: Line) -> SourceRange {
        SourceRange(
            file: source.path, start: SourcePosition(line: l.number, column: 1),
            end: SourcePosition(line: l.number, column: l.indent + 1))
    }

    /// The range of a line's content (after the indentation, to the end).
    private func contentRange(_ l: Line) -> SourceRange {
        range(line: l.number, from: l.indent + 1, to: l.indent + 1 + l.content.unicodeScalars.count)
    }

    private func diagnostic(
        _ message: String, at range: SourceRange, help: String, fix: Fix? = nil, _ problem: SyntaxProblem,
        notes: [Diagnostic.Note] = []
    ) -> Diagnostic {
        var d = Diagnostic(
            code: LoadCode.syntax, severity: .error, message: message, range: range, help: help,
            notes: notes + [Diagnostic.Note("the YAML parser said: \(problem.libyamlWords)")])
        d.fix = fix
        return d
    }

    /// The explanation of `problem`.
    func explain(_ problem: SyntaxProblem) -> Diagnostic {
        let explainers: [(SyntaxProblem) -> Diagnostic?] = [
            tab, unclosedFlow, unclosedQuote, missingSpaceAfterDash, missingSpaceAfterColon, itemWithoutKey,
            textWithColon, textAfterQuote, reservedStart, oddKeyAbove, indentedTooMuch, indentedTooLittle, listEntryWithoutDash, keyOutOfLine,
        ]
        for explainer in explainers {
            if let found = explainer(problem) { return found }
        }
        return plain(problem)
    }

    /// The lines libyaml's report spans: from where the construct started (at most a few lines
    /// up) to where it stopped.
    private func suspects(_ p: SyntaxProblem) -> [Line] {
        let last = p.at.line
        let first = max(1, min(p.contextAt?.line ?? last - 1, last - 1), last - 8)
        return (first...max(first, last)).compactMap(line).filter { !$0.isBlank || $0.tabInIndent }
    }

    // MARK: Shapes

    /// A tab in the indentation: YAML indents with spaces only.
    private func tab(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("tab") || p.problem.contains("cannot start any token") else { return nil }
        guard let l = suspects(p).last(where: \.tabInIndent) else { return nil }
        let tabColumn = (l.scalars.firstIndex(of: "\t") ?? 0) + 1
        let above = contentLine(before: l.number)
        // Where the line most likely belongs: under a `key:` that opens a block, one step in;
        // otherwise beside the line above.
        let expected: Int
        var under = ""
        if let above, let key = above.key, key.value.isEmpty {
            expected = key.column + 2
            under = ", one step in from `\(key.name)`"
        } else if let above, above.isListEntry, l.content.hasPrefix("- ") || l.content == "-" {
            expected = above.indent + 1
            under = ", in line with the `-` above"
        } else if let above, let key = above.key {
            expected = key.column
            under = ", in line with `\(key.name)` above"
        } else if let above {
            expected = above.indent + 1
            under = ", in line with the line above"
        } else {
            expected = 1
        }
        let what = l.key.map { "`\($0.name)`" } ?? "this line"
        return diagnostic(
            "this line is indented with a tab, but YAML indents with spaces only", at: range(line: l.number, from: tabColumn, to: tabColumn + 1),
            help: "replace the tab with spaces: \(expected - 1) spaces put \(what) at column \(expected)\(under)",
            fix: Fix(
                "indent with \(expected - 1) spaces", replacing: indentation(of: l),
                with: String(repeating: " ", count: expected - 1)),
            p)
    }

    /// A `[` or `{` with no `]` or `}`.
    private func unclosedFlow(_ p: SyntaxProblem) -> Diagnostic? {
        let closer: String
        if p.problem.contains("expected ',' or ']'") {
            closer = "]"
        } else if p.problem.contains("expected ',' or '}'") {
            closer = "}"
        } else {
            return nil
        }
        guard let opened = p.contextAt, let l = line(opened.line) else { return nil }
        let opener = closer == "]" ? "[" : "{"
        let what = closer == "]" ? "list" : "mapping"
        let owner = l.key.map { " of `\($0.name)`" } ?? ""
        let contentEnd = l.indent + 1 + l.content.unicodeScalars.count
        // On one line: the closers go at its end, innermost first (after a space, when the
        // list opens with one).
        let closers = Self.unclosed(l.content).map { $0 == "[" ? "]" : "}" }.joined()
        let spaced = (l.content.contains(opener + " ") ? " " : "") + (closers.isEmpty ? closer : closers)
        if !l.content.contains(closer) {
            return diagnostic(
                "the `\(opener)` that opens the \(what)\(owner) is never closed",
                at: range(line: l.number, from: opened.column, to: contentEnd),
                help: "add `\(spaced.drop { $0 == " " })` at the end of the \(what): `\(Self.tail(l.content))\(spaced)`",
                fix: Fix("add `\(spaced.drop { $0 == " " })`", replacing: insertion(line: l.number, at: contentEnd), with: spaced),
                p)
        }
        return diagnostic(
            "the `\(opener)` that opens the \(what)\(owner) is not closed where YAML expects it",
            at: range(line: opened.line, from: opened.column, to: opened.column + 1),
            help: "separate its entries with commas and end it with `\(closer)`; quote an entry that holds a comma, `[`, `]`, `{` or `}`",
            p)
    }

    /// A quoted text with no closing quote.
    private func unclosedQuote(_ p: SyntaxProblem) -> Diagnostic? {
        guard (p.context ?? "").contains("quoted scalar") || p.problem.contains("quoted scalar"),
            let opened = p.contextAt, let l = line(opened.line)
        else { return nil }
        let index = opened.column - 1
        guard index >= 0, index < l.scalars.count else { return nil }
        let quote = Character(l.scalars[index])
        guard quote == "\"" || quote == "'" else { return nil }
        let contentEnd = l.indent + 1 + l.content.unicodeScalars.count
        let quoteWord = quote == "\"" ? "double quote" : "single quote"
        var help = "add a closing `\(quote)` at the end of the text: `\(Self.tail(l.content))\(quote)`"
        if quote == "'" { help += "; an apostrophe inside single quotes is written twice (`don''t`)" }
        return diagnostic(
            "the \(quoteWord) `\(quote)` that starts this text is never closed",
            at: range(line: l.number, from: opened.column, to: contentEnd), help: help,
            fix: Fix("close the quote", replacing: insertion(line: l.number, at: contentEnd), with: String(quote)),
            p)
    }

    /// `-use: x` or `-Lie down`: a dash with no space after it does not start a list entry.
    private func missingSpaceAfterDash(_ p: SyntaxProblem) -> Diagnostic? {
        for l in suspects(p).reversed() {
            guard l.content.hasPrefix("-"), l.content.count > 1 else { continue }
            let next = l.content.unicodeScalars[l.content.unicodeScalars.index(after: l.content.unicodeScalars.startIndex)]
            guard next.properties.isAlphabetic else { continue }
            let dash = l.indent + 1
            let word = l.content.prefix { $0 != " " && $0 != ":" }
            return diagnostic(
                "`\(word)` needs a space after the dash to start a list entry",
                at: range(line: l.number, from: dash, to: dash + word.unicodeScalars.count),
                help: "write `- \(String(l.content.dropFirst()).clipped(100))`",
                fix: Fix("add a space after `-`", replacing: insertion(line: l.number, at: dash + 1), with: " "),
                p)
        }
        return nil
    }

    /// `reps:10`: a colon with no space after it does not end a key.
    private func missingSpaceAfterColon(_ p: SyntaxProblem) -> Diagnostic? {
        for l in suspects(p).reversed() {
            var rest = Substring(l.content)
            var offset = l.indent
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2); offset += 2 }
            guard let match = rest.prefixMatch(of: /([A-Za-z][A-Za-z0-9_-]*):([^\s:\/].*)$/) else { continue }
            let key = String(match.output.1)
            let value = String(match.output.2)
            let start = offset + 1
            let colon = start + key.unicodeScalars.count
            return diagnostic(
                "`\(key):\(value.clipped(30))` needs a space after the colon",
                at: range(line: l.number, from: start, to: colon + 1 + value.unicodeScalars.count),
                help: "write `\(key): \(value.clipped(100))`: YAML reads a key only when a space follows its colon",
                fix: Fix("add a space after `:`", replacing: insertion(line: l.number, at: colon + 1), with: " "),
                p)
        }
        return nil
    }

    /// `- sciatic-nerve-slider` with `dose:` below it: the entry is a value, so the keys below
    /// have nothing to belong to. The format says which key it needed (`use:`).
    private func itemWithoutKey(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("mapping values are not allowed"), let at = line(p.at.line), let key = at.key,
            !at.isListEntry, key.column == at.indent + 1, let above = contentLine(before: at.number), above.isListEntry,
            above.key == nil, key.column == above.indent + 3
        else { return nil }
        let name = String(above.content.dropFirst(2)).withoutComment
        guard !name.isEmpty, !name.contains(": ") else { return nil }
        let list = owner(of: above)
        let needed = list.flatMap { FormatSpec.entryKey(ofList: $0.name) }
        let entry = list.flatMap { FormatSpec.entryName(ofList: $0.name) } ?? "list entry"
        let nameStart = above.indent + 3
        let nameRange = range(line: above.number, from: nameStart, to: nameStart + name.unicodeScalars.count)
        guard let needed else {
            return diagnostic(
                "this \(entry) is a single value, so `\(key.name):` below it has nothing to belong to",
                at: nameRange,
                help: "give the value a key (`- key: \(name)`), or remove the lines below it that belong to no key",
                p)
        }
        return diagnostic(
            "this \(entry) has no `\(needed):`, so `\(key.name):` below it has nothing to belong to",
            at: nameRange, help: "write `- \(needed): \(name.clipped(100))`",
            fix: Fix("add `\(needed):`", replacing: nameRange, with: "\(needed): \(name)"),
            p)
    }

    /// `title: Sciatica: easing it at home`: the second `: ` starts a key inside the value.
    private func textWithColon(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("mapping values are not allowed"), let l = line(p.at.line) else { return nil }
        // `- Bend: your knee: look down.` in a list of texts: the whole entry is the text.
        if l.isListEntry, let key = l.key, !FormatSpec.isKey(key.name) {
            let text = String(l.content.dropFirst(2)).withoutComment
            let start = l.indent + 3
            let textRange = range(line: l.number, from: start, to: start + text.unicodeScalars.count)
            let quoted = Self.quoted(text)
            return diagnostic(
                "this text holds `: `, which YAML reads as the start of a key", at: textRange,
                help: "put the whole text in quotes: `- \(quoted.clipped(100))`",
                fix: Fix("put the text in quotes", replacing: textRange, with: quoted), p)
        }
        guard let key = l.key,
            p.at.column > key.column + key.name.unicodeScalars.count, !key.value.isEmpty,
            key.value.contains(": ") || key.value.hasSuffix(":"),
            !key.value.hasPrefix("\""), !key.value.hasPrefix("'"), !key.value.hasPrefix("["), !key.value.hasPrefix("{")
        else { return nil }
        let valueStart = key.column + key.name.unicodeScalars.count + 2
        let valueRange = range(line: l.number, from: valueStart, to: valueStart + key.value.unicodeScalars.count)
        let quoted = Self.quoted(key.value)
        return diagnostic(
            "the text of `\(key.name)` holds `: `, which YAML reads as the start of another key",
            at: valueRange,
            help: "put the text in quotes: `\(key.name): \(quoted.clipped(100))`",
            fix: Fix("put the text in quotes", replacing: valueRange, with: quoted),
            p)
    }

    /// `title: "Easing sciatica" at home`: text goes on after the closing quote.
    private func textAfterQuote(_ p: SyntaxProblem) -> Diagnostic? {
        guard let l = line(p.at.line), let key = l.key, let quote = key.value.first, quote == "\"" || quote == "'",
            p.at.column > key.column + key.name.unicodeScalars.count + 2
        else { return nil }
        let inner = key.value.dropFirst()
        guard let close = inner.firstIndex(of: quote) else { return nil }
        let after = inner[inner.index(after: close)...].trimmingPrefix(" ")
        guard !after.isEmpty else { return nil }
        let whole = String(inner[..<close]) + " " + after
        let quoted = Self.quoted(whole)
        let valueStart = key.column + key.name.unicodeScalars.count + 2
        let valueRange = range(line: l.number, from: valueStart, to: valueStart + key.value.unicodeScalars.count)
        return diagnostic(
            "the text of `\(key.name)` goes on after its closing quote", at: valueRange,
            help: "put the whole text inside the quotes: `\(key.name): \(quoted.clipped(100))`",
            fix: Fix("put the whole text in quotes", replacing: valueRange, with: quoted), p)
    }

    /// `title: @home`: plain text cannot start with `@`, `` ` `` or `%`.
    private func reservedStart(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("cannot start any token"), let l = line(p.at.line), let key = l.key, !key.value.isEmpty,
            let first = key.value.first, "@`%".contains(first),
            p.at.column == key.column + key.name.unicodeScalars.count + 2
        else { return nil }
        let valueRange = range(line: l.number, from: p.at.column, to: p.at.column + key.value.unicodeScalars.count)
        let quoted = Self.quoted(key.value)
        return diagnostic(
            "text that starts with `\(first)` must be in quotes", at: valueRange,
            help: "put the text in quotes: `\(key.name): \(quoted.clipped(100))`",
            fix: Fix("put the text in quotes", replacing: valueRange, with: quoted), p)
    }

    /// A key line above the error that is out of line with its neighbours: libyaml stops at
    /// the next key, which is where it should be. Three shapes: a key indented less than the
    /// keys before and after it (`sets`, `reps` too little, `rest`); a block's first key
    /// indented less, level with the key that opens the block; a block's first key indented more
    /// than the keys after it.
    private func oddKeyAbove(_ p: SyntaxProblem) -> Diagnostic? {
        guard let l = line(p.at.line), let key = l.key, !l.isListEntry else { return nil }
        // The nearest key above with a different column; the lines between are deeper (its
        // text or its children) or level with this one.
        var n = l.number - 1
        var odd: (line: Line, key: (name: String, column: Int, value: String))?
        var skipped = 0
        while n >= 1, let candidate = line(n) {
            defer { n -= 1 }
            if candidate.isBlank { continue }
            guard let k = candidate.key else {
                if candidate.indent + 1 < key.column { return nil }
                continue
            }
            if k.column == key.column && odd == nil { return nil }
            if k.column != key.column && odd == nil {
                guard !candidate.isListEntry else { return nil }
                odd = (candidate, k)
                continue
            }
            guard let odd else { return nil }
            if candidate.indent + 1 > odd.key.column && k.column > odd.key.column && k.column != key.column {
                skipped += 1
                continue
            }
            // A block's first key (shapes two and three) comes straight after the key that opens it.
            let opensOdd = skipped == 0 && candidate.number == (contentLine(before: odd.line.number)?.number ?? 0)
            let shape: String
            if odd.key.column < key.column && k.column == key.column {
                shape = "less than the keys around it, `\(k.name)` above and `\(key.name)` below"
            } else if opensOdd, odd.key.column < key.column, k.column == odd.key.column, k.value.isEmpty, !candidate.isListEntry {
                shape = "only as far as `\(k.name)` above it, so `\(k.name)` is left empty"
            } else if opensOdd, odd.key.column > key.column, k.value.isEmpty, k.column < key.column {
                shape = "more than `\(key.name)` and the keys after it"
            } else {
                return nil
            }
            let r = range(line: odd.line.number, from: odd.key.column, to: odd.key.column + odd.key.name.unicodeScalars.count)
            return diagnostic(
                "`\(odd.key.name)` is indented \(shape)", at: r,
                help: "keys of one mapping line up: move `\(odd.key.name)` to column \(key.column), like `\(key.name)`",
                fix: Fix(
                    "line up with `\(key.name)`", replacing: indentation(of: odd.line),
                    with: String(repeating: " ", count: key.column - 1)),
                p)
        }
        return nil
    }

    /// `title: …` then `  summary: …` indented further: YAML reads the second line as more of
    /// the first line's text, until its `: `.
    private func indentedTooMuch(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("mapping values are not allowed"), let l = line(p.at.line), let key = l.key,
            let above = contentLine(before: l.number), let aboveKey = above.key, key.column > aboveKey.column
        else { return nil }
        // The line above holds a value on its own line; this line continues it.
        guard !aboveKey.value.isEmpty || above.isListEntry else { return nil }
        let column = above.isListEntry && aboveKey.value.isEmpty ? above.indent + 3 : aboveKey.column
        let keyRange = range(line: l.number, from: key.column, to: key.column + key.name.unicodeScalars.count)
        return diagnostic(
            "`\(key.name)` is indented more than `\(aboveKey.name)` above it, so YAML reads it as more of the text of `\(aboveKey.name)`",
            at: keyRange,
            help: "keys of one mapping line up: move `\(key.name)` left to column \(column), under `\(aboveKey.name)`",
            fix: Fix(
                "line up with `\(aboveKey.name)`", replacing: indentation(of: l),
                with: String(repeating: " ", count: column - 1)),
            p)
    }

    /// `dose:` at the column of its item's `-`: the key is outside the item and inside the
    /// list, where only `- ` entries may be.
    private func indentedTooLittle(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("expected '-' indicator"), let l = line(p.at.line), let key = l.key, !l.isListEntry
        else { return nil }
        // The entry above, at the same column, whose keys it should line up with.
        var n = l.number - 1
        var entry: Line?
        while n >= 1, let candidate = line(n) {
            if !candidate.isBlank && candidate.indent < l.indent { break }
            if candidate.isListEntry && candidate.indent == l.indent {
                entry = candidate
                break
            }
            n -= 1
        }
        guard let entry else { return nil }
        let column = entry.indent + 3
        let sibling = entry.key?.name
        let keyRange = range(line: l.number, from: key.column, to: key.column + key.name.unicodeScalars.count)
        let list = owner(of: entry)
        let entryName = list.flatMap { FormatSpec.entryName(ofList: $0.name) } ?? "list entry"
        let (blockRange, block) = reindented(from: l, by: 2)
        return diagnostic(
            "`\(key.name)` is indented too little: it lines up with the `-` of the \(entryName) above, not with its keys",
            at: keyRange,
            help: "indent `\(key.name)`\(block.contains("\n") ? " (and the lines under it)" : "") by 2 more spaces, to column \(column)"
                + (sibling.map { ", under `\($0)`" } ?? ""),
            fix: Fix("indent by 2 spaces", replacing: blockRange, with: block),
            p, notes: [Diagnostic.Note("the \(entryName) starts here", at: contentRange(entry))])
    }

    /// A line inside a list of entries that does not start with `- `.
    private func listEntryWithoutDash(_ p: SyntaxProblem) -> Diagnostic? {
        guard p.problem.contains("could not find expected ':'"), let start = p.contextAt, let l = line(start.line),
            !l.isListEntry, l.key == nil, let above = contentLine(before: l.number), above.isListEntry,
            above.indent == l.indent
        else { return nil }
        let list = owner(of: above)
        let what = list.map { "the list of `\($0.name)`" } ?? "a list"
        let r = contentRange(l)
        return diagnostic(
            "this line is in \(what), but does not start with `- `",
            at: r, help: "start it with `- `, like the entries above it: `- \(l.content.clipped(100))`",
            fix: Fix("add `- `", replacing: insertion(line: l.number, at: l.indent + 1), with: "- "),
            p)
    }

    /// A key that lines up with no key above it: between two levels.
    private func keyOutOfLine(_ p: SyntaxProblem) -> Diagnostic? {
        guard let l = line(p.at.line), let key = l.key, !l.isListEntry, let above = contentLine(before: l.number) else { return nil }
        // Under a `key:` that opens a block, a deeper key starts that block.
        if let aboveKey = above.key, aboveKey.value.isEmpty, key.column > aboveKey.column { return nil }
        // The keys above, nearest first, each column once, stepping outwards.
        var keys: [(name: String, column: Int)] = []
        var n = l.number - 1
        while n >= 1, let candidate = line(n) {
            if !candidate.isBlank, let k = candidate.key, keys.last.map({ k.column < $0.column }) ?? true {
                keys.append((k.name, k.column))
                if k.column == 1 { break }
            }
            n -= 1
        }
        guard !keys.contains(where: { $0.column == key.column }),
            let nearest = keys.min(by: { abs($0.column - key.column) < abs($1.column - key.column) })
        else { return nil }
        let direction = key.column > nearest.column ? "more" : "less"
        return diagnostic(
            "`\(key.name)` is indented \(direction) than `\(nearest.name)` above it, and lines up with no key",
            at: range(line: l.number, from: key.column, to: key.column + key.name.unicodeScalars.count),
            help: "keys of one mapping line up: move `\(key.name)` to column \(nearest.column), under `\(nearest.name)`",
            fix: Fix(
                "line up with `\(nearest.name)`", replacing: indentation(of: l),
                with: String(repeating: " ", count: nearest.column - 1)),
            p)
    }

    /// Plain words for a problem no shape above matched.
    private func plain(_ p: SyntaxProblem) -> Diagnostic {
        let words: (String, String)
        switch p.problem {
        case let s where s.contains("mapping values are not allowed"):
            words = (
                "YAML cannot read a `: ` here", "quote text that contains `: `, and check that this line is indented like the keys it belongs with"
            )
        case let s where s.contains("did not find expected key") || s.contains("expected <block end>"):
            words = ("this line is not lined up with the lines around it", "indent it like the keys it belongs with")
        case let s where s.contains("could not find expected ':'"):
            words = ("YAML expected `key: value` on this line", "write a key, a colon and a space, then the value; or start a list entry with `- `")
        case let s where s.contains("end of stream"):
            words = ("the file ends in the middle of a value", "close the quote or bracket that is still open")
        case let s where s.contains("unknown escape"):
            words = ("a backslash in double quotes starts a special character", "write `\\\\` for a backslash, or use single quotes")
        case let s where s.contains("did not find expected node content") || s.contains("did not find expected '-'"):
            words = ("YAML expected a value here", "check the indentation and the `- ` of the lines around this one")
        case let s where s.contains("cannot start any token"):
            words = ("a value cannot start with this character", "quote text that starts with `@`, `` ` ``, `%` or `|`")
        default:
            words = ("YAML cannot read this part of the file", "check the quoting and indentation around this place")
        }
        let at = p.at
        let notes = p.contextAt.map { [Diagnostic.Note("what YAML was reading starts here", at: SourceRange(file: source.path, start: $0, end: $0))] } ?? []
        return diagnostic(words.0, at: range(line: at.line, from: at.column, to: at.column + 1), help: words.1, p, notes: notes)
    }

    // MARK: Support

    /// The `key:` that owns the list `entry` is in: the nearest line above, indented less.
    private func owner(of entry: Line) -> (name: String, line: Line)? {
        var n = entry.number - 1
        while n >= 1, let candidate = line(n) {
            if !candidate.isBlank && candidate.indent < entry.indent {
                return candidate.key.flatMap { $0.value.isEmpty ? ($0.name, candidate) : nil }
            }
            if !candidate.isBlank && candidate.indent == entry.indent && !candidate.isListEntry { return nil }
            n -= 1
        }
        return nil
    }

    /// `first` and the lines under it (indented more), each indented `by` more spaces.
    private func reindented(from first: Line, by spaces: Int) -> (SourceRange, String) {
        var lines = [first]
        var n = first.number + 1
        // Only a key with no value on its line owns the deeper lines below it.
        while first.key?.value.isEmpty ?? false, let next = line(n), next.isBlank || next.indent > first.indent {
            lines.append(next)
            n += 1
        }
        while let last = lines.last, last.isBlank, lines.count > 1 { lines.removeLast() }
        let pad = String(repeating: " ", count: spaces)
        let text = lines.map { $0.isBlank && $0.content.isEmpty ? "" : pad + String(String.UnicodeScalarView($0.scalars)) }
            .joined(separator: "\n")
        let end = lines.last.map { SourcePosition(line: $0.number, column: $0.scalars.count + 1) } ?? first.end
        return (SourceRange(file: source.path, start: SourcePosition(line: first.number, column: 1), end: end), text)
    }

    /// The brackets `line` opens and does not close, outermost first (quoted text skipped).
    static func unclosed(_ line: String) -> [Character] {
        var stack: [Character] = []
        var quote: Character?
        // A quote opens quoted text only where a value starts (`don't` is plain text).
        var valueStarts = true
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"" where valueStarts, "'" where valueStarts: quote = c
            case "[", "{": stack.append(c)
            case "]", "}": if !stack.isEmpty { stack.removeLast() }
            default: break
            }
            if c != " " { valueStarts = c == "[" || c == "{" || c == "," || c == ":" }
        }
        return stack
    }

    /// The end of `text`, for a help line that shows what goes at its end.
    static func tail(_ text: String, _ length: Int = 100) -> String {
        text.count > length ? "…" + text.suffix(length) : text
    }

    /// `text` in double quotes (single quotes when it holds a double quote), escaped for YAML.
    static func quoted(_ text: String) -> String {
        if text.contains("\"") { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\") + "\""
    }
}

extension SyntaxExplainer.Line {
    fileprivate var end: SourcePosition { SourcePosition(line: number, column: scalars.count + 1) }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// The text before a ` #` comment (a plain value's end).
    fileprivate var withoutComment: String {
        guard !hasPrefix("\""), !hasPrefix("'"), let hash = range(of: " #") else { return self }
        return String(self[..<hash.lowerBound]).trimmingTrailingSpaces
    }
}

extension FormatSpec {
    /// The object a list under `key` holds (`items` → the item), if the format has one.
    static func entrySpec(ofList key: String) -> ObjectSpec? {
        for spec in objects.values {
            guard let shape = spec.key(key)?.shape else { continue }
            switch shape {
            case .list(.object(let name)), .list(.textOrObject(let name)): return objects[name]
            default: continue
            }
        }
        return nil
    }

    /// Whether any object of the format has a key `name`.
    static func isKey(_ name: String) -> Bool { objects.values.contains { $0.hasKey(name) } }

    /// Whether the object called `name` is written as an entry of a list (an item, a phase).
    static func isListEntry(_ name: String) -> Bool {
        objects.values.contains { spec in
            spec.keys.contains {
                switch $0.shape {
                case .list(.object(name)), .list(.textOrObject(name)): true
                default: false
                }
            }
        }
    }

    /// What an entry of the list under `key` is called ("item", "phase").
    static func entryName(ofList key: String) -> String? { entrySpec(ofList: key)?.name }

    /// The key an entry of the list under `key` is named by (`use` for an item, `id` for a
    /// phase): its first required key.
    static func entryKey(ofList key: String) -> String? {
        entrySpec(ofList: key)?.keys.first(where: \.required)?.name
    }
}
