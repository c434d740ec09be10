import Foundation
import RegimenConfig
import RegimenLoad
import RegimenPlugins
import RegimenWorkspace
import Testing

/// The workspace: one root search, one read of each configuration, one plugin search path,
/// worked out by the library for every command.
@Suite struct WorkspaceTests {
    /// A repository in memory at /repo, seen from `currentDirectory`.
    static func arguments(
        _ inputs: [String], files: [String: String] = [:], currentDirectory: String = "/repo", environment: [String: String] = [:],
        configure: (inout Workspace.Arguments) -> Void = { _ in }
    ) -> Workspace.Arguments {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/p.yaml": CLITests.clean]
        for (path, text) in files { all[path] = text }
        var arguments = Workspace.Arguments(
            inputs: inputs, environment: environment, bundledPluginDirectory: "/opt/regimen/share/regimen/plugins",
            fileSystem: MemoryFileSystem(files: all, currentDirectory: currentDirectory))
        configure(&arguments)
        return arguments
    }

    @Test func theRootIsFoundOnceForEveryInput() {
        let workspace = Workspace(Self.arguments(["clinic/p.yaml", "/elsewhere/q.yaml"], files: ["/repo/clinic/p.yaml": CLITests.clean]))
        #expect(workspace.root == "/repo")
        #expect(workspace.roots == ["/repo", "/elsewhere"], "a file outside any repository is its own directory's")
        let rooted = Workspace(Self.arguments(["p.yaml"]) { $0.root = "clinic" })
        #expect(rooted.root == "/repo/clinic")
    }

    @Test func limitsComeFromTheDefaultsTheConfigurationAndTheCommandLine() {
        let configuration = "regimen-config: 1\nlimits:\n  max-depth: 32\n  max-weeks: 52\n"
        let workspace = Workspace(Self.arguments(["p.yaml"], files: ["/repo/.regimen.yml": configuration]) { $0.limitOverrides = ["max-weeks": 20] })
        #expect(workspace.configuration?.configuration.path == ".regimen.yml")
        #expect(workspace.limits.maxDepth == 32, "the configuration's")
        #expect(workspace.limits.maxWeeks == 20, "--limit wins over the configuration")
        #expect(workspace.limits.maxAliases == Limits.default.maxAliases)
        #expect(workspace.commandLineLimits.maxDepth == Limits.default.maxDepth, "a plan is read without the configuration")
        #expect(workspace.loader().limits == workspace.limits)
    }

    @Test func aConfigurationThatNamesNothingIsAnInputErrorNotAPrint() {
        let workspace = Workspace(Self.arguments(["p.yaml"]) { $0.configurationPath = "missing.yml" })
        #expect(workspace.inputErrors == ["missing.yml: no such configuration file"])
    }

    @Test func validateReadsTheConfigurationsOfEveryDirectoryOnce() {
        let files = [
            "/repo/.regimen.yml": "regimen-config: 1\n",
            "/repo/team/.regimen.yml": "regimen-config: 1\nplugin-paths: [tools]\n",
            "/repo/team/tools/README": "tools\n",
            "/repo/team/q.yaml": CLITests.clean,
        ]
        let walked = Workspace(Self.arguments(["."], files: files) { $0.walksDirectories = true })
        #expect(walked.configurations.compactMap(\.configuration.path) == [".regimen.yml", "team/.regimen.yml"])
        #expect(walked.searchPath.directories.contains(PluginDirectory(path: "/repo/team/tools", origin: .configuration)))
        let single = Workspace(Self.arguments(["."], files: files))
        #expect(single.configurations.compactMap(\.configuration.path) == [".regimen.yml"])
    }

