import RegimenDiagnostics

/// RG107: text that holds a control character. YAML lets a double-quoted value spell any
/// character as an escape (`"\e[31m"`, `"\u202E"`), and a raw bidi control is printable as far as
/// YAML is concerned; either would reach a handout, a terminal or a log and act there (colour,
/// cursor moves, text shown in another order). Line feeds (block scalars) and tabs are text.
public enum ControlCharacters {
    /// Whether `scalar` is a control character in text: a C0 control other than tab and line
    /// feed, DEL, a C1 control, a bidi control (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069), or the line and paragraph separators U+2028, U+2029. Zero-width
    /// characters and the soft hyphen are not: scripts and emoji use them; output shows them
    /// as escapes (`Visible`).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The RG107 finding for the text value `text` at `range`, or nil when it holds no control
    /// character. It names the first one and where it is, and counts the rest.
    public static func finding(in text: String, at range: SourceRange) -> Diagnostic? {
        // Most values are plain ASCII text: a quick pass first.
        guard text.unicodeScalars.contains(where: isControl) else { return nil }
        var first: (scalar: Unicode.Scalar, position: Int)?
        var count = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            if first == nil { first = (scalar, offset + 1) }
            count += 1
        }
        guard let first else { return nil }
        let shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(80))) + (text.unicodeScalars.count > 80 ? "…" : "")
        let others = count > 1 ? " (and \(count - 1) more)" : ""
        return Diagnostic(
            code: LoadCode.controlCharacter, severity: .error,
            message: "text `\(Visible.escaped(shown))` holds the control character \(Visible.describe(first.scalar)) "
                + "at character \(first.position)\(others)",
            range: range,
            help: "remove it: a terminal, a log or a handout would act on it rather than show it; "
                + "write line breaks in a block scalar (`|`)")
    }
}
