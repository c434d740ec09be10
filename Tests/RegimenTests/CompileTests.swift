import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import Testing

/// Checks a plan against docs/plan.schema.json with a real JSON Schema validator (python's
/// `jsonschema`, which .ci/run installs).
enum PlanSchema {
    static func violations(_ plan: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.json")
        try plan.write(to: file)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors[:10]:
                print("/".join(str(p) for p in e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, Harness.repositoryRoot.appendingPathComponent("docs/plan.schema.json").path, file.path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.contains("No module named 'jsonschema'") {
            return "python's jsonschema is missing: pip install jsonschema (.ci/run installs it)"
        }
        return process.terminationStatus == 0 ? "" : text.isEmpty ? "validator exited \(process.terminationStatus)" : text
    }

    /// Expects `plan` to be valid against the schema.
    static func expectValid(_ plan: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try violations(plan)
        #expect(problems.isEmpty, "plan does not match docs/plan.schema.json:\n\(problems)", sourceLocation: sourceLocation)
    }
}

@Suite struct CompileTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"
    static let patient = "docs/examples/patients/left-sciatica.yaml"

    static func golden(_ name: String, _ actual: String) throws {
        let url = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) changed; re-record with RECORD=1 swift test if the change is intended")
    }

    /// Every sample programme, as `make demo` uses them.
    static let samples: [String] = {
        let directory = Harness.repositoryRoot.appendingPathComponent("programmes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "programmes/" + $0 }
    }()

    @Test func thereAreSevenOrMoreSamplesAndSixtyLibraryExercises() {
        #expect(Self.samples.count >= 7, "\(Self.samples)")
        let load = Loader().load(paths: [Harness.repositoryRoot.appendingPathComponent("programmes/library").path])
        #expect(load.libraries.flatMap(\.library.exercises).count >= 60)
        #expect(load.diagnostics.isEmpty)
    }

    /// Each sample compiles to a plan the schema accepts, and renders as text and HTML.
    @Test(arguments: samples)
    func everySampleCompilesAndRenders(_ programme: String) throws {
        let compiled = try BinaryTests.run(["compile", programme])
        #expect(compiled.status == 0, "\(compiled.err)")
        #expect(compiled.err.isEmpty, "a sample compiles without warnings: \(compiled.err)")
        try PlanSchema.expectValid(Data(compiled.out.utf8))
        let plan = try Plan.decode(Data(compiled.out.utf8))
        #expect(!plan.redFlags.isEmpty && !plan.schedule.isEmpty && !plan.programme.references.isEmpty)
        let text = try BinaryTests.run(["export", programme, "--format", "text"])
        #expect(text.status == 0, "\(text.err)")
        #expect(text.out.contains(plan.programme.title.prefix(30)))
        let html = try BinaryTests.run(["export", programme, "--format", "html"])
        #expect(html.status == 0, "\(html.err)")
        #expect(html.out.contains("Content-Security-Policy"))
    }

    @Test func sciaticaPlanMatchesTheGoldenFile() throws {
        let result = try BinaryTests.run(["compile", Self.programme])
        #expect(result.status == 0, "\(result.err)")
        try Self.golden("sciatica.plan.json", result.out)
        try PlanSchema.expectValid(Data(result.out.utf8))
    }

    @Test func sciaticaPlanForAPatientMatchesTheGoldenFile() throws {
        let result = try BinaryTests.run(["compile", Self.programme, "--patient", Self.patient])
        #expect(result.status == 0, "\(result.err)")
        try Self.golden("sciatica.left-sciatica.plan.json", result.out)
        try PlanSchema.expectValid(Data(result.out.utf8))
        let plan = try Plan.decode(Data(result.out.utf8))
        // The profile's side and dates are filled in; its precautions are carried with their text.
        #expect(plan.schedule.first?.dates?.first.description == "2026-12-07")
        #expect(plan.schedule.last?.dates?.last.description == "2027-01-31")
        #expect(!plan.schedule.flatMap(\.items).contains { $0.dose.side == .affected })
        #expect(plan.schedule.flatMap(\.items).contains { $0.dose.side == .left })
        #expect(plan.screening.precautions.contains { $0.condition == "spinal-stenosis" && !$0.why.isEmpty })
        #expect(result.err.contains("warning[RG302]"))
    }

    @Test func theSameInputsGiveTheSameBytesFromAnywhere() throws {
        let fromRoot = try BinaryTests.run(["compile", Self.programme])
        let again = try BinaryTests.run(["compile", Self.programme])
        let fromInside = try BinaryTests.run(
            ["compile", "sciatica-muscle-imbalance.yaml"], in: Harness.repositoryRoot.appendingPathComponent("programmes"))
        #expect(fromRoot.out == again.out)
        #expect(fromRoot.out == fromInside.out)
        #expect(!fromRoot.out.contains(Harness.repositoryRoot.path), "a plan holds no absolute paths")
    }

    @Test func aContraindicatedConditionStopsTheCompile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("plan.json")
        try "earlier plan\n".write(to: output, atomically: true, encoding: .utf8)
        let result = try BinaryTests.run([
            "compile", Self.programme, "--patient", "docs/examples/patients/hip-replacement.yaml", "-o", output.path,
        ])
        #expect(result.status == 1)
        #expect(
            result.err.contains(
                "error[RG301]: `piriformis-stretch-supine` is contraindicated for `total-hip-replacement`, which this patient has (recorded as `total hip arthroplasty`)"))
        #expect(result.err.contains("--> programmes/sciatica-muscle-imbalance.yaml:126:14"))
        #expect(result.err.contains("no plan written: 3 errors"))
        #expect(try String(contentsOf: output, encoding: .utf8) == "earlier plan\n", "a failed compile leaves the earlier output intact")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plan.json"], "no temporary file is left behind")
    }

    @Test func exportJSONIsThePlanFromAProgrammeOrAPlan() throws {
        let compiled = try BinaryTests.run(["compile", Self.programme, "--patient", Self.patient])
        let exported = try BinaryTests.run(["export", Self.programme, "--patient", Self.patient, "--format", "json"])
        #expect(exported.status == 0)
        #expect(exported.out == compiled.out)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planFile = directory.appendingPathComponent("plan.json")
        try Data(compiled.out.utf8).write(to: planFile)
        let fromPlan = try BinaryTests.run(["export", planFile.path, "--format", "json"])
        #expect(fromPlan.status == 0)
        #expect(fromPlan.out == compiled.out)
        try Data("{\"plan\": 2}".utf8).write(to: planFile)
        let future = try BinaryTests.run(["export", planFile.path, "--format", "json"])
        #expect(future.status == 2)
        #expect(future.err.contains("plan version 2 is not supported"))
    }

    /// docs/plan.schema.json lists the words of each of the plan's closed sets, the same words
    /// in the same order as the enums the plan is decoded with.
    @Test func theSchemaListsTheWordsThePlanReads() throws {
        let url = Harness.repositoryRoot.appendingPathComponent("docs/plan.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        func words(_ path: String) -> [String]? {
            var node: Any? = schema
            for key in path.split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
            return (node as? [String: Any])?["enum"] as? [String]
        }
        func cases<T: ClosedSet>(_ type: T.Type) -> [String] { T.allCases.map(\.rawValue) }
        let sets: [(String, [String])] = [
            ("properties/inputs/properties/files/items/properties/role", cases(Plan.InputRole.self)),
            ("properties/patient/properties/affectedSide", cases(AffectedSide.self)),
            ("$defs/level", cases(PrecautionLevel.self)),
            ("$defs/frequency/properties/per", cases(Frequency.Period.self)),
            ("$defs/load/properties/kind", cases(Plan.LoadKind.self)),
            ("$defs/load/properties/unit", cases(Load.Unit.self)),
            ("$defs/load/properties/band", cases(Load.Band.self)),
            ("$defs/intensity/properties/kind", cases(Plan.IntensityKind.self)),
            ("$defs/intensity/properties/effort", cases(Intensity.Effort.self)),
            ("$defs/dose/properties/side", cases(Side.self)),
            ("$defs/weekday", cases(Weekday.self)),
            ("$defs/exercise/properties/kind", cases(ExerciseKind.self)),
            ("$defs/exercise/properties/regions/items", cases(Region.self)),
            ("$defs/exercise/properties/level", cases(Level.self)),
            ("properties/selection/properties/by", cases(Plan.SelectedBy.self)),
        ]
        for (path, expected) in sets {
            #expect(words(path) == expected, "\(path)")
        }
    }

    /// A hand-edited plan with a word outside one of the plan's closed sets is refused, naming
    /// where the word is and the words accepted there.
    @Test(arguments: [
        (
            "restrictions.0.level", "sometimes",
            "not a plan this Regimen reads (`restrictions[0].level`: `sometimes` is not one of `contraindicated`, `precaution`)"
        ),
        (
            "phases.0.sessions.per", "fortnight",
            "not a plan this Regimen reads (`phases[0].sessions.per`: `fortnight` is not one of `day`, `week`)"
        ),
        (
            "phases.0.items.0.dose.side", "left\u{1B}[31m",
            #"(`phases[0].items[0].dose.side`: `left\u{1B}[31m` is not one of `left`, `right`, `both`, `each`, `alternating`, `affected`, `unaffected`)"#
        ),
    ])
    func exportRefusesAPlanWithAnUnknownWord(_ path: String, _ word: String, _ expected: String) throws {
        let compiled = try BinaryTests.run(["compile", Self.programme, "--patient", Self.patient])
        func replacing(_ value: Any, at path: ArraySlice<Substring>) -> Any {
            guard let key = path.first else { return word }
            if let index = Int(key), var array = value as? [Any] {
                array[index] = replacing(array[index], at: path.dropFirst())
                return array
            }
            var object = value as? [String: Any] ?? [:]
            object[String(key)] = replacing(object[String(key)] as Any, at: path.dropFirst())
            return object
        }
        let edited = replacing(
            try JSONSerialization.jsonObject(with: Data(compiled.out.utf8)), at: path.split(separator: ".")[...])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-edited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let planFile = directory.appendingPathComponent("plan.json")
        try JSONSerialization.data(withJSONObject: edited).write(to: planFile)
        let result = try BinaryTests.run(["export", planFile.path, "--format", "text"])
        #expect(result.status == 2)
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(!result.err.contains("\u{1B}"), "the word is shown escaped")
    }

    @Test func outputsThatCannotBeWrittenAreClearErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-bad-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let intoDirectory = try BinaryTests.run(["compile", Self.programme, "-o", directory.path])
        #expect(intoDirectory.status == 2)
        #expect(intoDirectory.err.contains("is a directory; name a file to write"))
        let missingParent = try BinaryTests.run([
            "compile", Self.programme, "-o", directory.appendingPathComponent("no/such/plan.json").path,
        ])
        #expect(missingParent.status == 2)
        #expect(missingParent.err.contains("does not exist; create it first"))
        let written = try BinaryTests.run(["compile", Self.programme, "-o", directory.appendingPathComponent("plan.json").path])
        #expect(written.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plan.json"])
        try PlanSchema.expectValid(try Data(contentsOf: directory.appendingPathComponent("plan.json")))
    }

    /// An item's own purpose and cues reach its place in the phase, and a tempo its parts in the
    /// order written, with the bare form lower first beside them; an item without them has none.
    @Test func itemWordingAndTempoPartsReachThePlan() throws {
        let programme = HostileInputTests.valid.replacingOccurrences(
            of: "        dose: { reps: 10, hold: 5s }\n",
            with: """
                        dose: { reps: 10, hold: 5s, tempo: "lift 1, pause 2, lower 3" }
                        purpose: Eases the neck after long hours at a screen.
                        cues: [Keep your eyes level]
                      - use: chin-tuck
                        dose: { reps: 5, tempo: 2-0-2 }

                """)
        let root = try CLITests.repository(["programme.yaml": programme])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["compile", "programme.yaml"], in: root)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty, "no warnings: \(result.err)")
        try PlanSchema.expectValid(Data(result.out.utf8))
        let plan = try Plan.decode(Data(result.out.utf8))
        let items = try #require(plan.phases.first?.items)
        #expect(items.count == 2)
        #expect(items[0].purpose == "Eases the neck after long hours at a screen.")
        #expect(items[0].cues == ["Keep your eyes level"])
        #expect(items[0].dose.tempo == "3-0-1-2")
        #expect(
            items[0].dose.tempoParts
                == [.init(part: .lift, seconds: 1), .init(part: .pause, seconds: 2), .init(part: .lower, seconds: 3)])
        #expect(items[1].purpose == nil && items[1].cues == nil)
        #expect(items[1].dose.tempo == "2-0-2")
        #expect(
            items[1].dose.tempoParts
                == [.init(part: .lower, seconds: 2), .init(part: .pause, seconds: 0), .init(part: .lift, seconds: 2)])
        // The exercise keeps its own wording; the week's items carry the dose alone.
        #expect(plan.exercises["chin-tuck"]?.purpose == nil)
        #expect(plan.schedule.first?.items.first?.dose.tempoParts?.first?.part == .lift)
    }

    /// An item's purpose and cues are text like any other: a control character is RG107, a
    /// plain `yes` RG006, and a cue that is not a list RG101.
    @Test func itemWordingIsCheckedLikeOtherText() {
        func findings(_ lines: String) -> [String] {
            let programme = HostileInputTests.valid.replacingOccurrences(
                of: "        dose: { reps: 10, hold: 5s }\n", with: "        dose: { reps: 10, hold: 5s }\n" + lines)
            return Harness.summary(Harness.validate(programme))
        }
        #expect(
            findings("        purpose: \"Eases \\u202Ethe neck\"\n        cues: [\"Keep \\e[31mlevel\", yes]\n")
                == ["RG107@15:18", "RG107@16:16", "RG006@16:36"])
        #expect(findings("        cues: Keep your eyes level\n") == ["RG101@15:15"])
        #expect(findings("        purpose: Eases the neck\n        cues: [Keep your eyes level]\n").isEmpty)
    }

    @Test func imagesArePathsRelativeToThePlanOrEmbedded() throws {
        let programme = HostileInputTests.valid.replacingOccurrences(
            of: "    name: Chin tuck\n",
            with:
                "    name: Chin tuck\n    images:\n      - { path: images/chin-tuck.png, alt: Sitting tall with the chin drawn back, credit: Clinic photo }\n"
        )
        let root = try CLITests.repository(["programme.yaml": programme, "out/.keep": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        // The start of a PNG file: images are checked by content.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: root.appendingPathComponent("images/chin-tuck.png"))
        let linked = try BinaryTests.run(["compile", "programme.yaml", "-o", "out/plan.json"], in: root)
        #expect(linked.status == 0, "\(linked.err)")
        let linkedPlan = try Data(contentsOf: root.appendingPathComponent("out/plan.json"))
        #expect(try Plan.decode(linkedPlan).exercises["chin-tuck"]?.images.first?.src == "../images/chin-tuck.png")
        try PlanSchema.expectValid(linkedPlan)

        let embedded = try BinaryTests.run(["compile", "programme.yaml", "--embed-images"], in: root)
        #expect(embedded.status == 0, "\(embedded.err)")
        let image = try Plan.decode(Data(embedded.out.utf8)).exercises["chin-tuck"]?.images.first
        #expect(image?.src == "data:image/png;base64,iVBORw0KGgo=")
        #expect(image?.credit == "Clinic photo")
        try PlanSchema.expectValid(Data(embedded.out.utf8))

        try FileManager.default.removeItem(at: root.appendingPathComponent("images/chin-tuck.png"))
        let missing = try BinaryTests.run(["compile", "programme.yaml"], in: root)
        #expect(missing.status == 1)
        #expect(missing.err.contains("error[RG213]: image `images/chin-tuck.png` does not exist"))
    }

    @Test func aProfileIsCheckedLikeAProgramme() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = directory.appendingPathComponent("patient.yaml")
        try "regimen-patient: 1\nconditions: [sciatica]\nstart: 2026-02-30\nafected-side: left\nlanguage: English (UK)\n"
            .write(to: profile, atomically: true, encoding: .utf8)
        let result = try BinaryTests.run(["compile", Self.programme, "--patient", profile.path, "--diagnostics", "json"])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(result.err.utf8))
        let found = report.diagnostics.map { "\($0.code)@\($0.line):\($0.column)" }
        #expect(found.contains("RG104@3:8"), "\(found)")
        #expect(found.contains("RG102@4:1"), "\(found)")
        #expect(found.contains("RG105@5:11"), "\(found)")
        #expect(report.diagnostics.first { $0.code == "RG102" }?.help == "did you mean `affected-side`?")
    }
}

