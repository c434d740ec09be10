import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG214: every condition a programme or library names must be in the vocabulary, or the
/// check it belongs to would silently never match.
public struct UnknownConditionRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: VocabularyCode.unknownCondition, name: "unknown-condition", severity: .error,
        summary: "a condition that Regimen's vocabulary (and the clinic's additions) does not know",
        explanation: """
            Conditions are compared by meaning, through a shared vocabulary (docs/vocabulary.md): \
            `THR`, `total-hip-arthroplasty` and `total-hip-replacement` are one condition, and a \
            precaution for `osteoporosis` also reaches a patient with \
            `postmenopausal-osteoporosis`. A word the vocabulary does not know matches nothing: \
            a misspelt precaution `when`, exclusion or programme `condition` would switch its \
            check off without a word, and a patient could be given an exercise that should \
            never have been printed. So every condition named in a programme, a library file, a \
            rule pack or a vocabulary file's `parents` must be known.

            Correct the spelling (the help line suggests the nearest entries, by id and by \
            synonym; `regimen vocabulary search WORD` lists more), or, when the condition really \
            is missing, add it to the clinic's vocabulary file named by `.regimen.yml`.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: hip-mobility
                title: Hip mobility
                condition: ↓hip-osteoarthritus
                red-flags: [A hot, swollen, red hip, or a fever]
                exercises:
                  knee-to-chest:
                    name: Knee to chest
                    steps: [Lie on your back, Pull one knee towards your chest, Hold, then lower]
                    precautions:
                      - when: ↓total-hip-replacment
                        level: contraindicated
                        why: Bending a new hip this far can dislocate it.
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: knee-to-chest
                        dose: { reps: 10 }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: hip-mobility
                title: Hip mobility
                condition: hip-osteoarthritis
                red-flags: [A hot, swollen, red hip, or a fever]
                exercises:
                  knee-to-chest:
                    name: Knee to chest
                    steps: [Lie on your back, Pull one knee towards your chest, Hold, then lower]
                    precautions:
                      - when: total-hip-arthroplasty
                        level: contraindicated
                        why: Bending a new hip this far can dislocate it.
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: knee-to-chest
                        dose: { reps: 10 }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let p = programme.programme
        var words = p.conditions + p.exclusions.map(\.condition)
        for exercise in p.exercises { words += exercise.precautions.flatMap(\.conditions) }
        return unknown(words, context.vocabulary)
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        unknown(library.library.exercises.flatMap { $0.precautions.flatMap(\.conditions) }, context.vocabulary)
    }

    private func unknown(_ words: [Text], _ vocabulary: Vocabulary) -> [Diagnostic] {
        words.filter { !vocabulary.knows($0.value, .condition) }.enumerated().map { count, word in
            finding(
                "unknown condition `\(word.value)`", at: word.range,
                help: VocabularyHelp.unknown(word.value, .condition, vocabulary, suggesting: count < VocabularyHelp.suggestionsPerFile))
        }
    }
}
