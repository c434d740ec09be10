import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenPlugins
import RegimenValidate
import Testing

/// Rule packs: read and checked with line:column findings for their own mistakes, and run over
/// programmes with findings that carry the pack's name and point into the programme.
@Suite struct RulePackTests {
    /// Reads `pack` (shown as `plugins/rules/pack.yaml`).
    static func parse(_ pack: String) -> RulePack.Parsed {
        RulePack.parse(Array(pack.utf8), path: "plugins/rules/pack.yaml")
    }

    /// Validates `programme` in memory with the built-in rules and the entries of `pack`.
    static func validate(_ programme: String, pack: String, patient: String? = nil, files: [String: String] = [:]) throws
        -> ValidationPipeline.Report
    {
        let parsed = parse(pack)
        let rulePack = try #require(parsed.pack, "the pack should read: \(parsed.diagnostics.map(\.message))")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { "\($0.range): \($0.message)" })")
        var registry = RuleRegistry.builtIn
        for entry in rulePack.entries { registry.register(RulePackRule(pack: rulePack, entry: entry)) }
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/programme.yaml": programme]
        for (name, text) in files { all["/repo/\(name)"] = text }
        if let patient { all["/repo/patient.yaml"] = patient }
        let pipeline = ValidationPipeline(
            loader: Loader(fileSystem: MemoryFileSystem(files: all, currentDirectory: "/repo"), root: "/repo"),
            validator: Validator(registry: registry))
        return pipeline.run(paths: ["programme.yaml"], patient: patient == nil ? nil : "patient.yaml")
    }

    static let programme = """
        regimen: 1
        id: back-care
        title: Back care
        condition: [low-back-pain]
        red-flags: [Numbness around the genitals or bottom]
        exercises:
          sit-up:
            name: Sit-up
            movements: [lumbar-flexion, loaded-lumbar-flexion]
            steps: [Lie on your back with knees bent, Curl up, Lower slowly]
            regress-to: pelvic-tilt
          pelvic-tilt:
            name: Pelvic tilt
            movements: [lumbar-flexion]
            steps: [Lie on your back, Flatten your back into the floor]
          prone-on-elbows:
            name: Lying on your elbows
            movements: [lumbar-extension]
            steps: [Lie on your front, Prop yourself up on your elbows]
        phases:
          - id: start
            weeks: 1-2
            items:
              - use: sit-up
                dose: { sets: 2, reps: 10 }
              - use: prone-on-elbows
                dose: { hold: 1 min }
          - id: later
            weeks: 3-6
            items:
              - use: prone-on-elbows
                dose: { hold: 20s }

        """

    static let pack = """
        regimen-rules: 1
        name: back
        rules:
          - code: BK001
            name: loaded-flexion-disc
            check: contraindicated
            movements: loaded-lumbar-flexion
            when: [acute-lumbar-disc-herniation, low-back-pain]
            why: Loaded flexion loads the back of the disc.
            source: Adams and Hutton 1985
          - code: BK002
            name: sustained-extension-stenosis
            check: precaution
            movements: lumbar-extension
            sustained: 30s
            when: spinal-stenosis
            why: Extension narrows the canal.
            advice: Sit and bend forwards if your legs ache.
            source: [Katz and Harris 2008]
          - code: BK003
            name: one-exercise
            check: max-exercises
            max: 1
            weeks: 1-2
            why: Irritable backs do better with short sessions.
            source: local policy
          - code: BK004
            name: contact-needed
            check: required-field
            field: clinician.contact
            when: low-back-pain
            severity: warning
            why: Patients must be able to call someone.
            source: local policy

        """

