import Foundation
import RegimenDiagnostics
import Testing

/// `regimen validate`'s CI-facing flags, through the real binary: fail levels, report files,
/// quiet runs, configuration and baselines.
@Suite struct ValidateFlagsTests {
    static let withWarning = HostileInputTests.valid.replacingOccurrences(of: "title: Neck basics", with: "title: yes")
    static let withError = HostileInputTests.valid.replacingOccurrences(of: "hold: 5s", with: "hold: 5")

    @Test(arguments: [
        ("error", "w.yaml", 0), ("warning", "w.yaml", 1), ("never", "w.yaml", 0), ("note", "w.yaml", 1),
        ("error", "e.yaml", 1), ("never", "e.yaml", 0), ("warning", "clean.yaml", 0),
    ])
    func failOnSetsTheExitCode(_ level: String, _ file: String, _ status: Int32) throws {
        let root = try CLITests.repository(["w.yaml": Self.withWarning, "e.yaml": Self.withError, "clean.yaml": HostileInputTests.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "--fail-on", level, file], in: root)
        #expect(result.status == status, "\(result.out)\(result.err)")
    }

    @Test func reportsGoToSeveralFilesAtOnceAndQuietPrintsNothing() throws {
        let root = try CLITests.repository(["e.yaml": Self.withError])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(
            ["validate", "--quiet", "--output", "sarif=out.sarif", "--output", "junit=out.xml", "--output", "github=out.txt", "e.yaml"],
            in: root)
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        let sarif = try String(contentsOf: root.appendingPathComponent("out.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"ruleId\" : \"RG104\"") || sarif.contains("\"ruleId\": \"RG104\""))
        let junit = try String(contentsOf: root.appendingPathComponent("out.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        let github = try String(contentsOf: root.appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(github.hasPrefix("::error file=e.yaml,line=14,col=33,"))
        let bad = try BinaryTests.run(["validate", "--output", "pdf=x.pdf", "e.yaml"], in: root)
        #expect(bad.status == 2)
    }

    @Test func githubFormatOnStandardOutput() throws {
        let root = try CLITests.repository(["e.yaml": Self.withError])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "--format", "github", "e.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.out.contains("title=RG104 invalid-quantity::cannot read `5` as a time"))
    }

    @Test func aConfigurationTurnsARuleOffAndABaselineAcceptsOldFindings() throws {
        let root = try CLITests.repository([
            "programmes/e.yaml": Self.withError, "programmes/w.yaml": Self.withWarning,
            ".regimen.yml": "regimen-config: 1\nrules:\n  boolean-as-text: off\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let configured = try BinaryTests.run(["validate", "--strict", "programmes/w.yaml"], in: root)
        #expect(configured.status == 0, "RG006 is off in .regimen.yml: \(configured.out)")

        let written = try BinaryTests.run(["validate", "--write-baseline", "baseline.json", "programmes/"], in: root)
        #expect(written.status == 0, "\(written.out)\(written.err)")
        let accepted = try BinaryTests.run(["validate", "--baseline", "baseline.json", "programmes/"], in: root)
        #expect(accepted.status == 0, "\(accepted.out)")
        #expect(accepted.out.contains("in the baseline"))

        // A new problem, after lines have moved, is the only one reported.
        let newer = "# a new first line\n"
            + Self.withError.replacingOccurrences(of: "    name: Chin tuck\n", with: "    name: Chin tuck\n    kind: strech\n")
        try newer.write(to: root.appendingPathComponent("programmes/e.yaml"), atomically: true, encoding: .utf8)
        let fresh = try BinaryTests.run(["validate", "--baseline", "baseline.json", "--format", "json", "programmes/"], in: root)
        #expect(fresh.status == 1)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(fresh.out.utf8))
        #expect(report.diagnostics.map(\.code) == ["RG105"], "\(fresh.out)")
    }
}
