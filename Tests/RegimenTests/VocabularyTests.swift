import Foundation
import RegimenCLI
import RegimenCompile
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenValidate
import RegimenVocabulary
import Testing

/// The built-in vocabulary: current, clean, unambiguous, and coded with real ICD-10-CM codes.
@Suite struct VocabularyTests {
    static let vocabulary = Vocabulary.builtIn

    /// Regimen's own vocabulary files, read from the checkout as a clinic's would be.
    static func loadYAML() throws -> VocabularyLoad {
        let directory = Harness.repositoryRoot.appendingPathComponent(BuiltInVocabulary.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return BuiltInVocabulary.load(
            try names.map { name in
                ("\(BuiltInVocabulary.directory)/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name))))
            })
    }

    /// The compiled-in vocabulary is what the YAML files say (`RECORD=1`, or `make vocabulary`,
    /// rewrites it), and the files have no finding.
    @Test func theCompiledInVocabularyIsTheYAML() throws {
        let load = try Self.loadYAML()
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map { "\($0.range) \($0.code) \($0.message)" })")
        let source = BuiltInVocabulary.swiftSource(for: load.vocabulary)
        let file = Harness.repositoryRoot.appendingPathComponent("Sources/RegimenVocabulary/EmbeddedVocabulary.swift")
        if ProcessInfo.processInfo.environment["RECORD"] != nil, load.diagnostics.isEmpty {
            try source.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == source, "run `make vocabulary`")
        for kind in TermKind.allCases {
            #expect(load.vocabulary.terms(kind) == Self.vocabulary.terms(kind), "run `make vocabulary`")
        }
    }

    @Test func thereAreEnoughEntriesWithBothLabels() {
        #expect(Self.vocabulary.terms(.condition).count >= 150)
        #expect(Self.vocabulary.terms(.movement).count >= 60)
        for term in Self.vocabulary.terms(.condition) + Self.vocabulary.terms(.movement) {
            #expect(!term.label.isEmpty && !term.patientLabel.isEmpty, "\(term.id) needs both labels")
        }
    }

    /// Every id and synonym names exactly one entry: itself resolves to that entry, and no
    /// other entry has the same word (after normalising).
    @Test func everyWordNamesExactlyOneEntry() {
        for kind in TermKind.allCases {
            var owners: [String: [String]] = [:]
            for term in Self.vocabulary.terms(kind) {
                for word in [term.id] + term.synonyms {
                    owners[Vocabulary.key(word), default: []].append(term.id)
                    #expect(Self.vocabulary.term(word, kind)?.id == term.id, "`\(word)` does not resolve to `\(term.id)`")
                }
                for parent in term.parents {
                    #expect(Self.vocabulary.term(parent, kind)?.id == parent, "\(term.id): parent `\(parent)` is not an entry")
                }
            }
            for (word, ids) in owners where ids.count > 1 {
                Issue.record("`\(word)` names \(ids.count) \(kind.rawValue)s: \(ids)")
            }
        }
    }

    /// Every code is in the ICD-10-CM code set (PyPI `simple-icd-10-cm`, which .ci/run installs).
    @Test func everyICD10CMCodeIsInTheOfficialCodeSet() throws {
        let codes = Self.vocabulary.terms(.condition).compactMap { term in term.icd10cm.map { "\(term.id) \($0)" } }
        #expect(codes.count >= 150)
        let script = """
            import sys
            try:
                import simple_icd_10_cm as icd
            except ImportError:
                print("MISSING"); sys.exit(2)
            bad = []
            for line in sys.stdin.read().splitlines():
                term, code = line.split(" ")
                if not icd.is_valid_item(code):
                    bad.append(f"{term}: {code}")
            print("\\n".join(bad)); sys.exit(1 if bad else 0)
            """
        let result = try Python.run(script, input: codes.joined(separator: "\n"))
        if result.out.contains("MISSING") {
            Issue.record("python's simple-icd-10-cm is missing: pip install simple-icd-10-cm (.ci/run installs it)")
            return
        }
        #expect(result.status == 0, "codes not in ICD-10-CM:\n\(result.out)")
    }

    @Test func matchingIsByMeaning() {
        let v = Self.vocabulary
        #expect(v.canonical("THR", .condition) == "total-hip-replacement")
        #expect(v.canonical("Total hip arthroplasty", .condition) == "total-hip-replacement")
        #expect(v.covers("osteoporosis", "postmenopausal osteoporosis", .condition))
        #expect(!v.covers("postmenopausal-osteoporosis", "osteoporosis", .condition))
        #expect(v.covers("lumbar-flexion", "loaded-lumbar-flexion", .movement))
        #expect(v.covers("joint-replacement", "THA", .condition))
        // Unknown words cover only themselves.
        #expect(v.covers("no-such-thing", "no-such-thing", .condition))
        #expect(!v.covers("osteoporosis", "no-such-thing", .condition))
        #expect(Vocabulary.key("Parkinson’s  Disease") == "parkinsons-disease")
        #expect(v.didYouMean("total-hip-replacment", .condition)?.contains("`total-hip-replacement`") == true)
    }
}

/// Screening gives the same refusal or warning whichever word the profile uses for a condition:
/// the canonical id, any synonym, or a kind of it.
@Suite struct ScreeningVocabularyTests {
    /// One condition that a sample programme's precautions or exclusions name.
    struct Case: CustomTestStringConvertible, Sendable {
        let programme: String
        let condition: String
        var testDescription: String { "\(programme): \(condition)" }
    }

