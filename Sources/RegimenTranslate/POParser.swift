import RegimenDiagnostics

/// Reads gettext PO files, reporting every malformed line (RG701) with its line and column
/// and carrying on, within bounds: a hostile file costs time linear in its size, a bounded
/// number of entries and findings, and never a crash.
public struct POParser: Sendable {
    /// The bounds a PO file is read within.
    public struct Limits: Sendable, Hashable {
        /// The largest file read, in bytes (a translation of the largest programme is far smaller).
        public var maxBytes: Int = 16 << 20
        /// The most entries kept.
        public var maxEntries: Int = 100_000
        /// The longest string (after escapes), in UTF-8 bytes.
        public var maxStringBytes: Int = 1 << 20
        /// The most findings reported for one file; the rest are summed up in one.
        public var maxDiagnostics: Int = 50
        /// The highest plural index read (`msgstr[N]`).
        public var maxPluralForms: Int = 16
        /// The defaults.
        public init() {}
    }

    /// The bounds applied.
    public var limits: Limits

    /// A parser within `limits`.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// What reading one file gave: the entries that could be read, and findings about the rest.
    public struct Result: Sendable {
        /// The file, as far as it could be read.
        public var file: POFile
        /// Findings (RG701), in the order met.
        public var diagnostics: [Diagnostic]
    }

    /// Reads `bytes`, shown as `path`: bytes that are not UTF-8 are one finding, at the first
    /// line that is not.
    public func parse(bytes: [UInt8], path: String) -> Result {
        if bytes.count > limits.maxBytes {
            return Result(
                file: POFile(),
                diagnostics: [
                    Diagnostic(
                        code: TranslationCode.invalidFile, severity: .error,
                        message: "this translation file is \(bytes.count) bytes, more than the \(limits.maxBytes) Regimen reads",
                        range: .wholeFile(path), help: "split the translations, or check that this is the file you meant")
                ])
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            var line = 1
            var lineStart = body.startIndex
            // The first invalid byte: the longest valid prefix is found line by line.
            for index in body.indices where body[index] == 0x0A {
                if String(validating: body[lineStart..<index], as: UTF8.self) == nil { break }
                line += 1
                lineStart = index + 1
            }
            let at = SourcePosition(line: line, column: 1)
            return Result(
                file: POFile(),
                diagnostics: [
                    Diagnostic(
                        code: TranslationCode.invalidFile, severity: .error,
                        message: "this translation file is not UTF-8 text", range: SourceRange(file: path, start: at, end: at),
                        help: "save it as UTF-8 (translators' tools such as Poedit do when the header says `charset=UTF-8`)")
                ])
        }
        return parse(text, path: path)
    }

    /// Reads `text`, shown as `path`.
    public func parse(_ text: String, path: String) -> Result {
        var state = State(path: path, limits: limits)
        var lineNumber = 0
        var start = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while start < scalars.endIndex, !state.stopped {
            lineNumber += 1
            var end = start
            while end < scalars.endIndex, scalars[end] != "\n", scalars[end] != "\r" { end = scalars.index(after: end) }
            state.read(Array(scalars[start..<end]), line: lineNumber)
            guard end < scalars.endIndex else { break }
            let breakScalar = scalars[end]
            start = scalars.index(after: end)
            if breakScalar == "\r", start < scalars.endIndex, scalars[start] == "\n" { start = scalars.index(after: start) }
        }
        state.flush()
        state.checkHeader()
        return Result(file: POFile(entries: state.entries), diagnostics: state.diagnostics)
    }
}

/// The parser's progress through one file.
private struct State {
    enum Field: Hashable {
        case context, id, idPlural, string(Int), previousContext, previousID, previousIDPlural
    }

    let path: String
    let limits: POParser.Limits
    var entries: [POEntry] = []
    var diagnostics: [Diagnostic] = []
    var stopped = false
    private var suppressed = 0

    // The entry being read.
    private var entry = POEntry(context: nil, id: "")
    private var hasComments = false
    private var hasID = false
    private var hasString = false
    private var last: Field?
    private var seen: [Key: SourcePosition] = [:]
    private var pendingBytes: [Field: [UInt8]] = [:]

    private struct Key: Hashable {
        var context: String?
        var id: String
        var obsolete: Bool
    }

    init(path: String, limits: POParser.Limits) {
        self.path = path
        self.limits = limits
        entry.strings = []
    }

