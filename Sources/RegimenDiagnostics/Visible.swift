/// The one escaping policy for text that came from input (keys, values, ids, paths, plugin text)
/// and is shown to people: on a terminal, in a CI log, in a report a person reads.
///
/// A character is *hidden* when a terminal or a log viewer would act on it, or when a reader
/// could not see it: C0 controls other than tab, DEL, C1 controls, every format character
/// (category Cf: the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, the
/// zero-width characters U+200B–U+200D, U+2060–U+2064, U+FEFF, the soft hyphen U+00AD, …) and
/// the line and paragraph separators U+2028 and U+2029. Each is shown as a Swift-style escape,
/// `\u{1B}`, so the reader sees what is there and nothing acts on it. Tab is kept: it moves the
/// cursor but can neither erase nor reorder what is shown, and excerpts keep it so that the caret
/// stays under the right column. A backslash is not escaped: `\u{1B}` in a message is always
/// either this escape or the same six characters typed in the input.
///
/// Separately, a line a GitHub Actions runner would read as a workflow command (one that starts,
/// after blanks, with `::`, or that holds the legacy `##[` anywhere) is defused by escaping one
/// of its characters: `commandsDefused` does that to whole text just before it is written.
public enum Visible {
    /// Whether `scalar` is hidden (see the type's description). Line feed is hidden here: callers
    /// that keep line breaks say so.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        case 0x20...0x7E: return false
        default: return scalar.properties.generalCategory == .format
        }
    }

    /// `text` on one line with every hidden character, line breaks included, as `\u{…}`.
    public static func escaped(_ text: String) -> String {
        escaped(text, keepingLineBreaks: false)
    }

    /// `text` with every hidden character as `\u{…}`, except line feeds (kept, so that text
    /// written over several lines on purpose still is), and with workflow commands defused.
    public static func lines(_ text: String) -> String {
        commandsDefused(escaped(text, keepingLineBreaks: true))
    }

    /// `text` with hidden characters as escapes; line feeds kept when `keepingLineBreaks`.
    public static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        // Most text has nothing to escape: return it as it is.
        guard text.unicodeScalars.contains(where: { isHidden($0) && !(keepingLineBreaks && $0 == "\n") }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar) && !(keepingLineBreaks && scalar == "\n") {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `\u{1B}`: the escape for one scalar.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
    }

    /// "U+001B ESCAPE", "U+202E RIGHT-TO-LEFT OVERRIDE", "U+0430 CYRILLIC SMALL LETTER A".
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        let name = scalar.properties.name ?? controlName(scalar)
        return name.map { "U+\(hex) \($0)" } ?? "U+\(hex)"
    }

    /// Names for the controls, which have none of their own in Unicode (only aliases).
    private static func controlName(_ scalar: Unicode.Scalar) -> String? {
        let c0 = [
            "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
            "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
            "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
            "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
            "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR",
        ]
        switch scalar.value {
        case 0x00...0x1F: return c0[Int(scalar.value)]
        case 0x7F: return "DELETE"
        case 0x85: return "NEXT LINE"
        case 0x90: return "DEVICE CONTROL STRING"
        case 0x9B: return "CONTROL SEQUENCE INTRODUCER"
        case 0x9C: return "STRING TERMINATOR"
        case 0x9D: return "OPERATING SYSTEM COMMAND"
        case 0x80...0x9F: return "CONTROL"
        default: return nil
        }
    }

    /// `text` with every line that GitHub Actions would read as a workflow command defused: a
    /// line whose first non-blank characters are `::` has its second colon written `\u{3A}`, and
    /// a legacy `##[` (read anywhere in a line) has its second `#` written `\u{23}`. Any other
    /// text comes back unchanged.
    public static func commandsDefused(_ text: String) -> String {
        commandsDefused(text, colon: "\\u{3A}", hash: "\\u{23}")
    }

    /// As `commandsDefused(_:)`, with the escapes of another format (`&#58;` in XML).
    public static func commandsDefused(_ text: String, colon: String, hash: String) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var lineStart = true
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if lineStart, scalar == ":", scalars.first == ":" {
                out += ":" + colon
                scalars = scalars.dropFirst()
                lineStart = false
                continue
            }
            if scalar == "#", scalars.first == "#", scalars.dropFirst().first == "[" {
                out += "#" + hash
                scalars = scalars.dropFirst()
                lineStart = false
                continue
            }
            out.unicodeScalars.append(scalar)
            // The runner splits lines at LF and CR, and trims blanks (any white space) before `::`.
            if scalar == "\n" || scalar == "\r" {
                lineStart = true
            } else if !scalar.properties.isWhitespace {
                lineStart = false
            }
        }
        return out
    }

    /// JSON text (as an encoder wrote it) made safe to print: hidden characters that JSON allows
    /// raw in strings (DEL, C1, format characters, U+2028, U+2029) written as `\uXXXX`, and
    /// `##[` as `#\u0023[`. These can occur only inside strings, so the value read back is the
    /// same.
    public static func jsonSafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { ($0.value >= 0x7F && isHidden($0)) }) || json.contains("##[") else {
            return json
        }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, isHidden(scalar) {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                }
            } else {
                out.append(scalar)
            }
        }
        return commandsDefused(String(out), colon: ":", hash: "\\u0023")
    }
}
