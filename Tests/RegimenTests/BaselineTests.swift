import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// `--write-baseline` and `--baseline`: accepted findings stay accepted while the file changes
/// around them, new ones are reported, fixed ones are counted as stale.
@Suite struct BaselineTests {
    /// A programme with two problems: a hold without a unit (RG104) and a misspelt key (RG102).
    static let twoProblems = """
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
                dose: { reps: 10, hold: 5 }
              - use: chin-tuck
                dosage: { reps: 8 }

        """

    /// Validates `files` in a repository at /repo, from `currentDirectory`.
    static func validate(_ files: [String: String], paths: [String] = ["."], currentDirectory: String = "/repo")
        -> ValidationPipeline.Report
    {
        ConfigTests.run(files, paths: paths, currentDirectory: currentDirectory).report
    }

    static func baseline(_ report: ValidationPipeline.Report, currentDirectory: String = "/repo") -> Baseline {
        Baseline.make(diagnostics: report.diagnostics, sources: report.sources, root: "/repo", currentDirectory: currentDirectory)
    }

    static func filter(_ baseline: Baseline, _ report: ValidationPipeline.Report, currentDirectory: String = "/repo") -> Baseline.Outcome {
        baseline.filter(report.diagnostics, sources: report.sources, root: "/repo", currentDirectory: currentDirectory)
    }

    @Test func writtenThenReadEverythingIsAccepted() throws {
        let report = Self.validate(["p.yaml": Self.twoProblems])
        #expect(report.diagnostics.map(\.code) == ["RG104", "RG102"])
        let read = try Baseline.decode(Self.baseline(report).encoded())
        #expect(read == Self.baseline(report))
        let outcome = Self.filter(read, report)
        #expect(outcome.kept.isEmpty)
        #expect((outcome.suppressedCount, outcome.staleCount) == (2, 0))
        #expect(outcome.summary == "2 findings are in the baseline")
    }

    @Test func aNewProblemIsTheOnlyOneLeft() {
        let before = Self.validate(["p.yaml": Self.twoProblems])
        let changed = Self.twoProblems.replacingOccurrences(of: "weeks: 1-4", with: "weeks: 1-4x")
        let after = Self.validate(["p.yaml": changed])
        let outcome = Self.filter(Self.baseline(before), after)
        #expect(Harness.summary(after).count == 3)
        #expect(outcome.kept.map(\.code) == ["RG104"])
        #expect(outcome.kept.first?.range.start.line == 11)
        #expect((outcome.suppressedCount, outcome.staleCount) == (2, 0))
    }

    @Test func linesShiftedByUnrelatedChangesStillMatch() {
        let before = Self.validate(["p.yaml": Self.twoProblems])
        let shifted =
            "\n# Reviewed by the team in March\n"
            + Self.twoProblems.replacingOccurrences(
                of: "title: Neck basics\n", with: "title: Neck basics\nsummary: Gentle exercises for a stiff neck\n")
        let after = Self.validate(["p.yaml": shifted])
        #expect(after.diagnostics.map(\.range.start.line) == [17, 19])
        let outcome = Self.filter(Self.baseline(before), after)
        #expect(outcome.kept.isEmpty, "\(outcome.kept)")
        #expect((outcome.suppressedCount, outcome.staleCount) == (2, 0))
    }

