import Foundation
import RegimenCLI
import RegimenValidate
import Testing

/// `regimen compile` and `regimen export` read a programme under its `.regimen.yml` (or
/// `--config`) as `regimen validate` does, with `--limit` winning: its limits and library paths
/// apply, its rule settings never do, and a mistake in it is reported and fails the command.
@Suite struct CompileConfigurationTests {
    /// A programme that uses one exercise, `neck-rotation`, from the library file `neck.yaml`.
    static let programme = """
        regimen: 1
        id: neck-basics
        title: Neck basics
        library: [neck.yaml]
        red-flags: [Sudden severe headache]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: neck-rotation
                dose: { reps: 10, hold: 5s }

        """

    static let library = ConfigTests.neckLibrary

    /// A repository whose library is in `shared/library`, found only through `library-paths:`,
    /// with `configuration` added to `.regimen.yml`'s first line (none when nil), and `files`.
    static func repository(configuration: String? = "", files: [String: String] = [:]) throws -> URL {
        var all = ["programmes/p.yaml": programme, "shared/library/neck.yaml": library]
        if let configuration { all[".regimen.yml"] = "regimen-config: 1\nlibrary-paths: [shared/library]\n" + configuration }
        all.merge(files) { _, new in new }
        return try CLITests.repository(all)
    }

