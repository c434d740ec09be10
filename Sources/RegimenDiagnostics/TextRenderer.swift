/// Shows diagnostics the way compilers do: a header, the place, the source line with a caret
/// under the span, then help and notes.
///
/// ```text
/// error[RG102]: unknown key `dosage` in an item
///   --> programmes/back.yaml:12:9
///    |
/// 12 |         dosage: { sets: 3 }
///    |         ^^^^^^
///    = help: did you mean `dose`?
/// ```
///
/// Everything that came from input (the message, paths, the excerpt, help and notes) is shown
/// through `Visible`: control, bidi and invisible characters appear as `\u{1B}`-style escapes,
/// the caret stays under the escaped columns, and no line can begin a workflow command.
public struct TextRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes (only ever on a terminal).
    public var colour: Bool

    /// A renderer; `colour` adds ANSI escapes.
    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// The text for `diagnostic`, with excerpts taken from `sources`; ends with a newline.
    public func render(_ diagnostic: Diagnostic, sources: SourceMap) -> String {
        render(diagnostic, sources: sources, lines: Lines())
    }

    /// Source lines as scalars, each split once however many findings point into it: a
    /// hostile file can hold one very long line with thousands of findings on it.
    private final class Lines {
        private var file = ""
        private var cache: [Int: [Unicode.Scalar]] = [:]

        func scalars(_ range: SourceRange, _ sources: SourceMap) -> [Unicode.Scalar]? {
            if range.file != file {
                file = range.file
                cache = [:]
            }
            if let known = cache[range.start.line] { return known }
            guard let line = sources[range.file]?.line(range.start.line) else { return nil }
            let scalars = Array(line.unicodeScalars)
            cache[range.start.line] = scalars
            return scalars
        }
    }

    private func render(_ diagnostic: Diagnostic, sources: SourceMap, lines: Lines) -> String {
        var out = ""
        let label = paint(diagnostic.severity.rawValue, diagnostic.severity.style)
        out +=
            "\(label)\(paint("[\(Visible.escaped(diagnostic.code))]", diagnostic.severity.style)): \(paint(Visible.escaped(diagnostic.message), .bold))\n"
        let gutter = gutterWidth(diagnostic)
        out += excerpt(diagnostic.range, sources: sources, lines: lines, gutter: gutter, style: diagnostic.severity.style)
        if let help = diagnostic.help {
            out += "\(pad(gutter)) = \(paint("help", .help)): \(Visible.escaped(help))\n"
        }
        for note in diagnostic.notes {
            if let range = note.range {
                out += "\(paint("note", .help)): \(Visible.escaped(note.message))\n"
                out += excerpt(range, sources: sources, lines: lines, gutter: gutter, style: .help)
            } else {
                out += "\(pad(gutter)) = \(paint("note", .help)): \(Visible.escaped(note.message))\n"
            }
        }
        // A final guard: whatever slipped through, no line of the report is a workflow command.
        return Visible.commandsDefused(out)
    }

    /// The text for all of `diagnostics`, separated by blank lines.
    public func render(_ diagnostics: [Diagnostic], sources: SourceMap) -> String {
        let lines = Lines()
        return diagnostics.map { render($0, sources: sources, lines: lines) }.joined(separator: "\n")
    }

    private func gutterWidth(_ diagnostic: Diagnostic) -> Int {
        let lines = [diagnostic.range.start.line] + diagnostic.notes.compactMap { $0.range?.start.line }
        return String(lines.max() ?? 1).count
    }

    private func excerpt(_ range: SourceRange, sources: SourceMap, lines: Lines, gutter: Int, style: Style) -> String {
        var out = "\(pad(gutter))\(paint("-->", .gutter)) \(Visible.escaped(range.file)):\(range.start.line):\(range.start.column)\n"
        guard let scalars = lines.scalars(range, sources) else { return out }
        // Very long lines (minified or hostile files) are cut around the span.
        let window = 160
        let startIndex = max(0, min(range.start.column - 1, scalars.count))
        let first = startIndex > window / 2 ? startIndex - window / 2 : 0
        let last = min(scalars.count, first + window)
        var shown = Visible.escaped(String(String.UnicodeScalarView(scalars[first..<last])))
        if first > 0 { shown = "…" + shown }
        if last < scalars.count { shown += "…" }
        let lineNumber = String(range.start.line)
        out += "\(pad(gutter)) \(paint("|", .gutter))\n"
        out += "\(paint(lineNumber + pad(gutter - lineNumber.count), .gutter)) \(paint("|", .gutter)) \(shown)\n"
        // Keep tabs under tabs so the caret lines up whatever the tab width, and a hidden
        // character's escape under as many spaces (or carets) as it takes.
        var indent = first > 0 ? " " : ""
        for scalar in scalars[first..<startIndex] {
            if scalar == "\t" {
                indent += "\t"
            } else {
                indent += pad(Visible.isHidden(scalar) ? Visible.escape(scalar).count : 1)
            }
        }
        let endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        let endIndex = max(startIndex, min(endColumn - 1, last))
        let width = max(1, scalars[startIndex..<endIndex].reduce(0) { $0 + (Visible.isHidden($1) ? Visible.escape($1).count : 1) })
        out += "\(pad(gutter)) \(paint("|", .gutter)) \(indent)\(paint(String(repeating: "^", count: width), style))\n"
        return out
    }

    private func pad(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    enum Style {
        case error, warning, note, help, bold, gutter

        var code: String {
            switch self {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .note: "\u{1B}[1;36m"
            case .help: "\u{1B}[1;36m"
            case .bold: "\u{1B}[1m"
            case .gutter: "\u{1B}[1;34m"
            }
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colour ? style.code + text + "\u{1B}[0m" : text
    }
}

extension Severity {
    var style: TextRenderer.Style {
        switch self {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }
}
