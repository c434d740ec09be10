/// A document as the client opened it.
public struct TextDocumentItem: Sendable, Hashable, Codable {
    /// Its URI.
    public var uri: String
    /// The client's language id (`yaml`).
    public var languageId: String
    /// Its version, which rises with each change.
    public var version: Int
    /// The whole text.
    public var text: String
}

/// A document named by URI.
public struct TextDocumentIdentifier: Sendable, Hashable, Codable {
    /// Its URI.
    public var uri: String

    /// The document at `uri`.
    public init(uri: String) { self.uri = uri }
}

/// A document named by URI, at a version.
public struct VersionedTextDocumentIdentifier: Sendable, Hashable, Codable {
    /// Its URI.
    public var uri: String
    /// The version after the change.
    public var version: Int
}

/// One change: the whole new text (no `range`), or a span replaced.
public struct TextDocumentContentChangeEvent: Sendable, Hashable, Codable {
    /// The span replaced; nil when `text` is the whole document.
    public var range: LSPRange?
    /// The new text.
    public var text: String

    /// A change replacing `range` (the whole document when nil) with `text`.
    public init(range: LSPRange? = nil, text: String) {
        self.range = range
        self.text = text
    }
}

/// `textDocument/didOpen`.
public struct DidOpenTextDocumentParams: Sendable, Hashable, Codable {
    /// The document opened.
    public var textDocument: TextDocumentItem
}

/// `textDocument/didChange`.
public struct DidChangeTextDocumentParams: Sendable, Hashable, Codable {
    /// The document, at its new version.
    public var textDocument: VersionedTextDocumentIdentifier
    /// The changes, applied in order.
    public var contentChanges: [TextDocumentContentChangeEvent]
}

/// `textDocument/didClose` and `textDocument/didSave`.
public struct TextDocumentParams: Sendable, Hashable, Codable {
    /// The document.
    public var textDocument: TextDocumentIdentifier
}

/// A document and a position in it (completion, hover, definition).
public struct TextDocumentPositionParams: Sendable, Hashable, Codable {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position
}

/// `workspace/didChangeWatchedFiles`.
public struct DidChangeWatchedFilesParams: Sendable, Hashable, Codable {
    /// One changed file.
    public struct FileEvent: Sendable, Hashable, Codable {
        /// The file.
        public var uri: String
        /// 1 created, 2 changed, 3 deleted.
        public var type: Int
    }

    /// The changed files.
    public var changes: [FileEvent]
}

/// `$/cancelRequest`.
public struct CancelParams: Sendable, Hashable, Codable {
    /// The request to cancel.
    public var id: RequestID
}
