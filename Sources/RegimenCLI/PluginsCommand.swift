import ArgumentParser
import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenPlugins
import RegimenValidate
import RegimenWorkspace

/// `--plugin-path` and `--plugin-timeout`, for every command that runs plugins.
struct PluginOptions: ParsableArguments {
    @Option(
        name: .customLong("plugin-path"),
        help: ArgumentHelp(
            "Also look for plugins in this directory (repeatable).",
            discussion: "Searched after the repository's plugins/ directory, before REGIMEN_PLUGIN_PATH and PATH.",
            valueName: "dir"))
    var pluginPaths: [String] = []

    @Option(
        name: .customLong("plugin-timeout"),
        help: ArgumentHelp("Stop a plugin that runs longer than this many seconds.", valueName: "seconds"))
    var pluginTimeout: Double = ProcessLimits.default.timeout

    @Option(
        name: .customLong("repository-plugins"),
        help: ArgumentHelp(
            "What to use from the repository's own plugins/ and plugin-paths: run (executables and rule packs), packs (rule packs only: no code from the repository runs) or off.",
            discussion: "Default: REGIMEN_REPOSITORY_PLUGINS, else run. Use packs or off on pull requests from outside (docs/security.md).",
            valueName: "mode"))
    var repositoryPlugins: String?

    func validate() throws {
        guard pluginTimeout.isFinite, pluginTimeout > 0, pluginTimeout <= 3_600 else {
            throw ValidationError("`--plugin-timeout` takes a number of seconds greater than 0 and at most 3600")
        }
        if let repositoryPlugins, RepositoryPlugins(rawValue: repositoryPlugins) == nil {
            throw ValidationError("`--repository-plugins` takes run, packs or off, not `\(Visible.escaped(repositoryPlugins))`")
        }
        if repositoryPlugins == nil, RepositoryPlugins.from(environment: Console.current.environment) == nil {
            throw ValidationError("\(RepositoryPlugins.environmentVariable) takes run, packs or off")
        }
    }

    /// What may be used from the repository's own plugins: the option, else the environment.
    var repositoryMode: RepositoryPlugins {
        repositoryPlugins.flatMap(RepositoryPlugins.init(rawValue:))
            ?? RepositoryPlugins.from(environment: Console.current.environment) ?? .off
    }
}

/// Prints a plugin failure the way findings are printed: code, message, where the plugin is,
/// help and notes.
func report(_ failure: PluginFailure, plugin: DiscoveredPlugin, settings: PluginSettings, json: Bool = false) {
    let diagnostic = failure.diagnostic(at: .wholeFile(settings.shown(plugin.path)))
    if json {
        Console.current.errData(JSONReport(diagnostics: [diagnostic], files: 0).encoded())
    } else {
        Console.current.err(TextRenderer(colour: false).render(diagnostic, sources: SourceMap()))
    }
}

/// `regimen plugins list|check`
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List and check plugins: exporters, rules and rule packs.",
        discussion: """
            Plugins are executables named regimen-export-NAME (an exporter: `regimen export \
            --format NAME`) or regimen-rule-NAME (a rule run by `regimen validate`), and rule \
            packs (rules/*.yaml). They are looked for in plugins/ at the repository root, then in \
            each --plugin-path directory and the configuration's plugin-paths, then in \
            REGIMEN_PLUGIN_PATH, then in the plugins bundled with an installed Regimen \
            (share/regimen/plugins beside its bin/), then in PATH (executables only); the first of \
            each kind and name wins. docs/plugins.md describes the contract.

            EXAMPLES:
              regimen plugins list
                what the repository holding the current directory can use
              regimen plugins check
                run each plugin on a small sample, and report the ones that fail
              regimen export --format markdown programmes/neck-pain.yaml -o neck-pain.md
                use an exporter plugin

            \(ExitStatus.helpText)
            """,
        subcommands: [PluginsListCommand.self, PluginsCheckCommand.self])
}

/// What `list` and `check` share: where to look.
struct PluginLocation: ParsableArguments {
    @Argument(help: "A programme, or a directory in the repository whose plugins/ to use.")
    var path: String = "."

    @Option(help: ArgumentHelp("The repository root whose plugins/ to use.", valueName: "dir"))
    var root: String?

    @OptionGroup var plugins: PluginOptions