    @Test func fixedProblemsAreCountedAsStale() {
        let before = Self.validate(["p.yaml": Self.twoProblems])
        let fixed = Self.twoProblems.replacingOccurrences(of: "hold: 5 }", with: "hold: 5s }")
        let outcome = Self.filter(Self.baseline(before), Self.validate(["p.yaml": fixed]))
        #expect(outcome.kept.isEmpty)
        #expect((outcome.suppressedCount, outcome.staleCount) == (1, 1))
        #expect(
            outcome.summary == "1 finding is in the baseline; 1 baseline entry is no longer found (write the baseline again to drop them)")
        // A finding whose own line changes is new, and its old entry stale.
        let reworded = Self.twoProblems.replacingOccurrences(of: "dosage: { reps: 8 }", with: "dosage: { reps: 9 }")
        let changed = Self.filter(Self.baseline(before), Self.validate(["p.yaml": reworded]))
        #expect(changed.kept.map(\.code) == ["RG102"])
        #expect((changed.suppressedCount, changed.staleCount) == (1, 1))
    }

    @Test func identicalFindingsAreCountedOneByOne() {
        let one = Self.twoProblems
        let two = one.replacingOccurrences(
            of: "      - use: chin-tuck\n        dosage: { reps: 8 }\n",
            with: "      - use: chin-tuck\n        dosage: { reps: 8 }\n      - use: chin-tuck\n        dosage: { reps: 8 }\n")
        let before = Self.validate(["p.yaml": one])
        let after = Self.validate(["p.yaml": two])
        #expect(after.diagnostics.filter { $0.code == "RG102" }.count == 2)
        let outcome = Self.filter(Self.baseline(before), after)
        #expect(outcome.kept.map(\.code) == ["RG102"])
        #expect(outcome.kept.first?.range.start.line == 18)
    }

    @Test func filesAreRecordedRelativeToTheRepositoryFromAnyDirectory() throws {
        let files = ["programmes/p.yaml": Self.twoProblems]
        let fromRoot = Self.validate(files)
        let fromInside = Self.validate(files, currentDirectory: "/repo/programmes")
        #expect(fromInside.diagnostics.first?.range.file == "p.yaml")
        let baseline = Self.baseline(fromRoot)
        #expect(Set(baseline.entries.map(\.file)) == ["programmes/p.yaml"])
        #expect(Self.baseline(fromInside, currentDirectory: "/repo/programmes") == baseline)
        #expect(Self.filter(baseline, fromInside, currentDirectory: "/repo/programmes").kept.isEmpty)
    }

    @Test func theFileIsSortedJSONWithAVersionAndTheSameBytesEveryTime() throws {
        let report = Self.validate(["b.yaml": Self.twoProblems, "a.yaml": Self.twoProblems])
        let data = Self.baseline(report).encoded()
        #expect(data == Self.baseline(report).encoded())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 4)
        #expect(entries.compactMap { $0["file"] as? String } == ["a.yaml", "a.yaml", "b.yaml", "b.yaml"])
        #expect(entries.allSatisfy { ($0["fingerprint"] as? String)?.count == 16 })
        #expect(entries.first?["message"] as? String != nil)
        #expect(!text.contains("\"line\""))
    }

    @Test func unreadableBaselinesSayWhy() {
        let cases: [(String, String)] = [
            ("not json", "not a Regimen baseline: expected a JSON object with `version` and `entries`"),
            (
                "{\"version\": 2, \"entries\": []}",
                "baseline version 2 is not supported; this Regimen reads version 1: write the baseline again with `--write-baseline`"
            ),
            (
                "{\"entries\": []}",
                "baseline version (none) is not supported; this Regimen reads version 1: write the baseline again with `--write-baseline`"
            ),
            (
                "{\"version\": 1, \"entries\": [{\"code\": \"RG104\"}]}",
                "not a Regimen baseline: each entry needs `code`, `file` and `fingerprint`"
            ),
        ]
        for (text, message) in cases {
            #expect(throws: Baseline.DecodingError(description: message)) { try Baseline.decode(Data(text.utf8)) }
        }
    }

    // MARK: Through a configured run

    @Test func aRunWithABaselineReportsOnlyNewFindings() throws {
        let first = ConfigTests.run(["p.yaml": Self.twoProblems])
        let written = String(decoding: first.makeBaseline().encoded(), as: UTF8.self)
        let files = [
            "p.yaml": Self.twoProblems.replacingOccurrences(of: "weeks: 1-4", with: "weeks: 1-4x"), "baseline.json": written,
        ]
        let fs = ConfigTests.fileSystem(files)
        let run = ConfiguredValidation(pipeline: ValidationPipeline(loader: Loader(fileSystem: fs)), baselinePath: "baseline.json").run(
            paths: ["p.yaml"])
        #expect(run.report.diagnostics.map(\.code) == ["RG104"])
        #expect(run.baseline?.kept == run.report.diagnostics)
        #expect(run.baseline.map { ($0.suppressedCount, $0.staleCount) } ?? (0, 0) == (2, 0))
        #expect(run.findingsBeforeBaseline.count == 3)
        #expect(run.makeBaseline().entries.count == 3)
        #expect(run.baselineRoot == "/repo")

        let missing = ConfiguredValidation(pipeline: ValidationPipeline(loader: Loader(fileSystem: fs)), baselinePath: "nowhere.json").run(
            paths: ["p.yaml"])
        #expect(missing.report.inputErrors == ["nowhere.json: no such baseline file (write one with `--write-baseline nowhere.json`)"])
        #expect(missing.baseline == nil)
    }

    /// The baseline records what the configuration and suppressions leave, so turning a rule
    /// off later makes its entries stale rather than hiding new findings.
    @Test func theBaselineSeesFindingsAfterTheConfiguration() {
        let files = [".regimen.yml": "regimen-config: 1\nrules:\n  RG102: warning\n", "p.yaml": Self.twoProblems]
        let run = ConfigTests.run(files)
        #expect(run.findingsBeforeBaseline.map(\.severity) == [.error, .warning])
        #expect(run.makeBaseline().entries.map(\.code).sorted() == ["RG102", "RG104"])
    }
}
