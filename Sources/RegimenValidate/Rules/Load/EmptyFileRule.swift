import RegimenDiagnostics

extension LoadStageRule {
    /// RG002: a file must hold a programme or a library, not nothing.
    public static let emptyFile = LoadStageRule(
        RuleDescriptor(
            code: "RG002", name: "empty-file", severity: .error,
            summary: "a file holds no document, or an empty one",
            explanation: """
                An empty file, or one holding only comments or a lone `---`, is neither a programme \
                nor a library file. It usually means a file was created and never filled in, or its \
                contents were lost when it was saved. Regimen reports it rather than skipping it, so \
                that a programme a patient relies on is never silently missing.

                Write the programme (it starts with `regimen: 1`) or the library file (it starts with \
                `regimen-library: 1`), or delete the file.
                """,
            triggering: [
                RuleExample(
                    """
                    ↓# Shoulder programme for frozen shoulder: to be written after the team meeting.
                    """),
                RuleExample(
                    """
                    ↓
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    # Shoulder programme for frozen shoulder.
                    regimen: 1
                    id: frozen-shoulder-early
                    title: Keeping your shoulder moving
                    red-flags:
                      - Your arm becomes hot, red and swollen, or you feel feverish
                    exercises:
                      pendulum:
                        name: Pendulum swings
                        steps: [Lean forward with your good hand on a table, Let the sore arm hang and swing it in small circles]
                    phases:
                      - id: early
                        weeks: 1-4
                        items:
                          - use: pendulum
                            dose: { duration: 1 min, frequency: 3 per day }
                    """)
            ]))
}
