/// The kinds of completion item this server gives (a subset of the protocol's).
public enum CompletionItemKind: Int, Sendable, Hashable, Codable {
    /// Plain text.
    case text = 1
    /// A key of a mapping.
    case property = 10
    /// A value (a quantity's form).
    case value = 12
    /// A keyword.
    case keyword = 14
    /// A snippet.
    case snippet = 15
    /// A reference to something defined elsewhere (an exercise id).
    case reference = 18
    /// One word of a fixed set (a vocabulary id, a choice).
    case enumMember = 20
}

/// One completion.
public struct CompletionItem: Sendable, Hashable, Codable {
    /// What the list shows and what is inserted, unless `insertText` says otherwise.
    public var label: String
    /// What it is.
    public var kind: CompletionItemKind?
    /// One line beside the label.
    public var detail: String?
    /// More, when the item is selected.
    public var documentation: MarkupContent?
    /// What is inserted.
    public var insertText: String?
    /// What the list is sorted by.
    public var sortText: String?

    /// An item labelled `label`.
    public init(
        label: String, kind: CompletionItemKind? = nil, detail: String? = nil, documentation: MarkupContent? = nil,
        insertText: String? = nil, sortText: String? = nil
    ) {
        self.label = label
        self.kind = kind
        self.detail = detail
        self.documentation = documentation
        self.insertText = insertText
        self.sortText = sortText
    }
}

/// The answer to `textDocument/completion`.
public struct CompletionList: Sendable, Hashable, Codable {
    /// Whether typing more should ask again.
    public var isIncomplete: Bool
    /// The items.
    public var items: [CompletionItem]

    /// A list of `items`.
    public init(isIncomplete: Bool = false, items: [CompletionItem]) {
        self.isIncomplete = isIncomplete
        self.items = items
    }
}

/// The answer to `textDocument/hover`.
public struct Hover: Sendable, Hashable, Codable {
    /// What is shown.
    public var contents: MarkupContent
    /// The span hovered.
    public var range: LSPRange?

    /// `contents` about `range`.
    public init(contents: MarkupContent, range: LSPRange?) {
        self.contents = contents
        self.range = range
    }
}

/// `textDocument/codeAction`.
public struct CodeActionParams: Sendable, Hashable, Codable {
    /// What the client knows of the diagnostics at the place.
    public struct Context: Sendable, Hashable, Codable {
        /// The diagnostics at the place.
        public var diagnostics: [LSPDiagnostic]
    }

    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The span.
    public var range: LSPRange
    /// The diagnostics there.
    public var context: Context
}

/// A quick fix.
public struct CodeAction: Sendable, Hashable, Codable {
    /// What it does.
    public var title: String
    /// `quickfix`.
    public var kind: String
    /// The diagnostics it fixes.
    public var diagnostics: [LSPDiagnostic]
    /// Whether it is the fix to apply without asking.
    public var isPreferred: Bool
    /// The change.
    public var edit: WorkspaceEdit

    /// A quick fix titled `title` making `edit`, fixing `diagnostics`.
    public init(title: String, diagnostics: [LSPDiagnostic], edit: WorkspaceEdit) {
        self.title = title
        self.kind = "quickfix"
        self.diagnostics = diagnostics
        self.isPreferred = true
        self.edit = edit
    }
}