@Suite struct ProgressionTests {
    @Test(
        arguments: [
            (5, 5, 0, 10, 5), (5, 5, 1, 10, 10), (5, 5, 7, 10, 10), (60, -10, 3, 30, 30), (60, -10, 1, 30, 50),
            (8, 2, Int.max, 12, 12), (Int.max - 1, 5, 3, nil, Int.max), (3, 1, 2, nil, 5),
        ] as [(Int, Int, Int, Int?, Int)])
    func incrementsAreCappedAndNeverOverflow(_ start: Int, _ increment: Int, _ steps: Int, _ ceiling: Int?, _ expected: Int) {
        #expect(Progressions.capped(start, increment, steps, ceiling) == expected)
    }

    @Test func calendarDatesCrossMonthsYearsAndLeapDays() throws {
        let start = try #require(CalendarDate(year: 2028, month: 2, day: 26))
        #expect(start.adding(days: 3)?.description == "2028-02-29")
        #expect(start.adding(days: 4)?.description == "2028-03-01")
        #expect(CalendarDate(year: 2026, month: 12, day: 28)?.adding(days: 7)?.description == "2027-01-04")
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(parsing: "2026-13-01") == nil)
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.adding(days: 1) == nil)
        #expect(start.adding(days: Int.max) == nil)
    }
}
