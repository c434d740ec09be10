import Foundation
import RegimenDiagnostics
import RegimenValidate

/// The formats a validation report can be written in (`regimen validate --format FORMAT`).
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    /// For people: each finding with its excerpt and caret, then a summary line.
    case text
    /// For tools: `JSONReport`.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    case sarif
    /// JUnit XML, for GitLab, Jenkins and other CI test reports.
    case junit
    /// GitHub Actions workflow commands (`::error file=…::…`), which become annotations.
    case github

    /// The writer for this format.
    public var writer: any ReportWriter {
        switch self {
        case .text: TextReportWriter()
        case .json: JSONReportWriter()
        case .sarif: SARIFReportWriter()
        case .junit: JUnitReportWriter()
        case .github: GitHubReportWriter()
        }
    }
}

/// Writes a validation report in one format. Each format is one writer, found through
/// `ReportFormat.writer`; writers are pure: the same input gives the same text.
public protocol ReportWriter: Sendable {
    /// The format it writes (its stable name is the format's raw value).
    var format: ReportFormat { get }
    /// The usual extension of its files, without the dot.
    var fileExtension: String { get }
    /// The media type of what it writes.
    var mediaType: String { get }
    /// The report of `input`, ending with a newline.
    func render(_ input: ReportInput) -> String
}

/// Which findings fail a run (`--fail-on`): exit code 1, failed JUnit test cases.
public enum FailLevel: String, Sendable, CaseIterable, Hashable {
    /// Errors fail the run (the default).
    case error
    /// Warnings and errors fail the run (what `--strict` means).
    case warning
    /// Every finding fails the run, notes included.
    case note
    /// Nothing fails the run: findings are reported only.
    case never

    /// Whether a finding of `severity` fails the run.
    public func fails(_ severity: Severity) -> Bool {
        switch self {
        case .error: severity >= .error
        case .warning: severity >= .warning
        case .note: true
        case .never: false
        }
    }

    /// Whether any of `diagnostics` fails the run.
    public func fails(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { fails($0.severity) }
    }
}

/// Everything a report is made from: the findings of one run and where they came from.
public struct ReportInput: Sendable {
    /// Every finding, in presentation order (`Diagnostic.presentationOrder`).
    public var diagnostics: [Diagnostic]
    /// Every file checked, as shown (the loader's `fileOrder`): clean files are reported too.
    public var files: [String]
    /// The text of the files, for excerpts and snippets.
    public var sources: SourceMap
    /// The rules of the run, for their names, descriptions and documentation links.
    public var registry: RuleRegistry
    /// The repository root (absolute). Paths in SARIF, JUnit and GitHub reports are relative to
    /// it; when nil, they are relative to `workingDirectory`.
    public var repositoryRoot: String?
    /// The directory that relative shown paths are relative to (absolute).
    public var workingDirectory: String
    /// Regimen's version, such as `0.1.0`.
    public var toolVersion: String
    /// Which findings fail the run.
    public var failLevel: FailLevel
    /// Paths that could not be read at all (the pipeline's `inputErrors`).
    public var inputErrors: [String]
    /// Where rule documentation lives: `docs/rules.md` of the project, as a URL.
    public var rulesDocumentationURL: String

    /// A report of `diagnostics` over `files`, with paths relative to `repositoryRoot`.
    public init(
        diagnostics: [Diagnostic], files: [String], sources: SourceMap, registry: RuleRegistry = .builtIn,
        repositoryRoot: String?, workingDirectory: String = FileManager.default.currentDirectoryPath,
        toolVersion: String, failLevel: FailLevel = .error, inputErrors: [String] = [],
        rulesDocumentationURL: String = Reports.rulesDocumentationURL
    ) {
        self.diagnostics = diagnostics
        self.files = files
        self.sources = sources
        self.registry = registry
        self.repositoryRoot = repositoryRoot
        self.workingDirectory = workingDirectory
        self.toolVersion = toolVersion
        self.failLevel = failLevel
        self.inputErrors = inputErrors
        self.rulesDocumentationURL = rulesDocumentationURL
    }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// The descriptor of the rule with `code`, when the registry knows it.
    func descriptor(_ code: String) -> RuleDescriptor? {
        registry.rules.first { $0.descriptor.code == code }?.descriptor
    }

