import RegimenDiagnostics

extension LoadStageRule {
    /// RG104: times, frequencies, loads, intensities, tempos and weeks must be readable.
    public static let invalidQuantity = LoadStageRule(
        RuleDescriptor(
            code: "RG104", name: "invalid-quantity", severity: .error,
            summary: "a time, frequency, load, intensity, tempo or week range that cannot be read",
            explanation: """
                Quantities are written the way clinicians write them (`30s`, `1 min 30 s`, \
                `2 per day`, `5 kg`, `RPE 6`, `3-1-3`, `1-2`), and Regimen turns each into a value it \
                can check and print in plain words. A quantity it cannot read would have to be \
                guessed at, and a guess is not good enough for a dose: `hold: 30` could be seconds or \
                minutes. Weeks must also fall within the programme's limit (104 unless raised).

                Write the quantity in one of the accepted forms listed in the help line; most often \
                it needs a unit.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: low-back-pain-early
                    title: Moving again with low back pain
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      knee-hug:
                        name: Knee hug
                        steps: [Lie on your back, Bring both knees towards your chest and hold them]
                    phases:
                      - id: settle
                        weeks: 1-2
                        items:
                          - use: knee-hug
                            dose: { sets: 3, hold: ↓30 }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: low-back-pain-early
                    title: Moving again with low back pain
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      knee-hug:
                        name: Knee hug
                        steps: [Lie on your back, Bring both knees towards your chest and hold them]
                    phases:
                      - id: settle
                        weeks: ↓2-1
                        sessions: 2 per day
                        items:
                          - use: knee-hug
                            dose: { sets: 3, hold: 30s }
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: low-back-pain-early
                    title: Moving again with low back pain
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      knee-hug:
                        name: Knee hug
                        steps: [Lie on your back, Bring both knees towards your chest and hold them]
                    phases:
                      - id: settle
                        weeks: 1-2
                        sessions: 2 per day
                        items:
                          - use: knee-hug
                            dose: { sets: 3, hold: 30s, intensity: pain up to 3/10 }
                    """)
            ]))
}
