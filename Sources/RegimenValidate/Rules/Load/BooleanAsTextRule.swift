import RegimenDiagnostics

extension LoadStageRule {
    /// RG006: a plain `yes`, `no`, `on` or `off` means true or false to many YAML tools.
    public static let booleanAsText = LoadStageRule(
        RuleDescriptor(
            code: "RG006", name: "boolean-as-text", severity: .warning,
            summary: "a plain yes, no, on, off, true or false where text is expected",
            explanation: """
                In older YAML, and in many tools still in use, the plain words `yes`, `no`, `on`, \
                `off`, `y` and `n` mean true and false. Regimen reads them as the words written, but \
                a spreadsheet export, an editor plug-in or another clinic's tool may turn \
                `supervision: no` into `false`, and the meaning is lost on the way to the patient.

                Quote the word (`"no"`) if you mean the word, or better, say it in full \
                (`supervision: unsupervised`).
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: plantar-heel-pain
                    title: Easing heel pain
                    delivery:
                      setting: home
                      supervision: ↓no
                    red-flags:
                      - Your heel is hot, red and swollen, or you cannot put weight on it
                    exercises:
                      calf-stretch:
                        name: Calf stretch against a wall
                        steps: [Stand facing a wall with the sore foot behind, Lean forward keeping the back heel down]
                    phases:
                      - id: stretch
                        weeks: 1-4
                        items:
                          - use: calf-stretch
                            dose: { sets: 3, hold: 30s, frequency: 2 per day }
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: plantar-heel-pain
                    title: Easing heel pain
                    delivery:
                      setting: home
                      supervision: unsupervised
                    red-flags:
                      - Your heel is hot, red and swollen, or you cannot put weight on it
                    exercises:
                      calf-stretch:
                        name: Calf stretch against a wall
                        steps: [Stand facing a wall with the sore foot behind, Lean forward keeping the back heel down]
                    phases:
                      - id: stretch
                        weeks: 1-4
                        items:
                          - use: calf-stretch
                            dose: { sets: 3, hold: 30s, frequency: 2 per day }
                    """)
            ]))
}
