import RegimenDiagnostics
import RegimenFormat

extension LoadStageRule {
    /// RG603: a vocabulary file the configuration does not name is read but not used; the
    /// clinic that wrote it would otherwise see its words reported as unknown without knowing why.
    public static let unusedVocabularyFile = LoadStageRule(
        RuleDescriptor(
            code: VocabularyCode.unusedFile, name: "unused-vocabulary-file", severity: .warning,
            summary: "a vocabulary file that no configuration names, so its words are not used",
            explanation: """
                A clinic's vocabulary file adds conditions, movements and synonyms \\
                (docs/vocabulary.md), but only once the repository's `.regimen.yml` names it under \\
                `vocabulary:`: every command that reads the configuration then understands its \\
                words. A vocabulary file that `regimen validate` meets while walking the \\
                repository, and that the configuration in force does not name, is checked for its \\
                keys and values but not used, so programmes that use its words are told those \\
                words are unknown (RG214, RG215).

                Name the file in `.regimen.yml` (`vocabulary: [vocabulary/clinic.yaml]`), or \\
                delete it if it is no longer wanted. The examples below are vocabulary files \\
                beside a `.regimen.yml` and a programme.
                """,
            triggering: [
                RuleExample(
                    """
                    ↓# clinic-vocabulary.yaml
                    regimen-vocabulary: 1
                    conditions:
                      total-hip-replacement:
                        synonyms: [new hip]
                    """,
                    files: [
                        ".regimen.yml": """
                            regimen-config: 1
                            rules:
                              RG209: warning
                            """,
                        "programme.yaml": vocabularyExampleProgramme,
                    ])
            ],
            nonTriggering: [
                RuleExample(
                    """
                    # clinic-vocabulary.yaml
                    regimen-vocabulary: 1
                    conditions:
                      total-hip-replacement:
                        synonyms: [new hip]
                    """,
                    files: vocabularyExampleFiles)
            ]))
}
