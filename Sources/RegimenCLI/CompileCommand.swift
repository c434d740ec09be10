import ArgumentParser
import Foundation
import RegimenCompile
import RegimenConfig
import RegimenExport
import RegimenFormat
import RegimenDiagnostics
import RegimenLoad
import RegimenTranslate
import RegimenPlugins
import RegimenValidate
import RegimenWorkspace

/// Options shared by the commands that compile a programme.
struct CompileInputOptions: ParsableArguments {
    @Argument(help: "The programme file.")
    var programme: String

    @Option(help: ArgumentHelp("Screen against this patient profile, and fill in its side and dates.", valueName: "profile"))
    var patient: String?

    @Option(name: .customLong("diagnostics"), help: "How problems are reported on standard error: text or json.")
    var diagnosticsFormat: DiagnosticsFormat = .text

    @Option(help: ArgumentHelp("The repository root that library files must stay inside.", valueName: "dir"))
    var root: String?

    @Option(help: ConfigurationArguments.configHelp)
    var config: String?

    @Option(name: .customLong("limit"), help: ConfigurationArguments.limitHelp)
    var limitSettings: [String] = []

    @Flag(help: "Embed images in the plan as data: URIs instead of naming their files.")
    var embedImages = false

    @Option(
        help: ArgumentHelp(
            "The language of the texts (BCP 47, such as es or es-MX; default: the patient's language).",
            discussion:
                "Translations are read from NAME.LANG.po beside the programme and its library files, along es-MX, es, then the programme's own language (docs/languages.md).",
            valueName: "tag"))
    var language: String?

    @Flag(
        name: .customLong("strict-language"),
        help: "Refuse (exit 1) when a red flag, precaution, restriction or exclusion has no usable translation.")
    var strictLanguage = false

    enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        _ = try ConfigurationArguments.limitOverrides(limitSettings)
        if let language, !LanguageTag.isValid(language) {
            throw ValidationError("`\(Visible.escaped(language))` is not a language tag; write one such as es, fr or es-MX")
        }
    }

    /// The workspace of the programme: its root, its configuration, the limits, and where
    /// plugins are looked for (`plugins`: export's `--plugin-path`; none for compile).
    func workspace(plugins: PluginOptions?) throws -> Workspace {
        try (plugins ?? PluginOptions.none).workspace(
            inputs: [programme], root: root, config: config, limitSettings: limitSettings, rulePlugins: .whenConfigurationNamesThem)
    }

    /// Compiles, prints the findings on standard error, and returns the plan; throws the exit
    /// status when there is no plan.
    ///
    /// The programme is read under the workspace's configuration (`--config`, else the nearest
    /// `.regimen.yml`, as `regimen validate` finds it) with `--limit` winning over it; only the
    /// settings for reading files apply, never `rules:` (see `Workspace.planValidator()`). The
    /// configuration's own findings are reported with the programme's, and an error among them
    /// means no plan, as it fails `regimen validate` (exit 1). A rule pack that `rules:` names
    /// is looked for on the workspace's plugin search path, so that its code is not reported
    /// as unknown; its rules are not run.
    func compile(in workspace: Workspace, outputPath: String?) throws -> Plan {
        let console = Console.current
        try workspace.reportInputErrors()
        let outputDirectory = outputPath.map { Paths.directory(of: Paths.join(FileManager.default.currentDirectoryPath, $0)) }
        let configured = workspace.configuration
        let pipeline = CompilePipeline(
            workspace: workspace, compiler: Compiler(options: CompileOptions(outputDirectory: outputDirectory, embedImages: embedImages)))
        let result = pipeline.run(
            programme: programme, patient: patient, language: CompilePipeline.LanguageRequest(tag: language, strict: strictLanguage))
        var diagnostics = result.diagnostics
        var sources = result.sources
        if let configured {
            diagnostics = (configured.diagnostics + diagnostics).sorted(by: Diagnostic.presentationOrder)
            if let source = configured.source { sources.add(source) }
            for source in configured.vocabularySources { sources.add(source) }
        }
        for problem in result.inputErrors { console.err("error: \(Visible.escaped(problem))\n") }
        switch diagnosticsFormat {
        case .text:
            let text = TextRenderer(colour: false).render(diagnostics, sources: sources)
            if !text.isEmpty { console.err(text + "\n") }
        case .json:
            console.errData(JSONReport(diagnostics: diagnostics, files: result.fileCount).encoded())
        }
        if !result.inputErrors.isEmpty { throw ExitStatus.usage.exitCode }
        let configurationFails = configured?.diagnostics.contains { $0.severity == .error } == true
        guard let plan = result.plan, !configurationFails else {
            if diagnosticsFormat == .text {
                let errors = diagnostics.filter { $0.severity == .error }.count
                console.err("no plan written: \(errors == 1 ? "1 error" : "\(errors) errors")\n")
            }
            throw ExitStatus.findings.exitCode
        }
        return plan
    }
}