    @Test func entriesFindWhatTheySayAndPointIntoTheProgramme() throws {
        let report = try Self.validate(Self.programme, pack: Self.pack, patient: "regimen-patient: 1\nconditions: [spinal-stenosis]\n")
        #expect(Harness.summary(report) == ["BK004@4:13", "BK003@21:9", "BK001@24:14", "BK002@26:14"])
        let byCode = Dictionary(uniqueKeysWithValues: report.diagnostics.map { ($0.code, $0) })
        for diagnostic in report.diagnostics { #expect(diagnostic.origin == "back") }

        let contraindicated = try #require(byCode["BK001"])
        #expect(contraindicated.severity == .error)
        #expect(
            contraindicated.message
                == "`sit-up` (`loaded-lumbar-flexion`) is contraindicated for `low-back-pain`, which this programme is for")
        #expect(contraindicated.help == "use `pelvic-tilt` (its regress-to) instead, or choose an exercise without `loaded-lumbar-flexion`")
        #expect(
            contraindicated.notes.first?.message
                == "rule pack `back`, BK001 loaded-flexion-disc: Loaded flexion loads the back of the disc.")
        #expect(contraindicated.notes.first?.range?.file == "plugins/rules/pack.yaml")
        #expect(contraindicated.notes.first?.range?.start == SourcePosition(line: 4, column: 5))
        #expect(contraindicated.notes.contains { $0.message == "source: Adams and Hutton 1985" })

