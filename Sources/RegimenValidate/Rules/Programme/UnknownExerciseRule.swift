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
            exercise, so it is an error; the closest defined id is suggested.
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
        func checkReference(_ reference: Text, role: String) {
            // An empty id is one the loader could not read (reported there).
            guard !reference.value.isEmpty, !catalogue.contains(reference.value) else { return }
            let suggestion = Suggestions.closest(to: reference.value, in: catalogue.ids)
            let help =
                suggestion.map { "did you mean `\($0)`?" }
                ?? (programme.libraryPaths.isEmpty
                    ? "define it under `exercises:`, or include a library file that defines it with `library:`"
                    : "define it under `exercises:`, or in one of the included library files")
            out.append(finding("\(role) `\(reference.value)` is not defined", at: reference.range, help: help))
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

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        // A library's own chains may point into other libraries, which are only known once a
        // programme includes both; they are checked then. Here, only obvious slips: a
        // reference close to an id in the same file but not equal to any.
        let ids = Set(library.library.exercises.map(\.id.value))
        var out: [Diagnostic] = []
        for exercise in library.library.exercises {
            for reference in [exercise.progressTo, exercise.regressTo].compactMap({ $0 }) where !ids.contains(reference.value) {
                if let suggestion = Suggestions.closest(to: reference.value, in: ids.sorted()) {
                    out.append(
                        finding(
                            "exercise `\(reference.value)` is not defined in this library", at: reference.range,
                            help: "did you mean `\(suggestion)`?"))
                }
            }
        }
        return out
    }
}
