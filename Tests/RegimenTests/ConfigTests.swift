import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// `.regimen.yml`: where it is found, what each key does, and what a mistake in it says.
@Suite struct ConfigTests {
    /// A programme with `items` chin tucks in its one phase (more than 8 is RG209), over `weeks`.
    static func programme(
        id: String = "neck-basics", items: Int = 1, weeks: String = "1-4", library: String? = nil, use: String = "chin-tuck"
    )
        -> String
    {
        """
        regimen: 1
        id: \(id)
        title: Neck basics
        \(library.map { "library: [\($0)]\n" } ?? "")red-flags: [Sudden severe headache]
        exercises:
          chin-tuck:
            name: Chin tuck
            steps: [Draw your chin straight back, Hold, then relax]
        phases:
          - id: start
            weeks: \(weeks)
            items:
        \(Array(repeating: "      - use: \(use)\n        dose: { reps: 10, hold: 5s }", count: items).joined(separator: "\n"))

        """
    }

    static let neckLibrary = """
        regimen-library: 1
        title: Neck
        exercises:
          neck-rotation:
            name: Neck rotation
            steps: [Turn your head slowly to one side, Come back to the middle]

        """

    /// A repository at /repo (with .git) holding `files` (paths relative to /repo).
    static func fileSystem(_ files: [String: String], currentDirectory: String = "/repo") -> MemoryFileSystem {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n"]
        for (path, text) in files { all[path.hasPrefix("/") ? path : "/repo/" + path] = text }
        return MemoryFileSystem(files: all, currentDirectory: currentDirectory)
    }

    /// Runs `regimen validate paths…` under the configuration, in memory.
    static func run(
        _ files: [String: String], paths: [String] = ["."], configurationPath: String? = nil,
        overrides: ConfiguredValidation.Overrides = .init(), currentDirectory: String = "/repo"
    ) -> ConfiguredValidation.Result {
        let fs = fileSystem(files, currentDirectory: currentDirectory)
        return ConfiguredValidation(
            pipeline: ValidationPipeline(loader: Loader(fileSystem: fs)), configurationPath: configurationPath, overrides: overrides
        ).run(paths: paths)
    }

    static func summary(_ result: ConfiguredValidation.Result) -> [String] {
        result.report.diagnostics.map { "\($0.code)@\($0.range.file):\($0.range.start.line):\($0.range.start.column)" }
    }

    // MARK: Discovery

    @Test func theNearestConfigurationAboveAFileIsFound() {
        let fs = Self.fileSystem([
            ".regimen.yml": "regimen-config: 1\n", "a/.regimen.yml": "regimen-config: 1\n",
            "a/b/c/p.yaml": Self.programme(), "d/p.yaml": Self.programme(),
        ])
        let loader = ConfigurationLoader(fileSystem: fs)
        #expect(loader.discover(for: "a/b/c/p.yaml") == "/repo/a/.regimen.yml")
        #expect(loader.discover(for: "a/b/c") == "/repo/a/.regimen.yml")
        #expect(loader.discover(for: "a") == "/repo/a/.regimen.yml")
        #expect(loader.discover(for: "d/p.yaml") == "/repo/.regimen.yml")
        #expect(loader.discover(for: "/repo/d/p.yaml") == "/repo/.regimen.yml")
    }

    @Test func discoveryStopsAtTheFilesystemRoot() {
        let none = MemoryFileSystem(files: ["/x/y/p.yaml": Self.programme()], currentDirectory: "/x")
        #expect(ConfigurationLoader(fileSystem: none).discover(for: "y/p.yaml") == nil)
        let atRoot = MemoryFileSystem(
            files: ["/.regimen.yml": "regimen-config: 1\n", "/x/y/p.yaml": Self.programme()], currentDirectory: "/x")
        #expect(ConfigurationLoader(fileSystem: atRoot).discover(for: "y/p.yaml") == "/.regimen.yml")
    }