    /// The ids of the exercises a plan holds.
    static func exerciseIDs(_ plan: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(plan.utf8)) as? [String: Any])
        return try #require(object["exercises"] as? [String: Any]).keys.sorted()
    }

    // MARK: library-paths

    /// Through the real binary, from the repository, as a clinician runs it.
    @Test func libraryPathsFromTheConfigurationAreSearched() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let validated = try BinaryTests.run(["validate", "programmes/p.yaml"], in: root)
        #expect(validated.status == 0, "\(validated.out)\(validated.err)")

        let compiled = try BinaryTests.run(["compile", "programmes/p.yaml"], in: root)
        #expect(compiled.status == 0, "\(compiled.err)")
        #expect(try Self.exerciseIDs(compiled.out) == ["neck-rotation"])

        let exported = try BinaryTests.run(["export", "programmes/p.yaml", "--format", "text"], in: root)
        #expect(exported.status == 0, "\(exported.err)")
        #expect(exported.out.contains("Neck rotation"), "\(exported.out)")

        // From inside the programmes' folder, the same configuration is found above it.
        let inside = try BinaryTests.run(["compile", "p.yaml"], in: root.appendingPathComponent("programmes"))
        #expect(inside.status == 0, "\(inside.err)")
        #expect(inside.out == compiled.out, "the same inputs give the same plan wherever it is compiled from")

        // Without the configuration, the library is not found.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".regimen.yml"))
        let plain = try BinaryTests.run(["compile", "programmes/p.yaml"], in: root)
        #expect(plain.status == 1)
        #expect(plain.out.isEmpty)
        #expect(plain.err.contains("error[RG202]: library file `neck.yaml` does not exist"), "\(plain.err)")
        let plainExport = try BinaryTests.run(["export", "programmes/p.yaml", "--format", "text"], in: root)
        #expect(plainExport.status == 1)
        #expect(plainExport.err.contains("error[RG202]"), "\(plainExport.err)")
    }

    // MARK: plugin-paths

    /// An exporter plugin in a directory that only `plugin-paths:` names is found by export.
    @Test func exporterPluginsAreFoundInTheConfigurationsPluginPaths() throws {
        let shout = PluginFixture.shell("shout", kind: "exporter", body: "echo 'A HANDOUT, LOUDLY'")
        let root = try Self.repository(configuration: "plugin-paths: [tools]\n", files: ["tools/regimen-export-shout": shout])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("tools/regimen-export-shout").path)

        let exported = try BinaryTests.run(["export", "programmes/p.yaml", "--format", "shout"], in: root)
        #expect(exported.status == 0, "\(exported.err)")
        #expect(exported.out == "A HANDOUT, LOUDLY\n", "\(exported.out)")

        // Without the setting, there is no such format.
        try "regimen-config: 1\nlibrary-paths: [shared/library]\n".write(
            to: root.appendingPathComponent(".regimen.yml"), atomically: true, encoding: .utf8)
        let unknown = try BinaryTests.run(["export", "programmes/p.yaml", "--format", "shout"], in: root)
        #expect(unknown.status == 2, "\(unknown.err)")
        #expect(unknown.err.contains("no exporter is called `shout`"), "\(unknown.err)")
    }

    // MARK: limits

    @Test func theConfigurationsLimitsApplyAndTheCommandLineWins() throws {
        let root = try Self.repository(configuration: "limits:\n  max-file-bytes: 64\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/p.yaml").path

        let limited = CLITests.run(["compile", programme])
        #expect(limited.status == 1)
        #expect(limited.out.isEmpty)
        #expect(limited.err.contains("error[RG004]: file is over the limit of 64 bytes"), "\(limited.err)")
        #expect(limited.err.contains("--limit max-file-bytes=N"), "the finding names the limit: \(limited.err)")
        #expect(limited.err.hasSuffix("no plan written: 1 error\n"), "\(limited.err)")
        #expect(CLITests.run(["export", programme, "--format", "text"]).status == 1)

        let raised = CLITests.run(["compile", programme, "--limit", "max-file-bytes=1048576"])
        #expect(raised.status == 0, "\(raised.err)")
        #expect(try Self.exerciseIDs(raised.out) == ["neck-rotation"])
        #expect(CLITests.run(["export", programme, "--format", "text", "--limit", "max-file-bytes=1048576"]).status == 0)

        // A limit lowered on the command line applies without any configuration too.
        let lowered = CLITests.run(["compile", programme, "--limit", "max-file-bytes=1048576", "--limit", "max-weeks=3"])
        #expect(lowered.status == 1)
        #expect(lowered.err.contains("error[RG104]"), "weeks 1-4 pass a max-weeks of 3: \(lowered.err)")
    }

    /// `--limit` is checked, and worded, exactly as `regimen validate` checks it.
    @Test func limitSettingsAreCheckedAsValidateChecksThem() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/p.yaml").path
        for setting in ["max-file-byte=100", "max-depth=0", "max-depth", "max-depth=ten"] {
            let validate = CLITests.run(["validate", programme, "--limit", setting])
            let compile = CLITests.run(["compile", programme, "--limit", setting])
            let export = CLITests.run(["export", programme, "--format", "text", "--limit", setting])
            #expect([validate.status, compile.status, export.status] == [2, 2, 2], "\(setting)")
            let message = try #require(validate.err.split(separator: "\n").first)
            #expect(message.contains("`--limit \(setting)`: expected NAME=VALUE with NAME one of max-file-bytes"))
            #expect(compile.err.hasPrefix(message), "\(compile.err)")
            #expect(export.err.hasPrefix(message), "\(export.err)")
        }
    }

    // MARK: --config

    @Test func anExplicitConfigurationIsUsedInsteadOfDiscovery() throws {
        // The nearest .regimen.yml would refuse the file; ci/other.yml names the library path.
        let root = try Self.repository(
            configuration: nil,
            files: [
                ".regimen.yml": "regimen-config: 1\nlimits:\n  max-file-bytes: 64\n",
                "ci/other.yml": "regimen-config: 1\nlibrary-paths: [../shared/library]\n",
            ])
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/p.yaml").path
        let other = root.appendingPathComponent("ci/other.yml").path

        #expect(CLITests.run(["compile", programme]).err.contains("error[RG004]"))
        let configured = CLITests.run(["compile", programme, "--config", other])
        #expect(configured.status == 0, "\(configured.err)")
        #expect(try Self.exerciseIDs(configured.out) == ["neck-rotation"])
        #expect(CLITests.run(["export", programme, "--format", "text", "--config", other]).status == 0)

        // Through the binary, with paths relative to the repository.
        let binary = try BinaryTests.run(["compile", "programmes/p.yaml", "--config", "ci/other.yml"], in: root)
        #expect(binary.status == 0, "\(binary.err)")

        // A --config that names nothing is a usage error, as for validate; nothing is written.
        let plan = root.appendingPathComponent("plan.json")
        try Data("old\n".utf8).write(to: plan)
        for command in [["compile"], ["export", "--format", "text"], ["validate"]] {
            let missing = try BinaryTests.run(
                command + ["programmes/p.yaml", "--config", "nowhere.yml"] + (command[0] == "validate" ? [] : ["-o", "plan.json"]), in: root
            )
            #expect(missing.status == 2, "\(command[0]): \(missing.err)")
            #expect(missing.err.contains("error: nowhere.yml: no such configuration file"), "\(command[0]): \(missing.err)")
        }
        #expect(try String(contentsOf: plan, encoding: .utf8) == "old\n")
    }

    // MARK: rule settings

    /// A configuration may quiet a rule for `regimen validate`; it can never let a
    /// contraindicated exercise into a plan.
    @Test(arguments: ["RG301: off", "contraindicated-for-patient: off", "RG301: warning", "RG301: note"])
    func ruleSettingsNeverLetAContraindicationThrough(_ setting: String) throws {
        let example = try #require(ContraindicatedForPatientRule().descriptor.triggering.first)
        let root = try CLITests.repository([
            "hip.yaml": example.text, "patient.yaml": try #require(example.patient),
            ".regimen.yml": "regimen-config: 1\nrules:\n  \(setting)\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        // validate honours the setting (that is what it is for)…
        let validated = try BinaryTests.run(["validate", "hip.yaml", "--patient", "patient.yaml"], in: root)
        #expect(validated.status == 0, "\(validated.out)")

        // …compile and export do not: RG301 is an error, and there is no plan.
        let plan = root.appendingPathComponent("plan.json")
        try Data("old\n".utf8).write(to: plan)
        for command in [["compile"], ["export", "--format", "text"], ["export", "--format", "html"]] {
            let result = try BinaryTests.run(command + ["hip.yaml", "--patient", "patient.yaml", "-o", "plan.json"], in: root)
            #expect(result.status == 1, "\(command): \(result.err)")
            #expect(
                result.err.contains("error[RG301]: `knee-to-chest` is contraindicated for `total-hip-replacement`"),
                "\(command): \(result.err)")
            #expect(result.err.hasSuffix("no plan written: 1 error\n"), "\(command): \(result.err)")
        }
        #expect(try String(contentsOf: plan, encoding: .utf8) == "old\n")
        let json = CLITests.run([
            "compile", root.appendingPathComponent("hip.yaml").path, "--patient", root.appendingPathComponent("patient.yaml").path,
            "--diagnostics", "json",
        ])
        #expect(json.status == 1)
        #expect(json.err.contains("\"code\" : \"RG301\""), "\(json.err)")
        #expect(json.err.contains("\"severity\" : \"error\""), "\(json.err)")
    }

    /// Nor can a suppression comment in the programme: screening codes are never suppressed,
    /// and the comment itself is RG502.
    @Test func aSuppressionCommentNeverLetsAContraindicationThrough() throws {
        let example = try #require(ContraindicatedForPatientRule().descriptor.triggering.first)
        let patient = try #require(example.patient)
        let marked = try #require(example.markedPositions.first)
        // The comment goes on its own line just before the line of the finding.
        var lines = example.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = lines[marked.line - 1]
        let indent = String(line.prefix { $0 == " " })
        lines.insert(indent + "# regimen-disable-next-line RG301: the surgeon says it is fine", at: marked.line - 1)
        let root = try CLITests.repository(["hip.yaml": lines.joined(separator: "\n"), "patient.yaml": patient])
        defer { try? FileManager.default.removeItem(at: root) }

        let plan = root.appendingPathComponent("plan.json")
        try Data("old\n".utf8).write(to: plan)
        for command in [["compile"], ["export", "--format", "html"]] {
            let result = try BinaryTests.run(command + ["hip.yaml", "--patient", "patient.yaml", "-o", "plan.json"], in: root)
            #expect(result.status == 1, "\(command): \(result.err)")
            #expect(result.err.contains("error[RG301]: `knee-to-chest` is contraindicated"), "\(command): \(result.err)")
            #expect(result.err.contains("error[RG502]: RG301 cannot be suppressed"), "\(command): \(result.err)")
            #expect(result.err.contains("hip.yaml:\(marked.line):\(indent.count + 29)"), "\(command): \(result.err)")
        }
        #expect(try String(contentsOf: plan, encoding: .utf8) == "old\n")
        let validated = try BinaryTests.run(["validate", "hip.yaml", "--patient", "patient.yaml"], in: root)
        #expect(validated.status == 1)
        #expect(validated.out.contains("error[RG301]") && validated.out.contains("error[RG502]"), "\(validated.out)")
    }

    /// Rule settings do not change what compile reports either: a warning stays a warning in
    /// the plan's screening, whatever `rules:` says.
    @Test func ruleSettingsDoNotChangeThePlansWarnings() throws {
        let noisy = Self.programme.replacingOccurrences(of: "title: Neck basics", with: "title: yes")
        let root = try Self.repository(configuration: "rules:\n  boolean-as-text: off\n", files: ["programmes/p.yaml": noisy])
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/p.yaml").path
        #expect(CLITests.run(["validate", programme]).out.hasSuffix("no problems found\n"))
        let compiled = CLITests.run(["compile", programme])
        #expect(compiled.status == 0, "\(compiled.err)")
        #expect(compiled.err.contains("warning[RG006]"), "\(compiled.err)")
        #expect(compiled.out.contains("\"code\" : \"RG006\""), "the plan carries the warning: \(compiled.out)")
    }

    /// `session-size-limit` only moves a warning's threshold, so compile honours it as validate
    /// does, and the plan's warnings match what validate reports.
    @Test func theSessionSizeLimitApplies() throws {
        let long = ConfigTests.programme(items: 9)
        let root = try Self.repository(configuration: "session-size-limit: 10\n", files: ["programmes/long.yaml": long])
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/long.yaml").path
        let configured = CLITests.run(["compile", programme])
        #expect(configured.status == 0, "\(configured.err)")
        #expect(!configured.err.contains("RG209"), "\(configured.err)")
        try FileManager.default.removeItem(at: root.appendingPathComponent(".regimen.yml"))
        let plain = CLITests.run(["compile", programme])
        #expect(plain.status == 0)
        #expect(plain.err.contains("warning[RG209]"), "\(plain.err)")
    }

    // MARK: mistakes in the configuration

    @Test func aMistakeInTheConfigurationIsReportedAndFailsAsInValidate() throws {
        let root = try Self.repository(configuration: "colour: blue\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let validated = try BinaryTests.run(["validate", "programmes/p.yaml"], in: root)
        let plan = root.appendingPathComponent("plan.json")
        try Data("old\n".utf8).write(to: plan)
        let compiled = try BinaryTests.run(["compile", "programmes/p.yaml", "-o", "plan.json"], in: root)
        let exported = try BinaryTests.run(["export", "programmes/p.yaml", "--format", "text"], in: root)
        #expect(validated.status == 1)
        #expect(compiled.status == validated.status)
        #expect(exported.status == validated.status)
        #expect(exported.out.isEmpty)
        #expect(try String(contentsOf: plan, encoding: .utf8) == "old\n", "no plan is written")
        let finding = """
            error[RG501]: unknown key `colour` in the configuration
             --> .regimen.yml:3:1
              |
            3 | colour: blue
              | ^^^^^^
            """
        for result in [validated.out, compiled.err, exported.err] {
            #expect(result.contains(finding), "\(result)")
        }
        #expect(compiled.err.hasSuffix("no plan written: 1 error\n"), "\(compiled.err)")

        let json = try BinaryTests.run(["compile", "programmes/p.yaml", "--diagnostics", "json"], in: root)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.err.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["RG501"])
        #expect(diagnostics.first?["file"] as? String == ".regimen.yml")
        #expect(diagnostics.first?["line"] as? Int == 3)
    }

    /// A misspelt rule is RG501 for compile as for validate; a rule pack's code is not, since
    /// validate registers the pack's rules before reading `rules:`.
    @Test func rulesAreNamedAgainstTheRulesValidateKnows() throws {
        let pack = """
            regimen-rules: 1
            name: knee
            rules:
              - code: KC001
                name: deep-knee-flexion
                check: contraindicated
                movements: deep-knee-flexion
                when: [acl-reconstruction]
                why: Deep flexion strains the graft.
                source: Local policy

            """
        let root = try Self.repository(configuration: "rules:\n  KC001: off\n", files: ["plugins/rules/knee.yaml": pack])
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("programmes/p.yaml").path
        let configuration = root.appendingPathComponent(".regimen.yml")
        #expect(CLITests.run(["validate", programme]).status == 0)
        let compiled = CLITests.run(["compile", programme])
        #expect(compiled.status == 0, "\(compiled.err)")
        #expect(compiled.err.isEmpty, "\(compiled.err)")

        try Data("regimen-config: 1\nlibrary-paths: [shared/library]\nrules:\n  RG2O9: off\n".utf8).write(to: configuration)
        let validated = CLITests.run(["validate", programme])
        let misspelt = CLITests.run(["compile", programme])
        #expect(validated.status == 1)
        #expect(misspelt.status == 1)
        #expect(misspelt.err.contains("error[RG501]: no rule is called `RG2O9`"), "\(misspelt.err)")
        #expect(misspelt.err.contains("= help: did you mean `RG209`?"), "\(misspelt.err)")
    }

    // MARK: help

    /// compile and export describe --config and --limit in validate's words.
    @Test func compileAndExportHelpShowTheOptionsAsValidateDoes() {
        let validate = CLITests.run(["validate", "--help"]).out
        for command in ["compile", "export"] {
            let help = CLITests.run([command, "--help"]).out
            for option in ["--config <path>", "--limit <name=value>"] {
                let line = validate.split(separator: "\n").first { $0.contains("  \(option)") }
                #expect(line != nil && help.contains(line!), "\(command) --help: \(option)")
            }
            #expect(help.contains("max-file-bytes (the largest file read, in bytes, default"), "\(command)")
            #expect(help.contains("contraindication (RG301)"), "\(command) --help says rules: does not apply")
        }
    }
}
