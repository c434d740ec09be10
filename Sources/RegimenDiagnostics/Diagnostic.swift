/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    /// Worth knowing; never fails a run.
    case note
    /// Probably a mistake, or a risk for the patient; fails a run only under `--strict`.
    case warning
    /// Wrong: the programme cannot be trusted as written.
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in a programme, a library or a profile: what, where, and how to fix it.
///
/// Messages follow the house style: lower-case, no trailing full stop; the fix goes in `help`.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// A secondary place that explains the finding (for example, where a name was first defined).
    public struct Note: Hashable, Sendable, Codable {
        /// What the place shows.
        public var message: String
        /// The place, when there is one.
        public var range: SourceRange?

        /// A note saying `message` about `range`.
        public init(_ message: String, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// The stable code of the rule that found it, such as `RG102`.
    public var code: String
    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in the house style.
    public var message: String
    /// Where it is.
    public var range: SourceRange
    /// How to fix it, when that can be said.
    public var help: String?
    /// Related places.
    public var notes: [Note]
    /// The rule's name (or a plugin's) that reported it.
    public var origin: String?
    /// The one edit that fixes it, when there is exactly one (an editor's quick fix). Not part
    /// of reports: their formats are fixed, and `help` says the same in words.
    public var fix: Fix? = nil

    // `fix` is left out: JSON reports, baselines and plugins keep the shape they had.
    private enum CodingKeys: String, CodingKey {
        case code, severity, message, range, help, notes, origin
    }

    /// A diagnostic with every part given.
    public init(
        code: String, severity: Severity, message: String, range: SourceRange,
        help: String? = nil, notes: [Note] = [], origin: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help
        self.notes = notes
        self.origin = origin
    }
}

extension Diagnostic {
    /// The order diagnostics are shown in: by file, then position, then code.
    public static func presentationOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.range.file != rhs.range.file { return lhs.range.file < rhs.range.file }
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}