    mutating func report(_ message: String, line: Int, column: Int, length: Int = 1, help: String? = nil, notes: [Diagnostic.Note] = []) {
        guard diagnostics.count < limits.maxDiagnostics else {
            suppressed += 1
            let at = SourcePosition(line: line, column: column)
            let summary = Diagnostic(
                code: TranslationCode.invalidFile, severity: .error,
                message: "\(suppressed) more problems in this translation file are not shown",
                range: SourceRange(file: path, start: at, end: at), help: "correct the ones above, then check again")
            if diagnostics.count == limits.maxDiagnostics {
                diagnostics.append(summary)
            } else {
                diagnostics[diagnostics.count - 1] = summary
            }
            return
        }
        diagnostics.append(
            Diagnostic(
                code: TranslationCode.invalidFile, severity: .error, message: message,
                range: SourceRange(
                    file: path, start: SourcePosition(line: line, column: column),
                    end: SourcePosition(line: line, column: column + max(1, length))),
                help: help, notes: notes))
    }

    // MARK: Lines

    mutating func read(_ line: [Unicode.Scalar], line number: Int) {
        var index = 0
        while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
        guard index < line.count else {
            // A blank line ends an entry; comments alone wait for their entry.
            if hasID { flush() }
            return
        }
        if line[index] == "#" {
            readComment(line, from: index, line: number)
        } else {
            readKeywordOrString(line, from: index, line: number, obsolete: false)
        }
    }

    private mutating func readComment(_ line: [Unicode.Scalar], from start: Int, line number: Int) {
        let marker: Unicode.Scalar? = start + 1 < line.count ? line[start + 1] : nil
        let rest = { (offset: Int) -> String in
            var text = String(String.UnicodeScalarView(line[min(line.count, start + offset)...]))
            if text.hasPrefix(" ") { text.removeFirst() }
            return text
        }
        switch marker {
        case "~":
            // An obsolete entry: its lines, after `#~`, are read as any entry's are.
            var index = start + 2
            var previous = false
            if index < line.count, line[index] == "|" {
                previous = true
                index += 1
            }
            while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
            guard index < line.count else { return }
            if previous {
                readPrevious(line, from: index, line: number, obsolete: true)
            } else {
                readKeywordOrString(line, from: index, line: number, obsolete: true)
            }
        case "|":
            var index = start + 2
            while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
            readPrevious(line, from: index, line: number, obsolete: false)
        case ".", ":", ",":
            startCommentLine(line: number)
            let text = rest(2)
            switch marker {
            case ".": entry.extractedComments.append(text)
            case ":": entry.references += text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            default:
                let flags = text.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
                if flags.contains("fuzzy"), entry.fuzzyPosition == nil {
                    entry.fuzzyPosition = SourcePosition(line: number, column: start + 1)
                }
                entry.flags += flags
            }
        default:
            startCommentLine(line: number)
            entry.translatorComments.append(rest(1))
        }
    }

    /// A comment line: after an entry's keywords it starts the next entry.
    private mutating func startCommentLine(line number: Int) {
        if hasID { flush() }
        if !hasComments {
            entry.position = SourcePosition(line: number, column: 1)
            hasComments = true
        }
    }

    private mutating func readPrevious(_ line: [Unicode.Scalar], from index: Int, line number: Int, obsolete: Bool) {
        if hasID { flush() }
        if !hasComments {
            entry.position = SourcePosition(line: number, column: 1)
            hasComments = true
        }
        if index < line.count, line[index] == "\"" {
            guard let field = last, [.previousContext, .previousID, .previousIDPlural].contains(field) else {
                report("a continued `#|` string with no `#| msgid` before it", line: number, column: index + 1)
                return
            }
            readString(line, from: index, line: number, into: field)
            return
        }
        let (word, after) = keyword(line, from: index)
        let field: Field
        switch word {
        case "msgctxt": field = .previousContext
        case "msgid": field = .previousID
        case "msgid_plural": field = .previousIDPlural
        default:
            report(
                "cannot read this `#|` line", line: number, column: index + 1, length: max(1, word.count),
                help: "a `#|` line holds the previous `msgctxt` or `msgid`, as msgmerge writes them")
            return
        }
        last = field
        pendingBytes[field] = []
        readQuoted(line, after: after, line: number, into: field, keyword: word)
    }

