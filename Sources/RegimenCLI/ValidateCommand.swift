import ArgumentParser
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// `regimen validate PATH…`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check programmes and library files, and report every problem found.",
        discussion: """
            Each PATH is a file, or a directory searched (recursively) for *.yaml and *.yml files. \
            Every problem in every file is reported in one run, with its code, place and a hint; \
            `regimen explain CODE` says more about a code.

            \(ExitStatus.helpText)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Programme or library files, or directories holding them.")
    var paths: [String]

    @Option(help: ArgumentHelp("Screen the programmes against this patient profile.", valueName: "profile"))
    var patient: String?

    @Option(help: "Output format: text (for people) or json (for tools).")
    var format: Format = .text

    @Flag(help: "Fail (exit 1) on warnings as well as errors.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "The repository root that library files must stay inside.",
            discussion: "Defaults to the nearest directory above each programme that holds .git, or the programme's own directory.",
            valueName: "dir"))
    var root: String?

    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(
            "Raise or lower a limit, as NAME=VALUE (repeatable).",
            discussion: "Names: "
                + Limits.names.map { "\($0.name) (\($0.summary), default \(Limits.default[keyPath: $0.keyPath]))" }.joined(separator: "; ")
                + ".",
            valueName: "name=value"))
    var limitSettings: [String] = []

    @Option(help: ArgumentHelp("Warn about sessions with more exercises than this.", valueName: "n"))
    var sessionSizeLimit: Int = ValidationOptions().sessionSizeLimit

    func validate() throws {
        _ = try limits()
        guard sessionSizeLimit >= 1 else { throw ValidationError("`--session-size-limit` takes a whole number of 1 or more") }
    }

    /// The limits after `--limit` settings.
    func limits() throws -> Limits {
        var limits = Limits.default
        for setting in limitSettings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1]), limits.set(parts[0], to: value) else {
                throw ValidationError(
                    "`--limit \(setting)`: expected NAME=VALUE with NAME one of \(Limits.names.map(\.name).joined(separator: ", ")) and VALUE a positive whole number"
                )
            }
        }
        return limits
    }

    func run() throws {
        let console = Console.current
        var options = ValidationOptions()
        options.sessionSizeLimit = sessionSizeLimit
        let pipeline = ValidationPipeline(loader: Loader(limits: try limits(), root: root), validator: Validator(options: options))
        let report = pipeline.run(paths: paths, patient: patient)
        for problem in report.inputErrors {
            console.err("error: \(problem)\n")
        }
        switch format {
        case .text:
            let renderer = TextRenderer(colour: console.useColour)
            let body = renderer.render(report.diagnostics, sources: report.sources)
            if !body.isEmpty { console.out(body + "\n") }
            console.out(Self.summary(report) + "\n")
        case .json:
            console.out(JSONReport(diagnostics: report.diagnostics, files: report.fileCount).encoded())
        }
        if !report.inputErrors.isEmpty { throw ExitStatus.usage.exitCode }
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        if errors > 0 || (strict && warnings > 0) { throw ExitStatus.findings.exitCode }
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
