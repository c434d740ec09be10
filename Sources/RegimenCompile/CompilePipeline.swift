import Crypto
import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenTranslate
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

    /// The language a plan is asked for in, and how strictly.
    public struct LanguageRequest: Sendable, Hashable {
        /// The language (`--language`); nil for the patient's `language:`, if any.
        public var tag: String?
        /// Whether a safety text (red flag, precaution, restriction, exclusion) left
        /// untranslated is an error (`--strict-language`).
        public var strict: Bool

        /// A request for `tag` (nil: the patient's language), strict or not.
        public init(tag: String? = nil, strict: Bool = false) {
            self.tag = tag
            self.strict = strict
        }
    }

    /// Compiles the programme at `path`, screened against the profile at `patient` if given,
    /// with its texts in `language` (`--language`, else the patient's `language:`) where the
    /// translation files beside the programme and its library files have them.
    public func run(programme path: String, patient: String? = nil, language: LanguageRequest = LanguageRequest()) -> Result {
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
        // The texts are checked as written, then translated: a stage of their own, before the
        // compiler, so that every exporter gets the same words.
        var compiled = programme
        var languageInfo: Plan.LanguageInfo?
        var translatedFiles: [Plan.InputFile] = []
        if let requested = language.tag ?? load.patient?.profile.language?.value {
            let translated = ProgrammeTranslator(fileSystem: loader.fileSystem).translate(
                programme, load: load, into: requested, strict: language.strict)
            compiled = translated.programme
            diagnostics += translated.diagnostics
            for source in translated.sources { result.sources.add(source) }
            let outcome = translated.outcome
            for shown in outcome.files {
                let absolute = Paths.join(loader.fileSystem.currentDirectory, shown)
                guard let bytes = try? loader.fileSystem.read(absolute, limit: loader.limits.maxFileBytes) else { continue }
                translatedFiles.append(
                    Plan.InputFile(
                        path: Paths.relative(absolute, to: programme.root), role: .translation,
                        sha256: SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()))
            }
            languageInfo = Plan.LanguageInfo(
                requested: outcome.requested, used: outcome.used, source: outcome.source, untranslated: outcome.untranslated)
            if translated.diagnostics.contains(where: { $0.severity == .error }) {
                result.diagnostics = diagnostics.sorted(by: Diagnostic.presentationOrder)
                return result
            }
        }
        var collector = DiagnosticCollector()
        var plan = compiler.compile(compiled, load: load, vocabulary: validator.vocabulary, diagnostics: &collector)
        plan.language = languageInfo
        if !translatedFiles.isEmpty {
            // The translations are inputs too: the same plan bytes mean the same words.
            plan.inputs = Compiler.inputs(plan.inputs.files + translatedFiles)
        }
        diagnostics.append(contentsOf: collector.diagnostics)
        result.diagnostics = diagnostics.sorted(by: Diagnostic.presentationOrder)
        if collector.hasErrors { return result }
        var finished = plan
        // Translation warnings are the plan's `language`, not screening's.
        finished.screening.warnings = result.diagnostics.filter { $0.severity == .warning && !$0.code.hasPrefix("RG7") }.map {
            Plan.Finding(code: $0.code, message: $0.message)
        }
        result.plan = finished
        return result
    }
}
