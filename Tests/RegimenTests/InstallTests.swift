import Foundation
import RegimenCLI
import RegimenStarter
import Testing

/// The binary on its own, as an installed or copied `regimen` is: copied to a fresh folder
/// outside the checkout and run from another one, through every command; and the repository
/// `regimen init` makes, checked by the tools that read its files (pre-commit,
/// check-jsonschema). `.ci/install-check` does the same from `make install` and `make release`.
@Suite struct InstallTests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `executable` (a path, or a name looked up on PATH) in `directory`.
    static func run(_ executable: String, _ arguments: [String], in directory: URL, path: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        if let path { environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin") }
        process.environment = environment
        // Standard error goes to a file, so that neither stream can fill and stop the process.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        return Run(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func available(_ tool: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(tool)"], in: FileManager.default.temporaryDirectory).status) == 0
    }

    static let preCommitAvailable = available("pre-commit") && available("git")
    static let checkJSONSchemaAvailable = available("check-jsonschema")

    /// A fresh temporary folder, outside the checkout.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built binary, alone in `bin/` of a fresh folder: no resource bundle, no checkout beside it.
    static func copiedBinary() throws -> (root: URL, binary: URL) {
        let root = try folder("copied")
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let binary = bin.appendingPathComponent("regimen")
        try FileManager.default.copyItem(at: BinaryTests.binary, to: binary)
        return (root, binary)
    }

    @Test func aCopiedBinaryRunsEveryCommandFromAnotherFolder() throws {
        let (root, binary) = try Self.copiedBinary()
        let work = try Self.folder("work")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: work)
        }
        let regimen = binary.path
        let clinic = work.appendingPathComponent("clinic")
        try FileManager.default.createDirectory(at: clinic.appendingPathComponent(".git"), withIntermediateDirectories: true)

        let made = try Self.run(regimen, ["init", "clinic"], in: work)
        #expect(made.status == 0, "\(made.out)\(made.err)")
        // No pictures are installed beside this copy: init says where it looked.
        #expect(made.out.contains("(looked in \(root.path)/share/regimen/library/images)"))

        func expectClean(_ arguments: [String], _ check: (String) -> Bool = { !$0.isEmpty }) throws {
            let result = try Self.run(regimen, arguments, in: clinic)
            #expect(result.status == 0, "regimen \(arguments.joined(separator: " ")): \(result.out)\(result.err)")
            #expect(check(result.out), "regimen \(arguments.joined(separator: " ")): \(result.out.prefix(300))")
        }
        let programme = Starter.programmePath
        try expectClean(["validate", "."]) { $0.hasSuffix(": no problems found\n") }
        try expectClean(["compile", programme, "-o", "plan.json"]) { _ in
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: clinic.appendingPathComponent("plan.json")))) != nil
        }
        try expectClean(["export", programme, "--format", "text"]) { $0.hasPrefix("Getting going again with low back pain\n") }
        try expectClean(["export", programme, "--format", "html"]) { $0.hasPrefix("<!DOCTYPE html>") && $0.contains("Standing back bend") }
        try expectClean(["export", programme, "--format", "json"]) { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }
        try expectClean(["explain", "RG104"]) { $0.hasPrefix("RG104 invalid-quantity") }
        try expectClean(["schema"]) { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }
        try expectClean(["vocabulary", "show", "low-back-pain"]) { $0.contains("low-back-pain") }
        try expectClean(["plugins", "list"])
        try expectClean(["--version"]) { $0 == RegimenVersion.current + "\n" }
        for shell in ["bash", "zsh", "fish"] {
            try expectClean(["--generate-completion-script", shell]) { $0.contains("regimen") && $0.contains("init") }
        }
        try Data(ImportTests.fixture.utf8).write(to: work.appendingPathComponent("exercises.json"))
        let imported = try Self.run(regimen, ["import", "free-exercise-db", "exercises.json", "-o", "imported"], in: work)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("imported").path))
    }

    /// The pre-commit configuration init writes, run by pre-commit itself with the copied
    /// binary on PATH: clean on the new repository, and failing once a programme has a mistake.
    @Test(.enabled(if: preCommitAvailable || ReportSchemas.inCI, "pre-commit or git is not installed: skipping (CI installs pre-commit)"))
    func preCommitRunsTheHookInTheNewRepository() throws {
        try #require(Self.preCommitAvailable, "CI must run pre-commit: pip install pre-commit")
        let (root, _) = try Self.copiedBinary()
        let clinic = try Self.folder("pre-commit")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: clinic)
        }
        let bin = root.appendingPathComponent("bin").path
        #expect(try Self.run("git", ["init", "-q"], in: clinic).status == 0)
        #expect(try Self.run("regimen", ["init"], in: clinic, path: bin).status == 0)
        #expect(try Self.run("git", ["add", "-A"], in: clinic).status == 0)

        let config = try Self.run("pre-commit", ["validate-config", ".pre-commit-config.yaml"], in: clinic)
        #expect(config.status == 0, "\(config.out)\(config.err)")
        // pre-commit keeps its cache under PRE_COMMIT_HOME, here inside the test's folder.
        let cache = root.appendingPathComponent("cache").path
        let clean = try Self.run("env", ["PRE_COMMIT_HOME=\(cache)", "pre-commit", "run", "--all-files"], in: clinic, path: bin)
        #expect(clean.status == 0, "\(clean.out)\(clean.err)")
        #expect(clean.out.contains("regimen validate") && clean.out.contains("Passed"), "\(clean.out)")

        let programme = clinic.appendingPathComponent(Starter.programmePath)
        let text = try String(contentsOf: programme, encoding: .utf8)
        try text.replacingOccurrences(of: "hold: 20s", with: "hold: 20").write(to: programme, atomically: true, encoding: .utf8)
        let broken = try Self.run("env", ["PRE_COMMIT_HOME=\(cache)", "pre-commit", "run", "--all-files"], in: clinic, path: bin)
        #expect(broken.status == 1)
        #expect(broken.out.contains("error[RG104]: cannot read `20` as a time"), "\(broken.out)")
    }

    /// The CI files init writes, against the schemas GitHub and GitLab publish (check-jsonschema's
    /// vendored copies, and ../shared's copy of the workflow schema).
    @Test(
        .enabled(if: checkJSONSchemaAvailable || ReportSchemas.inCI, "check-jsonschema is not installed: skipping (CI installs it)"))
    func theCIFilesAreValidAgainstTheOfficialSchemas() throws {
        try #require(Self.checkJSONSchemaAvailable, "CI must run check-jsonschema: pip install check-jsonschema")
        let clinic = try Self.folder("ci")
        defer { try? FileManager.default.removeItem(at: clinic) }
        #expect(CLITests.run(["init", clinic.path]).status == 0)
        for (file, schema) in [(".github/workflows/regimen.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")] {
            let checked = try Self.run("check-jsonschema", ["--builtin-schema", schema, file], in: clinic)
            #expect(checked.status == 0, "\(file): \(checked.out)\(checked.err)")
        }
        // The checks can fail: an artifact kept "sometimes" is not GitLab CI.
        try "regimen:\n  script: [regimen validate .]\n  artifacts: {when: sometimes}\n".write(to: clinic.appendingPathComponent("broken.yml"), atomically: true, encoding: .utf8)
        #expect(try Self.run("check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", "broken.yml"], in: clinic).status == 1)
        if ReportSchemas.available, ReportTests.pyyamlInstalled {
            let workflow = try String(contentsOf: clinic.appendingPathComponent(".github/workflows/regimen.yml"), encoding: .utf8)
            try ReportSchemas.expectValid(workflow, yaml: true, against: "github-workflow.json")
        }
    }
}