    /// Nearest wins for each file, whatever path the run was given: an editor checking one file
    /// and CI checking the whole tree agree.
    @Test func eachFileIsCheckedUnderItsNearestConfiguration() {
        let files = [
            ".regimen.yml": "regimen-config: 1\nrules:\n  RG209: off\n",
            "a/.regimen.yml": "regimen-config: 1\n",
            "top.yaml": Self.programme(id: "top", items: 9),
            "a/nested.yaml": Self.programme(id: "nested", items: 9),
        ]
        let whole = Self.run(files)
        #expect(Self.summary(whole) == ["RG209@a/nested.yaml:10:9"])
        #expect(whole.configurations.compactMap(\.path) == [".regimen.yml", "a/.regimen.yml"])
        #expect(Self.summary(Self.run(files, paths: ["a/nested.yaml"])) == ["RG209@a/nested.yaml:10:9"])
        #expect(Self.summary(Self.run(files, paths: ["top.yaml"])).isEmpty)
        #expect(Self.summary(Self.run(files, paths: ["."], currentDirectory: "/repo/a")) == ["RG209@nested.yaml:10:9"])
    }

    @Test func anExplicitConfigurationReplacesDiscovery() {
        let files = [
            ".regimen.yml": "regimen-config: 1\nrules:\n  RG209: off\n",
            "ci/strict.yml": "regimen-config: 1\nrules:\n  session-too-long: error\n",
            "p.yaml": Self.programme(items: 9),
        ]
        let result = Self.run(files, configurationPath: "ci/strict.yml")
        #expect(result.report.diagnostics.map(\.code) == ["RG209"])
        #expect(result.report.diagnostics.first?.severity == .error)
        #expect(result.configurations.compactMap(\.path) == ["ci/strict.yml"])
        let missing = Self.run(files, configurationPath: "nowhere.yml")
        #expect(missing.report.inputErrors == ["nowhere.yml: no such configuration file"])
    }

    @Test func withoutAConfigurationNothingChanges() {
        let result = Self.run(["p.yaml": Self.programme(items: 9)])
        #expect(result.configurations.isEmpty)
        #expect(result.report.diagnostics.map(\.code) == ["RG209"])
        #expect(result.report.diagnostics.first?.severity == .warning)
        #expect(result.report.fileCount == 1)
    }

    // MARK: Rules

    @Test func rulesCanBeTurnedOffOrChangeSeverityByCodeOrName() {
        let noRedFlags = Self.programme(items: 9).replacingOccurrences(of: "red-flags: [Sudden severe headache]\n", with: "")
        let files = [".regimen.yml": "regimen-config: 1\nrules:\n  missing-red-flags: off\n  rg209: note\n", "p.yaml": noRedFlags]
        let plain = ValidationPipeline(loader: Loader(fileSystem: Self.fileSystem(files))).run(paths: ["p.yaml"])
        #expect(Set(plain.diagnostics.map(\.code)) == ["RG208", "RG209"])
        let configured = Self.run(files)
        #expect(configured.report.diagnostics.map(\.code) == ["RG209"])
        #expect(configured.report.diagnostics.first?.severity == .note)
    }

    @Test func adjustedKeepsOrderAndChangesOnlyNamedRules() {
        var configuration = Configuration(directory: "/repo")
        configuration.rules = ["RG102": .warning, "RG201": .off]
        let range = SourceRange.wholeFile("p.yaml")
        let diagnostics = [
            Diagnostic(code: "RG201", severity: .error, message: "a", range: range),
            Diagnostic(code: "RG102", severity: .error, message: "b", range: range),
            Diagnostic(code: "RG104", severity: .error, message: "c", range: range),
        ]
        let adjusted = configuration.adjusted(diagnostics)
        #expect(adjusted.map(\.code) == ["RG102", "RG104"])
        #expect(adjusted.map(\.severity) == [.warning, .error])
    }

    // MARK: Mistakes in the configuration