        // Sustained (1 min) in weeks 1-2, not the 20 s hold of weeks 3-6; for the patient's condition.
        let precaution = try #require(byCode["BK002"])
        #expect(precaution.severity == .warning)
        #expect(
            precaution.message
                == "`prone-on-elbows` (`lumbar-extension`, held 1 min) needs care with `spinal-stenosis`, which this patient has")
        #expect(precaution.help?.contains("tell them: “Sit and bend forwards if your legs ache.”") == true)
        #expect(precaution.notes.contains { $0.message == "the patient's condition" && $0.range?.file == "patient.yaml" })

        #expect(byCode["BK003"]?.message == "phase `start` has 2 exercises in one session; rule pack `back` allows at most 1")
        #expect(byCode["BK004"]?.message == "a programme for `low-back-pain` must have `clinician.contact` (rule pack `back`)")
        #expect(byCode["BK004"]?.severity == .warning)
    }

    @Test func nothingIsFoundWhenTheConditionsDoNotApply() throws {
        let other = Self.programme.replacingOccurrences(of: "condition: [low-back-pain]", with: "condition: [neck-pain]")
        let report = try Self.validate(other, pack: Self.pack)
        #expect(Harness.summary(report) == ["BK003@21:9"], "max-exercises without `when` applies to every programme")
    }

    @Test func whatTheBuiltInRulesAlreadyReportIsNotRepeated() throws {
        // The exercise's own precaution names the patient's condition: RG302 reports it.
        let own = Self.programme.replacingOccurrences(
            of: "    steps: [Lie on your front, Prop yourself up on your elbows]",
            with: """
                    steps: [Lie on your front, Prop yourself up on your elbows]
                    precautions:
                      - when: spinal-stenosis
                        level: precaution
                        why: Bending backwards narrows the canal.
                """)
        let report = try Self.validate(own, pack: Self.pack, patient: "regimen-patient: 1\nconditions: [spinal-stenosis]\n")
        #expect(report.diagnostics.contains { $0.code == "RG302" })
        #expect(!report.diagnostics.contains { $0.code == "BK002" })
    }

    /// The pack's own mistakes: RG402 at the line and column of each.
    @Test(
        arguments: [
            ("unknown key", "    sources: x\n", "unknown key `sources` in a rule", "6:5", "did you mean `source`?"),
            ("check misspelt", "", "`contraindicate` is not a check", "3:12", "did you mean `contraindicated`?"),
            ("reserved code", "", "code `RG101` starts with `RG`", "1:11", nil),
            ("no source", "", "missing required key `source` in a `contraindicated` rule", "1:5", nil),
            ("key for another check", "    max: 3\n", "`max` does not apply to a `contraindicated` rule", "6:5", nil),
            ("unknown field", "", "`red-flag` is not a programme field a rule can require", "4:12", "did you mean `red-flags`?"),
            ("bad time", "", "cannot read `30` as a time", "5:16", nil),
        ] as [(String, String, String, String, String?)])
    func aPacksMistakesAreFoundWhereTheyAre(_ name: String, _ extra: String, _ message: String, _ at: String, _ help: String?) {
        var entry = """
              - code: LS001
                name: example
                check: contraindicated
                movements: loaded-lumbar-flexion
                when: acute-lumbar-disc-herniation

            """
        switch name {
        case "check misspelt": entry = entry.replacingOccurrences(of: "check: contraindicated", with: "check: contraindicate")
        case "reserved code": entry = entry.replacingOccurrences(of: "LS001", with: "RG101")
        case "unknown field":
            entry = "  - code: LS001\n    name: example\n    check: required-field\n    field: red-flag\n    when: sciatica\n"
        case "bad time": entry = entry.replacingOccurrences(of: "    when:", with: "    sustained: 30\n    when:")
        default: break
        }
        if name != "no source" {
            entry += extra + "    why: a reason\n    source: a source\n"
        }
        let pack = "regimen-rules: 1\nname: mistakes\nrules:\n" + entry
        let parsed = Self.parse(pack)
        let shifted = parsed.diagnostics.map { "\($0.range.start.line - 3):\($0.range.start.column)" }
        let found = parsed.diagnostics.first { $0.message.hasPrefix(message) }
        #expect(found != nil, "\(name): \(parsed.diagnostics.map(\.message))")
        #expect(found.map { "\($0.range.start.line - 3):\($0.range.start.column)" } == at, "\(name): \(shifted)")
        #expect(found?.code == "RG402" && found?.origin == "mistakes")
        if let help { #expect(found?.help?.hasPrefix(help) == true, "\(found?.help ?? "")") }
        #expect(parsed.pack?.entries.isEmpty == true, "an entry with a mistake is not used")
    }

    @Test func aPackThatIsNotOneSaysSo() {
        #expect(Self.parse("regimen: 1\nid: x\n").diagnostics.map(\.message) == ["this is not a rule pack"])
        #expect(
            Self.parse("regimen-rules: 2\nname: x\nrules: []\n").diagnostics.map(\.message) == [
                "rule pack format version `2` is not supported"
            ])
        let syntax = Self.parse("regimen-rules: 1\nname: [x\n")
        #expect(syntax.diagnostics.first?.code == "RG402")
        #expect(syntax.diagnostics.first?.range.file == "plugins/rules/pack.yaml")
        let duplicate = Self.parse(
            Self.pack + "  - code: BK001\n    name: again\n    check: max-exercises\n    max: 3\n    why: x\n    source: y\n")
        #expect(duplicate.diagnostics.map(\.message) == ["code `BK001` is used twice in this pack"])
        #expect(duplicate.pack?.entries.count == 4)
    }

    @Test func everyRequiredFieldIsAKeyOfTheFormat() {
        for path in RequiredFields.paths {
            let parts = path.split(separator: ".").map(String.init)
            let spec = parts.count == 2 ? FormatSpec.objects[parts[0]] : FormatSpec.programme
            #expect(spec?.keys.contains { $0.name == parts.last } == true, "\(path) is not a key of the format")
        }
    }

    // MARK: The shipped pack

    static let shipped = Harness.repositoryRoot.appendingPathComponent("plugins/rules/lumbar-spine.yaml")

    @Test func theLumbarSpinePackIsCleanAndEveryEntryHasItsSource() throws {
        let parsed = RulePack.parse(Array(try Data(contentsOf: Self.shipped)), path: "plugins/rules/lumbar-spine.yaml")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { "\($0.range): \($0.message)" })")
        let pack = try #require(parsed.pack)
        #expect(pack.name.value == "lumbar-spine")
        #expect(pack.entries.count >= 6)
        #expect(Set(pack.entries.map(\.check.value)) == Set(RulePackEntry.Check.allCases))
        for entry in pack.entries {
            #expect(!entry.sources.isEmpty && entry.why.value.count > 40, "\(entry.code.value) needs its reason and source")
        }
    }

    /// The sample patient has a disc herniation: the pack finds the loaded flexion in the
    /// sciatica programme, with the pack's name and the programme's line and column.
    @Test func theLumbarSpinePackFindsLoadedFlexionForTheSamplePatient() throws {
        let programme = "programmes/sciatica-muscle-imbalance.yaml"
        let result = try BinaryTests.run(
            ["validate", programme, "--patient", "docs/examples/patients/left-sciatica.yaml", "--format", "json"])
        #expect(result.status == 0, "warnings only: \(result.err)")
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(result.out.utf8))
        let finding = try #require(report.diagnostics.first { $0.code == "LS002" })
        #expect(finding.origin == "lumbar-spine")
        #expect(finding.severity == .warning)
        let lines = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(programme), encoding: .utf8).components(
            separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.hasSuffix("- use: swan-dive-flat-back") }) + 1
        #expect(finding.file == programme)
        #expect((finding.line, finding.column) == (line, 14))
        #expect(
            finding.message
                == "`swan-dive-flat-back` (`loaded-lumbar-flexion`) needs care with `lumbar-disc-herniation`, which this patient has")
        #expect(finding.notes.first?.file == "plugins/rules/lumbar-spine.yaml")

        let text = try BinaryTests.run(["validate", programme, "--patient", "docs/examples/patients/left-sciatica.yaml"])
        #expect(text.out.contains("warning[LS002]: `swan-dive-flat-back`"))
        #expect(text.out.contains("  --> \(programme):\(line):14\n"))
        #expect(text.out.contains("note: rule pack `lumbar-spine`, LS002 loaded-flexion-disc-herniation: "))
        #expect(text.out.contains("--> plugins/rules/lumbar-spine.yaml:"))
    }

    @Test func aBrokenPackIsReportedAndTheOtherPacksStillRun() throws {
        let root = try CLITests.repository([
            "p.yaml": CLITests.clean.replacingOccurrences(of: "title: Neck basics", with: "title: Neck basics\ncondition: neck-pain"),
            "plugins/rules/broken.yaml": "regimen-rules: 1\nname: broken\nrules:\n  - code: NK001\n    check: contraindicated\n",
            "plugins/rules/neck.yaml": """
            regimen-rules: 1
            name: neck
            rules:
              - code: NK002
                name: neck-contact
                check: required-field
                field: clinician
                when: neck-pain
                why: Someone must be reachable.
                source: local policy

            """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "p.yaml"], in: root)
        #expect(result.status == 3, "\(result.out)\(result.err)")
        #expect(
            result.out.contains(
                "error[RG402]: missing required key `name` in a `contraindicated` rule\n --> plugins/rules/broken.yaml:4:5\n"),
            "\(result.out)")
        #expect(
            result.out.contains("error[NK002]: a programme for `neck-pain` must have `clinician` (rule pack `neck`)\n --> p.yaml:4:12\n"))
    }
}

