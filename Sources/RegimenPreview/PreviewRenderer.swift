import Foundation
import RegimenCompile
import RegimenConfig
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenValidate
import RegimenWorkspace

/// What `regimen preview` shows: one programme, screened against an optional patient, with an
/// optional phase chosen, in the workspace its command line describes.
public struct PreviewRequest: Sendable {
    /// The programme file, as given.
    public var programme: String
    /// `--patient P`: the profile the programme is screened against and the handout made for.
    public var patient: String?
    /// `--phase ID`: the one phase the handout shows.
    public var phase: String?
    /// The workspace's arguments (root, configuration, limits, plugins); the workspace itself is
    /// worked out again at every render, so that a saved `.regimen.yml` applies at once.
    public var arguments: Workspace.Arguments

    /// A request for `programme` in the workspace `arguments` describe.
    public init(programme: String, patient: String? = nil, phase: String? = nil, arguments: Workspace.Arguments) {
        self.programme = programme
        self.patient = patient
        self.phase = phase
        self.arguments = arguments
    }
}

/// One render: `validate`'s findings for the programme, compile's refusals, and the handout
/// when a plan could be made.
public struct PreviewRender: Sendable {
    /// `validate`'s findings for the programme (its rules, codes and configuration) and the
    /// errors that kept compile or export from making a handout, in presentation order.
    public var findings: [Diagnostic]
    /// Problems that are not findings (a file that cannot be read at all, a `--phase` that is
    /// not in the programme), as sentences.
    public var problems: [String]
    /// The files shown in the source listing: those read that lie inside the repository, the
    /// programme first.
    public var sources: [SourceFile]
    /// The handout `export --format html` would write, when a plan could be made.
    public var handout: Data?
    /// Every file whose change means a render is due (absolute paths), including configuration
    /// files that do not exist yet.
    public var watched: [String]

    /// A render of these parts.
    public init(findings: [Diagnostic], problems: [String], sources: [SourceFile], handout: Data?, watched: [String]) {
        self.findings = findings
        self.problems = problems
        self.sources = sources
        self.handout = handout
        self.watched = watched
    }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Runs the same stages as `regimen validate` and `regimen export --format html` on one
/// programme. Nothing here prints; nothing is written.
public struct PreviewRenderer: Sendable {
    /// What to render.
    public var request: PreviewRequest
    /// The most files watched: a programme reads few; a bound keeps a hostile one cheap to poll.
    public static let maxWatchedFiles = 2_000

    /// A renderer for `request`.
    public init(request: PreviewRequest) {
        self.request = request
    }

    /// Loads, validates, compiles and exports the programme as it is on disk now.
    public func render() -> PreviewRender {
        let arguments = request.arguments
        let workspace = Workspace(arguments, rulePlugins: .always)
        let cwd = workspace.currentDirectory
        var problems = workspace.inputErrors
        // `--patient`, else the profile `.regimen.yml` names for previews (`preview: { patient: … }`).
        let patient = request.patient ?? workspace.configuration?.configuration.previewPatient

        // `regimen validate FILE [--patient P]`, as that command runs it.
        let configured = ConfiguredValidation(workspace: workspace)
        let validation = configured.run(paths: [request.programme], patient: patient)
        var report = validation.report
        workspace.rulePlugins.merge(into: &report)
        var findings = report.diagnostics
        var sources = report.sources
        problems += report.inputErrors

        // `regimen export --format html`: compile (its validator has no rule settings, so an error
        // it finds that validate does not is a refusal worth showing), then the exporter.
        let pipeline = CompilePipeline(
            workspace: workspace, compiler: Compiler(options: CompileOptions(outputDirectory: cwd), fileSystem: arguments.fileSystem))
        let compiled = pipeline.run(programme: request.programme, patient: patient)
        sources.merge(compiled.sources)
        var seen = Set(findings.map(Self.identity))
        for diagnostic in compiled.diagnostics where diagnostic.severity == .error && seen.insert(Self.identity(diagnostic)).inserted {
            findings.append(diagnostic)
        }
        for problem in compiled.inputErrors where !problems.contains(problem) { problems.append(problem) }
        let configurationFails = workspace.configuration?.diagnostics.contains { $0.severity == .error } == true
        var handout: Data?
        if var plan = compiled.plan, !configurationFails, problems.isEmpty {
            do {
                if let phase = request.phase { plan = try plan.selecting(.phase(phase)) }
                handout = try export(plan, workspace: workspace)
            } catch let error as SelectionError {
                problems.append("--phase: \(error.message) (\(error.help))")
            } catch let error as ExportError {
                if let code = error.code {
                    findings.append(
                        Diagnostic(
                            code: code, severity: .error, message: error.message, range: .wholeFile(request.programme), help: error.help))
                } else {
                    problems.append("the handout could not be made: \(error.message)" + (error.help.map { " (\($0))" } ?? ""))
                }
            } catch {
                problems.append("the handout could not be made")
            }
        }
        findings.sort(by: Diagnostic.presentationOrder)
        return PreviewRender(
            findings: findings, problems: problems, sources: listed(sources, workspace: workspace), handout: handout,
            watched: watched(sources, patient: patient, workspace: workspace))
    }

