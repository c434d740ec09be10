import RegimenDiagnostics

extension LoadStageRule {
    /// RG107: text must not hold control characters (escapes, bidi controls).
    public static let controlCharacter = LoadStageRule(
        RuleDescriptor(
            code: "RG107", name: "control-character", severity: .error,
            summary: "text that holds a control character: a terminal escape, a bidi control, a line separator",
            explanation: """
                YAML lets a double-quoted value spell any character as an escape: `"\\e[31m"` is \
                the escape that turns a terminal red, `"\\u202E"` the right-to-left override that \
                shows the text after it backwards, `"\\r"` a carriage return that lets later text \
                overwrite earlier text. Such a character is not text a patient can read: on a \
                handout, in a terminal or in a CI log it is acted on, not shown, and it can make \
                a line say something other than what the file says. Every text value (titles, \
                steps, cues, red flags, notes, labels) is checked, in programmes, libraries, patient \
                profiles and vocabulary files; the message names the character and where it is.

                Tabs and the line breaks of a block scalar (`|`) are text. Zero-width characters \
                and the soft hyphen are allowed in text (some scripts need them), and are shown as \
                `\\u{200B}`-style escapes wherever Regimen prints input. Remove the character; \
                write line breaks in a block scalar.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: ↓"Keeping your hip \\e[31mstrong"
                    red-flags:
                      - Sudden severe hip pain after a fall, or you cannot take weight on the leg
                    phases:
                      - id: build
                        weeks: 1-6
                        items: []
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: Keeping your hip strong
                    red-flags:
                      - ↓"Call us if \\u202Eniap ereves"
                    phases:
                      - id: build
                        weeks: 1-6
                        items: []
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: "Keeping your hip strong\\tat home"
                    red-flags:
                      - |
                        Sudden severe hip pain after a fall,
                        or you cannot take weight on the leg
                    phases:
                      - id: build
                        weeks: 1-6
                        items: []
                    """)
            ]))
}
