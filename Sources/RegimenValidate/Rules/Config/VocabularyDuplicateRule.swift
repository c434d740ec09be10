import RegimenDiagnostics
import RegimenFormat

extension LoadStageRule {
    /// RG602: an addition that adds nothing is likely a slip, and clutters the clinic's file.
    public static let vocabularyDuplicate = LoadStageRule(
        RuleDescriptor(
            code: VocabularyCode.duplicate, name: "vocabulary-duplicate", severity: .warning,
            summary: "a vocabulary entry or word that repeats one already defined",
            explanation: """
                Words are compared in lower case, with accents and apostrophes dropped and a \
                hyphen for every run of spaces or punctuation: `Hip replacement`, `hip-replacement` \
                and `HIP  REPLACEMENT` are one word. A synonym that is already a word for the same \
                entry, or a label or code repeated on an entry already defined, adds nothing. It \
                is a warning, not an error: the vocabulary still means what it did.

                Remove the repeated word or key. An entry for a built-in id only needs the \
                `synonyms` and `parents` it adds.
                """,
            triggering: [
                RuleExample(
                    """
                    # clinic-vocabulary.yaml
                    regimen-vocabulary: 1
                    conditions:
                      total-hip-replacement:
                        label: ↓Total hip replacement
                        synonyms: [new hip, ↓New Hip]
                    """,
                    files: vocabularyExampleFiles)
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