    static let programmes: [String] = {
        let directory = Harness.repositoryRoot.appendingPathComponent("programmes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "programmes/\($0)" }
    }()

    static func load(_ programme: String) -> LoadResult {
        Loader(root: Harness.repositoryRoot.path).load(paths: [Harness.repositoryRoot.appendingPathComponent(programme).path])
    }

    /// Every condition named by a precaution of an exercise a sample programme prescribes, or by
    /// its exclusions, as a canonical id.
    static let cases: [Case] = programmes.flatMap { programme -> [Case] in
        let load = load(programme)
        guard let loaded = load.programmes.first else { return [] }
        var words = Set(loaded.programme.exclusions.map(\.condition.value))
        for phase in loaded.programme.phases {
            for item in phase.items {
                for precaution in loaded.catalogue[item.use.value]?.precautions ?? [] { words.formUnion(precaution.conditions.map(\.value)) }
            }
        }
        return Set(words.map { Vocabulary.builtIn.canonical($0, .condition) }).sorted().map { Case(programme: programme, condition: $0) }
    }

    /// The screening findings (code and where) for a profile with `conditions`.
    static func screen(_ load: LoadResult, conditions: String) -> Set<String> {
        var load = load
        let profile = "regimen-patient: 1\nconditions: [\(conditions)]\naffected-side: left\n"
        var collector = DiagnosticCollector()
        let parsed = YAMLParser().parse(Array(profile.utf8), path: "patient.yaml", diagnostics: &collector)
        guard let root = parsed.root, case .patient(let patient)? = DocumentDecoder().decode(root, diagnostics: &collector) else {
            Issue.record("profile did not load: \(collector.diagnostics.map(\.message))")
            return []
        }
        load.patient = LoadedPatient(path: "patient.yaml", profile: patient)
        let screening: Set<String> = ["RG301", "RG302", "RG303", "RG305"]
        return Set(
            Validator().ruleFindings(load).filter { screening.contains($0.code) && $0.range.file != "patient.yaml" }
                .map { "\($0.code) \($0.severity) \($0.range)" })
    }

    @Test func thereAreCasesToScreen() {
        #expect(Self.cases.count >= 20, "the samples' precautions and exclusions name \(Self.cases.count) conditions")
    }

    @Test(arguments: cases)
    func everySynonymAndEveryKindOfTheConditionIsScreenedAlike(_ c: Case) throws {
        let vocabulary = Vocabulary.builtIn
        let term = try #require(vocabulary.term(c.condition, .condition), "`\(c.condition)` is not in the vocabulary")
        let load = Self.load(c.programme)
        let expected = Self.screen(load, conditions: term.id)
        #expect(!expected.isEmpty, "\(c.condition): the canonical id gives no screening finding")
        for synonym in term.synonyms {
            let quoted = "\"\(synonym.replacingOccurrences(of: "\"", with: "\\\""))\""
            #expect(Self.screen(load, conditions: quoted) == expected, "`\(synonym)` for `\(term.id)`")
        }
        // A kind of the condition reaches at least what the condition does.
        let kinds = vocabulary.terms(.condition).filter { $0.id != term.id && vocabulary.covers(term.id, $0.id, .condition) }
        for kind in kinds {
            let found = Self.screen(load, conditions: kind.id)
            #expect(expected.isSubset(of: found), "`\(kind.id)` (a kind of `\(term.id)`) misses \(expected.subtracting(found))")
            if let synonym = kind.synonyms.first {
                let quoted = "\"\(synonym.replacingOccurrences(of: "\"", with: "\\\""))\""
                #expect(Self.screen(load, conditions: quoted) == found, "`\(synonym)` for `\(kind.id)`")
            }
        }
    }
}