    /// Where a shown path points, relative to the repository root when it is inside it.
    func location(of shownPath: String) -> ReportPath {
        ReportPath(shown: shownPath, root: repositoryRoot ?? workingDirectory, workingDirectory: workingDirectory)
    }
}

/// Validation reports for CI systems and editors.
public enum Reports {
    /// The project's home page: SARIF's `informationUri`.
    public static let projectURL = "https://github.com/regimen-project/regimen"
    /// docs/rules.md on the default branch: rule links are this plus `#rg104-invalid-quantity`.
    public static let rulesDocumentationURL = projectURL + "/blob/main/docs/rules.md"

    /// The report of `input` in `format`, ending with a newline.
    public static func render(_ format: ReportFormat, _ input: ReportInput) -> String {
        format.writer.render(input)
    }

    /// The report of one run in `format`: `diagnostics` found in `files` (every file checked, as
    /// shown), with paths relative to `repositoryRoot` (or to the working directory).
    public static func render(
        _ format: ReportFormat, diagnostics: [Diagnostic], files: [String], sources: SourceMap,
        registry: RuleRegistry = .builtIn, repositoryRoot: String?, toolVersion: String, failLevel: FailLevel = .error
    ) -> String {
        render(
            format,
            ReportInput(
                diagnostics: diagnostics, files: files, sources: sources, registry: registry, repositoryRoot: repositoryRoot,
                toolVersion: toolVersion, failLevel: failLevel))
    }

    /// The anchor of a rule's section in docs/rules.md, such as `rg104-invalid-quantity`
    /// (the same anchor `regimen explain --markdown` links its index to).
    public static func anchor(code: String, name: String) -> String {
        "\(code.lowercased())-\(name)"
    }

    /// The documentation link of `descriptor`'s rule under `base` (docs/rules.md).
    public static func documentationURL(_ descriptor: RuleDescriptor, base: String = rulesDocumentationURL) -> String {
        base + "#" + anchor(code: descriptor.code, name: descriptor.name)
    }

    /// "checked 3 files: 1 error, 2 warnings" or "checked 3 files: no problems found".
    public static func summary(files: Int, errors: Int, warnings: Int) -> String {
        let checked = files == 1 ? "1 file" : "\(files) files"
        if errors == 0 && warnings == 0 { return "checked \(checked): no problems found" }
        let parts = [
            errors > 0 ? (errors == 1 ? "1 error" : "\(errors) errors") : nil,
            warnings > 0 ? (warnings == 1 ? "1 warning" : "\(warnings) warnings") : nil,
        ].compactMap { $0 }
        return "checked \(checked): " + parts.joined(separator: ", ")
    }
}

/// The text report, as `regimen validate` prints it without colour.
public struct TextReportWriter: ReportWriter {
    /// Whether to colour the output with ANSI escapes.
    public var colour: Bool

    /// A writer, with ANSI colours when `colour` is set.
    public init(colour: Bool = false) {
        self.colour = colour
    }

    public var format: ReportFormat { .text }
    public var fileExtension: String { "txt" }
    public var mediaType: String { "text/plain; charset=utf-8" }

    public func render(_ input: ReportInput) -> String {
        let body = TextRenderer(colour: colour).render(input.diagnostics, sources: input.sources)
        let summary = Reports.summary(files: input.files.count, errors: input.count(.error), warnings: input.count(.warning))
        return Visible.commandsDefused((body.isEmpty ? "" : body + "\n") + summary + "\n")
    }
}

/// The JSON report (`JSONReport`), as `regimen validate --format json` prints it.
public struct JSONReportWriter: ReportWriter {
    /// A writer.
    public init() {}

    public var format: ReportFormat { .json }
    public var fileExtension: String { "json" }
    public var mediaType: String { "application/json" }

    public func render(_ input: ReportInput) -> String {
        JSONReport(diagnostics: input.diagnostics, files: input.files.count).encoded()
    }
}