    /// The documented order: the repository's plugins/, --plugin-path, plugin-paths,
    /// REGIMEN_PLUGIN_PATH, the bundled plugins, PATH.
    @Test func thePluginSearchPathIsInTheDocumentedOrder() {
        let files = ["/repo/.regimen.yml": "regimen-config: 1\nplugin-paths: [clinic-plugins]\n", "/repo/clinic-plugins/README": "x\n"]
        let workspace = Workspace(
            Self.arguments(["p.yaml"], files: files, environment: ["REGIMEN_PLUGIN_PATH": "/env/a::/env/b", "PATH": "/usr/bin"]) {
                $0.pluginPaths = ["/option"]
            })
        #expect(
            workspace.searchPath.directories == [
                PluginDirectory(path: "/repo/plugins", origin: .repository),
                PluginDirectory(path: "/option", origin: .option),
                PluginDirectory(path: "/repo/clinic-plugins", origin: .configuration),
                PluginDirectory(path: "/env/a", origin: .environment),
                PluginDirectory(path: "/env/b", origin: .environment),
                PluginDirectory(path: "/opt/regimen/share/regimen/plugins", origin: .bundled),
                PluginDirectory(path: "/usr/bin", origin: .path),
            ])
    }

    @Test func theBundledDirectoryIsBesideTheExecutablesBin() {
        #expect(BundledPlugins.directory(forExecutable: "/usr/local/bin/regimen") == "/usr/local/share/regimen/plugins")
        let running = BundledPlugins.runningExecutable()
        #expect(running.map { FileManager.default.isExecutableFile(atPath: $0) } == true, "the test runner's own path")
    }

    /// `--format` names: the message names the formats, the closest one, where plugins were
    /// looked for, and where `markdown` and `ics` come from.
    @Test(arguments: [
        ("htm", ["no exporter is called `htm`; did you mean `html`? (formats: html, json, text)"]),
        (
            "markdown",
            [
                "no exporter is called `markdown` (formats: html, json, text)",
                "  plugins/ (the repository's own plugins, not there)",
                "  /opt/regimen/share/regimen/plugins (the plugins bundled with an installed Regimen, not there)",
                "  the directory in PATH",
                "`markdown` and `ics` come as bundled plugins with an installed Regimen",
            ]
        ),
        ("ics", ["(formats: html, json, text)", "give the directory that holds them with --plugin-path or REGIMEN_PLUGIN_PATH"]),
    ])
    func anUnknownFormatSaysWhatThereIsAndWhereItLooked(_ name: String, _ expected: [String]) throws {
        let workspace = Workspace(Self.arguments(["p.yaml"], environment: ["PATH": "/nowhere-\(UUID().uuidString)"]))
        guard case .unknown(let unknown) = workspace.exporter(named: name) else {
            Issue.record("`\(name)` was found")
            return
        }
        for line in expected { #expect(unknown.description.contains(line), "\(unknown.description)") }
    }

    /// docs/plugins.md shows the message as it is printed.
    @Test func thePluginsPageShowsTheMessageAsPrinted() throws {
        let page = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/plugins.md"), encoding: .utf8)
        let start = try #require(page.range(of: "```text\nerror: no exporter is called"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        let shown = String(page[page.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
        let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        let workspace = Workspace(
            Self.arguments(["p.yaml"], environment: ["PATH": path]) { $0.bundledPluginDirectory = "/usr/local/share/regimen/plugins" })
        guard case .unknown(let unknown) = workspace.exporter(named: "markdown") else {
            Issue.record("markdown was found")
            return
        }
        #expect("error: " + unknown.description == shown)
    }

    @Test func aBuiltInFormatIsFoundFirst() {
        let workspace = Workspace(Self.arguments(["p.yaml"]))
        guard case .builtIn(let exporter) = workspace.exporter(named: "html") else {
            Issue.record("html is built in")
            return
        }
        #expect(exporter.identifier == "html")
        #expect(workspace.exporterNames == ["html", "json", "text"])
    }
}

