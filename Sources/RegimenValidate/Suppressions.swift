import Foundation
import RegimenDiagnostics
import RegimenLoad

/// Justified exceptions written in the files themselves:
///
/// ```yaml
/// # regimen-disable-next-line RG204, RG209: the surgeon allows deep flexion from week 3
/// - use: deep-squat
/// ```
///
/// A suppression drops the findings of the codes it names whose range starts on the next line
/// that is neither blank nor a comment, in the same file. It needs a reason after the colon:
/// without one it suppresses nothing and is reported (RG502), as is a code it names that has
/// nothing to suppress there (RG503).
///
/// A comment is a line whose first character other than spaces and tabs is `#`. A `#` after
/// other text on a line is not looked at, so a `#` inside a quoted string is never read as a
/// suppression; nor is a line inside a multi-line string (a `|` or `>` block, or a quoted string
/// that continues over lines) that happens to start with `#`.
public enum Suppressions {
    /// The word that starts a suppression comment.
    public static let directive = "regimen-disable-next-line"

    /// The code of a suppression without a reason or a code, or a misspelt directive.
    public static let invalidCode = "RG502"
    /// The code of a suppression that has nothing to suppress.
    public static let unusedCode = "RG503"

    /// `diagnostics` without the findings suppressed in `sources`, with findings about the
    /// suppressions themselves, in presentation order. Call it once, after every finding of the
    /// run is in: a suppression is unused only if nothing in the run matched it.
    public static func apply(to diagnostics: [Diagnostic], sources: [SourceFile], unsuppressible: Set<String> = []) -> [Diagnostic] {
        var comments = Comments()
        for source in sources { comments.scan(source) }
        return apply(to: diagnostics, comments: comments, unsuppressible: unsuppressible)
    }

    /// The suppression comments of the files read so far, and the problems with them: gathered
    /// file by file (`scan`), so that the files need not be kept until every finding is known.
    public struct Comments: Sendable {
        var suppressions: [Suppression] = []
        var problems: [Diagnostic] = []
        /// The files that hold a suppression comment, well written or not.
        public private(set) var files: Set<String> = []

        /// None yet.
        public init() {}

        /// Adds the comments of `source`.
        public mutating func scan(_ source: SourceFile) {
            let (found, problems) = Suppressions.scan(source)
            guard !found.isEmpty || !problems.isEmpty else { return }
            suppressions += found
            self.problems += problems
            files.insert(source.path)
        }
    }

