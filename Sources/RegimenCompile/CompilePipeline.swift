import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// Load, validate (with screening), then compile: a programme file to a `Plan`. The plan is
/// made only when no error was found.
public struct CompilePipeline: Sendable {
    /// Reads the files.
    public var loader: Loader
    /// Checks them, and screens against the patient.
    public var validator: Validator
    /// Makes the plan.
    public var compiler: Compiler

    /// A pipeline of the three stages.
    public init(loader: Loader = Loader(), validator: Validator = Validator(), compiler: Compiler = Compiler()) {
        self.loader = loader
        self.validator = validator
        self.compiler = compiler
    }

    /// The outcome of compiling one programme.
    public struct Result: Sendable {
        /// The plan, when there was no error.
        public var plan: Plan?
        /// Every finding, in presentation order.
        public var diagnostics: [Diagnostic]
        /// The text of the files, for excerpts.
        public var sources: SourceMap
        /// Paths that could not be read at all.
        public var inputErrors: [String]
        /// How many files were read.
        public var fileCount: Int
    }

    /// Compiles the programme at `path`, screened against the profile at `patient` if given.
    public func run(programme path: String, patient: String? = nil) -> Result {
        let load = loader.load(paths: [path], patient: patient)
        var diagnostics = validator.validate(load)
        var result = Result(
            plan: nil, diagnostics: diagnostics, sources: load.sources, inputErrors: load.inputErrors, fileCount: load.fileCount)
        guard load.inputErrors.isEmpty else { return result }
        guard let programme = load.programmes.first else {
            if !diagnostics.contains(where: { $0.severity == .error }), let shown = load.fileOrder.first {
                result.diagnostics.append(
                    Diagnostic(
                        code: LoadCode.missingKey, severity: .error, message: "`\(shown)` is not a programme",
                        range: .wholeFile(shown),
                        help: "compile a programme file (`regimen: 1`); library files and profiles are included by programmes"))
            }
            return result
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return result }
        var collector = DiagnosticCollector()
        let plan = compiler.compile(programme, load: load, vocabulary: validator.vocabulary, diagnostics: &collector)
        diagnostics.append(contentsOf: collector.diagnostics)
        result.diagnostics = diagnostics.sorted(by: Diagnostic.presentationOrder)
        if collector.hasErrors { return result }
        var finished = plan
        finished.screening.warnings = result.diagnostics.filter { $0.severity == .warning }.map {
            Plan.Finding(code: $0.code, message: $0.message)
        }
        result.plan = finished
        return result
    }
}
