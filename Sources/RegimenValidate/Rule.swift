import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenVocabulary

/// An example file for a rule: shown by `regimen explain` and in docs/rules.md, and run by the tests.
///
/// In a triggering example, `↓` marks each place a finding must start at; it is removed before
/// the example is validated.
public struct RuleExample: Sendable, Hashable {
    /// The example file's text (a whole programme or library file), with `↓` markers.
    public var yaml: String
    /// Other files the example needs, by path relative to the example's directory (library
    /// files, translation files), with `↓` markers where findings land in them.
    public var markedFiles: [String: String]
    /// The other files with the markers removed.
    public var files: [String: String] {
        markedFiles.mapValues { $0.replacingOccurrences(of: String(Self.marker), with: "") }
    }
    /// A patient profile to screen against (`--patient`), when the rule needs one, with `↓`
    /// markers when the findings are in it.
    public var patientYAML: String?

    /// An example of `yaml`, with `files` beside it, screened against `patient` when given.
    public init(_ yaml: String, files: [String: String] = [:], patient: String? = nil) {
        self.yaml = yaml
        self.markedFiles = files
        self.patientYAML = patient
    }

    /// The patient profile with the markers removed.
    public var patient: String? { patientYAML?.replacingOccurrences(of: String(Self.marker), with: "") }

    /// The marker that shows where a finding lands.
    public static let marker: Character = "↓"

    /// The text with the markers removed.
    public var text: String { yaml.replacingOccurrences(of: String(Self.marker), with: "") }

    /// The 1-based positions the markers point at (the character after each marker), in the
    /// example's text and in its patient profile.
    public var markedPositions: [SourcePosition] {
        markedPlaces.map(\.position)
    }

    /// The places the markers point at, with the file each is in: nil for the example's own
    /// text, `patient.yaml` for the profile, or the path of one of `files`.
    public var markedPlaces: [(file: String?, position: SourcePosition)] {
        var places = Self.positions(of: yaml).map { (file: String?.none, position: $0) }
        if let patientYAML { places += Self.positions(of: patientYAML).map { (file: "patient.yaml", position: $0) } }
        for (path, text) in markedFiles.sorted(by: { $0.key < $1.key }) {
            places += Self.positions(of: text).map { (file: path, position: $0) }
        }
        return places
    }

    private static func positions(of yaml: String) -> [SourcePosition] {
        var positions: [SourcePosition] = []
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for character in line.unicodeScalars {
                if character == "↓" {
                    positions.append(SourcePosition(line: index + 1, column: column))
                } else {
                    column += 1
                }
            }
        }
        return positions
    }
}

/// What a rule is: its stable code and name, how serious its findings are by default, what it
/// checks, and examples that fail and pass.
public struct RuleDescriptor: Sendable, Hashable {
    /// Which stage reports the rule's findings.
    public enum Stage: String, Sendable, Hashable {
        /// Reported while files are read and decoded (syntax, types, keys, quantities).
        case load
        /// Reported by the rule's own `check`, over the decoded programme.
        case programme
        /// Reported by the rule's own `check` when a patient profile is given (`--patient`).
        case screening
        /// Reported by the translation check, for each `NAME.LANG.po` beside a file validated
        /// (docs/languages.md).
        case translation
    }

    /// The stable code, such as `RG104`.
    public var code: String
    /// A short kebab-case name, such as `unknown-key`.
    public var name: String
    /// The severity its findings have unless configured otherwise.
    public var severity: Severity
    /// One line: what it reports.
    public var summary: String
    /// Why it matters and how to fix it (plain text paragraphs).
    public var explanation: String
    /// Files that make it report, with `↓` at each finding.
    public var triggering: [RuleExample]
    /// Files it accepts.
    public var nonTriggering: [RuleExample]
    /// Which stage reports it.
    public var stage: Stage

    /// A rule description.
    public init(
        code: String, name: String, severity: Severity, summary: String, explanation: String,
        triggering: [RuleExample], nonTriggering: [RuleExample], stage: Stage = .programme
    ) {
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.stage = stage
    }
}

/// A validation rule. Built-in rules and third parties' rules implement the same protocol and
/// are registered the same way (`RuleRegistry`).
public protocol Rule: Sendable {
    /// What the rule is.
    var descriptor: RuleDescriptor { get }
    /// Findings in one programme, with the exercises it can use.
    func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic]
    /// Findings in one library file.
    func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic]
}

extension Rule {
    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] { [] }
    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] { [] }

    /// A finding of this rule, at its default severity.
    public func finding(
        _ message: String, at range: SourceRange, help: String? = nil, notes: [Diagnostic.Note] = []
    ) -> Diagnostic {
        Diagnostic(
            code: descriptor.code, severity: descriptor.severity, message: message, range: range, help: help,
            notes: notes, origin: descriptor.name)
    }
}

/// A rule whose findings the loader reports (syntax, types, keys, quantities): it is
/// registered for its code, description and examples, and checks nothing itself.
public struct LoadStageRule: Rule {
    public let descriptor: RuleDescriptor

    /// A load-stage rule described by `descriptor`.
    public init(_ descriptor: RuleDescriptor) {
        var descriptor = descriptor
        descriptor.stage = .load
        self.descriptor = descriptor
    }
}

/// Settings the rules read.
public struct ValidationOptions: Sendable, Hashable {
    /// The number of exercises in one session above which adherence is likely to suffer.
    public var sessionSizeLimit: Int = 8

    /// The defaults.
    public init() {}
}

/// What rules can see besides the file they check.
public struct RuleContext: Sendable {
    /// The settings in force.
    public var options: ValidationOptions
    /// The patient the programme is screened against, when one is given.
    public var patient: LoadedPatient?
    /// The conditions and movements words are compared by: the built-in vocabulary, and the
    /// clinic's additions.
    public var vocabulary: Vocabulary

    /// A context with `options`, screening against `patient` when given, comparing words by
    /// `vocabulary`.
    public init(options: ValidationOptions = ValidationOptions(), patient: LoadedPatient? = nil, vocabulary: Vocabulary = .builtIn) {
        self.options = options
        self.patient = patient
        self.vocabulary = vocabulary
    }
}
