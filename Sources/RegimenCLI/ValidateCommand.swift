import ArgumentParser
import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenPlugins
import RegimenReport
import RegimenValidate
import RegimenWorkspace

/// `regimen validate PATH…`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check programmes and library files, and report every problem found.",
        discussion: """
            Each PATH is a file, or a directory searched (recursively) for *.yaml and *.yml files. \
            Every problem in every file is reported in one run, with its code, place and a hint; \
            `regimen explain CODE` says more about a code.

            EXAMPLES:
              regimen validate programmes/
                every programme and library file under programmes/
              regimen validate programmes/neck-pain.yaml --patient patient.yaml
                also screen the programme against a patient's conditions
              regimen validate --strict --format github --output sarif=regimen.sarif .
                in CI: fail on warnings too, annotate the pull request, keep a SARIF report
              regimen validate programmes/ --write-baseline .regimen-baseline.json
                accept the current findings; --baseline then reports only new ones

            \(ExitStatus.helpText)
            """)

    @Argument(help: "Programme or library files, or directories holding them.")
    var paths: [String]

    @Option(help: ArgumentHelp("Screen the programmes against this patient profile.", valueName: "profile"))
    var patient: String?

    @Option(help: "The report on standard output: text (for people), json, sarif, junit or github (workflow commands).")
    var format: ReportFormat = .text

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Also write a report to a file, as FORMAT=PATH (repeatable; written atomically).",
            discussion: "For example --output sarif=regimen.sarif --output junit=regimen.xml.", valueName: "format=path"))
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "The least severe finding that fails the run (exit 1): error, warning, note or never.")
    var failOn: FailLevel?

    @Flag(help: "Fail (exit 1) on warnings as well as errors: the same as --fail-on warning.")
    var strict = false

    @Flag(help: "Print nothing on standard output (files given with --output are still written).")
    var quiet = false

    @Option(help: ConfigurationArguments.configHelp)
    var config: String?

    @Option(help: ArgumentHelp("Report only findings that are not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write this run's findings to a baseline file.", valueName: "file"))
    var writeBaseline: String?

    @Option(
        name: .customLong("rules-url"),
        help: ArgumentHelp("Where docs/rules.md is published, for the links in SARIF and JUnit reports.", valueName: "url"))
    var rulesURL: String = Reports.rulesDocumentationURL

    @Option(
        help: ArgumentHelp(
            "The repository root that library files must stay inside.",
            discussion: "Defaults to the nearest directory above each programme that holds .git, or the programme's own directory.",
            valueName: "dir"))
    var root: String?

    @Option(name: .customLong("limit"), help: ConfigurationArguments.limitHelp)
    var limitSettings: [String] = []

    @Option(help: ArgumentHelp("Warn about sessions with more exercises than this (default: .regimen.yml's, else 8).", valueName: "n"))
    var sessionSizeLimit: Int?

    @OptionGroup(title: "Plugins") var plugins: PluginOptions

    func validate() throws {
        _ = try limitOverrides()
        _ = try reportFiles()
        if let sessionSizeLimit, sessionSizeLimit < 1 {
            throw ValidationError("`--session-size-limit` takes a whole number of 1 or more")
        }
        if strict, let failOn, failOn != .warning {
            throw ValidationError("--strict means --fail-on warning; give one or the other")
        }
    }

    /// The `--limit NAME=VALUE` settings, checked.
    func limitOverrides() throws -> [String: Int] {
        try ConfigurationArguments.limitOverrides(limitSettings)
    }

    /// The `--output FORMAT=PATH` settings, checked.
    func reportFiles() throws -> [(format: ReportFormat, path: String)] {
        try outputs.map { setting in
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let format = ReportFormat(rawValue: parts[0]), !parts[1].isEmpty else {
                throw ValidationError(
                    "`--output \(setting)`: expected FORMAT=PATH with FORMAT one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return (format, parts[1])
        }
    }

    /// The fail level in force.
    var failLevel: FailLevel { failOn ?? (strict ? .warning : .error) }

    func run() throws {
        let console = Console.current
        let cwd = FileManager.default.currentDirectoryPath
        // One workspace: the root, the configurations, the limits, and the rule plugins and rule
        // packs that run beside the built-in rules (docs/plugins.md).
        let workspace = try plugins.workspace(
            inputs: paths, root: root, config: config, limitSettings: limitSettings, walksDirectories: true, rulePlugins: .always)
        let rulePlugins = workspace.rulePlugins
        let configured = ConfiguredValidation(
            // Files are read, checked and let go a part at a time: memory does not grow with the
            // number of files (docs/benchmarks.md).
            workspace: workspace, pipeline: ValidationPipeline(loader: Loader(root: root), keepsLoad: false),
            sessionSizeLimit: sessionSizeLimit, baselinePath: baseline)
        let result = configured.run(paths: paths, patient: patient)
        var report = result.report
        rulePlugins.merge(into: &report)
        for problem in report.inputErrors {
            console.err("error: \(Visible.escaped(problem))\n")
        }
        let input = ReportInput(
            diagnostics: report.diagnostics, files: report.load.fileOrder, sources: report.sources,
            registry: configured.pipeline.validator.registry, repositoryRoot: root.map { Paths.join(cwd, $0) } ?? result.baselineRoot,
            workingDirectory: cwd, toolVersion: RegimenVersion.current, failLevel: failLevel, inputErrors: report.inputErrors,
            rulesDocumentationURL: rulesURL)
        var failedWrites = false
        for file in try reportFiles() {
            let writer: any ReportWriter = file.format == .text ? TextReportWriter(colour: false) : file.format.writer
            do {
                try AtomicFile.write(Data(writer.render(input).utf8), to: file.path)
            } catch {
                console.err("error: \(Visible.escaped(error.description))\n")
                failedWrites = true
            }
        }
        if let writeBaseline {
            do {
                try AtomicFile.write(result.makeBaseline().encoded(), to: writeBaseline)
            } catch {
                console.err("error: \(Visible.escaped(error.description))\n")
                failedWrites = true
            }
        }
        if !quiet {
            switch format {
            case .text:
                let body = TextRenderer(colour: console.useColour).render(report.diagnostics, sources: report.sources)
                if !body.isEmpty { console.sayRendered(body + "\n") }
                var summary = Self.summary(report)
                if let outcome = result.baseline?.summary { summary += " (\(outcome))" }
                console.say(summary + "\n")
            default:
                console.out(format.writer.render(input))
            }
        }
        if !report.inputErrors.isEmpty || failedWrites { throw ExitStatus.usage.exitCode }
        if report.diagnostics.contains(where: PluginCode.isPluginProblem) { throw ExitStatus.plugin.exitCode }
        // Writing a baseline accepts what was found: the run that writes it does not fail on it.
        if writeBaseline == nil, failLevel.fails(report.diagnostics) { throw ExitStatus.findings.exitCode }
    }

    /// "checked 3 files: 1 error, 2 warnings" or "checked 3 files: no problems found".
    static func summary(_ report: ValidationPipeline.Report) -> String {
        let files = report.fileCount == 1 ? "1 file" : "\(report.fileCount) files"
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        if errors == 0 && warnings == 0 { return "checked \(files): no problems found" }
        let parts = [
            errors > 0 ? (errors == 1 ? "1 error" : "\(errors) errors") : nil,
            warnings > 0 ? (warnings == 1 ? "1 warning" : "\(warnings) warnings") : nil,
        ].compactMap { $0 }
        return "checked \(files): " + parts.joined(separator: ", ")
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension FailLevel: ExpressibleByArgument {}
