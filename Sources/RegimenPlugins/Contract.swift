import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenFormat
import RegimenExport

/// The plugin contract: what Regimen and an out-of-process plugin say to each other, as JSON.
/// docs/plugins.md is its reference; a change that an existing plugin could not read is a new
/// contract version.
public enum PluginContract {
    /// The contract version this Regimen speaks, sent in every request.
    public static let version = 1
    /// Every contract version this Regimen accepts from a plugin.
    public static let supportedVersions: Set<Int> = [1]
    /// What executables start with, before `export-NAME` or `rule-NAME`.
    public static let executablePrefix = "regimen-"
}

/// What a plugin does.
public enum PluginKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// Turns a plan into a document (`regimen-export-NAME`).
    case exporter
    /// Checks a programme and answers diagnostics (`regimen-rule-NAME`).
    case rule

    /// The word in the executable's name: `export` or `rule`.
    public var executableWord: String {
        switch self {
        case .exporter: "export"
        case .rule: "rule"
        }
    }

    /// `regimen-export-NAME` or `regimen-rule-NAME`.
    public func executableName(_ name: String) -> String {
        PluginContract.executablePrefix + executableWord + "-" + name
    }

    public static func < (lhs: PluginKind, rhs: PluginKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What `NAME --describe` prints: who the plugin is and which contract it speaks.
public struct PluginDescription: Codable, Sendable, Equatable {
    /// The plugin's name: NAME in `regimen-export-NAME`.
    public var name: String
    /// What it does.
    public var kind: PluginKind
    /// The contract version it speaks.
    public var contract: Int
    /// The formats an exporter writes (its `--format` names); it must include `name`.
    public var formats: [String]?
    /// The extension of the files an exporter writes, without the dot.
    public var fileExtension: String?
    /// The media type of what an exporter writes.
    public var mediaType: String?
    /// One line on what it does.
    public var description: String
    /// The plugin's own version, for `regimen plugins list`.
    public var version: String?

    /// A description with every part given.
    public init(
        name: String, kind: PluginKind, contract: Int = PluginContract.version, formats: [String]? = nil,
        fileExtension: String? = nil, mediaType: String? = nil, description: String, version: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.contract = contract
        self.formats = formats
        self.fileExtension = fileExtension
        self.mediaType = mediaType
        self.description = description
        self.version = version
    }
}

/// What an exporter reads on standard input. It writes the document, and nothing else, on
/// standard output.
public struct ExportRequest: Codable, Sendable, Equatable {
    /// The contract version of this request.
    public var contract: Int = PluginContract.version
    /// Always `export`.
    public var kind: String = "export"
    /// The format asked for (`--format`).
    public var format: String
    /// The compiled plan (docs/plan.md, docs/plan.schema.json): the part of the programme
    /// chosen with `--phase`, `--week` or `--on` when one was, else the whole programme.
    public var plan: Plan
    /// The handout of `plan`: the typed model Regimen's own text and HTML handouts render
    /// (docs/handouts.md), with every sentence already worded. It covers exactly what `plan`
    /// covers. Added within contract version 1, so a plugin written before it may ignore it.
    public var handout: Handout
    /// What part of the programme `plan` covers, when `--phase`, `--week` or `--on` chose one
    /// (the same as `plan.selection`); absent for the whole programme.
    public var selection: Plan.SelectionInfo?
    /// What the handout says about safety, as Regimen's own handouts word it: red flags,
    /// restrictions, and each exercise's precautions, with their levels. Kept for plugins
    /// written before `handout`, which supersedes it (its `redFlags`, `dailyLife` and each
    /// card's `precautions` carry the same sentences, for the weeks printed).
    public var safety: HandoutSafety?
    /// What the exporter may be told besides the plan.
    public var options: Options

    /// Settings for the document.
    public struct Options: Codable, Sendable, Equatable {
        /// The absolute directory that relative image paths in the plan are relative to.
        public var planDirectory: String
        /// The paper chosen with `--paper` (`a4` or `letter`), when one was.
        public var paper: String?

        /// Options for a plan in `planDirectory`.
        public init(planDirectory: String, paper: String? = nil) {
            self.planDirectory = planDirectory
            self.paper = paper
        }
    }

    /// A request to export `plan` as `format`, with its handout and what it was selected from.
    public init(format: String, plan: Plan, options: Options) {
        self.format = format
        self.plan = plan
        self.handout = Handout(plan)
        self.selection = plan.selection
        self.options = options
    }
}

/// What a rule plugin reads on standard input: one programme, as loaded, with source
/// positions on every value.
public struct RuleRequest: Codable, Sendable, Equatable {
    /// The contract version of this request.
    public var contract: Int = PluginContract.version
    /// Always `rule`.
    public var kind: String = "rule"
    /// The programme.
    public var programme: ProgrammeDocument
    /// Every exercise the programme can use, by the first definition of each id: its own, then
    /// those of its library files, each with the file it is defined in.
    public var catalogue: [Spanned<ExerciseDocument>]
    /// The patient the programme is screened against (`--patient`), when one is given.
    public var patient: Spanned<PatientDocument>?
    /// Settings the rules read.
    public var options: Options
    /// What each condition and movement word in the request means: its canonical id and what
    /// it is a kind of, so that a plugin compares by meaning as the built-in rules do.
    public var vocabulary: WordsDocument?

    /// Every condition and movement word a request holds, as written, with its meaning.
    public struct WordsDocument: Codable, Sendable, Equatable {
        /// Condition words, as written, to their meaning.
        public var conditions: [String: Meaning]
        /// Movement words, as written, to their meaning.
        public var movements: [String: Meaning]

        /// What a word means.
        public struct Meaning: Codable, Sendable, Equatable {
            /// The canonical id; absent for a word the vocabulary does not know.
            public var id: String?
            /// The canonical ids of every entry it is a kind of, nearest first.
            public var kindOf: [String]
        }

        /// The meaning of every word in `conditions` and `movements`, in `vocabulary`.
        public init(conditions: [String], movements: [String], vocabulary: Vocabulary) {
            func meanings(_ words: [String], _ kind: TermKind) -> [String: Meaning] {
                var out: [String: Meaning] = [:]
                for word in words where out[word] == nil {
                    let id = vocabulary.term(word, kind)?.id
                    out[word] = Meaning(id: id, kindOf: id.map { vocabulary.ancestors(of: $0, kind) } ?? [])
                }
                return out
            }
            self.conditions = meanings(conditions, .condition)
            self.movements = meanings(movements, .movement)
        }
    }

    /// Settings from the command line.
    public struct Options: Codable, Sendable, Equatable {
        /// `--session-size-limit`.
        public var sessionSizeLimit: Int

        /// Options with `sessionSizeLimit`.
        public init(sessionSizeLimit: Int) {
            self.sessionSizeLimit = sessionSizeLimit
        }
    }

    /// A request for `programme`, with `catalogue`, screened against `patient`.
    public init(
        programme: ProgrammeDocument, catalogue: [Spanned<ExerciseDocument>], patient: Spanned<PatientDocument>?, options: Options
    ) {
        self.programme = programme
        self.catalogue = catalogue
        self.patient = patient
        self.options = options
    }
}

/// What a rule plugin writes on standard output.
public struct RuleResponse: Codable, Sendable, Equatable {
    /// The contract version it answers in.
    public var contract: Int
    /// Its findings; an empty list when it found nothing.
    public var diagnostics: [PluginDiagnostic]

    /// A response of `diagnostics`.
    public init(contract: Int = PluginContract.version, diagnostics: [PluginDiagnostic]) {
        self.contract = contract
        self.diagnostics = diagnostics
    }
}

/// One finding of a rule plugin: the same fields as `regimen validate --format json`.
public struct PluginDiagnostic: Codable, Sendable, Equatable {
    /// The plugin's stable code, such as `CLX001` (`RG` codes are Regimen's own).
    public var code: String
    /// `error`, `warning` or `note`.
    public var severity: Severity
    /// What is wrong (lower-case, no full stop).
    public var message: String
    /// A file named in the request.
    public var file: String
    /// 1-based line and column of the start.
    public var line: Int
    public var column: Int
    /// 1-based line and column just past the end; the start when absent.
    public var endLine: Int?
    public var endColumn: Int?
    /// How to fix it.
    public var help: String?
    /// Related places.
    public var notes: [PluginNote]?

    /// A finding with every part given.
    public init(
        code: String, severity: Severity, message: String, file: String, line: Int, column: Int,
        endLine: Int? = nil, endColumn: Int? = nil, help: String? = nil, notes: [PluginNote]? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.help = help
        self.notes = notes
    }
}

/// A related place in a plugin's finding; the place is optional.
public struct PluginNote: Codable, Sendable, Equatable {
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var endLine: Int?
    public var endColumn: Int?

    /// A note saying `message`, at a place when given.
    public init(message: String, file: String? = nil, line: Int? = nil, column: Int? = nil, endLine: Int? = nil, endColumn: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }
}

extension PluginContract {
    /// The JSON encoder every request is written with: sorted keys, so a request is the same
    /// bytes for the same inputs.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The contract version a JSON object declares in `contract`, read before anything else so
    /// that a plugin of another version is refused as such, not as malformed.
    static func declaredVersion(in data: Data) -> Int? {
        struct Version: Decodable { var contract: Int }
        return try? JSONDecoder().decode(Version.self, from: data).contract
    }
}
