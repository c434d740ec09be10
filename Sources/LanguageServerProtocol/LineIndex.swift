/// A document's text split at the line ends LSP knows (LF, CR LF, CR), for turning positions into
/// places in the text and back in any position encoding.
public struct LineIndex: Sendable {
    /// The text.
    public let text: String
    /// Where each line starts (scalar-aligned indices of `text`).
    public let lineStarts: [String.Index]

    /// The lines of `text`.
    public init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "\n" {
                starts.append(next)
            } else if scalar == "\r" {
                if next < scalars.endIndex, scalars[next] == "\n" {
                    index = next
                    continue
                }
                starts.append(next)
            }
            index = next
        }
        lineStarts = starts
    }

    /// How many lines there are (text ending in a line break has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The end of line `line`'s text, before its line break.
    public func lineEnd(_ line: Int) -> String.Index {
        guard line + 1 < lineStarts.count else { return text.endIndex }
        var end = lineStarts[line + 1]
        let scalars = text.unicodeScalars
        if end > lineStarts[line] {
            end = scalars.index(before: end)
            if scalars[end] == "\n", end > lineStarts[line], scalars[scalars.index(before: end)] == "\r" {
                end = scalars.index(before: end)
            }
        }
        return end
    }

    /// The text of 0-based `line`, without its line break; empty past the end.
    public func line(_ line: Int) -> Substring {
        guard line >= 0, line < lineStarts.count else { return "" }
        return text[lineStarts[line]..<lineEnd(line)]
    }

    /// The place `position` names, clamped to its line (a position past the end of a line is
    /// its end; past the last line, the end of the text). A position inside a character that
    /// the encoding splits (half a surrogate pair) is the start of that character.
    public func index(of position: Position, encoding: PositionEncoding) -> String.Index {
        guard position.line >= 0 else { return text.startIndex }
        guard position.line < lineStarts.count else { return text.endIndex }
        let start = lineStarts[position.line]
        let end = lineEnd(position.line)
        var units = max(0, position.character)
        var index = start
        let scalars = text.unicodeScalars
        while index < end, units > 0 {
            let width = Self.width(scalars[index], encoding)
            if width > units { break }
            units -= width
            index = scalars.index(after: index)
        }
        return index
    }

    /// The position of `index` (a scalar-aligned index of `text`).
    public func position(of index: String.Index, encoding: PositionEncoding) -> Position {
        let index = min(max(index, text.startIndex), text.endIndex)
        // The last line starting at or before `index`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return Position(line: low, character: units(from: lineStarts[low], to: index, encoding: encoding))
    }

    /// The code units of `encoding` between two indices of `text`.
    public func units(from start: String.Index, to end: String.Index, encoding: PositionEncoding) -> Int {
        guard start < end else { return 0 }
        switch encoding {
        case .utf8: return text.utf8.distance(from: start, to: end)
        case .utf16: return text.utf16.distance(from: start, to: end)
        case .utf32: return text.unicodeScalars.distance(from: start, to: end)
        }
    }

    /// How many code units of `encoding` `scalar` takes.
    public static func width(_ scalar: Unicode.Scalar, _ encoding: PositionEncoding) -> Int {
        switch encoding {
        case .utf8: UTF8.width(scalar)
        case .utf16: UTF16.width(scalar)
        case .utf32: 1
        }
    }

    /// `text` with `change` applied (the whole text replaced when it has no range).
    public static func applying(_ change: TextDocumentContentChangeEvent, to text: String, encoding: PositionEncoding) -> String {
        guard let range = change.range else { return change.text }
        let lines = LineIndex(text)
        let start = lines.index(of: range.start, encoding: encoding)
        let end = max(start, lines.index(of: range.end, encoding: encoding))
        var result = String(text[..<start])
        result += change.text
        result += text[end...]
        return result
    }
}
