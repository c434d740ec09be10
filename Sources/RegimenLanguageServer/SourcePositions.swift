import LanguageServerProtocol
import RegimenDiagnostics

/// Turns Regimen's positions (1-based lines split where YAML splits them, 1-based columns in
/// Unicode scalars) into LSP positions (0-based lines split at LF, CR LF and CR, 0-based
/// characters in the negotiated encoding), for one text.
struct SourcePositions {
    /// The text's LSP lines.
    let lines: LineIndex
    /// Where each YAML line starts.
    private let yamlLineStarts: [String.Index]

    /// The positions of `text`.
    init(_ text: String) {
        lines = LineIndex(text)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        // A leading byte-order mark is not part of line 1 (as `SourceFile` counts).
        if index < scalars.endIndex, scalars[index] == "\u{FEFF}" { index = scalars.index(after: index) }
        var starts = [index]
        while index < scalars.endIndex {
            let scalar = scalars[index]
            var next = scalars.index(after: index)
            switch scalar {
            case "\r":
                if next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                starts.append(next)
            case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                starts.append(next)
            default: break
            }
            index = next
        }
        yamlLineStarts = starts
    }

    /// The place in the text of `position`, clamped to its line.
    func index(of position: SourcePosition) -> String.Index {
        let text = lines.text
        guard position.line >= 1 else { return text.startIndex }
        guard position.line <= yamlLineStarts.count else { return text.endIndex }
        let scalars = text.unicodeScalars
        let lineEnd = position.line < yamlLineStarts.count ? yamlLineStarts[position.line] : text.endIndex
        var index = yamlLineStarts[position.line - 1]
        var column = 1
        while column < position.column, index < lineEnd {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" { break }
            index = scalars.index(after: index)
            column += 1
        }
        return index
    }

    /// `position` as an LSP position in `encoding`.
    func position(_ position: SourcePosition, encoding: PositionEncoding) -> Position {
        lines.position(of: index(of: position), encoding: encoding)
    }

    /// `range` as an LSP range in `encoding`.
    func range(_ range: SourceRange, encoding: PositionEncoding) -> LSPRange {
        LSPRange(start: position(range.start, encoding: encoding), end: position(range.end, encoding: encoding))
    }
}
