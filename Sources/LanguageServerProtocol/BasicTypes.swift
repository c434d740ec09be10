/// A place in a text document: a 0-based line, and a 0-based character offset in the line
/// counted in the negotiated position encoding (UTF-16 code units unless agreed otherwise).
public struct Position: Sendable, Hashable, Codable, Comparable {
    /// The 0-based line.
    public var line: Int
    /// The 0-based offset in the line, in code units of the position encoding.
    public var character: Int

    /// A position at `line`, `character`.
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: Position, rhs: Position) -> Bool { (lhs.line, lhs.character) < (rhs.line, rhs.character) }
}

/// A span of a text document, `end` exclusive.
public struct LSPRange: Sendable, Hashable, Codable {
    /// The first position in the span.
    public var start: Position
    /// The position just after it.
    public var end: Position

    /// The span from `start` to `end`.
    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// Whether `position` lies in the span (its end included: a cursor just after a word is on it).
    public func contains(_ position: Position) -> Bool { start <= position && position <= end }

    /// Whether the two spans share a position.
    public func overlaps(_ other: LSPRange) -> Bool { start <= other.end && other.start <= end }
}

/// A span of a document named by URI.
public struct Location: Sendable, Hashable, Codable {
    /// The document.
    public var uri: String
    /// The span.
    public var range: LSPRange

    /// `range` in the document at `uri`.
    public init(uri: String, range: LSPRange) {
        self.uri = uri
        self.range = range
    }
}

/// Text to put in place of a span.
public struct TextEdit: Sendable, Hashable, Codable {
    /// The span replaced.
    public var range: LSPRange
    /// The text put there.
    public var newText: String

    /// An edit replacing `range` with `newText`.
    public init(range: LSPRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// Edits to documents, by URI.
public struct WorkspaceEdit: Sendable, Hashable, Codable {
    /// The edits of each document.
    public var changes: [String: [TextEdit]]

    /// `changes`, by document URI.
    public init(changes: [String: [TextEdit]]) { self.changes = changes }
}

/// Text that is Markdown or plain text.
public struct MarkupContent: Sendable, Hashable, Codable {
    /// `markdown` or `plaintext`.
    public var kind: String
    /// The text.
    public var value: String

    /// Markdown text.
    public static func markdown(_ value: String) -> MarkupContent { MarkupContent(kind: "markdown", value: value) }
    /// Plain text.
    public static func plainText(_ value: String) -> MarkupContent { MarkupContent(kind: "plaintext", value: value) }
}