/// An installed Regimen (`bin/regimen` beside `share/regimen/plugins/`) finds its bundled
/// plugins from a clinic's own repository, which has no `plugins/`.
@Suite(.serialized) struct BundledPluginTests {
    /// A copy of the built binary at `<tmp>/bin/regimen` and of the repository's markdown and
    /// calendar plugins at `<tmp>/share/regimen/plugins/`; and a clinic repository elsewhere.
    static func install() throws -> (prefix: URL, clinic: URL) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("regimen-installed-\(UUID().uuidString)")
        let prefix = base.appendingPathComponent("prefix")
        let bin = prefix.appendingPathComponent("bin")
        let plugins = prefix.appendingPathComponent("share/regimen/plugins")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try fm.createDirectory(at: plugins, withIntermediateDirectories: true)
        try fm.copyItem(at: BinaryTests.binary.resolvingSymlinksInPath(), to: bin.appendingPathComponent("regimen"))
        for name in ["regimen-export-markdown", "regimen-export-ics"] {
            try fm.copyItem(
                at: Harness.repositoryRoot.appendingPathComponent("plugins/\(name)"), to: plugins.appendingPathComponent(name))
        }
        let clinic = base.appendingPathComponent("clinic")
        try fm.createDirectory(at: clinic.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try CLITests.clean.write(to: clinic.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return (prefix, clinic)
    }

    /// Runs `executable` in `directory`, with no REGIMEN_PLUGIN_PATH and a PATH without plugins.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["REGIMEN_PLUGIN_PATH"] = nil
        environment["PATH"] = "/usr/local/bin:/usr/bin:/bin"
        environment["NO_COLOR"] = "1"
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

    @Test func anInstalledRegimenExportsMarkdownFromAnyRepository() throws {
        let (prefix, clinic) = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let regimen = prefix.appendingPathComponent("bin/regimen")
        let markdown = try Self.run(regimen, ["export", "p.yaml", "--format", "markdown"], in: clinic)
        #expect(markdown.status == 0, "\(markdown.err)")
        #expect(markdown.out.hasPrefix("# Neck basics"), "\(markdown.out.prefix(200))")

        // Through a link on the PATH, as package managers install it: the real file's share/ is used.
        let linked = clinic.deletingLastPathComponent().appendingPathComponent("links")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("regimen"), withDestinationURL: regimen)
        let throughLink = try Self.run(linked.appendingPathComponent("regimen"), ["export", "p.yaml", "--format", "markdown"], in: clinic)
        #expect(throughLink.status == 0, "\(throughLink.err)")
        #expect(throughLink.out == markdown.out)

        let list = try Self.run(regimen, ["plugins", "list"], in: clinic)
        let lines = list.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        let bundled = prefix.appendingPathComponent("share/regimen/plugins").resolvingSymlinksInPath().path
        #expect(lines.contains("markdown exporter bundled \(bundled)/regimen-export-markdown 1 ok"), "\(list.out)")
        #expect(lines.contains("ics exporter bundled \(bundled)/regimen-export-ics 1 ok"), "\(list.out)")
    }

    /// The repository's own plugin of the same name comes first, as documented; the bundled
    /// one is listed as hidden by it.
    @Test func theRepositorysOwnPluginWinsOverTheBundledOne() throws {
        let (prefix, clinic) = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let own = clinic.appendingPathComponent("plugins/regimen-export-markdown")
        try FileManager.default.createDirectory(at: own.deletingLastPathComponent(), withIntermediateDirectories: true)
        try PluginFixture.shell("markdown", kind: "exporter", body: "cat > /dev/null\necho 'the clinic markdown'").write(
            to: own, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: own.path)
        let regimen = prefix.appendingPathComponent("bin/regimen")
        let export = try Self.run(regimen, ["export", "p.yaml", "--format", "markdown"], in: clinic)
        #expect(export.status == 0, "\(export.err)")
        #expect(export.out == "the clinic markdown\n")

        let list = try Self.run(regimen, ["plugins", "list", "--format", "json"], in: clinic)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: [[String: Any]]])["plugins"] ?? []
        let markdown = rows.filter { $0["name"] as? String == "markdown" }
        #expect(markdown.map { $0["origin"] as? String } == ["repository", "bundled"])
        #expect(markdown.last?["status"] as? String == "hidden by plugins/regimen-export-markdown")
    }

    /// Without the bundled plugins (a copied binary), the message says where they come from.
    @Test func aCopiedBinaryWithoutThemSaysWhereTheyComeFrom() throws {
        let (prefix, clinic) = try Self.install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: prefix.appendingPathComponent("share"))
        let result = try Self.run(prefix.appendingPathComponent("bin/regimen"), ["export", "p.yaml", "--format", "markdwn"], in: clinic)
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        let bundled = prefix.appendingPathComponent("share/regimen/plugins").resolvingSymlinksInPath().path
        let expected = [
            "error: no exporter is called `markdwn` (formats: html, json, text)",
            "plugins were looked for in:",
            "  plugins/ (the repository's own plugins, not there)",
            "  \(bundled) (the plugins bundled with an installed Regimen, not there)",
            "help: an exporter plugin is an executable named `regimen-export-NAME` in one of those directories; `markdown` and `ics` come as bundled plugins with an installed Regimen",
        ]
        for line in expected { #expect(result.err.contains(line), "\(result.err)") }
    }
}