/// What compile and export take from a configuration, for their help.
let configurationHelp = """
    The programme is read under the nearest .regimen.yml above it (or --config), as \
    `regimen validate` reads it: its limits and library-paths apply, and --limit wins over \
    them; its session-size-limit applies too. Its rules: settings do not: a configuration \
    cannot turn a rule off or make an error a warning on the way to a plan, so a \
    contraindication (RG301) always stops it. A mistake in the configuration is reported, and \
    an error in it means no plan (exit 1).
    """

/// Writes `data` to `path` atomically, or to standard output when `path` is nil.
func emit(_ data: Data, to path: String?) throws {
    let console = Console.current
    guard let path else {
        console.out(String(decoding: data, as: UTF8.self))
        return
    }
    do {
        try AtomicFile.write(data, to: path)
    } catch {
        console.err("error: \(Visible.escaped(error.description))\n")
        throw ExitStatus.usage.exitCode
    }
}

/// `regimen compile FILE [--patient P] [-o plan.json]`
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a programme (and optionally a patient profile) into a portable JSON plan.",
        discussion: """
            The plan holds everything a handout, an app or a records system needs: the \
            programme's metadata and references, every exercise resolved from the library, the \
            week-by-week schedule with each dose after its progressions, red flags and the \
            precautions that apply. The same inputs give the same bytes. docs/plan.schema.json \
            describes it.

            Problems are reported on standard error, like `regimen validate`; with an error, no \
            plan is written (and an existing output file is left as it was).

            \(configurationHelp)

            EXAMPLES:
              regimen compile programmes/neck-pain.yaml -o plan.json
              regimen compile programmes/neck-pain.yaml --patient patient.yaml -o plan.json
                screened against the patient, with their side and dates
              regimen compile programmes/neck-pain.yaml --language es --strict-language
                in Spanish, refused when a safety text has no translation

            \(ExitStatus.helpText)
            """)

    @OptionGroup var input: CompileInputOptions

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write the plan here (atomically) instead of to standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let plan = try input.compile(in: try input.workspace(plugins: nil), outputPath: output)
        try emit(Data(Visible.jsonSafe(String(decoding: try plan.encoded(), as: UTF8.self)).utf8), to: output)
    }
}

