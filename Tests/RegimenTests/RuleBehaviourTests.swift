import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// Rule behaviour beyond the examples: exact wording, severities, notes that point into library
/// files, and the edge cases each rule must get right.
@Suite struct RuleBehaviourTests {
    /// One expected finding, at the `↓` in `yaml`, with its exact wording.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var files: [String: String] = [:]
        var code: String
        var severity: Severity = .error
        var message: String
        var help: String?
        /// Each note as "message @ file:line:column".
        var notes: [String] = []

        var testDescription: String { "\(code) \(name)" }
    }

    /// A programme with a red flag and `body` (its `exercises:`, `phases:` and anything else).
    static func programme(_ body: String, conditions: String = "") -> String {
        """
        regimen: 1
        id: test-programme
        title: Test programme
        \(conditions.isEmpty ? "" : "condition: \(conditions)\n")red-flags: [Sudden severe pain]
        \(body)
        """
    }

    static let cases: [Case] = [
        Case(
            name: "did you mean, for an exercise",
            yaml: programme(
                """
                exercises:
                  chin-tuck: { name: Chin tuck, steps: [Draw your chin back] }
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: ↓chin-tuk
                """),
            code: "RG201",
            message: "exercise `chin-tuk` is not defined", help: "did you mean `chin-tuck` (Chin tuck)?"),
        Case(
            name: "did you mean, for a key",
            yaml: programme(
                """
                exercises:
                  chin-tuck: { name: Chin tuck, steps: [Draw your chin back] }
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                        dose: { reps: 10, ↓hodl: 5s }
                """),
            code: "RG102",
            message: "unknown key `hodl` in a dose", help: "did you mean `hold`?"),
        Case(
            name: "an identifier key suggests its spelling",
            yaml: programme(
                """
                exercises:
                  ↓Chin_Tuck: { name: Chin tuck, steps: [Draw your chin back] }
                phases: []
                """),
            code: "RG105",
            message: "`Chin_Tuck` is not a valid exercise id",
            help: "use lower-case words joined by hyphens, such as `chin-tuck`"),
        Case(
            name: "a ceiling",
            yaml: programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: bridge
                        dose: { sets: 2, hold: 10s }
                        progress: { every: 1 week, hold: +30s, until: { hold: ↓10 min } }
                """),
            code: "RG203",
            message: "implausible ceiling: a hold of 10 min",
            help: "a hold lasts more than 0s and at most 5 min; check for a slip of the keyboard"),
        Case(
            name: "sessions",
            yaml: programme(
                """
                exercises:
                  calf-raise: { name: Calf raise, steps: [Rise onto your toes] }
                phases:
                  - id: build
                    weeks: 1-6
                    sessions: ↓20 per day
                    items:
                      - use: calf-raise
                        dose: { reps: 15 }
                """),
            code: "RG203",
            message: "implausible sessions: 20 times a day",
            help: "a session is done 1 to 12 times a day; check for a slip of the keyboard"),
        Case(
            name: "a load",
            yaml: programme(
                """
                exercises:
                  calf-raise: { name: Calf raise, steps: [Rise onto your toes] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: calf-raise
                        dose: { reps: 15, load: ↓250 kg }
                """),
            code: "RG203",
            message: "implausible dose: a load of 250 kg",
            help: "a load is at most 200 kg; check for a slip of the keyboard"),
        Case(
            name: "an overlap",
            yaml: programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                phases:
                  - id: later
                    weeks: ↓4-6
                    items: [{ use: bridge }]
                  - id: early
                    weeks: 1-4
                    items: [{ use: bridge }]
                """),
            code: "RG204",
            message: "phase `later` (weeks 4-6) overlaps phase `early` (weeks 1-4)",
            help: "start `later` at week 5, or shorten `early`",
            notes: ["phase `early` runs over weeks 1-4 @ programme.yaml:12:12"]),
        Case(
            name: "a gap",
            yaml: programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                phases:
                  - id: early
                    weeks: 1-2
                    items: [{ use: bridge }]
                  - id: later
                    weeks: ↓4-6
                    items: [{ use: bridge }]
                """),
            code: "RG204",
            message: "week 3 is in no phase, between `early` and `later`",
            help: "start `later` at week 3, or add a phase for week 3",
            notes: ["phase `early` ends at week 2 @ programme.yaml:9:12"]),
        Case(
            name: "a loop of three, closed by an item",
            yaml: programme(
                """
                exercises:
                  wall-squat: { name: Wall squat, steps: [Slide down the wall], progress-to: mini-squat }
                  mini-squat: { name: Mini squat, steps: [Bend your knees a little], progress-to: split-squat }
                  split-squat: { name: Split squat, steps: [Lower your back knee] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: split-squat
                        progress-to: ↓wall-squat
                """),
            code: "RG205",
            message: "progress-to chain loops back on itself: wall-squat → mini-squat → split-squat → wall-squat",
            help: "a progress-to chain should lead to ever harder exercises and end; change or remove one of its links",
            notes: [
                "`wall-squat` progresses to `mini-squat` here @ programme.yaml:6:78",
                "`mini-squat` progresses to `split-squat` here @ programme.yaml:7:83",
            ]),
        Case(
            name: "progress-to and regress-to that name each other do not loop",
            yaml: programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips], progress-to: single-leg-bridge, regress-to: ↓bridge }
                  single-leg-bridge: { name: Single-leg bridge, steps: [Lift your hips on one leg], regress-to: bridge }
                phases:
                  - id: build
                    weeks: 1-6
                    items: [{ use: bridge }]
                """),
            code: "RG205",
            message: "`bridge` regresses to itself", help: "name an easier exercise in `regress-to`, or remove it"),
        Case(
            name: "through a library file",
            yaml: programme(
                """
                library: library/hip.yaml
                phases:
                  - id: rehab
                    weeks: 1-6
                    items:
                      - use: ↓deep-squat
                """, conditions: "total-hip-replacement"),
            files: [
                "library/hip.yaml": """
                regimen-library: 1
                exercises:
                  deep-squat:
                    name: Deep squat
                    steps: [Squat down as far as you can]
                    regress-to: mini-squat
                    precautions:
                      - when: [total-hip-replacement, hip-resurfacing]
                        level: contraindicated
                        why: Bending the hip past a right angle can dislocate a new joint.
                  mini-squat:
                    name: Mini squat
                    steps: [Bend your knees a little]
                """
            ],
            code: "RG206",
            message: "`deep-squat` is contraindicated for `total-hip-replacement`, which this programme is for",
            help: "use `mini-squat` (the exercise's regress-to) instead, or choose an exercise that is safe for `total-hip-replacement`",
            notes: [
                "`deep-squat` is contraindicated for `total-hip-replacement` here @ library/hip.yaml:8:9",
                "the programme is for `total-hip-replacement` @ programme.yaml:4:12",
            ]),
        Case(
            name: "a regress-to that is contraindicated too is not suggested",
            yaml: programme(
                """
                exercises:
                  sit-up:
                    name: Sit-up
                    steps: [Curl up]
                    regress-to: crunch
                    precautions: [{ when: osteoporosis, level: contraindicated, why: It can fracture the spine. }]
                  crunch:
                    name: Crunch
                    steps: [Curl up a little]
                    precautions: [{ when: osteoporosis, level: contraindicated, why: It can fracture the spine. }]
                phases:
                  - id: start
                    weeks: 1-6
                    items: [{ use: ↓sit-up }]
                """, conditions: "osteoporosis"),
            code: "RG206",
            message: "`sit-up` is contraindicated for `osteoporosis`, which this programme is for",
            help: "choose an exercise that is safe for `osteoporosis`, or correct the precaution if it does not apply",
            notes: [
                "`sit-up` is contraindicated for `osteoporosis` here @ programme.yaml:11:19",
                "the programme is for `osteoporosis` @ programme.yaml:4:12",
            ]),
        Case(
            name: "a custom session size",
            yaml: programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                  clam: { name: Clam, steps: [Lift your top knee] }
                phases:
                  - id: ↓build
                    weeks: 1-6
                    items: [{ use: bridge }, { use: clam }, { use: bridge }, { use: clam }]
                """),
            code: "RG209", severity: .warning,
            message: "phase `build` has 4 exercises in one session, more than 3",
            help: "move some exercises to another phase, or split the session; if longer sessions suit your patients, "
                + "raise the threshold of 3 with `--session-size-limit N`"),
        Case(
            name: "two libraries",
            yaml: programme(
                """
                library: [library/knee.yaml, ↓library/hip.yaml, library/knee.yaml]
                phases:
                  - id: build
                    weeks: 1-6
                    items: [{ use: bridge }]
                """),
            files: [
                "library/knee.yaml": """
                regimen-library: 1
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                """,
                "library/hip.yaml": """
                regimen-library: 1
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips and hold] }
                """,
            ],
            code: "RG210",
            message: "exercise `bridge` is defined in both `library/knee.yaml` and `library/hip.yaml`",
            help:
                "rename it in one of the library files, or include only one of them; the definition in `library/knee.yaml` is the one used",
            notes: ["`bridge` is first defined here @ library/knee.yaml:3:3", "and defined again here @ library/hip.yaml:3:3"]),
        Case(
            name: "a load increment in other units",
            yaml: programme(
                """
                exercises:
                  step-up: { name: Step up, steps: [Step up onto a low step] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: step-up
                        dose: { reps: 10, load: 2 kg }
                        progress: { every: 1 week, load: ↓+2 lb, until: { load: 6 kg } }
                """),
            code: "RG211",
            message: "the load increment is in lb, but the dose's load is in kg",
            help: "write the increment in kg, such as `load: +1 kg`"),
        Case(
            name: "a progress with nothing to add",
            yaml: programme(
                """
                exercises:
                  step-up: { name: Step up, steps: [Step up onto a low step] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: step-up
                        dose: { reps: 10 }
                        progress: ↓{ every: 1 week, until: { reps: 12 } }
                """),
            code: "RG211",
            message: "`progress` has no increment: nothing grows",
            help: "add what grows each time, such as `reps: +2`, with the most it should reach in `until`"),
        Case(
            name: "a rest that shortens past its ceiling",
            yaml: programme(
                """
                exercises:
                  step-up: { name: Step up, steps: [Step up onto a low step] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: step-up
                        dose: { reps: 10, rest: 1 min }
                        progress: { every: 1 week, rest: -10s, until: { rest: ↓90s } }
                """),
            code: "RG211",
            message: "the ceiling `rest: 1 min 30 s` is above the starting dose `rest: 1 min`, but `progress` shortens it",
            help: "set the ceiling below the starting dose, or make the increment positive",
            notes: ["the dose starts here @ programme.yaml:12:33"]),
        Case(
            name: "a precaution is a warning",
            yaml: programme(
                """
                restrictions:
                  - { movement: hip-flexion, level: precaution, why: Bending the hip far can strain the new joint. }
                exercises:
                  knee-to-chest: { name: Knee to chest, movements: [hip-flexion], steps: [Draw your knee to your chest] }
                phases:
                  - id: early
                    weeks: 1-2
                    items: [{ use: ↓knee-to-chest }]
                """),
            code: "RG212", severity: .warning,
            message: "`knee-to-chest` involves hip-flexion, which this programme asks for care with throughout",
            help: "explain in the item's `notes` how to do it with care, or choose an exercise without hip-flexion",
            notes: ["hip-flexion is to be done with care throughout here @ programme.yaml:6:5"]),
    ]

    @Test(arguments: cases)
    func reportsExactly(_ c: Case) {
        var options = ValidationOptions()
        if c.code == "RG209" { options.sessionSizeLimit = 3 }
        let example = RuleExample(c.yaml)
        let report = Harness.validate(example.text, files: c.files, options: options)
        let found = report.diagnostics.filter {
            $0.code == c.code && $0.range.file == "programme.yaml" && example.markedPositions == [$0.range.start]
        }
        #expect(found.count == 1, "\(Harness.summary(report))")
        guard let d = found.first else { return }
        #expect(d.severity == c.severity)
        #expect(d.message == c.message)
        #expect(d.help == c.help)
        #expect(d.notes.map { "\($0.message) @ \($0.range?.description ?? "-")" } == c.notes)
    }

    // MARK: Several programmes, one library

    /// Validates every programme in `files` (paths relative to /repo) in one run.
    static func validateAll(_ files: [String: String]) -> [Diagnostic] {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n"]
        for (name, text) in files { all["/repo/\(name)"] = text }
        let fs = MemoryFileSystem(files: all, currentDirectory: "/repo")
        let pipeline = ValidationPipeline(loader: Loader(fileSystem: fs, root: "/repo"))
        return pipeline.run(paths: files.keys.filter { !$0.hasPrefix("library/") }.sorted()).diagnostics
    }

    static let sharedLibrary = """
        regimen-library: 1
        exercises:
          bridge: { name: Bridge, progress-to: single-leg-bridge }
          single-leg-bridge: { name: Single-leg bridge, steps: [Lift your hips on one leg], progress-to: bridge }
        """

    static func user(_ id: String) -> String {
        programme(
            """
            library: library/shared.yaml
            phases:
              - id: build
                weeks: 1-6
                items: [{ use: single-leg-bridge }]
            """
        ).replacingOccurrences(of: "test-programme", with: id)
    }

    @Test func aLibraryIsReportedOnceHoweverManyProgrammesIncludeIt() {
        let diagnostics = Self.validateAll([
            "a.yaml": Self.user("programme-a"), "b.yaml": Self.user("programme-b"), "library/shared.yaml": Self.sharedLibrary,
        ])
        let steps = diagnostics.filter { $0.code == "RG207" }
        #expect(steps.map(\.range.description) == ["library/shared.yaml:3:3"])
        let loops = diagnostics.filter { $0.code == "RG205" }
        #expect(loops.map(\.range.description) == ["library/shared.yaml:4:98"])
        #expect(loops.first?.message == "progress-to chain loops back on itself: bridge → single-leg-bridge → bridge")
    }

    @Test func aLibraryListedTwiceClashesWithNothing() {
        let report = Harness.validate(
            Self.programme(
                """
                library: [library/shared.yaml, library/shared.yaml]
                phases:
                  - id: build
                    weeks: 1-6
                    items: [{ use: bridge }]
                """),
            files: [
                "library/shared.yaml": """
                regimen-library: 1
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                """
            ])
        #expect(report.diagnostics.filter { $0.code == "RG210" }.isEmpty, "\(Harness.summary(report))")
    }

    /// Every problem in one run: an item whose `use` is misspelt or missing still has its dose
    /// and progression checked, by the loader and by the rules.
    @Test(arguments: ["use: Bridge!", "use: [bridge]", "notes: no use at all"])
    func anItemWithABadUseStillHasItsDoseChecked(_ use: String) {
        let report = Harness.validate(
            Self.programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - \(use)
                        dose: { sets: lots, reps: -3 }
                        progress: { every: fortnightly, reps: +2, until: { reps: 12 } }
                """))
        let summary = Harness.summary(report)
        #expect(report.diagnostics.contains { $0.code == "RG104" && $0.range.start.line == 12 }, "\(summary)")
        #expect(report.diagnostics.contains { $0.code == "RG203" && $0.message == "implausible dose: -3 repetitions" }, "\(summary)")
        #expect(report.diagnostics.contains { $0.code == "RG104" && $0.range.start.line == 13 }, "\(summary)")
        // The bad `use` is reported once, by the loader, not again as an unknown exercise.
        #expect(report.diagnostics.filter { $0.code == "RG201" }.isEmpty, "\(summary)")
        #expect(report.diagnostics.filter { ["RG101", "RG103", "RG105"].contains($0.code) && $0.range.start.line == 11 }.count == 1, "\(summary)")
    }

    // MARK: Bounds

    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "0", "101"])
    func extremeCountsAreReportedNotTrappedOn(_ reps: String) {
        let report = Harness.validate(
            Self.programme(
                """
                exercises:
                  bridge: { name: Bridge, steps: [Lift your hips] }
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: bridge
                        dose: { reps: \(reps) }
                        progress: { every: 1 week, reps: +2, until: { reps: \(reps) } }
                """))
        #expect(report.diagnostics.filter { $0.code == "RG203" }.count == 2, "\(Harness.summary(report))")
    }

    @Test func longChainsAreFollowedWithoutRecursion() {
        // 3,000 exercises in one chain, closed into a loop at the end: the search is iterative,
        // so the length costs time, not stack.
        let count = 3000
        var library = "regimen-library: 1\nexercises:\n"
        for index in 0..<count {
            library += "  e\(index): { name: Exercise \(index), steps: [Do it], progress-to: e\((index + 1) % count) }\n"
        }
        let report = Harness.validate(library, path: "library/long.yaml")
        let loops = report.diagnostics.filter { $0.code == "RG205" }
        #expect(loops.count == 1)
        #expect(loops.first?.notes.count == 8)
        #expect(loops.first?.message.hasSuffix("e2998 → e2999 → e0") == true)
    }
}