/// docs/plugins.md: its rule packs read as the text says, its programme examples find what the
/// text says, and it names every key and code.
@Suite struct PluginDocsTests {
    static let document = "docs/plugins.md"

    static func blocks() throws -> [DocsTests.Example] {
        DocsTests.examples(in: document)
    }

    static func expectation(_ example: DocsTests.Example) throws -> [String] {
        let match = try #require(
            example.expectation.wholeMatch(of: /<!-- expect: ([A-Za-z0-9, ]+) -->/),
            "\(example.testDescription): the line before the block must be <!-- expect: clean --> or <!-- expect: LS001 -->")
        return String(match.1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func everyRulePackAndProgrammeInThePageBehavesAsItSays() throws {
        let examples = try Self.blocks()
        let packs = examples.filter { $0.text.hasPrefix("regimen-rules:") || $0.text.contains("\nregimen-rules:") }
        #expect(packs.count >= 2, "docs/plugins.md should show rule packs")
        var registry = RuleRegistry.builtIn
        for example in packs {
            let parsed = RulePack.parse(Array(example.text.utf8), path: example.path)
            let expected = try Self.expectation(example)
            let codes = Set(parsed.diagnostics.map(\.code))
            if expected == ["clean"] {
                #expect(
                    parsed.diagnostics.isEmpty, "\(example.testDescription): \(parsed.diagnostics.map { "\($0.range): \($0.message)" })")
                if let pack = parsed.pack {
                    for entry in pack.entries { registry.register(RulePackRule(pack: pack, entry: entry)) }
                }
            } else {
                #expect(codes == Set(expected), "\(example.testDescription): \(parsed.diagnostics.map { "\($0.range): \($0.message)" })")
            }
        }
        let programmes = examples.filter { $0.text.contains("regimen: 1") }
        #expect(!programmes.isEmpty, "docs/plugins.md should show a programme the packs check")
        for example in programmes {
            let expected = try Self.expectation(example)
            let files = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/\(example.path)": example.text]
            let pipeline = ValidationPipeline(
                loader: Loader(fileSystem: MemoryFileSystem(files: files, currentDirectory: "/repo"), root: "/repo"),
                validator: Validator(registry: registry))
            let report = pipeline.run(paths: [example.path])
            let codes = Set(report.diagnostics.map(\.code))
            #expect(
                expected == ["clean"] ? codes.isEmpty : codes == Set(expected), "\(example.testDescription): \(Harness.summary(report))")
        }
    }

    /// The output the page shows for its worked example is what the binary prints: every shown
    /// chunk (between `…` lines) appears in the real output. The first shown output is for the
    /// good packs; the second adds the pack with mistakes.
    @Test func theWorkedExampleShowsRealOutput() throws {
        let text = try DocsTests.read(Self.document)
        let examples = try Self.blocks()
        var good: [String: String] = [:]
        var all: [String: String] = [:]
        for example in examples where example.path.hasPrefix("plugins/rules/") || example.path == "programme.yaml" {
            all[example.path] = example.text
            if try Self.expectation(example) != ["RG402"] { good[example.path] = example.text }
        }
        #expect(good.count >= 2 && all.count > good.count)
        let shown = text.matches(of: /```text\n((?s).*?)```/).map { String($0.1) }.filter { $0.contains("error[") }
        #expect(shown.count == 2)
        let runs: [(files: [String: String], status: Int32)] = [(good, 1), (all, 3)]
        for (run, block) in zip(runs, shown) {
            let (files, status) = run
            let root = try CLITests.repository(files)
            defer { try? FileManager.default.removeItem(at: root) }
            let result = try BinaryTests.run(["validate", "programme.yaml"], in: root)
            #expect(result.status == status)
            for chunk in block.components(separatedBy: "…\n") {
                let trimmed = chunk.trimmingCharacters(in: .newlines)
                guard !trimmed.isEmpty else { continue }
                #expect(
                    result.out.contains(trimmed), "docs/plugins.md shows output the binary does not print:\n\(trimmed)\n---\n\(result.out)")
            }
        }
    }

    @Test func thePageNamesEveryKeyAndCode() throws {
        let text = try DocsTests.read(Self.document)
        for key in RulePack.keys.map(\.name) + RulePackEntry.keys.map(\.name) {
            #expect(text.contains("`\(key)`"), "docs/plugins.md does not mention `\(key)`")
        }
        for check in RulePackEntry.Check.allCases {
            #expect(text.contains("`\(check.rawValue)`"))
        }
        for field in RequiredFields.paths {
            #expect(text.contains("`\(field)`"), "docs/plugins.md does not list the field `\(field)`")
        }
        for code in PluginCode.all {
            #expect(text.contains("\(code.code) \(code.name)"), "docs/plugins.md does not describe \(code.code)")
        }
        #expect(text.contains("\"contract\": \(PluginContract.version)"))
    }
}