    /// One configuration mistake, at the `↓`, with its exact wording.
    struct Mistake: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var message: String
        var help: String?
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            name: "unknown key", yaml: "regimen-config: 1\n↓rule:\n  RG209: off\n",
            message: "unknown key `rule` in the configuration", help: "did you mean `rules`?"),
        Mistake(
            name: "unknown key, nothing close", yaml: "regimen-config: 1\n↓colour: blue\n",
            message: "unknown key `colour` in the configuration",
            help:
                "the configuration takes: `regimen-config`, `rules`, `plugin-paths`, `library-paths`, `ignore`, `session-size-limit`, `limits`, `vocabulary`, `preview`"
        ),
        Mistake(
            name: "unknown rule code", yaml: "regimen-config: 1\nrules:\n  ↓RG2O9: off\n",
            message: "no rule is called `RG2O9`", help: "did you mean `RG209`?"),
        Mistake(
            name: "unknown rule name", yaml: "regimen-config: 1\nrules:\n  ↓session-to-long: off\n",
            message: "no rule is called `session-to-long`", help: "did you mean `session-too-long`?"),
        Mistake(
            name: "unknown setting", yaml: "regimen-config: 1\nrules:\n  RG209: ↓warn\n",
            message: "`warn` is not a rule setting", help: "use one of: `off`, `error`, `warning`, `note`"),
        Mistake(
            name: "misspelt setting", yaml: "regimen-config: 1\nrules:\n  RG209: ↓of\n",
            message: "`of` is not a rule setting", help: "did you mean `off`? use one of: `off`, `error`, `warning`, `note`"),
        Mistake(
            name: "rules as a list", yaml: "regimen-config: 1\nrules:\n  ↓- RG209\n",
            message: "expected rules (a mapping of keys), found a list",
            help: "write each rule as `CODE: setting` on its own line, such as `RG209: warning`"),
        Mistake(
            name: "missing version", yaml: "↓rules:\n  RG209: off\n",
            message: "missing required key `regimen-config` in the configuration",
            help: "add `regimen-config: 1` (the configuration format's version)"),
        Mistake(
            name: "later version", yaml: "regimen-config: ↓2\n",
            message: "configuration version 2 is not supported",
            help: "this Regimen reads `regimen-config: 1`; write that, or update Regimen"),
        Mistake(
            name: "session size in words", yaml: "regimen-config: 1\nsession-size-limit: ↓ten\n",
            message: "expected a whole number, found `ten`", help: "write digits only, such as `3`"),
        Mistake(
            name: "session size of nothing", yaml: "regimen-config: 1\nsession-size-limit: ↓0\n",
            message: "`session-size-limit` must be 1 or more",
            help: "write the largest number of exercises a session should have, such as `8`"),
        Mistake(
            name: "unknown limit", yaml: "regimen-config: 1\nlimits:\n  ↓max-dept: 128\n",
            message: "unknown limit `max-dept`", help: "did you mean `max-depth`?"),
        Mistake(
            name: "limit of nothing", yaml: "regimen-config: 1\nlimits:\n  max-depth: ↓0\n",
            message: "`0` is not a value for `max-depth`", help: "a limit is a whole number from 1 to its ceiling, 256 for `max-depth` (see docs/limits.md)"),
        Mistake(
            name: "library path outside", yaml: "regimen-config: 1\nlibrary-paths: [↓../elsewhere]\n",
            message: "library path `../elsewhere` leads outside the repository",
            help: "library files must be inside `.`; copy them in, or point `--root` at the repository"),
        Mistake(
            name: "library path missing", yaml: "regimen-config: 1\nlibrary-paths:\n  - ↓librar\n",
            message: "library path `librar` does not exist", help: "check the path; it is relative to this file"),
        Mistake(
            name: "absolute path", yaml: "regimen-config: 1\nplugin-paths: ↓/usr/local/lib/regimen\n",
            message: "path `/usr/local/lib/regimen` is absolute",
            help: "write it relative to this file, so that the configuration works in every clone of the repository"),
        Mistake(
            name: "plugin path missing", yaml: "regimen-config: 1\nplugin-paths: [↓plugins/red-flags]\n",
            message: "plugin path `plugins/red-flags` does not exist", help: "check the path; it is relative to this file"),
        Mistake(
            name: "ignore pattern that climbs out", yaml: "regimen-config: 1\nignore: [↓../drafts]\n",
            message: "`../drafts` is not an ignore pattern",
            help: "write a path relative to this file, without `..`, such as `drafts/**` or `**/*.draft.yaml`"),
        Mistake(
            name: "empty file", yaml: "↓", message: "configuration is empty", help: "start it with `regimen-config: 1`"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedWhereItIsWithAHint(_ mistake: Mistake) throws {
        let example = RuleExample(mistake.yaml)
        let result = Self.run([".regimen.yml": example.text, "p.yaml": Self.programme(), "library/neck.yaml": Self.neckLibrary])
        let position = try #require(example.markedPositions.first)
        let found = try #require(result.report.diagnostics.first, "no finding for \(mistake.name)")
        #expect(result.report.diagnostics.count == 1, "\(Self.summary(result))")
        #expect(found.code == "RG501")
        #expect(found.severity == .error)
        #expect(found.range.file == ".regimen.yml")
        #expect(found.range.start == position)
        #expect(found.message == mistake.message)
        #expect(found.help == mistake.help)
    }

    @Test func aRuleSetTwiceIsReportedWithANoteAtTheFirst() throws {
        let result = Self.run([
            ".regimen.yml": "regimen-config: 1\nrules:\n  RG209: off\n  session-too-long: error\n", "p.yaml": Self.programme(items: 9),
        ])
        let finding = try #require(result.report.diagnostics.first { $0.code == "RG501" })
        #expect(finding.message == "RG209 is set twice")
        #expect(finding.notes.first?.range?.start == SourcePosition(line: 3, column: 3))
        // The later setting is the one used.
        #expect(result.report.diagnostics.contains { $0.code == "RG209" && $0.severity == .error })
    }

    /// What can be read still applies; the configuration's own findings are not changed by its rules.
    @Test func theRestOfAFaultyConfigurationStillApplies() {
        let result = Self.run([
            ".regimen.yml": "regimen-config: 1\nrule: {}\nrules:\n  RG209: off\n  RG501: off\n", "p.yaml": Self.programme(items: 9),
        ])
        #expect(Self.summary(result) == ["RG501@.regimen.yml:2:1"])
    }

    @Test func aConfigurationFindingShowsTheConfigurationLine() throws {
        let result = Self.run([".regimen.yml": "regimen-config: 1\nrules:\n  RG2O9: off\n", "p.yaml": Self.programme()])
        let text = TextRenderer().render(result.report.diagnostics, sources: result.report.sources)
        #expect(
            text == """
                error[RG501]: no rule is called `RG2O9`
                 --> .regimen.yml:3:3
                  |
                3 |   RG2O9: off
                  |   ^^^^^
                  = help: did you mean `RG209`?

                """)
    }

    @Test func aYAMLErrorInTheConfigurationKeepsItsCode() {
        let result = Self.run([".regimen.yml": "regimen-config: 1\nrules: [\n", "p.yaml": Self.programme()])
        #expect(result.report.diagnostics.map(\.code) == ["RG001"])
        #expect(result.report.diagnostics.first?.range.file == ".regimen.yml")
    }

    // MARK: Ignore

    struct GlobCase: CustomTestStringConvertible, Sendable {
        var pattern: String
        var path: String
        var matches: Bool
        var testDescription: String { "\(pattern) \(matches ? "matches" : "does not match") \(path)" }
    }

    static let globs: [GlobCase] = [
        GlobCase(pattern: "drafts/**", path: "drafts/a.yaml", matches: true),
        GlobCase(pattern: "drafts/**", path: "drafts/x/y/a.yaml", matches: true),
        GlobCase(pattern: "drafts", path: "drafts/x/a.yaml", matches: true),
        GlobCase(pattern: "drafts/", path: "drafts/a.yaml", matches: true),
        GlobCase(pattern: "drafts/**", path: "programmes/drafts/a.yaml", matches: false),
        GlobCase(pattern: "**/drafts/**", path: "programmes/drafts/a.yaml", matches: true),
        GlobCase(pattern: "**/drafts", path: "drafts/a.yaml", matches: true),
        GlobCase(pattern: "*.draft.yaml", path: "knee.draft.yaml", matches: true),
        GlobCase(pattern: "*.draft.yaml", path: "programmes/knee.draft.yaml", matches: false),
        GlobCase(pattern: "**/*.draft.yaml", path: "programmes/knee.draft.yaml", matches: true),
        GlobCase(pattern: "programmes/*.yaml", path: "programmes/knee.yaml", matches: true),
        GlobCase(pattern: "programmes/*.yaml", path: "programmes/old/knee.yaml", matches: false),
        GlobCase(pattern: "programmes/**/*.yaml", path: "programmes/knee.yaml", matches: true),
        GlobCase(pattern: "week-?.yaml", path: "week-1.yaml", matches: true),
        GlobCase(pattern: "week-?.yaml", path: "week-12.yaml", matches: false),
        GlobCase(pattern: "*", path: "anything/at/all.yaml", matches: true),
        GlobCase(pattern: "a*b*c", path: "axxbyyc", matches: true),
        GlobCase(pattern: "a*b*c", path: "axxbyy", matches: false),
        GlobCase(pattern: "./old", path: "old/p.yaml", matches: true),
        GlobCase(pattern: "ol", path: "old/p.yaml", matches: false),
    ]

    @Test(arguments: globs)
    func ignorePatterns(_ glob: GlobCase) throws {
        let pattern = try #require(IgnorePattern(glob.pattern))
        #expect(pattern.matches(glob.path) == glob.matches)
    }

    @Test func ignorePatternsThatCannotWork() {
        for text in ["", "/", "/abs/*.yaml", "../x", "a/../../b"] {
            #expect(IgnorePattern(text) == nil, "\(text)")
        }
    }

    @Test func ignoredFilesAreSkippedByWalksButNotWhenNamed() {
        let broken = Self.programme().replacingOccurrences(of: "hold: 5s", with: "hold: 5")
        let files = [
            ".regimen.yml": "regimen-config: 1\nignore:\n  - drafts/**\n  - '**/*.draft.yaml'\n",
            "p.yaml": Self.programme(), "drafts/a.yaml": broken, "programmes/b.draft.yaml": broken, "programmes/c.yaml": broken,
        ]
        let walked = Self.run(files)
        #expect(Self.summary(walked) == ["RG104@programmes/c.yaml:14:33"])
        #expect(walked.report.fileCount == 2)
        let named = Self.run(files, paths: ["drafts/a.yaml", "programmes"])
        #expect(Self.summary(named) == ["RG104@drafts/a.yaml:14:33", "RG104@programmes/c.yaml:14:33"])
        // Every file ignored is not an error; an empty directory still is.
        let allIgnored = Self.run(files, paths: ["drafts"])
        #expect(allIgnored.report.inputErrors.isEmpty && allIgnored.report.fileCount == 0)
        let empty = Self.run(["empty/notes.txt": "", ".regimen.yml": "regimen-config: 1\n"], paths: ["empty"])
        #expect(empty.report.inputErrors == ["empty: no .yaml or .yml files found in this directory"])
    }

    // MARK: Library paths

    @Test func libraryPathsAreSearchedWhenTheEntryIsNotBesideTheProgramme() {
        let files = [
            ".regimen.yml": "regimen-config: 1\nlibrary-paths: [shared/library]\n",
            "programmes/p.yaml": Self.programme(library: "neck.yaml", use: "neck-rotation"),
            "shared/library/neck.yaml": Self.neckLibrary,
        ]
        let result = Self.run(files, paths: ["programmes"])
        #expect(Self.summary(result).isEmpty)
        #expect(result.report.load.programmes.first?.libraryPaths == ["shared/library/neck.yaml"])
        #expect(result.configurations.first?.libraryPaths == ["/repo/shared/library"])
        // Without the configuration, the entry is missing.
        let plain = ValidationPipeline(loader: Loader(fileSystem: Self.fileSystem(files))).run(paths: ["programmes"])
        #expect(plain.diagnostics.map(\.code).contains("RG202"))
    }

    @Test func aFileBesideTheProgrammeWinsOverALibraryPath() {
        let files = [
            ".regimen.yml": "regimen-config: 1\nlibrary-paths: [shared]\n",
            "p.yaml": Self.programme(library: "neck.yaml", use: "neck-rotation"),
            "neck.yaml": Self.neckLibrary, "shared/neck.yaml": Self.neckLibrary,
        ]
        let result = Self.run(files, paths: ["p.yaml"])
        #expect(result.report.load.programmes.first?.libraryPaths == ["neck.yaml"])
    }

    @Test func aLibraryPathNeverLeadsOutOfTheRepository() throws {
        // The loader's own check, whatever a caller puts in `librarySearchPaths`.
        let fs = Self.fileSystem([
            "p.yaml": Self.programme(library: "neck.yaml", use: "neck-rotation"), "/elsewhere/neck.yaml": Self.neckLibrary,
        ])
        let loader = Loader(fileSystem: fs, root: "/repo", librarySearchPaths: ["/elsewhere"])
        let report = ValidationPipeline(loader: loader).run(paths: ["p.yaml"])
        let finding = try #require(report.diagnostics.first { $0.code == "RG202" })
        #expect(finding.message == "library file `neck.yaml` does not exist")
        #expect(finding.help == "check the path; it is relative to this file, or to a library path (`/elsewhere`)")
        // Nor does an entry that climbs out of a library path.
        let climbing = Self.fileSystem([
            "p.yaml": Self.programme(library: "../../outside/neck.yaml", use: "neck-rotation"), "lib/x.yaml": Self.neckLibrary,
            "/outside/neck.yaml": Self.neckLibrary,
        ])
        let climbed = ValidationPipeline(loader: Loader(fileSystem: climbing, root: "/repo", librarySearchPaths: ["lib"])).run(paths: [
            "p.yaml"
        ])
        #expect(climbed.load.programmes.first?.libraryPaths == [])
        #expect(climbed.diagnostics.contains { $0.code == "RG202" && $0.message.contains("leads outside the repository") })
    }

    // MARK: Plugins

    @Test func pluginPathsAreGatheredBeforeARunAndSkippedByWalks() {
        let files = [
            ".regimen.yml": "regimen-config: 1\nplugin-paths: [plugins]\n",
            "clinic/.regimen.yml": "regimen-config: 1\nplugin-paths: [../plugins/pack.yaml, tools/check]\n",
            "plugins/pack.yaml": "rules: []\n", "clinic/tools/check": "#!/bin/sh\n",
            "p.yaml": Self.programme(), "clinic/q.yaml": Self.programme(),
        ]
        let fs = Self.fileSystem(files)
        let configured = ConfiguredValidation(pipeline: ValidationPipeline(loader: Loader(fileSystem: fs)))
        #expect(configured.pluginPaths(for: ["."]) == ["/repo/plugins", "/repo/plugins/pack.yaml", "/repo/clinic/tools/check"])
        #expect(configured.pluginPaths(for: ["clinic/q.yaml"]) == ["/repo/plugins/pack.yaml", "/repo/clinic/tools/check"])
        var explicit = configured
        explicit.configurationPath = "clinic/.regimen.yml"
        #expect(explicit.pluginPaths(for: ["p.yaml"]) == ["/repo/plugins/pack.yaml", "/repo/clinic/tools/check"])
        // The YAML rule pack is not walked as a programme.
        let result = configured.run(paths: ["."])
        #expect(result.report.diagnostics.isEmpty, "\(Self.summary(result))")
        #expect(result.report.fileCount == 2)
    }

    // MARK: Session size and limits

    @Test func sessionSizeLimitFromTheConfigurationAndTheCommandLine() {
        let files = [".regimen.yml": "regimen-config: 1\nsession-size-limit: 10\n", "p.yaml": Self.programme(items: 9)]
        #expect(Self.run(files).report.diagnostics.isEmpty)
        let overridden = Self.run(files, overrides: .init(sessionSizeLimit: 5))
        #expect(overridden.report.diagnostics.map(\.message) == ["phase `start` has 9 exercises in one session, more than 5"])
    }

    @Test func limitsFromTheConfigurationAndTheCommandLine() {
        let files = [".regimen.yml": "regimen-config: 1\nlimits:\n  max-weeks: 4\n", "p.yaml": Self.programme(weeks: "1-6")]
        #expect(Self.summary(Self.run(files)) == ["RG104@p.yaml:11:12"])
        #expect(Self.run(files, overrides: .init(limits: ["max-weeks": 104])).report.diagnostics.isEmpty)
        let small = Self.run([".regimen.yml": "regimen-config: 1\nlimits: { max-file-bytes: 100 }\n", "p.yaml": Self.programme()])
        #expect(small.report.diagnostics.map(\.code) == ["RG004"])
    }

    @Test func appliedChangesOnlyWhatTheConfigurationSets() {
        var configuration = Configuration(directory: "/repo")
        let loader = Loader(limits: Limits.default, root: "/repo", librarySearchPaths: ["/repo/a"])
        #expect(configuration.applied(to: loader).limits == .default)
        #expect(configuration.applied(to: Validator()).options == ValidationOptions())
        configuration.limits = ["max-depth": 16]
        configuration.libraryPaths = ["/repo/b"]
        configuration.sessionSizeLimit = 12
        let applied = configuration.applied(to: loader)
        #expect(applied.limits.maxDepth == 16 && applied.limits.maxWeeks == Limits.default.maxWeeks)
        #expect(applied.librarySearchPaths == ["/repo/a", "/repo/b"])
        #expect(applied.root == "/repo")
        #expect(configuration.applied(to: Validator()).options.sessionSizeLimit == 12)
    }

    // MARK: On disk

    @Test func onDiskTheConfigurationOfTheRepositoryApplies() throws {
        let root = try CLITests.repository([
            ".regimen.yml": "regimen-config: 1\nrules:\n  RG209: off\nignore: [drafts]\n",
            "programmes/p.yaml": Self.programme(items: 9),
            "drafts/broken.yaml": "regimen: [",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = ConfiguredValidation().run(paths: [root.path])
        #expect(result.report.diagnostics.isEmpty, "\(Self.summary(result))")
        #expect(result.report.fileCount == 1)
        #expect(result.configurations.first?.directory == root.path)
    }

    // MARK: Docs

    static func documentation() throws -> String {
        try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
    }

    @Test func theDocsNameEveryKey() throws {
        let text = try Self.documentation()
        for key in ConfigurationKeys.names {
            #expect(text.contains("`\(key)`"), "docs/configuration.md does not mention `\(key)`")
        }
        for setting in Configuration.RuleSetting.allCases {
            #expect(text.contains("`\(setting.rawValue)`"))
        }
    }

    /// The whole example in the docs is a configuration that reads cleanly, beside the files it names.
    @Test func theDocsExampleIsAValidConfiguration() throws {
        let text = try Self.documentation()
        let block = try #require(text.firstMatch(of: /```yaml\n# \.regimen\.yml\n((?s).*?)```/), "docs/configuration.md: no whole example")
        let result = Self.run([
            ".regimen.yml": String(block.1), "programmes/p.yaml": Self.programme(), "programmes/library/neck.yaml": Self.neckLibrary,
            "shared/library/neck.yaml": Self.neckLibrary, "plugins/red-flag-wording.yaml": "rules: []\n",
        ])
        #expect(result.report.diagnostics.isEmpty, "\(Self.summary(result))")
        let configuration = try #require(result.configurations.first)
        #expect(!configuration.rules.isEmpty && !configuration.ignore.isEmpty && !configuration.limits.isEmpty)
        #expect(configuration.sessionSizeLimit != nil && !configuration.libraryPaths.isEmpty && !configuration.pluginPaths.isEmpty)
    }
}
