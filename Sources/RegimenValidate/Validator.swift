import RegimenDiagnostics
import RegimenLoad

/// Runs the registered rules over what a `Loader` read, and gathers every finding.
public struct Validator: Sendable {
    /// The rules to run.
    public var registry: RuleRegistry
    /// Settings the rules read.
    public var options: ValidationOptions

    /// A validator running `registry`'s rules.
    public init(registry: RuleRegistry = .builtIn, options: ValidationOptions = ValidationOptions()) {
        self.registry = registry
        self.options = options
    }

    /// The loader's findings and every rule's, deduplicated, in presentation order, less those
    /// the files suppress (with findings about the suppressions; see `Suppressions`).
    public func validate(_ load: LoadResult) -> [Diagnostic] {
        let context = RuleContext(options: options, patient: load.patient)
        var all = load.diagnostics
        for rule in registry.rules where rule.descriptor.stage != .load {
            for programme in load.programmes {
                all.append(contentsOf: rule.check(programme: programme, context: context))
            }
            for library in load.libraries {
                all.append(contentsOf: rule.check(library: library, context: context))
            }
        }
        var seen = Set<Diagnostic>()
        let found = all.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.presentationOrder)
        return Suppressions.apply(to: found, sources: load.fileOrder.compactMap { load.sources[$0] })
    }
}

/// Load, then validate: the first two stages of the pipeline, each replaceable.
public struct ValidationPipeline: Sendable {
    /// Reads the files.
    public var loader: Loader
    /// Checks them.
    public var validator: Validator

    /// A pipeline of `loader` and `validator`.
    public init(loader: Loader = Loader(), validator: Validator = Validator()) {
        self.loader = loader
        self.validator = validator
    }

    /// The outcome of one run.
    public struct Report: Sendable {
        /// Every finding, in presentation order.
        public var diagnostics: [Diagnostic]
        /// The text of the files, for excerpts.
        public var sources: SourceMap
        /// How many files were read.
        public var fileCount: Int
        /// Paths that could not be read at all.
        public var inputErrors: [String]
        /// What the loader produced, for later stages.
        public var load: LoadResult

        /// How many findings have `severity`.
        public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
    }

    /// Loads and validates `paths`, screening against the profile at `patient` when given.
    public func run(paths: [String], patient: String? = nil) -> Report {
        let load = loader.load(paths: paths, patient: patient)
        let diagnostics = validator.validate(load)
        return Report(diagnostics: diagnostics, sources: load.sources, fileCount: load.fileCount, inputErrors: load.inputErrors, load: load)
    }
}
