import RegimenDiagnostics

extension LoadStageRule {
    /// RG003: one programme (or library) per file.
    public static let multipleDocuments = LoadStageRule(
        RuleDescriptor(
            code: "RG003", name: "multiple-documents", severity: .error,
            summary: "a file holds more than one YAML document",
            explanation: """
                A `---` line starts a new YAML document, and Regimen reads one programme or library \
                per file. Two programmes pasted into one file would leave the second unchecked and \
                unprinted, and the patient without half of their exercises, so only the first is read \
                and the rest is reported.

                Move each programme to a file of its own, or remove the `---` line and what follows \
                it. A `---` at the very top of a file, before anything else, is fine.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: tennis-elbow
                    title: Easing tennis elbow
                    red-flags:
                      - Your elbow is hot and swollen, or you cannot bend or straighten it
                    exercises:
                      wrist-extensor-stretch:
                        name: Wrist stretch
                        steps: [Hold your arm out straight with the palm down, Gently bend the wrist down with the other hand]
                    phases:
                      - id: settle
                        weeks: 1-3
                        items:
                          - use: wrist-extensor-stretch
                            dose: { sets: 3, hold: 30s }
                    ↓---
                    regimen: 1
                    id: golfers-elbow
                    title: Easing golfer's elbow
                    phases: []
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    ---
                    regimen: 1
                    id: tennis-elbow
                    title: Easing tennis elbow
                    red-flags:
                      - Your elbow is hot and swollen, or you cannot bend or straighten it
                    exercises:
                      wrist-extensor-stretch:
                        name: Wrist stretch
                        steps: [Hold your arm out straight with the palm down, Gently bend the wrist down with the other hand]
                    phases:
                      - id: settle
                        weeks: 1-3
                        items:
                          - use: wrist-extensor-stretch
                            dose: { sets: 3, hold: 30s }
                    """)
            ]))
}
