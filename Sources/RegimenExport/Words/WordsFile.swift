import RegimenDiagnostics
import RegimenLoad

/// A problem in one of Regimen's words files (a message catalogue, a vocabulary labels file),
/// with where it is.
public struct WordsFileProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// The start of reading a words file: the YAML parsed, its top-level mapping, and the problems
/// found so far, each with its place. `MessageCatalogue` and `VocabularyLabels` read their
/// own keys from `top` and add their problems with `problem(_:_:)`.
struct WordsFile {
    let path: String
    /// The document's root node; nil for an empty file.
    let root: YAMLNode?
    /// The top-level mapping's pairs; nil when the file is not a mapping.
    let top: [YAMLPair]?
    /// YAML problems, then those added.
    private(set) var problems: [WordsFileProblem]

    /// Parses `text`; a file that is not a mapping is a problem worded by `shape` ("a catalogue
    /// is a mapping with …").
    init(_ text: String, path: String, shape: String) {
        self.path = path
        var diagnostics = DiagnosticCollector()
        let result = YAMLParser().parse(Array(text.utf8), path: path, diagnostics: &diagnostics)
        problems = diagnostics.diagnostics.map {
            WordsFileProblem(path: path, line: $0.range.start.line, column: $0.range.start.column, message: $0.message)
        }
        root = result.root
        if let root = result.root, case .mapping(let pairs) = root.content {
            top = pairs
        } else {
            top = nil
            if let root = result.root { problems.append(Self.problem(root, shape, path: path)) }
        }
    }

    /// Adds `message`, at `node`.
    mutating func problem(_ node: YAMLNode, _ message: String) {
        problems.append(Self.problem(node, message, path: path))
    }

    private static func problem(_ node: YAMLNode, _ message: String, path: String) -> WordsFileProblem {
        WordsFileProblem(path: path, line: node.range.start.line, column: node.range.start.column, message: message)
    }
}
