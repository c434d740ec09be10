import Foundation
import Testing

/// `--repository-plugins` (and `REGIMEN_REPOSITORY_PLUGINS`): on a stranger's pull request, the
/// repository's own executables (in `plugins/` and in the `plugin-paths` its `.regimen.yml`
/// names) must not run; its rule packs are data, and may still be read. The person running
/// Regimen decides, never the repository (docs/security.md).
@Suite struct RepositoryPluginsTests {
    static let programme = """
        regimen: 1
        id: back-care
        title: Back care
        condition: [low-back-pain]
        red-flags: [Numbness between the legs]
        exercises:
          knee-hug:
            name: Knee hug
            steps: [Hug one knee to your chest]
        phases:
          - id: start
            weeks: 1-2
            items: [{ use: knee-hug }]

        """

    static let pack = """
        regimen-rules: 1
        name: clinic-checks
        rules:
          - code: CC001
            name: exclusions-for-back-pain
            check: required-field
            field: exclusions
            severity: error
            when: [low-back-pain]
            why: A programme for back pain says whom it is not for.
            source: Local policy

        """

    /// A rule plugin that leaves a file called `ran-NAME` in the working directory when run, and
    /// reports nothing: whether it ran is whether the file is there.
    static func plugin(_ name: String) -> String {
        PluginFixture.shell(
            name, kind: "rule",
            body: "touch ran-\(name)\ncat > /dev/null\nprintf '%s\\n' '{\"contract\": 1, \"diagnostics\": []}'")
    }

    /// A repository with an executable in `plugins/`, one in `tools/` (named by `.regimen.yml`)
    /// and a rule pack.
    static func repository() throws -> URL {
        let root = try CLITests.repository([
            "p.yaml": programme, "plugins/rules/clinic.yaml": pack, "plugins/regimen-rule-own": plugin("own"),
            "tools/regimen-rule-configured": plugin("configured"), ".regimen.yml": "regimen-config: 1\nplugin-paths: [tools]\n",
        ])
        for path in ["plugins/regimen-rule-own", "tools/regimen-rule-configured"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent(path).path)
        }
        return root
    }

    static func run(_ arguments: [String], in root: URL, environment extra: [String: String] = [:]) throws -> (
        status: Int32, out: String, ran: [String]
    ) {
        for name in ["own", "configured", "mine"] { try? FileManager.default.removeItem(at: root.appendingPathComponent("ran-\(name)")) }
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "REGIMEN_REPOSITORY_PLUGINS")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let ran = ["own", "configured", "mine"].filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent("ran-\($0)").path)
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), ran)
    }

    @Test func theRepositorysExecutablesRunOnlyWhenAllowed() throws {
        let root = try Self.repository()
        let mine = try PluginFixture.directory(["regimen-rule-mine": Self.plugin("mine")])
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: mine)
        }
        let packFinding = "CC001"
        let cases: [(arguments: [String], environment: [String: String], ran: [String], packRead: Bool)] = [
            ([], [:], ["own", "configured", "mine"], true),
            (["--repository-plugins", "run"], [:], ["own", "configured", "mine"], true),
            (["--repository-plugins", "packs"], [:], ["mine"], true),
            ([], ["REGIMEN_REPOSITORY_PLUGINS": "packs"], ["mine"], true),
            (["--repository-plugins", "off"], [:], ["mine"], false),
            ([], ["REGIMEN_REPOSITORY_PLUGINS": "off"], ["mine"], false),
            // The command line wins over the environment.
            (["--repository-plugins", "packs"], ["REGIMEN_REPOSITORY_PLUGINS": "run"], ["mine"], true),
        ]
        for (arguments, environment, ran, packRead) in cases {
            let result = try Self.run(
                ["validate", "p.yaml", "--plugin-path", mine.path] + arguments, in: root, environment: environment)
            let label = "\(arguments) \(environment)"
            #expect(result.status == (packRead ? 1 : 0), "\(label): exit \(result.status)\n\(result.out)")
            #expect(result.ran == ran, "\(label): \(result.out)")
            #expect(result.out.contains(packFinding) == packRead, "\(label): \(result.out)")
        }
    }

    @Test func pluginsListSaysWhatWasWithheldAndExportSaysWhy() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let listed = try Self.run(["plugins", "list", "p.yaml", "--repository-plugins", "packs"], in: root)
        #expect(listed.status == 0, "\(listed.out)")
        #expect(listed.ran == [], "listing runs no withheld plugin: \(listed.out)")
        for name in ["own", "configured"] {
            #expect(
                listed.out.split(separator: "\n").contains { $0.hasPrefix(name + " ") && $0.contains("not run: --repository-plugins packs") },
                "\(listed.out)")
        }

        try Data(PluginFixture.shell("leaflet", kind: "exporter", body: "touch ran-own\necho leaflet").utf8).write(
            to: root.appendingPathComponent("plugins/regimen-export-leaflet"))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("plugins/regimen-export-leaflet").path)
        let export = try Self.run(["export", "p.yaml", "--format", "leaflet"], in: root, environment: ["REGIMEN_REPOSITORY_PLUGINS": "off"])
        #expect(export.status == 2, "\(export.out)")
        #expect(export.ran == [])
        #expect(export.out.contains("the exporter `leaflet` is the repository's own (`plugins/regimen-export-leaflet`), and is not run"), "\(export.out)")

        let bad = try Self.run(["validate", "p.yaml"], in: root, environment: ["REGIMEN_REPOSITORY_PLUGINS": "sometimes"])
        #expect(bad.status == 2 && bad.out.contains("REGIMEN_REPOSITORY_PLUGINS takes run, packs or off"), "\(bad.out)")
        #expect(bad.ran == [])
    }

    /// A repository's `.regimen.yml` names its own plugins: a path out of it, by `..` or through a
    /// link, is a finding, and nothing there is run.
    @Test func configuredPluginPathsStayInsideTheRepository() throws {
        let root = try Self.repository()
        let outside = try PluginFixture.directory(["regimen-rule-mine": Self.plugin("mine")])
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("linked").path, withDestinationPath: outside.path)
        let relative = "../" + outside.lastPathComponent
        try "regimen-config: 1\nplugin-paths: [linked, \(relative)]\n".write(
            to: root.appendingPathComponent(".regimen.yml"), atomically: true, encoding: .utf8)
        let result = try Self.run(["validate", "p.yaml"], in: root)
        #expect(result.status == 1, "\(result.out)")
        #expect(result.out.contains("error[RG501]: plugin path `linked` leads outside the repository through `linked`, a symbolic link to"), "\(result.out)")
        #expect(result.out.contains("error[RG501]: plugin path `\(relative)` leads outside the repository"), "\(result.out)")
        #expect(result.ran == ["own"], "only the repository's own plugins/ ran: \(result.out)")
    }

    /// The commands docs/security.md shows, run on this repository: both check the samples clean.
    @Test func theSecurityPagesCommandsWork() throws {
        let page = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/security.md"), encoding: .utf8)
        let blocks = page.components(separatedBy: "```sh\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let commands = blocks.flatMap { $0.split(separator: "\n") }.map { line in
            String(line.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
        }.filter { $0.hasPrefix("regimen ") }
        #expect(commands.count == 2, "\(commands)")
        for command in commands {
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let result = try BinaryTests.run(arguments)
            #expect(result.status == 0, "\(command): \(result.out)\(result.err)")
            #expect(result.out.contains("no problems found"), "\(command): \(result.out)")
        }
    }
}
