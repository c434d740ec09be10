import Foundation
import RegimenCLI
import RegimenDiagnostics
import RegimenValidate
import Testing

/// The command line as users meet it: exit codes, output, and the real binary.
@Suite struct CLITests {
    static let clean = HostileInputTests.valid

    /// Writes `files` into a new temporary repository and returns its path.
    static func repository(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let console = Console.capturing()
        let status = RegimenCommand.run(arguments, console: console)
        return (status, console.standardOutput, console.standardError)
    }

    @Test func cleanProgrammeExitsZero() throws {
        let root = try Self.repository(["p.yaml": Self.clean])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Self.run(["validate", root.appendingPathComponent("p.yaml").path])
        #expect(result.status == 0)
        #expect(result.out.hasSuffix("checked 1 file: no problems found\n"))
    }

    @Test func errorsExitOneWarningsOnlyUnderStrict() throws {
        let warningOnly = Self.clean.replacingOccurrences(of: "title: Neck basics", with: "title: yes")
        let root = try Self.repository(["w.yaml": warningOnly, "e.yaml": Self.clean.replacingOccurrences(of: "hold: 5s", with: "hold: 5")])
        defer { try? FileManager.default.removeItem(at: root) }
        let warning = root.appendingPathComponent("w.yaml").path
        #expect(Self.run(["validate", warning]).status == 0)
        #expect(Self.run(["validate", "--strict", warning]).status == 1)
        let errors = Self.run(["validate", root.appendingPathComponent("e.yaml").path])
        #expect(errors.status == 1)
        #expect(errors.out.contains("error[RG104]: cannot read `5` as a time"))
        #expect(errors.out.hasSuffix("checked 1 file: 1 error\n"))
    }

    @Test func unreadableInputAndUsageErrorsExitTwo() {
        let missing = Self.run(["validate", "/nonexistent/programme.yaml"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("/nonexistent/programme.yaml: no such file or directory"))
        #expect(Self.run(["validate"]).status == 2)
        #expect(Self.run(["validate", "--format", "xml", "x.yaml"]).status == 2)
        #expect(Self.run(["frobnicate"]).status == 2)
        let explain = Self.run(["explain", "RG9999"])
        #expect(explain.status == 2)
        #expect(explain.err.contains("no rule is called `RG9999`"))
    }

    @Test func helpDocumentsTheExitCodes() {
        let help = Self.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("1  findings: errors, or warnings under --strict"))
        #expect(help.out.contains("2  usage error, or input that could not be read"))
    }

    @Test func jsonReportHasOneBasedPositions() throws {
        let root = try Self.repository(["e.yaml": Self.clean.replacingOccurrences(of: "hold: 5s", with: "hold: 5")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Self.run(["validate", "--format", "json", root.appendingPathComponent("e.yaml").path])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(result.out.utf8))
        let finding = try #require(report.diagnostics.first)
        #expect(finding.code == "RG104")
        #expect((finding.line, finding.column, finding.endLine, finding.endColumn) == (14, 33, 14, 34))
        #expect(finding.help?.contains("`5s`") == true)
        #expect((report.summary.files, report.summary.errors, report.summary.warnings) == (1, 1, 0))
    }

    @Test func explainPrintsDescriptionAndExamples() {
        let result = Self.run(["explain", "rg104"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("RG104 invalid-quantity (error)"))
        #expect(result.out.contains("Fails:"))
        #expect(result.out.contains("Passes:"))
        let byName = Self.run(["explain", "unknown-key"])
        #expect(byName.out.hasPrefix("RG102 unknown-key (error)"))
        let list = Self.run(["explain"])
        #expect(list.out.split(separator: "\n").count == RuleRegistry.builtIn.rules.count)
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        let captured = Console.capturing(environment: ["NO_COLOR": "1"])
        #expect(!captured.useColour)
    }
}

/// The real binary, as CI and a clinician run it.
@Suite struct BinaryTests {
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("regimen")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Harness.repositoryRoot.appendingPathComponent(".build/debug/regimen")
    }

    /// Runs the binary with `arguments` in `directory`, in this process's environment with
    /// `NO_COLOR` and the variables of `environment` set.
    static func run(
        _ arguments: [String], in directory: URL = Harness.repositoryRoot, environment extra: [String: String] = [:]
    ) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func sampleProgrammesValidateClean() throws {
        let result = try Self.run(["validate", "programmes/"])
        #expect(result.status == 0, "\(result.out)\(result.err)")
        #expect(result.out.contains("no problems found"))
    }

    /// Each rule's failing example, written to disk and checked by the binary: exit 1, and the
    /// rule's code at the marked line and column.
    @Test(arguments: RuleExampleTests.rules)
    func failingExamplesExitOneAtTheMarker(_ ruleCase: RuleExampleTests.RuleCase) throws {
        let descriptor = ruleCase.rule.descriptor
        for example in descriptor.triggering {
            // A configuration example is a .regimen.yml beside the files it configures (see Harness).
            let isConfiguration = Harness.isConfiguration(example.text) || Harness.isVocabulary(example.text)
            var files = example.files
            files[Harness.mainPath(example.text, default: "programme.yaml")] = example.text
            if let patient = example.patient { files["patient.yaml"] = patient }
            let root = try CLITests.repository(files)
            defer { try? FileManager.default.removeItem(at: root) }
            let patient = example.patient == nil ? [] : ["--patient", "patient.yaml"]
            let main = Harness.mainPath(example.text, default: "programme.yaml")
            let targets =
                isConfiguration
                ? Harness.configuredPaths(example.files) + (Harness.isVocabulary(example.text) ? [main] : []) : ["programme.yaml"]
            let result = try Self.run(["validate", "--strict", "--format", "json"] + targets + patient, in: root)
            #expect(result.status == 1, "\(descriptor.code): exit \(result.status)\n\(result.out)\(result.err)")
            let report = try JSONDecoder().decode(JSONReport.self, from: Data(result.out.utf8))
            let found = Set(
                report.diagnostics.filter { $0.code == descriptor.code }.map { SourcePosition(line: $0.line, column: $0.column) })
            #expect(found == Set(example.markedPositions), "\(descriptor.code): \(result.out)")
        }
    }

    /// The text report, compared with a golden file (RECORD=1 rewrites it).
    @Test func textReportMatchesTheGoldenFile() throws {
        let result = try Self.run(["validate", "docs/examples/common-mistakes.yaml"])
        #expect(result.status == 1)
        let golden = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/common-mistakes.txt")
        if ProcessInfo.processInfo.environment["RECORD"] != nil {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try result.out.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            result.out == expected, "re-record with RECORD=1 swift test --filter textReportMatchesTheGoldenFile if the change is intended")
    }
}
