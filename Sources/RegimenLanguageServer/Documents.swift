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
        /// The same file with links resolved, when that is another path: the loader may read it
        /// by that path (through a linked directory). Asked once, when the document is opened.
        var resolvedPath: String?
        /// Its version, as the editor numbers it.
        var version: Int
        /// Its text.
        var text: String
        /// Its text in UTF-8, for the overlay file system.
        var bytes: [UInt8]
    }

    private(set) var byURI: [String: Document] = [:]
    /// When each document was last opened or changed (a counter), to forget the stalest first.
    private var touched: [String: Int] = [:]
    private var clock = 0
    private var totalBytes = 0
    /// The most documents kept, and the most text they hold together: past either, the
    /// documents touched longest ago are forgotten (checked again from disk if reopened), so an
    /// editor that opens without end cannot grow the server without end.
    static let maxDocuments = 1_000
    static let maxTotalBytes = 256 * 1024 * 1024

    /// The document at `uri`.
    subscript(uri: String) -> Document? { byURI[uri] }

    /// Opens `item`.
    mutating func open(_ item: TextDocumentItem) {
        let path = DocumentURI.path(item.uri)
        let resolved = path.flatMap { path in DiskFileSystem().resolve(path).flatMap { $0 == path ? nil : $0 } }
        store(
            Document(
                uri: item.uri, path: path, resolvedPath: resolved, version: item.version, text: item.text, bytes: Array(item.text.utf8)))
    }

    private mutating func store(_ document: Document) {
        totalBytes -= byURI[document.uri]?.bytes.count ?? 0
        byURI[document.uri] = document
        totalBytes += document.bytes.count
        clock += 1
        touched[document.uri] = clock
        while byURI.count > Self.maxDocuments || (totalBytes > Self.maxTotalBytes && byURI.count > 1) {
            guard let stalest = touched.filter({ $0.key != document.uri }).min(by: { $0.value < $1.value })?.key else { break }
            close(stalest)
        }
    }

    /// Applies `changes` to the document at `uri`; false when it is not open.
    mutating func change(_ uri: String, version: Int, changes: [TextDocumentContentChangeEvent], encoding: PositionEncoding) -> Bool {
        guard var document = byURI[uri] else { return false }
        for change in changes {
            document.text = LineIndex.applying(change, to: document.text, encoding: encoding)
        }
        document.version = version
        document.bytes = Array(document.text.utf8)
        store(document)
        return true
    }

    /// Closes the document at `uri`.
    mutating func close(_ uri: String) {
        totalBytes -= byURI[uri]?.bytes.count ?? 0
        byURI[uri] = nil
        touched[uri] = nil
    }

    /// The open files' text by path, for the overlay file system.
    var buffers: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for document in byURI.values {
            guard let path = document.path else { continue }
            out[path] = document.bytes
            if let resolved = document.resolvedPath { out[resolved] = document.bytes }
        }
        return out
    }

    /// The open document at `path`, if any.
    func document(atPath path: String) -> Document? { byURI.values.first { $0.path == path } }
}
