import RegimenDiagnostics

extension LoadStageRule {
    /// RG009: plain text followed by `#word` on its line, which YAML reads as a comment.
    public static let textCutByComment = LoadStageRule(
        RuleDescriptor(
            code: "RG009", name: "text-cut-by-comment", severity: .warning,
            summary: "text that YAML cut short at a `#`, reading the rest of the line as a comment",
            explanation: """
                In YAML, a space followed by `#` starts a comment, even in the middle of a sentence. \
                `title: Back class #2` gives the title "Back class", and `- Repeat on the other \
                side #important` loses its last word; nothing in the file looks wrong, and the \
                handout quietly says less than was written.

                Regimen warns when a text is followed on its line by `#` and a word with no space \
                between them (`#2`, `#important`), which is how text reads and comments rarely do. \
                Put the whole text in quotes to keep the `#` (`title: "Back class #2"`); a comment \
                meant as one is written with a space after the `#` (`# check at week 4`).
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: back-class
                    title: ↓Back class #2
                    red-flags: [Numbness between your legs, or trouble passing urine]
                    exercises:
                      knee-rocks:
                        name: Knee rocks
                        steps: [Lie on your back with your knees bent, Let your knees rock gently side to side]
                    phases:
                      - id: start
                        weeks: 1-2
                        items:
                          - use: knee-rocks
                            dose: { sets: 2, reps: 10 }
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: back-class
                    title: "Back class #2"
                    red-flags: [Numbness between your legs, or trouble passing urine]
                    exercises:
                      knee-rocks:
                        name: Knee rocks  # check the name with the class leader
                        steps: [Lie on your back with your knees bent, Let your knees rock gently side to side]
                    phases:
                      - id: start
                        weeks: 1-2
                        items:
                          - use: knee-rocks
                            dose: { sets: 2, reps: 10 }
                    """)
            ]))
}