    private mutating func readKeywordOrString(_ line: [Unicode.Scalar], from index: Int, line number: Int, obsolete: Bool) {
        if line[index] == "\"" {
            guard let field = last, hasID || field == .context else {
                report(
                    "a string outside an entry", line: number, column: index + 1,
                    help: "a string line continues the `msgid` or `msgstr` above it")
                return
            }
            readString(line, from: index, line: number, into: field)
            return
        }
        let (word, after) = keyword(line, from: index)
        let position = SourcePosition(line: number, column: index + 1)
        let field: Field
        switch word {
        case "msgctxt":
            if hasID { flush() }
            if entry.context != nil {
                report("a second `msgctxt` in one entry", line: number, column: index + 1, length: word.count)
                return
            }
            entry.contextPosition = position
            field = .context
            begin(at: position, obsolete: obsolete)
        case "msgid":
            if hasID { flush() }
            begin(at: position, obsolete: obsolete)
            entry.idPosition = position
            hasID = true
            field = .id
        case "msgid_plural":
            guard hasID, !hasString, entry.idPlural == nil else {
                report("`msgid_plural` must follow the entry's `msgid`", line: number, column: index + 1, length: word.count)
                return
            }
            entry.idPlural = ""
            field = .idPlural
        default:
            guard word.hasPrefix("msgstr") else {
                report(
                    "cannot read `\(String(word.prefix(40)))` here", line: number, column: index + 1, length: max(1, min(word.count, 40)),
                    help:
                        "each line of a PO file is a comment (`#`), a keyword (`msgctxt`, `msgid`, `msgstr`) with a quoted string, or a quoted string that continues the one above"
                )
                return
            }
            guard hasID else {
                report("`msgstr` with no `msgid` before it", line: number, column: index + 1, length: word.count)
                return
            }
            var plural = 0
            if word != "msgstr" {
                let digits = word.dropFirst("msgstr[".count).dropLast()
                guard word.hasPrefix("msgstr["), word.hasSuffix("]"), let n = Int(digits), n >= 0, n < limits.maxPluralForms else {
                    report("cannot read `\(String(word.prefix(40)))`", line: number, column: index + 1, length: min(word.count, 40))
                    return
                }
                plural = n
                guard entry.idPlural != nil else {
                    report("`\(word)` in an entry with no `msgid_plural`", line: number, column: index + 1, length: word.count)
                    return
                }
            } else if entry.idPlural != nil {
                report("a plural entry needs `msgstr[0]`, `msgstr[1]`…, not `msgstr`", line: number, column: index + 1, length: word.count)
                return
            }
            guard plural == entry.strings.count, word == "msgstr" ? !hasString : true else {
                report("`\(word)` is out of order, or given twice", line: number, column: index + 1, length: word.count)
                return
            }
            if !hasString { entry.stringPosition = position }
            hasString = true
            entry.strings.append("")
            field = .string(plural)
        }
        last = field
        pendingBytes[field] = []
        readQuoted(line, after: after, line: number, into: field, keyword: word)
    }

    private mutating func begin(at position: SourcePosition, obsolete: Bool) {
        if !hasComments, entry.context == nil { entry.position = position }
        if obsolete { entry.isObsolete = true }
    }

    private func keyword(_ line: [Unicode.Scalar], from index: Int) -> (String, Int) {
        var end = index
        while end < line.count, line[end] != " ", line[end] != "\t", line[end] != "\"" { end += 1 }
        return (String(String.UnicodeScalarView(line[index..<end])), end)
    }

    private mutating func readQuoted(_ line: [Unicode.Scalar], after: Int, line number: Int, into field: Field, keyword: String) {
        var index = after
        while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
        guard index < line.count, line[index] == "\"" else {
            report(
                "`\(keyword)` needs a quoted string", line: number, column: index + 1,
                help: "write `\(keyword) \"…\"`; an empty string is `\"\"`")
            return
        }
        readString(line, from: index, line: number, into: field)
    }