    /// The plan as `regimen export --format html` writes it to standard output: images named
    /// from the current directory and read only inside the programme's repository.
    func export(_ plan: Plan, workspace: Workspace) throws -> Data {
        let options = ExportOptions(
            planDirectory: workspace.currentDirectory,
            boundary: RepositoryBoundary.enclosing(
                request.programme, root: request.arguments.root, fileSystem: workspace.arguments.fileSystem))
        return ShownDocument.shown(try HTMLExporter().export(plan, options: options), format: "html")
    }

    /// A finding's identity for merging two runs' findings: what a reader would call the same.
    static func identity(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code)\u{0}\(diagnostic.range)\u{0}\(diagnostic.message)"
    }

    /// The files read that lie inside the repository (a `--config` or profile elsewhere is used
    /// but never shown), the programme first, then by path.
    func listed(_ sources: SourceMap, workspace: Workspace) -> [SourceFile] {
        let cwd = workspace.currentDirectory
        let programme = Paths.join(cwd, request.programme)
        let inside = sources.paths.filter { Paths.isInside(Paths.join(cwd, $0), workspace.root) }
        let ordered = inside.sorted { lhs, rhs in
            let (left, right) = (Paths.join(cwd, lhs) == programme, Paths.join(cwd, rhs) == programme)
            return left != right ? left : lhs < rhs
        }
        return ordered.compactMap { sources[$0] }
    }

    /// The files to watch: every file read, the programme and profile (even when unreadable),
    /// the configuration files in use, and the `.regimen.yml` each directory from the
    /// programme's up to the root could hold, so that one saved there is noticed.
    func watched(_ sources: SourceMap, patient: String?, workspace: Workspace) -> [String] {
        let cwd = workspace.currentDirectory
        var paths = [request.programme] + (patient.map { [$0] } ?? [])
        paths += sources.paths.sorted()
        for loaded in workspace.configurations {
            if let source = loaded.source { paths.append(source.path) }
            paths += loaded.vocabularySources.map(\.path)
        }
        if let explicit = request.arguments.configurationPath { paths.append(explicit) }
        var directory = Paths.directory(of: Paths.join(cwd, request.programme))
        while Paths.isInside(directory, workspace.root) {
            paths.append(Paths.join(directory, Configuration.fileName))
            let parent = Paths.directory(of: directory)
            guard parent != directory, directory != workspace.root else { break }
            directory = parent
        }
        var seen = Set<String>()
        return paths.map { Paths.join(cwd, $0) }.filter { seen.insert($0).inserted }.prefix(Self.maxWatchedFiles).map { $0 }
    }
}
