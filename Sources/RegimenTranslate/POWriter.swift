/// Writes PO files the way gettext's own tools do (header first, one blank line between
/// entries, strings wrapped at 79 columns after spaces and after `\n`), so that a file
/// Regimen writes and msgmerge rewrites differ little, and so that reading a file Regimen
/// wrote and writing it again gives the same bytes.
public struct POWriter: Sendable {
    /// The widest line, in characters, that a string is wrapped to (as gettext's default).
    public var width: Int

    /// A writer wrapping at `width` columns.
    public init(width: Int = 79) {
        self.width = width
    }

    /// The text of `file`.
    public func write(_ file: POFile) -> String {
        file.entries.map(write).joined(separator: "\n")
    }

    /// The lines of one entry, each ending in a line break.
    public func write(_ entry: POEntry) -> String {
        var lines: [String] = []
        for comment in entry.translatorComments { lines.append(comment.isEmpty ? "#" : "# " + comment) }
        for comment in entry.extractedComments { lines.append(comment.isEmpty ? "#." : "#. " + comment) }
        var reference = ""
        for token in entry.references {
            if !reference.isEmpty, reference.count + 1 + token.count > width {
                lines.append(reference)
                reference = ""
            }
            reference += (reference.isEmpty ? "#: " : " ") + token
        }
        if !reference.isEmpty { lines.append(reference) }
        if !entry.flags.isEmpty { lines.append("#, " + entry.flags.joined(separator: ", ")) }
        let previous = entry.isObsolete ? "#~| " : "#| "
        if let context = entry.previousContext { lines += string("msgctxt", context, prefix: previous) }
        if let id = entry.previousID { lines += string("msgid", id, prefix: previous) }
        let prefix = entry.isObsolete ? "#~ " : ""
        if let context = entry.context { lines += string("msgctxt", context, prefix: prefix) }
        lines += string("msgid", entry.id, prefix: prefix)
        if let plural = entry.idPlural {
            lines += string("msgid_plural", plural, prefix: prefix)
            for (index, text) in entry.strings.enumerated() { lines += string("msgstr[\(index)]", text, prefix: prefix) }
        } else {
            lines += string("msgstr", entry.translation, prefix: prefix)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `keyword "text"`, on one line when it fits and has no line break inside; otherwise
    /// `keyword ""` and the text in quoted pieces, broken after each `\n` and after spaces.
    func string(_ keyword: String, _ text: String, prefix: String) -> [String] {
        let escaped = Self.escape(text)
        let newlineInside = text.dropLast().contains("\n")
        let single = prefix + keyword + " \"" + escaped + "\""
        if !newlineInside, single.count <= width { return [single] }
        var lines = [prefix + keyword + " \"\""]
        let room = max(8, width - prefix.count - 2)
        for piece in Self.pieces(text) {
            var line = ""
            for word in Self.words(piece) {
                let escapedWord = Self.escape(String(word))
                if !line.isEmpty, line.count + escapedWord.count > room {
                    lines.append(prefix + "\"" + line + "\"")
                    line = ""
                }
                line += escapedWord
            }
            if !line.isEmpty { lines.append(prefix + "\"" + line + "\"") }
        }
        return lines
    }

    /// `text` cut after each line break (the last piece may have none).
    static func pieces(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        for index in text.indices where text[index] == "\n" {
            let next = text.index(after: index)
            pieces.append(text[start..<next])
            start = next
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }

    /// `piece` cut after each run of spaces: the places gettext wraps at.
    static func words(_ piece: Substring) -> [Substring] {
        var words: [Substring] = []
        var start = piece.startIndex
        var index = piece.startIndex
        while index < piece.endIndex {
            let next = piece.index(after: index)
            if piece[index] == " ", next == piece.endIndex || piece[next] != " " {
                words.append(piece[start..<next])
                start = next
            }
            index = next
        }
        if start < piece.endIndex { words.append(piece[start...]) }
        return words
    }

    /// `text` as a C string's contents: quotes, backslashes and control characters escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let octal = String(scalar.value, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
