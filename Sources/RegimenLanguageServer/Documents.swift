import LanguageServerProtocol
import RegimenLoad

/// The documents the editor has open: their text as it is in the editor, not as saved.
struct Documents {
    /// One open document.
    struct Document {
        /// Its URI.
        var uri: String
        /// The file it is (absolute), when it is a file.
        var path: String?
        /// Its version, as the editor numbers it.
        var version: Int
        /// Its text.
        var text: String
        /// Its text in UTF-8, for the overlay file system.
        var bytes: [UInt8]
    }

    private(set) var byURI: [String: Document] = [:]
    /// The most documents kept open; past it the oldest-opened is forgotten (an editor
    /// rarely holds so many, and each is at most a file's bytes).
    static let maxDocuments = 1_000

    /// The document at `uri`.
    subscript(uri: String) -> Document? { byURI[uri] }

    /// Opens `item`.
    mutating func open(_ item: TextDocumentItem) {
        if byURI.count >= Self.maxDocuments, byURI[item.uri] == nil, let victim = byURI.keys.sorted().first { byURI[victim] = nil }
        byURI[item.uri] = Document(
            uri: item.uri, path: DocumentURI.path(item.uri), version: item.version, text: item.text, bytes: Array(item.text.utf8))
    }

    /// Applies `changes` to the document at `uri`; false when it is not open.
    mutating func change(_ uri: String, version: Int, changes: [TextDocumentContentChangeEvent], encoding: PositionEncoding) -> Bool {
        guard var document = byURI[uri] else { return false }
        for change in changes {
            document.text = LineIndex.applying(change, to: document.text, encoding: encoding)
        }
        document.version = version
        document.bytes = Array(document.text.utf8)
        byURI[uri] = document
        return true
    }

    /// Closes the document at `uri`.
    mutating func close(_ uri: String) { byURI[uri] = nil }

    /// The open files' text by path, for the overlay file system.
    var buffers: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for document in byURI.values {
            guard let path = document.path else { continue }
            out[path] = document.bytes
            // The loader may read a file by its resolved path (through a linked directory).
            if let resolved = DiskFileSystem().resolve(path), resolved != path { out[resolved] = document.bytes }
        }
        return out
    }

    /// The open document at `path`, if any.
    func document(atPath path: String) -> Document? { byURI.values.first { $0.path == path } }
}
