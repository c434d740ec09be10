import RegimenDiagnostics

extension LoadStageRule {
    /// RG005: a key may appear once in each mapping.
    public static let duplicateKey = LoadStageRule(
        RuleDescriptor(
            code: "RG005", name: "duplicate-key", severity: .error,
            summary: "a key appears twice in one mapping",
            explanation: """
                When a key appears twice in the same mapping, YAML tools disagree about which value \
                counts: some take the first, some the last, some refuse the file. A dose with two \
                `reps:` lines, or an exercise defined twice under the same id, could then print one \
                thing on the handout and mean another in the clinician's head. Regimen reads only the \
                first and reports the second, with a note pointing at the first.

                Keep one of them: merge the two, or rename one (for exercises, give each its own id).
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: patellofemoral-pain
                    title: Easing pain at the front of the knee
                    red-flags:
                      - Your knee locks, gives way, or swells up quickly
                    exercises:
                      wall-squat:
                        name: Wall squat
                        steps: [Stand with your back against a wall, Slide down until your knees are slightly bent, Slide back up]
                    phases:
                      - id: load
                        weeks: 1-6
                        items:
                          - use: wall-squat
                            dose:
                              sets: 3
                              reps: 10
                              ↓reps: 12
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: patellofemoral-pain
                    title: Easing pain at the front of the knee
                    red-flags:
                      - Your knee locks, gives way, or swells up quickly
                    exercises:
                      wall-squat:
                        name: Wall squat
                        steps: [Stand with your back against a wall, Slide down until your knees are slightly bent, Slide back up]
                    phases:
                      - id: load
                        weeks: 1-6
                        items:
                          - use: wall-squat
                            dose:
                              sets: 3
                              reps: 10
                    """)
            ]))
}
