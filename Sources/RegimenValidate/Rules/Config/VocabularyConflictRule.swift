import RegimenDiagnostics
import RegimenFormat

extension LoadStageRule {
    /// RG601: a clinic's vocabulary may add to the built-in one, never change what it means.
    public static let vocabularyConflict = LoadStageRule(
        RuleDescriptor(
            code: VocabularyCode.conflict, name: "vocabulary-conflict", severity: .error,
            summary: "a vocabulary entry or word that contradicts one already defined",
            explanation: """
                A clinic extends Regimen's vocabulary (docs/vocabulary.md) with files that \
                `.regimen.yml` names under `vocabulary:`: new conditions and movements, and new \
                synonyms and parents for built-in ones. Every word must name one entry only, or \
                screening could not say which condition a profile means; and an addition must not \
                change what a built-in entry means, or a precaution written for it elsewhere \
                would reach other patients than its author intended. So these are errors: a \
                synonym that already names another entry, a new entry whose id is already a word \
                for another, a label or code that differs from the built-in one, and a parent that \
                would make an entry a kind of itself.

                Add the word as a synonym of the entry it already names, choose a new id for a \
                new meaning, or remove the contradicting key. The examples below are vocabulary \
                files named by a `.regimen.yml` beside them.
                """,
            triggering: [
                RuleExample(
                    """
                    # clinic-vocabulary.yaml
                    regimen-vocabulary: 1
                    conditions:
                      hip-replacement-first-six-weeks:
                        label: Total hip replacement, first six weeks
                        patient-label: the first six weeks after a hip replacement
                        synonyms: [early THR, ↓THR]
                        parents: [total-hip-replacement]
                      total-hip-replacement:
                        icd-10-cm: ↓Z96.641
                    """,
                    files: vocabularyExampleFiles)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    # clinic-vocabulary.yaml
                    regimen-vocabulary: 1
                    conditions:
                      hip-replacement-first-six-weeks:
                        label: Total hip replacement, first six weeks
                        patient-label: the first six weeks after a hip replacement
                        synonyms: [early THR, new THR]
                        parents: [total-hip-replacement]
                      total-hip-replacement:
                        synonyms: [new hip]
                    """,
                    files: vocabularyExampleFiles)
            ]))

    /// The `.regimen.yml` and programme that a vocabulary example sits beside.
    static let vocabularyExampleFiles = [
        ".regimen.yml": """
            regimen-config: 1
            vocabulary: [clinic-vocabulary.yaml]
            """,
        "programme.yaml": vocabularyExampleProgramme,
    ]

    /// A clean programme, for the vocabulary examples to sit beside.
    static let vocabularyExampleProgramme = """
            regimen: 1
            id: hip-walking
            title: Walking after a hip replacement
            condition: thr
            red-flags: [A hot, swollen, red hip, or a fever]
            exercises:
              walking:
                name: Walking
                movements: [walking]
                steps: [Walk at a comfortable pace]
            phases:
              - id: start
                weeks: 1-2
                items:
                  - use: walking
                    dose: { duration: 10 min }
        """
}
