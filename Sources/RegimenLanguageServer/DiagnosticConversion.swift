import LanguageServerProtocol
import RegimenDiagnostics
import RegimenLoad
import RegimenReport
import RegimenValidate

/// Regimen's findings as an editor shows them.
struct DiagnosticConversion {
    /// The position encoding agreed with the client.
    var encoding: PositionEncoding
    /// The rules, for the documentation links of their codes.
    var registry: RuleRegistry
    /// The text of a file (absolute path), for turning its positions; nil when unknown.
    var text: (String) -> String?
    /// Each file's line tables, made once per conversion: a file with thousands of findings
    /// is split into lines once, not once per finding.
    private let cache = Cache()

    private final class Cache {
        var positions: [String: SourcePositions?] = [:]
    }

    /// A conversion in `encoding`, linking codes of `registry`, reading files' text with `text`.
    init(encoding: PositionEncoding, registry: RuleRegistry, text: @escaping (String) -> String?) {
        self.encoding = encoding
        self.registry = registry
        self.text = text
    }

    /// `diagnostic` (whose file is shown relative to `directory`) in LSP terms.
    func convert(_ diagnostic: Diagnostic, directory: String) -> LSPDiagnostic {
        let range = lspRange(diagnostic.range, directory: directory)
        var message = diagnostic.message
        // The help is the fix in words: editors show the message only, so it goes under it.
        if let help = diagnostic.help, !help.isEmpty { message += "\nhelp: " + help }
        let related = diagnostic.notes.compactMap { note -> DiagnosticRelatedInformation? in
            guard let place = note.range else { return nil }
            let path = Paths.join(directory, place.file)
            return DiagnosticRelatedInformation(
                location: Location(uri: DocumentURI.uri(path), range: lspRange(place, directory: directory)), message: note.message)
        }
        // Notes without a place still say something worth reading.
        for note in diagnostic.notes where note.range == nil { message += "\nnote: " + note.message }
        let link = registry.rule(diagnostic.code).map { CodeDescription(href: Reports.documentationURL($0.descriptor)) }
        return LSPDiagnostic(
            range: range, severity: Self.severity(diagnostic.severity), code: diagnostic.code, codeDescription: link,
            source: "regimen", message: message, relatedInformation: related.isEmpty ? nil : related)
    }

    /// `range` in LSP terms, through the text of its file.
    func lspRange(_ range: SourceRange, directory: String) -> LSPRange {
        let path = Paths.join(directory, range.file)
        if cache.positions[path] == nil { cache.positions[path] = .some(text(path).map(SourcePositions.init)) }
        guard let positions = cache.positions[path] ?? nil else {
            // No text: the columns are taken as they are (right for ASCII lines).
            return LSPRange(
                start: Position(line: max(0, range.start.line - 1), character: max(0, range.start.column - 1)),
                end: Position(line: max(0, range.end.line - 1), character: max(0, range.end.column - 1)))
        }
        return positions.range(range, encoding: encoding)
    }

    static func severity(_ severity: Severity) -> DiagnosticSeverity {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .information
        }
    }
}