/// The vocabulary as a clinician meets it: through the binary.
@Suite struct VocabularyCommandTests {
    static let programme = """
        regimen: 1
        id: hip-care
        title: Hip care
        red-flags: [A hot, swollen, red hip, or a fever]
        restrictions:
          - movement: lumbar-flexon
            level: contraindicated
            why: Bending your back forwards can flare the disc.
        exercises:
          knee-to-chest:
            name: Knee to chest
            movements: [deep-hip-flexion]
            steps: [Lie on your back, Pull one knee towards your chest, Hold, then lower]
            precautions:
              - when: total-hip-replacement
                level: contraindicated
                why: Bending a new hip this far can dislocate it.
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: knee-to-chest
                dose: { reps: 10 }
        """

    @Test func aMisspeltRestrictionMovementFailsWithASuggestion() throws {
        let root = try CLITests.repository(["programme.yaml": Self.programme])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "programme.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.out.contains("error[RG215]: unknown movement `lumbar-flexon`"), "\(result.out)")
        #expect(result.out.contains("--> programme.yaml:6:15"), "\(result.out)")
        #expect(result.out.contains("= help: did you mean `lumbar-flexion`?"), "\(result.out)")
    }

    @Test func aMisspeltProfileConditionFailsAndWritesNoPlan() throws {
        let fixed = Self.programme.replacingOccurrences(of: "lumbar-flexon", with: "lumbar-flexion")
        let root = try CLITests.repository([
            "programme.yaml": fixed, "patient.yaml": "regimen-patient: 1\nconditions: [THA, osteoporsis]\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["compile", "programme.yaml", "--patient", "patient.yaml", "-o", "plan.json"], in: root)
        #expect(result.status == 1)
        #expect(result.err.contains("error[RG305]: the patient's condition `osteoporsis` is not in the vocabulary"), "\(result.err)")
        #expect(result.err.contains("--> patient.yaml:2:19"), "\(result.err)")
        #expect(result.err.contains("did you mean `osteoporosis`?"), "\(result.err)")
        // THA is a synonym of the condition the exercise is contraindicated for.
        #expect(
            result.err.contains("is contraindicated for `total-hip-replacement`, which this patient has (recorded as `THA`)"),
            "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("plan.json").path))
    }

    @Test func aClinicVocabularyIsUnderstoodEverywhere() throws {
        let fixed = Self.programme.replacingOccurrences(of: "lumbar-flexon", with: "lumbar-flexion")
            .replacingOccurrences(of: "- when: total-hip-replacement", with: "- when: new-hip")
        let root = try CLITests.repository([
            ".regimen.yml": "regimen-config: 1\nvocabulary: [vocabulary/clinic.yaml]\n",
            "vocabulary/clinic.yaml": """
                regimen-vocabulary: 1
                conditions:
                  hip-replacement-first-six-weeks:
                    label: Total hip replacement, first six weeks
                    patient-label: the first six weeks after a hip replacement
                    synonyms: [early THR]
                    parents: [total-hip-replacement]
                  total-hip-replacement:
                    synonyms: [new hip]
                """,
            "programme.yaml": fixed,
            "patient.yaml": "regimen-patient: 1\nconditions: [early THR]\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try BinaryTests.run(["validate", "."], in: root).status == 0)
        let compiled = try BinaryTests.run(["compile", "programme.yaml", "--patient", "patient.yaml"], in: root)
        #expect(compiled.status == 1)
        #expect(
            compiled.err.contains(
                "`knee-to-chest` is contraindicated for `total-hip-replacement`: this patient has `hip-replacement-first-six-weeks` (recorded as `early THR`), a kind of it"
            ), "\(compiled.err)")
        let shown = try BinaryTests.run(["vocabulary", "show", "early THR"], in: root)
        #expect(shown.status == 0)
        #expect(shown.out.contains("hip-replacement-first-six-weeks (condition)"))
        #expect(shown.out.contains("defined:        vocabulary/clinic.yaml"), "\(shown.out)")
        // Without the configuration the words are unknown.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".regimen.yml"))
        let bare = try BinaryTests.run(["validate", "programme.yaml"], in: root)
        #expect(bare.status == 1)
        #expect(bare.out.contains("error[RG214]: unknown condition `new-hip`"), "\(bare.out)")
    }

    @Test func aVocabularyFileOutsideTheRepositoryIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-outside-\(UUID().uuidString).yaml")
        try "regimen-vocabulary: 1\nconditions:\n  secret:\n    label: SECRET-LABEL\n    patient-label: x\n".write(
            to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        let root = try CLITests.repository([
            ".regimen.yml": "regimen-config: 1\nvocabulary: [linked.yaml]\n",
            "programme.yaml": Self.programme.replacingOccurrences(of: "lumbar-flexon", with: "lumbar-flexion"),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("linked.yaml"), withDestinationURL: outside)
        let result = try BinaryTests.run(["validate", "programme.yaml"], in: root)
        #expect(result.status == 1)
        let message =
            "vocabulary file `linked.yaml` leads outside the repository through `linked.yaml`, a symbolic link to `\(outside.path)`"
        #expect(result.out.contains(message), "\(result.out)")
        #expect(!result.out.contains("SECRET-LABEL"))
    }

    @Test func listSearchAndShow() throws {
        let search = try BinaryTests.run(["vocabulary", "search", "hip", "replacement", "--kind", "condition"])
        #expect(search.status == 0)
        #expect(search.out.contains("total-hip-replacement"))
        let json = try BinaryTests.run(["vocabulary", "list", "--kind", "movement", "--format", "json"])
        let terms = try JSONDecoder().decode([Vocabulary.Term].self, from: Data(json.out.utf8))
        #expect(terms.count == Vocabulary.builtIn.terms(.movement).count)
        #expect(terms.allSatisfy { $0.kind == .movement })
        let missing = try BinaryTests.run(["vocabulary", "show", "osteoporsis"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("did you mean `osteoporosis`?"), "\(missing.err)")
    }

    /// docs/vocabulary.md's vocabulary files, added to the built-in vocabulary as a clinic's
    /// would be, give what their `<!-- expect: … -->` line says.
    @Test func theDocsExamplesBehaveAsTheySay() throws {
        let examples = DocsTests.examples(in: "docs/vocabulary.md").filter { $0.expectation.hasPrefix("<!-- expect:") }
        #expect(examples.count >= 2)
        for example in examples {
            var load = VocabularyLoad(vocabulary: .builtIn)
            load.add(bytes: Array(example.text.utf8), path: example.path, source: example.path)
            let codes = Set(load.diagnostics.map(\.code))
            let expected =
                example.expectation.contains("clean")
                ? Set<String>()
                : Set(
                    (example.expectation.firstMatch(of: /expect: ([A-Z0-9, ]+)/)?.1 ?? "").split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    })
            #expect(codes == expected, "\(example.testDescription): \(load.diagnostics.map(\.message))")
        }
    }
}

/// The plan carries the labels and codes of every condition and movement it names.
@Suite struct PlanVocabularyTests {
    @Test func everyConditionInThePlanIsDescribed() throws {
        let result = try BinaryTests.run([
            "compile", "programmes/sciatica-muscle-imbalance.yaml", "--patient", "docs/examples/patients/left-sciatica.yaml",
        ])
        #expect(result.status == 0, "\(result.err)")
        let plan = try Plan.decode(Data(result.out.utf8))
        let vocabulary = try #require(plan.vocabulary)
        var named = Set(plan.programme.conditions + plan.exclusions.map(\.condition) + (plan.patient?.conditions ?? []))
        named.formUnion(plan.screening.precautions.compactMap(\.condition))
        for exercise in plan.exercises.values { named.formUnion(exercise.precautions.flatMap(\.conditions)) }
        #expect(Set(vocabulary.conditions.map(\.id)) == named)
        for id in named {
            let term = try #require(vocabulary.term(id, .condition))
            #expect(term.icd10cm == Vocabulary.builtIn.term(id, .condition)?.icd10cm)
        }
        var movements = Set(plan.restrictions.map(\.movement))
        for exercise in plan.exercises.values { movements.formUnion(exercise.movements) }
        #expect(Set(vocabulary.movements.map(\.id)) == movements)
    }
}
