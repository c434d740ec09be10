import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG210: an id must name one exercise (or one phase) only.
public struct DuplicateIDRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG210", name: "duplicate-id", severity: .error,
        summary: "an exercise id is defined twice among a programme and its library files, or two phases share an id",
        explanation: """
            A programme's exercises and those of every library file it includes form one set of \
            ids. When the same id is defined twice (in the programme and in a library, or in two \
            libraries) only the first definition is used, so the patient may be given different \
            steps and precautions from the ones the clinician was reading, and a precaution \
            written in the other definition is silently lost. Two phases with the same id make \
            the plan and the tick-box log ambiguous in the same way.

            Give each exercise and each phase its own id. To adapt a library exercise, give the \
            adapted version a new id (such as `bridge-supported`) rather than redefining it. A \
            note points at the first definition.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: sciatica-settle
                title: Easing sciatica
                library: [library/lumbar.yaml]
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                exercises:
                  ↓prone-lying:
                    name: Lying on your front
                    steps: [Lie face down with a pillow under your tummy, Let your back relax]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-lying
                        dose: { duration: 2 min, frequency: 3 per day }
                  - id: ↓settle
                    weeks: 3-4
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                """,
                files: [
                    "library/lumbar.yaml": """
                    regimen-library: 1
                    title: Lumbar spine
                    exercises:
                      prone-lying:
                        name: Lying on your front
                        steps: [Lie face down with your arms by your sides, Let your back relax]
                        precautions:
                          - when: pregnancy
                            level: precaution
                            why: From the middle of pregnancy lying on your front presses on your bump.
                      prone-on-elbows:
                        name: Lying on your elbows
                        steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                    """
                ])
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: sciatica-settle
                title: Easing sciatica
                library: [library/lumbar.yaml]
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                exercises:
                  prone-lying-pillow:
                    name: Lying on your front with a pillow
                    steps: [Lie face down with a pillow under your tummy, Let your back relax]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-lying-pillow
                        dose: { duration: 2 min, frequency: 3 per day }
                  - id: extend
                    weeks: 3-4
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                """,
                files: [
                    "library/lumbar.yaml": """
                    regimen-library: 1
                    title: Lumbar spine
                    exercises:
                      prone-lying:
                        name: Lying on your front
                        steps: [Lie face down with your arms by your sides, Let your back relax]
                      prone-on-elbows:
                        name: Lying on your elbows
                        steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                    """
                ])
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Exercises: every definition once (a library listed twice is the same definitions),
        // grouped by id in the order met; the first of each group is the one used.
        var groups: [String: [Exercise]] = [:]
        var order: [String] = []
        // Most programmes have no clash: say so without copying every definition.
        let definitions = programme.catalogue.hasDuplicateIDs ? programme.catalogue.distinctDefinitions : []
        for exercise in definitions {
            if groups[exercise.id.value] == nil { order.append(exercise.id.value) }
            groups[exercise.id.value, default: []].append(exercise)
        }
        for id in order {
            guard let definitions = groups[id], let first = definitions.first, definitions.count > 1 else { continue }
            let others = definitions.dropFirst()
            if first.id.range.file == programme.path {
                // Defined in the programme and again in libraries: the programme's own is the one
                // to rename or remove, so the finding is there.
                let files = others.map(\.id.range.file)
                out.append(
                    finding(
                        "exercise `\(id)` is defined here and again in \(Shown.list(Self.unique(files)))",
                        at: first.id.range,
                        help: "give this exercise its own id, or remove it to use the library's; this definition is the one used",
                        notes: others.map { .init("`\(id)` is also defined here", at: $0.id.range) }))
            } else {
                for other in others {
                    let entry = programme.includes.first { $0.path == other.id.range.file }
                    out.append(
                        finding(
                            "exercise `\(id)` is defined in both `\(first.id.range.file)` and `\(other.id.range.file)`",
                            at: entry?.entry.range ?? other.id.range,
                            help: "rename it in one of the library files, or include only one of them; the definition in "
                                + "`\(first.id.range.file)` is the one used",
                            notes: [
                                .init("`\(id)` is first defined here", at: first.id.range),
                                .init("and defined again here", at: other.id.range),
                            ]))
                }
            }
        }
        // Phases.
        var phases: [String: Phase] = [:]
        for phase in programme.programme.phases where !phase.id.value.isEmpty {
            if let first = phases[phase.id.value] {
                out.append(
                    finding(
                        "phase id `\(phase.id.value)` is used twice", at: phase.id.range,
                        help: "give each phase its own id",
                        notes: [.init("`\(phase.id.value)` is first used here", at: first.id.range)]))
            } else {
                phases[phase.id.value] = phase
            }
        }
        return out
    }

    private static func unique(_ files: [String]) -> [String] {
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }
}
