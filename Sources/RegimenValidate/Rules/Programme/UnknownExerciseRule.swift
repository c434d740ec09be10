import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG201: every exercise a programme names must be defined in it or in a library it includes.
public struct UnknownExerciseRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG201", name: "unknown-exercise", severity: .error,
        summary: "an item, progress-to or regress-to names an exercise that is not defined",
        explanation: """
            Items name exercises by id (`use: bird-dog`), and so do `progress-to` and `regress-to`. \
            Each id must be defined under `exercises:` in the programme, or in a library file the \
            programme includes with `library:`. A misspelt id would leave the patient without an \
            exercise, so it is an error. The help names the closest defined exercises, by id and by \
            name: a slip in the id (`clamshells`), the name written as an id (`clam` for the \
            exercise named "Clam"), or words of the name (`buttock-stretch`) all find the exercise \
            meant. `regimen library search` finds exercises by any words of their text.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: neck-basics
                title: Neck basics
                red-flags: [Sudden severe headache]
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: ↓chin-tuk
                """),
            RuleExample(
                """
                regimen: 1
                id: neck-basics
                title: Neck basics
                red-flags: [Sudden severe headache]
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                        regress-to: ↓supine-chin-tuck
                """),
            RuleExample(
                """
                regimen: 1
                id: hip-basics
                title: Hip basics
                red-flags: [Sudden severe pain in the hip]
                library: [hip.yaml]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: ↓clamshells
                      - use: ↓buttock-stretch
                """,
                files: [
                    "hip.yaml": """
                    regimen-library: 1
                    exercises:
                      clam-shell:
                        name: Clam shell
                        steps: [Lie on your side with your knees bent, Lift your top knee, Lower it slowly]
                      piriformis-stretch:
                        name: Buttock stretch
                        steps: [Lie on your back, Draw one knee towards the other shoulder, Hold]
                    """
                ]),
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: neck-basics
                title: Neck basics
                red-flags: [Sudden severe headache]
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        // A library that could not be read has its own findings; every exercise it should have
        // defined would otherwise be reported here again.
        guard programme.includes.allSatisfy(\.isReadable) else { return [] }
        let catalogue = programme.catalogue
        var out: [Diagnostic] = []
        // Made when the first unknown id is met: most programmes have none.
        var candidates: [ExerciseSuggestions.Candidate]?
        var suggested = 0
        func checkReference(_ reference: Text, role: String) {
            // An empty id is one the loader could not read (reported there).
            guard !reference.value.isEmpty, !catalogue.contains(reference.value) else { return }
            if candidates == nil { candidates = Self.candidates(catalogue) }
            // A hostile file can hold thousands of unknown ids: each search is cheap, but not free.
            suggested += 1
            let near = suggested <= Self.suggestionsPerFile ? ExerciseSuggestions.closest(to: reference.value, in: candidates ?? []) : []
            let help =
                ExerciseSuggestions.didYouMean(near)
                ?? (programme.libraryPaths.isEmpty
                    ? "define it under `exercises:`, or include a library file that defines it with `library:`"
                    : "define it under `exercises:`, or in one of the included library files")
            var diagnostic = finding("\(role) `\(reference.value)` is not defined", at: reference.range, help: help)
            // A quick fix only when one exercise is meant; several close ones are for the reader to choose.
            if near.count == 1, let only = near.first { diagnostic.fix = .replacement(reference.range, with: only.id) }
            out.append(diagnostic)
        }
        // By index, reading the three fields in place: copying each item (dozens of references)
        // would cost more than the look-ups.
        let phases = programme.programme.phases
        for phase in phases.indices {
            let items = phases[phase].items
            for item in items.indices {
                checkReference(items[item].use, role: "exercise")
                if let target = items[item].progressTo { checkReference(target, role: "progress-to exercise") }
                if let target = items[item].regressTo { checkReference(target, role: "regress-to exercise") }
            }
        }
        let exercises = programme.programme.exercises
        for exercise in exercises.indices {
            if let target = exercises[exercise].progressTo { checkReference(target, role: "progress-to exercise") }
            if let target = exercises[exercise].regressTo { checkReference(target, role: "regress-to exercise") }
        }
        return out
    }

    /// How many unknown ids in one file get a "did you mean".
    static let suggestionsPerFile = 200

    /// Every exercise `catalogue` defines, once, by id.
    static func candidates(_ catalogue: ExerciseCatalogue) -> [ExerciseSuggestions.Candidate] {
        var seen = Set<String>()
        return catalogue.distinctDefinitions.compactMap { exercise in
            seen.insert(exercise.id.value).inserted ? ExerciseSuggestions.Candidate(id: exercise.id.value, name: exercise.name.value) : nil
        }.sorted { $0.id < $1.id }
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        // A library's own chains may point into other libraries, which are only known once a
        // programme includes both; they are checked then. Here, only obvious slips: a
        // reference close to an id in the same file but not equal to any.
        let ids = Set(library.library.exercises.map(\.id.value))
        var out: [Diagnostic] = []
        var candidates: [ExerciseSuggestions.Candidate]?
        for exercise in library.library.exercises {
            for reference in [exercise.progressTo, exercise.regressTo].compactMap({ $0 }) where !ids.contains(reference.value) {
                // By id only: a reference that merely shares words with a name here may well be
                // an exercise of another library file.
                if let suggestion = Suggestions.closest(to: reference.value, in: ids.sorted()) {
                    if candidates == nil { candidates = Self.candidates(ExerciseCatalogue(library.library.exercises)) }
                    let name = candidates?.first { $0.id == suggestion }?.name
                    var diagnostic = finding(
                        "exercise `\(reference.value)` is not defined in this library", at: reference.range,
                        help: "did you mean `\(suggestion)`" + (name.map { " (\(ExerciseSuggestions.shortName($0)))" } ?? "") + "?")
                    diagnostic.fix = .replacement(reference.range, with: suggestion)
                    out.append(diagnostic)
                }
            }
        }
        return out
    }
}
