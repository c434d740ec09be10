/// How serious an LSP diagnostic is.
public enum DiagnosticSeverity: Int, Sendable, Hashable, Codable {
    /// An error.
    case error = 1
    /// A warning.
    case warning = 2
    /// Information (Regimen's notes).
    case information = 3
    /// A hint.
    case hint = 4
}

/// Where a diagnostic's code is documented.
public struct CodeDescription: Sendable, Hashable, Codable {
    /// The page.
    public var href: String

    /// A description at `href`.
    public init(href: String) { self.href = href }
}

/// A place related to a diagnostic, with what it shows.
public struct DiagnosticRelatedInformation: Sendable, Hashable, Codable {
    /// The place.
    public var location: Location
    /// What it shows.
    public var message: String

    /// `message` about `location`.
    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}

/// A problem in a document, as an editor shows it.
public struct LSPDiagnostic: Sendable, Hashable, Codable {
    /// Where.
    public var range: LSPRange
    /// How serious.
    public var severity: DiagnosticSeverity?
    /// The rule's code.
    public var code: String?
    /// Where the code is documented.
    public var codeDescription: CodeDescription?
    /// Who reported it.
    public var source: String?
    /// What is wrong.
    public var message: String
    /// Related places.
    public var relatedInformation: [DiagnosticRelatedInformation]?

    /// A diagnostic with every part given.
    public init(
        range: LSPRange, severity: DiagnosticSeverity?, code: String?, codeDescription: CodeDescription?, source: String?,
        message: String, relatedInformation: [DiagnosticRelatedInformation]?
    ) {
        self.range = range
        self.severity = severity
        self.code = code
        self.codeDescription = codeDescription
        self.source = source
        self.message = message
        self.relatedInformation = relatedInformation
    }
}

/// `textDocument/publishDiagnostics`.
public struct PublishDiagnosticsParams: Sendable, Hashable, Codable {
    /// The document.
    public var uri: String
    /// The version the diagnostics are for.
    public var version: Int?
    /// Every diagnostic of the document (an empty list clears them).
    public var diagnostics: [LSPDiagnostic]

    /// `diagnostics` of the document at `uri`, version `version`.
    public init(uri: String, version: Int?, diagnostics: [LSPDiagnostic]) {
        self.uri = uri
        self.version = version
        self.diagnostics = diagnostics
    }
}
