import RegimenDiagnostics

extension LoadStageRule {
    /// RG502: a suppression is a justified exception, so it must say why.
    public static let invalidSuppression = LoadStageRule(
        RuleDescriptor(
            code: Suppressions.invalidCode, name: "invalid-suppression", severity: .error,
            summary: "a suppression comment that gives no reason, names no rule code, or is misspelt",
            explanation: """
                `# regimen-disable-next-line CODE: reason` on a line of its own drops the findings of \
                CODE that start on the next line that is neither blank nor a comment. Several codes \
                are separated by commas. It is for the exception a clinician has thought about (a \
                prolonged stretch longer than the usual bounds, a movement the surgeon allows early), \
                so the reason after the colon is required: it tells whoever reads the programme next \
                why the rule does not apply here.

                A suppression without a reason, without a code, with codes not separated by commas, \
                or with a misspelt directive suppresses nothing, and is reported. Add the reason, or \
                correct the comment. Only a line whose first character other than spaces is `#` is \
                read as a comment, so a `#` inside quoted text is never a suppression.

                The screening codes (RG301–RG304: an exercise contraindicated or needing care for \
                this patient, a patient the programme excludes, a side not known) cannot be \
                suppressed: they say what is unsafe for one patient, and a programme is shared by \
                many. A suppression naming one is reported, and the finding stands.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang
                            ↓# regimen-disable-next-line RG203
                            dose: { sets: 1, hold: 5 min }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang
                            # regimen-disable-next-line ↓RG203 RG212: a prolonged low-load stretch, as the surgeon prescribed
                            dose: { sets: 1, hold: 5 min }
                          ↓# regimen-disable-line RG203: a prolonged low-load stretch, as the surgeon prescribed
                          - use: prone-hang
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          # regimen-disable-next-line ↓RG301: the surgeon says it is fine
                          - use: prone-hang
                            dose: { sets: 1, hold: 5 min }
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang
                            # regimen-disable-next-line RG203: a prolonged low-load stretch, as the surgeon prescribed
                            dose: { sets: 1, hold: 10 min }
                    """)
            ]))
}