    /// One quoted string, from the `"` at `start`, added to `field`.
    private mutating func readString(_ line: [Unicode.Scalar], from start: Int, line number: Int, into field: Field) {
        var bytes = pendingBytes[field] ?? []
        var index = start + 1
        var closed = false
        var tooLong = false
        func append(_ scalar: Unicode.Scalar) {
            guard bytes.count < limits.maxStringBytes else {
                tooLong = true
                return
            }
            bytes.append(contentsOf: Array(String(scalar).utf8))
        }
        while index < line.count {
            let scalar = line[index]
            if scalar == "\"" {
                closed = true
                index += 1
                break
            }
            guard scalar == "\\" else {
                append(scalar)
                index += 1
                continue
            }
            guard index + 1 < line.count else { break }
            let escape = line[index + 1]
            index += 2
            switch escape {
            case "n": append("\n")
            case "t": append("\t")
            case "r": append("\r")
            case "a": append("\u{07}")
            case "b": append("\u{08}")
            case "f": append("\u{0C}")
            case "v": append("\u{0B}")
            case "\\", "\"", "'", "?": append(escape)
            case "0"..."7":
                var value = Int(escape.value - 48)
                var digits = 1
                while digits < 3, index < line.count, ("0"..."7").contains(line[index]) {
                    value = value * 8 + Int(line[index].value - 48)
                    index += 1
                    digits += 1
                }
                if bytes.count < limits.maxStringBytes { bytes.append(UInt8(truncatingIfNeeded: value)) }
            case "x":
                var value = 0
                var digits = 0
                while index < line.count, line[index].isASCII, let digit = Int(String(line[index]), radix: 16) {
                    value = (value * 16 + digit) & 0xFF
                    index += 1
                    digits += 1
                }
                guard digits > 0 else {
                    report("`\\x` with no hexadecimal digits after it", line: number, column: index - 1, length: 2)
                    continue
                }
                if bytes.count < limits.maxStringBytes { bytes.append(UInt8(value)) }
            default:
                report(
                    "unknown escape `\\\(escape)`", line: number, column: index - 1, length: 2,
                    help: "write a backslash as `\\\\`; the escapes are `\\n`, `\\t`, `\\\"` and `\\\\`")
            }
        }
        pendingBytes[field] = bytes
        if tooLong {
            report("a string longer than \(limits.maxStringBytes) bytes; the rest is not read", line: number, column: start + 1)
        }
        guard closed else {
            report(
                "this string has no closing quote", line: number, column: start + 1,
                help: "end the string with `\"` on the same line; a quote inside it is written `\\\"`")
            store(field, line: number, column: start + 1)
            return
        }
        while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
        if index < line.count {
            report(
                "unexpected text after the closing quote", line: number, column: index + 1, length: line.count - index,
                help: "a quote inside a string is written `\\\"`")
        }
        store(field, line: number, column: start + 1)
    }

    private mutating func store(_ field: Field, line number: Int, column: Int) {
        let bytes = pendingBytes[field] ?? []
        let text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            report("an escape here makes the text not UTF-8", line: number, column: column)
            text = String(decoding: bytes, as: UTF8.self)
        }
        switch field {
        case .context: entry.context = text
        case .id: entry.id = text
        case .idPlural: entry.idPlural = text
        case .string(let n): if n < entry.strings.count { entry.strings[n] = text }
        case .previousContext: entry.previousContext = text
        case .previousID: entry.previousID = text
        case .previousIDPlural: break
        }
    }

    // MARK: Entries

    /// Ends the entry being read, if it has a `msgid`.
    mutating func flush() {
        defer {
            entry = POEntry(context: nil, id: "")
            entry.strings = []
            hasComments = false
            hasID = false
            hasString = false
            last = nil
            pendingBytes = [:]
        }
        guard hasID else {
            if entry.context != nil, let at = entry.contextPosition {
                report("`msgctxt` with no `msgid` after it", line: at.line, column: at.column, length: 7)
            }
            return
        }
        if !hasString {
            report(
                "this entry has no `msgstr`", line: entry.idPosition.line, column: entry.idPosition.column, length: 5,
                help: "add `msgstr \"\"` after the `msgid` (empty until it is translated)")
            entry.strings = [""]
            entry.stringPosition = entry.idPosition
        }
        if let plural = entry.idPlural, entry.strings.count < 2 {
            _ = plural
            report(
                "a plural entry needs at least `msgstr[0]` and `msgstr[1]`", line: entry.stringPosition.line,
                column: entry.stringPosition.column)
        }
        let key = Key(context: entry.context, id: entry.id, obsolete: entry.isObsolete)
        if let first = seen[key] {
            let at = entry.contextPosition ?? entry.idPosition
            report(
                entry.context.map { "a second entry for `\(String($0.prefix(80)))`" } ?? "a second entry with the same `msgid`",
                line: at.line, column: at.column, length: 5, help: "keep one of the two entries",
                notes: [.init("the first is here", at: SourceRange(file: path, start: first, end: first))])
            return
        }
        seen[key] = entry.contextPosition ?? entry.idPosition
        guard entries.count < limits.maxEntries else {
            report("more than \(limits.maxEntries) entries; the rest are not read", line: entry.idPosition.line, column: 1)
            stopped = true
            return
        }
        entries.append(entry)
    }

    /// The header's charset must be UTF-8: the file is read as UTF-8 whatever it says.
    mutating func checkHeader() {
        guard let header = entries.first(where: \.isHeader) else { return }
        let file = POFile(entries: [header])
        guard let type = file.headerField("Content-Type"), let range = type.range(of: "charset=") else { return }
        let charset = type[range.upperBound...].prefix { !$0.isWhitespace && $0 != ";" }
        let accepted = ["utf-8", "utf8"]
        guard !accepted.contains(charset.lowercased()) else { return }
        report(
            "the header says `charset=\(String(charset.prefix(40)))`; Regimen reads translation files as UTF-8",
            line: header.stringPosition.line, column: header.stringPosition.column, length: 6,
            help: "set `Content-Type: text/plain; charset=UTF-8` and save the file as UTF-8")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
