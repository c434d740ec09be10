import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG215: every movement tag an exercise or restriction names must be in the vocabulary, or
/// the restrictions and rule packs that reason over it would silently never match.
public struct UnknownMovementRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: VocabularyCode.unknownMovement, name: "unknown-movement", severity: .error,
        summary: "a movement tag that Regimen's vocabulary (and the clinic's additions) does not know",
        explanation: """
            Exercises list the movements they involve (`movements: [lumbar-flexion]`), and \
            programme `restrictions` and rule packs reason over them, by meaning: a restriction \
            on `lumbar-flexion` also catches an exercise tagged `loaded-lumbar-flexion`, which is \
            a kind of it (docs/vocabulary.md). A tag the vocabulary does not know matches \
            nothing: a misspelt restriction would let the very movement it forbids onto the \
            handout, and a misspelt exercise tag would hide the exercise from every check.

            Correct the spelling (the help line suggests the nearest tags, by id and by synonym; \
            `regimen vocabulary search WORD --kind movement` lists more), or add the tag to the \
            clinic's vocabulary file named by `.regimen.yml`.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: disc-flare-up
                title: After a disc flare-up
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                restrictions:
                  - movement: ↓lumbar-flexon
                    level: contraindicated
                    weeks: 1-2
                    why: Bending your back forwards can flare the disc in the first two weeks.
                exercises:
                  prone-on-elbows:
                    name: Lying on your elbows
                    movements: [↓lumber-extension]
                    steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: disc-flare-up
                title: After a disc flare-up
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                restrictions:
                  - movement: lumbar-flexion
                    level: contraindicated
                    weeks: 1-2
                    why: Bending your back forwards can flare the disc in the first two weeks.
                exercises:
                  prone-on-elbows:
                    name: Lying on your elbows
                    movements: [lumbar-extension]
                    steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let p = programme.programme
        return unknown(p.restrictions.map(\.movement) + p.exercises.flatMap(\.movements), context.vocabulary)
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        unknown(library.library.exercises.flatMap(\.movements), context.vocabulary)
    }

    private func unknown(_ words: [Text], _ vocabulary: Vocabulary) -> [Diagnostic] {
        words.filter { !vocabulary.knows($0.value, .movement) }.enumerated().map { count, word in
            finding(
                "unknown movement `\(word.value)`", at: word.range,
                help: VocabularyHelp.unknown(word.value, .movement, vocabulary, suggesting: count < VocabularyHelp.suggestionsPerFile))
        }
    }
}