    /// `diagnostics` less those that `comments` suppress, with findings about the comments
    /// themselves, in presentation order. The codes in `unsuppressible` (the screening rules':
    /// what is unsafe for a given patient is decided for each patient, never by a comment in a
    /// programme that many patients share) are never suppressed; a comment naming one is RG502.
    public static func apply(to diagnostics: [Diagnostic], comments: Comments, unsuppressible: Set<String> = []) -> [Diagnostic] {
        var suppressions: [Suppression] = []
        var findings = comments.problems
        for suppression in comments.suppressions {
            guard unsuppressible.contains(suppression.code.value) else {
                suppressions.append(suppression)
                continue
            }
            findings.append(
                Diagnostic(
                    code: invalidCode, severity: .error, message: "\(suppression.code.value) cannot be suppressed",
                    range: suppression.code.range,
                    help: "it says what is unsafe for a particular patient, which a comment in the programme cannot decide "
                        + "for every patient: change the programme, or give this patient a programme without the exercise",
                    origin: "invalid-suppression"))
        }
        guard !suppressions.isEmpty || !findings.isEmpty else { return diagnostics }
        // Every step is a table lookup, so that a file of many suppressions stays linear.
        var byTarget: [Target: [Int]] = [:]
        for (index, suppression) in suppressions.enumerated() {
            guard let line = suppression.targetLine else { continue }
            byTarget[Target(file: suppression.file, line: line, code: suppression.code.value), default: []].append(index)
        }
        var used = Set<Int>()
        var reported: [Line: Set<String>] = [:]
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let code = diagnostic.code.uppercased()
            let line = Line(file: diagnostic.range.file, line: diagnostic.range.start.line)
            reported[line, default: []].insert(code)
            if let indices = byTarget[Target(file: line.file, line: line.line, code: code)] {
                used.formUnion(indices)
            } else {
                kept.append(diagnostic)
            }
        }
        // The codes other suppressions of the same line take care of are no hint for an unused one.
        var covered: [Line: Set<String>] = [:]
        for index in used {
            let suppression = suppressions[index]
            if let line = suppression.targetLine {
                covered[Line(file: suppression.file, line: line), default: []].insert(suppression.code.value)
            }
        }
        for (index, suppression) in suppressions.enumerated() where !used.contains(index) {
            let line = suppression.targetLine.map { Line(file: suppression.file, line: $0) }
            let there = line.map { (reported[$0] ?? []).subtracting(covered[$0] ?? []) } ?? []
            findings.append(unused(suppression, reported: there))
        }
        return (kept + findings).sorted(by: Diagnostic.presentationOrder)
    }

    // MARK: Reading the comments

    /// One code of one suppression comment.
    struct Suppression: Sendable {
        let file: String
        /// The code as written, upper-cased, where it is written.
        let code: Located<String>
        /// The line whose findings it suppresses; nil when only blank lines and comments follow.
        let targetLine: Int?
    }

    struct Target: Hashable {
        let file: String
        let line: Int
        let code: String
    }

    struct Line: Hashable {
        let file: String
        let line: Int
    }

    /// The suppressions in `source`, and findings about the ones that are not valid.
    static func scan(_ source: SourceFile) -> ([Suppression], [Diagnostic]) {
        // Cheap test first: most files have no suppression at all.
        guard source.contains("regimen-disable") else { return ([], []) }
        let lines = source.lines
        let strings = MultiLineStrings(source, lines: lines)
        let comments: [Comment?] = lines.enumerated().map { index, line in
            Comment(line).flatMap { strings.contains(SourcePosition(line: index + 1, column: $0.column)) ? nil : $0 }
        }
        // For each line, the first line after it that is neither blank nor a comment.
        var nextCodeLine = [Int?](repeating: nil, count: lines.count + 1)
        if lines.count >= 2 {
            for index in stride(from: lines.count - 2, through: 0, by: -1) {
                let following = index + 1
                let isCode = comments[following] == nil && !lines[following].allSatisfy { $0 == " " || $0 == "\t" }
                nextCodeLine[index] = isCode ? following + 1 : nextCodeLine[following]
            }
        }
        var suppressions: [Suppression] = []
        var problems: [Diagnostic] = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard let comment = comments[index] else { continue }
            let words = comment.body.unicodeScalars
            let word = String(String.UnicodeScalarView(words.prefix { !$0.properties.isWhitespace && $0 != ":" }))
            guard word.hasPrefix("regimen-disable") else { continue }
            let whole = SourceRange(
                file: source.path, start: SourcePosition(line: number, column: comment.column),
                end: SourcePosition(line: number, column: line.unicodeScalars.count + 1))
            guard word == directive else {
                problems.append(
                    Diagnostic(
                        code: invalidCode, severity: .error, message: "`\(word)` is not a suppression", range: whole,
                        help: "write `# \(directive) CODE: reason`; Regimen has no other suppression comment",
                        origin: "invalid-suppression"))
                continue
            }
            let restColumn = comment.bodyColumn + word.unicodeScalars.count
            let rest = String(String.UnicodeScalarView(words.dropFirst(word.unicodeScalars.count)))
            let (codesText, reason) = split(rest)
            let codes = parseCodes(codesText, line: number, column: restColumn, file: source.path)
            if codes.isEmpty {
                problems.append(
                    Diagnostic(
                        code: invalidCode, severity: .error, message: "suppression names no rule code", range: whole,
                        help: "name the codes it suppresses, then say why: `# \(directive) RG204: the surgeon allows it`",
                        origin: "invalid-suppression"))
                continue
            }
            if let bad = codes.first(where: { !isCode($0.value) }) {
                let help =
                    bad.value.contains(where: \.isWhitespace)
                    ? "separate codes with commas, and put the reason after a colon: `# \(directive) RG204, RG209: why`"
                    : "name rule codes such as `RG204` (`regimen explain` lists them)"
                problems.append(
                    Diagnostic(
                        code: invalidCode, severity: .error, message: "`\(bad.value)` is not a rule code", range: bad.range,
                        help: help, origin: "invalid-suppression"))
                continue
            }
            guard let reason, !reason.isEmpty else {
                let names = codes.map(\.value).joined(separator: ", ")
                problems.append(
                    Diagnostic(
                        code: invalidCode, severity: .error, message: "suppression of \(names) gives no reason", range: whole,
                        help: "say why after a colon, for whoever reads the programme next: `# \(directive) \(names): the reason`",
                        origin: "invalid-suppression"))
                continue
            }
            let target = nextCodeLine[index]
            for code in codes {
                suppressions.append(
                    Suppression(file: source.path, code: Located(code.value.uppercased(), at: code.range), targetLine: target))
            }
        }
        return (suppressions, problems)
    }

    /// The codes part and the reason of what follows the directive (`nil` reason: no colon).
    private static func split(_ rest: String) -> (codes: String, reason: String?) {
        guard let colon = rest.firstIndex(of: ":") else { return (rest, nil) }
        let reason = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(rest[..<colon]), reason)
    }

    /// The comma-separated codes in `text`, which starts at `column` of `line`, with their places.
    private static func parseCodes(_ text: String, line: Int, column: Int, file: String) -> [Located<String>] {
        var codes: [Located<String>] = []
        var current = ""
        var start = column
        var position = column
        func finish() {
            let trimmedStart = current.unicodeScalars.prefix { $0.properties.isWhitespace }.count
            let trimmed = current.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty {
                let first = start + trimmedStart
                codes.append(
                    Located(
                        trimmed,
                        at: SourceRange(
                            file: file, start: SourcePosition(line: line, column: first),
                            end: SourcePosition(line: line, column: first + trimmed.unicodeScalars.count))))
            }
        }
        for scalar in text.unicodeScalars {
            if scalar == "," {
                finish()
                current = ""
                start = position + 1
            } else {
                current.unicodeScalars.append(scalar)
            }
            position += 1
        }
        finish()
        return codes
    }

    /// Whether `text` looks like a rule code: letters then digits, such as `RG204` (plugins
    /// choose their own letters).
    private static func isCode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let letters = scalars.prefix { $0.properties.isAlphabetic && $0.isASCII }.count
        let digits = scalars.count - letters
        return letters >= 1 && digits >= 1 && scalars[letters...].allSatisfy { $0.isASCII && $0.properties.numericType != nil }
    }

    /// The finding for an unused suppression; `reported` are the codes its line reports.
    private static func unused(_ suppression: Suppression, reported: Set<String>) -> Diagnostic {
        let code = suppression.code.value
        guard let line = suppression.targetLine else {
            return Diagnostic(
                code: unusedCode, severity: .warning, message: "suppression of \(code) has no line to apply to",
                range: suppression.code.range, help: "put the comment on the line just before the finding it suppresses",
                origin: "unused-suppression")
        }
        let there = reported.sorted()
        var help = "remove it, or move it to the line before the finding it suppresses"
        if let closest = Suggestions.closest(to: code, in: there) ?? (there.count == 1 ? there.first : nil) {
            help = "line \(line) reports \(closest); did you mean `\(closest)`?"
        } else if !there.isEmpty {
            help = "line \(line) reports " + there.joined(separator: ", ") + "; " + help
        }
        return Diagnostic(
            code: unusedCode, severity: .warning, message: "suppression of \(code) is unused: line \(line) reports no \(code)",
            range: suppression.code.range, help: help, origin: "unused-suppression")
    }
}