/// `regimen export FILE --format text|html|json [--patient P] [-o OUT]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a programme, or a compiled plan, as a handout or a data file.",
        discussion: """
            FILE is a programme (YAML), compiled on the way, or a plan written by \
            `regimen compile` (a .json file). Formats: \(ExporterRegistry.builtIn.exporters.map { "\($0.identifier) (\($0.summary))" }.joined(separator: "; ")); \
            and any exporter plugin, an executable named regimen-export-FORMAT in the repository's \
            plugins/ directory, a --plugin-path directory, the configuration's plugin-paths, \
            REGIMEN_PLUGIN_PATH, the plugins bundled with an installed Regimen (markdown and \
            ics) or PATH (`regimen plugins list` shows them; docs/plugins.md describes the \
            contract).

            With -o the document is written atomically: a failed export, or a plugin that fails, \
            leaves an existing file as it was. -o names a file, in a directory that exists.

            A programme is compiled as `regimen compile` compiles it (for a plan, only the \
            configuration's plugin-paths are used). \(configurationHelp)

            EXAMPLES:
              regimen export --format html programmes/neck-pain.yaml -o handout.html
                the printable handout
              regimen export --format text programmes/neck-pain.yaml --patient patient.yaml
                the plain-text handout for one patient, on standard output
              regimen export --format html plan.json --phase strengthen -o visit.html
                one phase of a compiled plan, as printed at a review visit
              regimen export --format markdown programmes/neck-pain.yaml -o neck-pain.md
                a plugin's format (`regimen plugins list` shows them)

            \(ExitStatus.helpText)
            """)

    @OptionGroup var input: CompileInputOptions

    @Option(
        help: ArgumentHelp(
            "The output format: \(ExporterRegistry.builtIn.identifiers.joined(separator: ", ")), or an exporter plugin's name.",
            valueName: "format"))
    var format: String

    @Option(help: ArgumentHelp("A Mustache template to use instead of the built-in one (html; see docs/handouts.md).", valueName: "file"))
    var template: String?

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write here (atomically) instead of to standard output.", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The paper to lay a printable handout out for: a4 or letter (default: by the patient's language region, else a4).",
            valueName: "paper"))
    var paper: String?

    @Option(help: ArgumentHelp("Export only this phase (its id), as printed at a review visit.", valueName: "id"))
    var phase: String?

    // Unconditional: `--week -1` is a week that is not in the programme, not a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Export only this week of the programme (1 is the first).", valueName: "n"))
    var week: Int?

    @Option(
        help: ArgumentHelp(
            "Export the phase in force on this day (YYYY-MM-DD); needs a patient profile with a start date.", valueName: "date"))
    var on: String?

    @OptionGroup(title: "Plugins") var plugins: PluginOptions

    /// The part of the programme `--phase`, `--week` or `--on` chose, if any.
    var selection: PlanSelection? {
        get throws {
            let given = [phase != nil, week != nil, on != nil].filter { $0 }.count
            guard given <= 1 else { throw ValidationError("choose one of --phase, --week and --on, not \(given)") }
            if let phase { return .phase(phase) }
            if let week { return .week(week) }
            if let on {
                guard let date = CalendarDate(parsing: on) else {
                    throw ValidationError("--on takes a date as YYYY-MM-DD, such as 2026-12-07, not `\(Visible.escaped(on))`")
                }
                return .on(date)
            }
            return nil
        }
    }

    func validate() throws {
        if let paper, Paper(rawValue: paper) == nil {
            throw ValidationError("--paper must be a4 or letter, not `\(paper)`")
        }
        _ = try selection
    }

    func run() throws {
        let console = Console.current
        let cwd = FileManager.default.currentDirectoryPath
        // One workspace: the root, the configuration (its plugin-paths too), the limits, and
        // every exporter there is.
        let workspace = try input.workspace(plugins: plugins)
        let exporter = try exporter(in: workspace)
        var plan: Plan
        let planDirectory: String
        if input.programme.hasSuffix(".json") {
            guard input.patient == nil else {
                throw ValidationError("--patient applies when exporting a programme; a compiled plan is already screened")
            }
            guard input.language == nil, !input.strictLanguage else {
                throw ValidationError("--language applies when exporting a programme; a compiled plan's texts are already in its language")
            }
            let bytes: [UInt8]
            do {
                // One byte past the bound is enough to know a plan is too large.
                let boundary = RepositoryBoundary.enclosing(input.programme, root: input.root, fileSystem: workspace.arguments.fileSystem)
                bytes = try boundary.read(input.programme, limit: PlanBounds.maxFileBytes + 1)
            } catch .outside(let refusal) {
                reportFinding(RepositoryBoundary.diagnostic(refusal, shownPath: input.programme, shown: { Paths.relative($0, to: cwd) }))
                throw ExitStatus.findings.exitCode
            } catch {
                console.err("error: \(Visible.escaped(input.programme)): cannot be read\n")
                throw ExitStatus.usage.exitCode
            }
            let data = Data(bytes)
            let bounds = PlanBounds(limits: workspace.commandLineLimits)
            do {
                plan = try bounds.decode(data)
            } catch let refusal as PlanBounds.Refusal {
                reportPlanRefusal(refusal, data: data)
                throw ExitStatus.findings.exitCode
            } catch {
                let why = Visible.escaped(Self.describe(error))
                console.err("error: \(Visible.escaped(input.programme)): not a plan this Regimen reads (\(why))\n")
                throw ExitStatus.usage.exitCode
            }
            planDirectory = Paths.directory(of: Paths.join(cwd, input.programme))
        } else {
            // A handout on standard output reads its images relative to the working directory, so
            // the plan names them from there (a JSON plan keeps them relative to the repository).
            plan = try input.compile(in: workspace, outputPath: output ?? (exporter.identifier == "json" ? nil : "standard-output"))
            planDirectory = output.map { Paths.directory(of: Paths.join(cwd, $0)) } ?? cwd
        }
        if let selection = try selection {
            do {
                plan = try plan.selecting(selection)
            } catch {
                console.err("error: \(Visible.escaped(error.message))\nhelp: \(Visible.escaped(error.help))\n")
                throw ExitStatus.usage.exitCode
            }
        }
        // A handout's own words in another language than the one asked for is said, as the
        // untranslated texts are (a data file has no words of Regimen's).
        if exporter.identifier != "json", let warning = HandoutLanguage.resolution(for: plan).warning {
            console.err("warning: \(Visible.escaped(warning))\n")
        }
        // Images are read only inside the repository of the programme or plan (or its directory).
        var options = ExportOptions(planDirectory: planDirectory, boundary: RepositoryBoundary.enclosing(input.programme, root: input.root))
        options.paper = paper.flatMap(Paper.init(rawValue:))
        if let template {
            // A template in a repository that links out of it is not read (it would be shown in errors).
            let data: [UInt8]
            do {
                data = try RepositoryBoundary.enclosing(template).read(template, limit: 16 * 1024 * 1024)
            } catch .outside(let refusal) {
                let shown = { (path: String) in Paths.relative(path, to: cwd) }
                reportFinding(RepositoryBoundary.diagnostic(refusal, shownPath: template, shown: shown))
                throw ExitStatus.findings.exitCode
            } catch {
                console.err("error: \(Visible.escaped(template)): cannot be read\n")
                throw ExitStatus.usage.exitCode
            }
            options.template = String(decoding: data, as: UTF8.self)
            options.templatePath = template
        }
        let document: Data
        if let external = exporter as? ExternalExporter {
            // A plugin that fails is reported like a finding, naming it, and nothing is written.
            switch external.run(external.request(plan, options: options)) {
            case .success(let output):
                document = output
            case .failure(let failure):
                report(failure, plugin: external.plugin, settings: workspace.pluginSettings, json: input.diagnosticsFormat == .json)
                throw ExitStatus.plugin.exitCode
            }
        } else {
            do {
                document = try exporter.export(plan, options: options)
            } catch let error where error.code != nil {
                // The plan is at fault in a way a rule names: a finding against it, exit 1.
                reportFinding(
                    Diagnostic(
                        code: error.code ?? "", severity: .error, message: error.message, range: .wholeFile(input.programme),
                        help: error.help))
                throw ExitStatus.findings.exitCode
            } catch {
                console.err(
                    "error: \(exporter.identifier) export failed: \(Visible.escaped(error.message))\n"
                        + (error.help.map { "help: \(Visible.escaped($0))\n" } ?? ""))
                throw ExitStatus.usage.exitCode
            }
        }
        try emit(Self.shown(document, format: exporter.identifier), to: output)
    }

    /// Prints `diagnostic` on standard error as `--diagnostics` asks.
    func reportFinding(_ diagnostic: Diagnostic) {
        if input.diagnosticsFormat == .json {
            Console.current.err(JSONReport(diagnostics: [diagnostic], files: 0).encoded())
        } else {
            Console.current.err(TextRenderer(colour: false).render(diagnostic, sources: SourceMap()))
        }
    }

    /// The built-in exporter for `--format`, else the exporter plugin of that name found in the
    /// workspace, once it has described itself in a contract this Regimen speaks (exit 3 when it
    /// cannot). An unknown name is a usage error (exit 2) that names the formats, the closest
    /// one, and where plugins were looked for.
    func exporter(in workspace: Workspace) throws -> any Exporter {
        let console = Console.current
        switch workspace.exporter(named: format) {
        case .builtIn(let exporter):
            return exporter
        case .plugin(let plugin):
            switch workspace.loadExporter(plugin) {
            case .success(let exporter):
                return exporter
            case .failure(let failure):
                report(failure, plugin: plugin, settings: workspace.pluginSettings, json: input.diagnosticsFormat == .json)
                throw ExitStatus.plugin.exitCode
            }
        case .refused(let refused):
            // The repository's exporter of that name links out of it: a finding.
            reportFinding(refused.diagnostic(shown: workspace.shown))
            throw ExitStatus.findings.exitCode
        case .withheld(let path):
            console.err(
                "error: the exporter `\(Visible.escaped(format))` is the repository's own (`\(Visible.escaped(workspace.shown(path)))`), and is \(workspace.discovery.repositoryPlugins.withheldReason)\n"
            )
            throw ExitStatus.usage.exitCode
        case .unknown(let unknown):
            console.err("error: \(unknown.description)\n")
            throw ExitStatus.usage.exitCode
        }
    }

    /// The document as handed to the reader: `ShownDocument.shown` (shared with `regimen preview`).
    static func shown(_ document: Data, format: String) -> Data {
        ShownDocument.shown(document, format: format)
    }

    /// A plan over a bound, as an RG004 finding at its place in the file (with the line as an
    /// excerpt when the file is small enough to show).
    func reportPlanRefusal(_ refusal: PlanBounds.Refusal, data: Data) {
        let start = SourcePosition(line: refusal.line ?? 1, column: refusal.column ?? 1)
        let diagnostic = Diagnostic(
            code: LoadCode.limit, severity: .error, message: refusal.message,
            range: SourceRange(file: input.programme, start: start, end: start), help: refusal.help)
        switch input.diagnosticsFormat {
        case .text:
            var sources = SourceMap()
            if data.count <= Limits.default.maxFileBytes {
                sources.add(SourceFile(path: input.programme, text: String(decoding: data, as: UTF8.self)))
            }
            Console.current.err(TextRenderer(colour: false).render([diagnostic], sources: sources) + "\n")
        case .json:
            Console.current.err(JSONReport(diagnostics: [diagnostic], files: 1).encoded())
        }
    }

    /// Why a plan could not be decoded, with where: "`restrictions[0].level`: `sometimes` is not
    /// one of `contraindicated`, `precaution`".
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? context.debugDescription : "`\(keyPath(context.codingPath))`: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context): "missing `\(keyPath(context.codingPath + [key]))`"
        case DecodingError.typeMismatch(_, let context): "wrong type at `\(keyPath(context.codingPath))`"
        case DecodingError.valueNotFound(_, let context): "missing value at `\(keyPath(context.codingPath))`"
        default: "malformed JSON"
        }
    }

    /// A coding path as a key path into the plan's JSON: `phases[0].sessions.per`.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            // JSONDecoder names an array element "Index 0"; a key of an object has no index.
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                out += "[\(index)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out
    }
}
