import Foundation

/// The machine-readable report of a run: `--format json`. Lines and columns are 1-based.
public struct JSONReport: Codable, Sendable, Equatable {
    /// One finding, flattened for consumers that do not want nested ranges.
    public struct Entry: Codable, Sendable, Equatable {
        public var code: String
        public var severity: Severity
        public var message: String
        public var file: String
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var help: String?
        public var notes: [NoteEntry]
        public var origin: String?
    }

    /// A related place.
    public struct NoteEntry: Codable, Sendable, Equatable {
        public var message: String
        public var file: String?
        public var line: Int?
        public var column: Int?
    }

    /// Counts for the whole run.
    public struct Summary: Codable, Sendable, Equatable {
        public var files: Int
        public var errors: Int
        public var warnings: Int
        public var notes: Int
    }

    /// The report format's version.
    public var version: Int = 1
    /// Every finding, in presentation order.
    public var diagnostics: [Entry]
    /// Counts.
    public var summary: Summary

    /// The report of `diagnostics` over `files` files.
    public init(diagnostics: [Diagnostic], files: Int) {
        self.diagnostics = diagnostics.map { d in
            Entry(
                code: d.code, severity: d.severity, message: d.message, file: d.range.file,
                line: d.range.start.line, column: d.range.start.column,
                endLine: d.range.end.line, endColumn: d.range.end.column,
                help: d.help,
                notes: d.notes.map {
                    NoteEntry(message: $0.message, file: $0.range?.file, line: $0.range?.start.line, column: $0.range?.start.column)
                },
                origin: d.origin)
        }
        summary = Summary(
            files: files,
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count,
            notes: diagnostics.filter { $0.severity == .note }.count)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        // Printable wherever it is shown: hidden characters JSON allows raw become `\uXXXX`.
        return Visible.jsonSafe(text) + "\n"
    }
}