    /// The workspace of `path`: its repository's `plugins/`, the `plugin-paths` of the
    /// configuration that applies to it, and the rest of the search path, as `validate` and
    /// `export` see them.
    func workspace() throws -> Workspace {
        try plugins.workspace(inputs: [path], root: root, rulePlugins: .never)
    }
}

/// One row of `regimen plugins list`.
struct PluginRow: Codable, Equatable {
    var name: String
    var kind: String
    /// Where it was found: the search path entry's label (`repository plugins/`, `bundled with Regimen`…).
    var origin: String
    var path: String
    var contract: Int?
    var status: String
    var description: String?
    var formats: [String]?
}

/// `regimen plugins list`
struct PluginsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the plugins found: name, kind, path, contract version and status.",
        discussion: """
            Each executable is asked to --describe itself; rule packs are read and checked.

            EXAMPLES:
              regimen plugins list
              regimen plugins list programmes/neck-pain.yaml --format json
                the plugins an export of that programme would see, as JSON
              regimen plugins list --plugin-path ~/clinic-plugins
                with the plugins in ~/clinic-plugins too
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var location: PluginLocation

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let console = Console.current
        let workspace = try location.workspace()
        let settings = workspace.pluginSettings
        let discovery = workspace.discovery
        var rows: [PluginRow] = []
        let runner = settings.runner
        for plugin in discovery.plugins {
            var row = PluginRow(
                name: plugin.name, kind: plugin.kind.rawValue, origin: plugin.directory.origin.label, path: settings.shown(plugin.path),
                contract: nil, status: "ok")
            let described: Result<PluginDescription, PluginFailure> =
                switch plugin.kind {
                case .exporter: ExternalExporter.load(plugin, runner: runner).map(\.pluginDescription)
                case .rule: ExternalRule.load(plugin, runner: runner).map(\.pluginDescription)
                }
            switch described {
            case .success(let description):
                row.contract = description.contract
                row.description = description.description
                row.formats = description.formats
            case .failure(let failure):
                if case .contract(let version) = failure.reason {
                    row.contract = version
                    row.status = "refused: speaks contract version \(version)"
                } else {
                    row.status = "failed: " + Self.short(failure)
                }
            }
            rows.append(row)
        }
        for (plugin, winner) in discovery.shadowed {
            rows.append(
                PluginRow(
                    name: plugin.name, kind: plugin.kind.rawValue, origin: plugin.directory.origin.label, path: settings.shown(plugin.path),
                    contract: nil, status: "hidden by \(settings.shown(winner.path))"))
        }
        rows.append(contentsOf: Self.packRows(discovery, searchPath: workspace.searchPath, settings: settings))
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(["plugins": rows])) ?? Data("{}".utf8)
            console.out(Visible.jsonSafe(String(decoding: data, as: UTF8.self)) + "\n")
        case .text:
            guard !rows.isEmpty else {
                console.say("no plugins found (looked in: \(Self.searched(workspace)))\n")
                return
            }
            let table = Table(
                header: ["NAME", "KIND", "FROM", "PATH", "CONTRACT", "STATUS"],
                rows: rows.map { [$0.name, $0.kind, $0.origin, $0.path, $0.contract.map(String.init) ?? "-", $0.status] })
            console.say(table.text)
        }
    }

    static func packRows(_ discovery: Discovery, searchPath: PluginSearchPath, settings: PluginSettings) -> [PluginRow] {
        var rows: [PluginRow] = discovery.refused.map { refused in
            let shown = settings.shown(refused.refusal.path)
            let leads = refused.refusal.link.map { "`\(settings.shown($0))` links to `\(refused.refusal.target)`" } ?? "outside"
            return PluginRow(
                name: Paths.name(of: shown), kind: refused.kind, origin: Self.origin(of: refused.refusal.path, in: searchPath), path: shown,
                contract: nil, status: "refused: \(leads), outside the repository")
        }
        for withheld in discovery.withheld {
            let shown = settings.shown(withheld.path)
            let file = Paths.name(of: shown)
            let prefix = "regimen-\(withheld.kind)-"
            rows.append(
                PluginRow(
                    name: file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file, kind: withheld.kind,
                    origin: Self.origin(of: withheld.path, in: searchPath), path: shown, contract: nil,
                    status: discovery.repositoryPlugins.withheldReason))
        }
        var names = Set<String>()
        for file in discovery.rulePacks {
            let shown = settings.shown(file.path)
            guard let bytes = try? file.read() else {
                rows.append(
                    PluginRow(
                        name: Paths.name(of: shown), kind: "rule-pack", origin: file.directory.origin.label, path: shown, contract: nil,
                        status: "failed: cannot be read"))
                continue
            }
            let parsed = RulePack.parse(bytes, path: shown)
            let name = parsed.pack?.name.value ?? Paths.name(of: shown)
            let status: String
            if let pack = parsed.pack, !names.insert(pack.name.value).inserted {
                status = "hidden by an earlier pack named `\(pack.name.value)`"
            } else if parsed.diagnostics.isEmpty {
                let count = parsed.pack?.entries.count ?? 0
                status = "ok (\(count == 1 ? "1 rule" : "\(count) rules"))"
            } else {
                let count = parsed.diagnostics.count
                status = "\(count == 1 ? "1 problem" : "\(count) problems"): run `regimen plugins check`"
            }
            rows.append(
                PluginRow(
                    name: name, kind: "rule-pack", origin: file.directory.origin.label, path: shown,
                    contract: parsed.pack == nil ? nil : RulePack.formatVersion, status: status, description: parsed.pack?.title?.value))
        }
        return rows
    }

    /// The failure in a few words, for a table cell.
    static func short(_ failure: PluginFailure) -> String {
        switch failure.reason {
        case .crashed(let signal): "crashed (\(ProcessRunner.signalName(signal)))"
        case .exited(let status): "exited with status \(status)"
        case .timedOut: "timed out"
        case .outputTooLarge: "wrote too much"
        case .malformed(let why): "malformed description: \(why)"
        case .contract(let version): "speaks contract version \(version)"
        case .couldNotStart(let why): "could not be started: \(why)"
        }
    }

    /// The first directories searched, for "no plugins found".
    static func searched(_ workspace: Workspace) -> String {
        let directories = workspace.searchPath.directories
        return directories.prefix(6).map { workspace.shown($0.path) }.joined(separator: ", ") + (directories.count > 6 ? ", …" : "")
    }

    /// How the search path entry that holds `path` was found (the repository's own, for a
    /// refused or withheld file).
    static func origin(of path: String, in searchPath: PluginSearchPath) -> String {
        let directory = searchPath.directories.filter { Paths.isInside(path, $0.path) }.max { $0.path.count < $1.path.count }
        return directory?.origin.label ?? "-"
    }
}

/// `regimen plugins check`
struct PluginsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Try every plugin: --describe, then a request for a small sample programme; report problems.",
        discussion: """
            Exporters are sent a plan compiled from a small sample programme (with a patient, so \
            it has dates), rule plugins the sample programme; rule packs are read and checked, \
            and run over the sample. Exits 3 when any plugin has a problem.

            EXAMPLES:
              regimen plugins check
              regimen plugins check --plugin-path ~/clinic-plugins --plugin-timeout 30
                also the plugins in ~/clinic-plugins, each given 30 seconds

            \(ExitStatus.helpText)
            """)

    @OptionGroup var location: PluginLocation

    func run() throws {
        let console = Console.current
        let workspace = try location.workspace()
        let settings = workspace.pluginSettings
        let discovery = workspace.discovery
        let runner = settings.runner
        var problems = 0
        var checked = 0
        let renderer = TextRenderer(colour: false)
        func line(_ ok: Bool, _ kind: String, _ name: String, _ path: String, _ detail: String) {
            // Names, paths and details from the plugin directory each on one line.
            let (name, path, detail) = (Visible.escaped(name), Visible.escaped(path), Visible.escaped(detail))
            console.say(
                "\(ok ? "ok     " : "problem") \(kind.padding(toLength: 9, withPad: " ", startingAt: 0)) \(name)  \(path)\(detail.isEmpty ? "" : "  (\(detail))")\n"
            )
        }
        for plugin in discovery.plugins {
            checked += 1
            let shown = settings.shown(plugin.path)
            let outcome: Result<String, PluginFailure> =
                switch plugin.kind {
                case .exporter: Self.check(exporter: plugin, runner: runner)
                case .rule: Self.check(rule: plugin, runner: runner)
                }
            switch outcome {
            case .success(let detail):
                line(true, plugin.kind.rawValue, plugin.name, shown, detail)
            case .failure(let failure):
                problems += 1
                line(false, plugin.kind.rawValue, plugin.name, shown, "")
                console.sayRendered(renderer.render(failure.diagnostic(at: .wholeFile(shown)), sources: SourceMap()))
            }
        }
        for refused in discovery.refused {
            checked += 1
            problems += 1
            let shown = settings.shown(refused.refusal.path)
            line(false, refused.kind, Paths.name(of: shown), shown, "not used")
            console.sayRendered(renderer.render(refused.diagnostic(shown: settings.shown), sources: SourceMap()))
        }
        let load = SmokeTest.load()
        var names = Set<String>()
        for file in discovery.rulePacks {
            checked += 1
            let shown = settings.shown(file.path)
            guard let bytes = try? file.read() else {
                problems += 1
                line(false, "rule-pack", Paths.name(of: shown), shown, "cannot be read")
                continue
            }
            let parsed = RulePack.parse(bytes, path: shown)
            let name = parsed.pack?.name.value ?? Paths.name(of: shown)
            var sources = SourceMap()
            sources.add(parsed.source)
            if let pack = parsed.pack, !names.insert(pack.name.value).inserted {
                line(true, "rule-pack", name, shown, "hidden by an earlier pack of this name")
                continue
            }
            guard parsed.diagnostics.isEmpty, let pack = parsed.pack else {
                problems += 1
                line(false, "rule-pack", name, shown, "")
                console.sayRendered(renderer.render(parsed.diagnostics, sources: sources))
                continue
            }
            // Run each entry over the sample, so that a pack that reads but cannot run is caught.
            let findings = pack.entries.reduce(0) { count, entry in
                count
                    + load.programmes.reduce(0) {
                        $0 + RulePackRule(pack: pack, entry: entry).check(programme: $1, context: RuleContext(patient: load.patient)).count
                    }
            }
            line(
                true, "rule-pack", name, shown,
                "\(pack.entries.count == 1 ? "1 rule" : "\(pack.entries.count) rules"), \(findings) findings on the sample")
        }
        for (plugin, winner) in discovery.shadowed {
            console.say(
                "note: \(Visible.escaped(settings.shown(plugin.path))) is hidden by \(Visible.escaped(settings.shown(winner.path))), and was not checked\n"
            )
        }
        guard checked > 0 else {
            console.say("no plugins found (looked in: \(PluginsListCommand.searched(workspace)))\n")
            return
        }
        let plugins = checked == 1 ? "1 plugin" : "\(checked) plugins"
        console.say(
            "\nchecked \(plugins): " + (problems == 0 ? "no problems found" : problems == 1 ? "1 problem" : "\(problems) problems") + "\n")
        if problems > 0 { throw ExitStatus.plugin.exitCode }
    }

    static func check(exporter plugin: DiscoveredPlugin, runner: ProcessRunner) -> Result<String, PluginFailure> {
        let loaded = ExternalExporter.load(plugin, runner: runner)
        guard case .success(let exporter) = loaded else { return loaded.map { _ in "" } }
        guard let plan = SmokeTest.plan() else { return .success("described itself; the sample plan could not be made") }
        let options = ExportOptions(planDirectory: FileManager.default.currentDirectoryPath)
        return exporter.run(exporter.request(plan, options: options)).map { document in
            "contract \(exporter.pluginDescription.contract), wrote \(document.count) bytes of .\(exporter.fileExtension) for the sample plan"
        }
    }

    static func check(rule plugin: DiscoveredPlugin, runner: ProcessRunner) -> Result<String, PluginFailure> {
        let loaded = ExternalRule.load(plugin, runner: runner)
        guard case .success(let rule) = loaded else { return loaded.map { _ in "" } }
        let load = SmokeTest.load()
        guard let programme = load.programmes.first else { return .success("described itself; the sample could not be loaded") }
        let request = RuleRequest(
            programme, patient: load.patient, options: RuleRequest.Options(sessionSizeLimit: ValidationOptions().sessionSizeLimit))
        return rule.run(request).map { findings in
            "contract \(rule.pluginDescription.contract), \(findings.count == 1 ? "1 finding" : "\(findings.count) findings") on the sample"
        }
    }
}