/// A comment line: one whose first character other than spaces and tabs is `#`.
private struct Comment {
    /// The 1-based column of the `#`.
    let column: Int
    /// What follows the `#` and any spaces after it.
    let body: String
    /// The 1-based column `body` starts at.
    let bodyColumn: Int

    init?(_ line: String) {
        let scalars = line.unicodeScalars
        let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
        guard scalars.dropFirst(indent).first == "#" else { return nil }
        let afterHash = scalars.dropFirst(indent + 1)
        let spaces = afterHash.prefix { $0 == " " || $0 == "\t" }.count
        column = indent + 1
        bodyColumn = indent + 2 + spaces
        body = String(String.UnicodeScalarView(afterHash.dropFirst(spaces)))
    }
}

/// The strings of a file that span lines, where a line starting with `#` is text, not a
/// comment. Found by parsing the file again (only files that hold a suppression are); a file
/// that cannot be parsed within the default limits has none.
private struct MultiLineStrings {
    /// Lines wholly inside a string (neither its first nor its last).
    private var inner = Set<Int>()
    /// For a string's last line, the column its end is at.
    private var lastLineEnd: [Int: Int] = [:]

    init(_ source: SourceFile, lines: [String]) {
        var collector = DiagnosticCollector()
        let text = lines.joined(separator: "\n")
        guard let root = YAMLParser().parse(Array(text.utf8), path: source.path, diagnostics: &collector).root else { return }
        var stack = [root]
        while let node = stack.popLast() {
            switch node.content {
            case .scalar:
                let range = node.range
                guard range.end.line > range.start.line else { continue }
                // Strings do not overlap, so these sets together are at most the file's lines.
                if range.end.line - range.start.line > 1 { inner.formUnion(range.start.line + 1..<range.end.line) }
                lastLineEnd[range.end.line] = max(lastLineEnd[range.end.line] ?? 0, range.end.column)
            case .sequence(let items):
                stack += items
            case .mapping(let pairs):
                for pair in pairs { stack += [pair.key, pair.value] }
            }
        }
    }

    /// Whether `position`, the first character other than spaces on its line, is inside one of
    /// the strings. (A string that starts on that line would start at or after it.)
    func contains(_ position: SourcePosition) -> Bool {
        inner.contains(position.line) || (lastLineEnd[position.line].map { position.column < $0 } ?? false)
    }
}
