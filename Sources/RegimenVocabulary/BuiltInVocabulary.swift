import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// Regimen's own conditions and movement tags: the files in `vocabulary/`, compiled into the
/// binary (`make vocabulary` regenerates `EmbeddedVocabulary.swift` from them).
public enum BuiltInVocabulary {
    /// The name entries from these files give as their source.
    public static let source = "built-in"

    /// Each file's path in Regimen's repository, and its text.
    public static var files: [(path: String, text: String)] { EmbeddedVocabulary.files }

    /// The built-in vocabulary, read once.
    public static let vocabulary: Vocabulary = load().vocabulary

    /// Reads the built-in files with every finding about them (the tests require none), and
    /// their sources for excerpts.
    public static func load() -> VocabularyLoad {
        var load = VocabularyLoad(vocabulary: Vocabulary())
        for file in files {
            load.add(bytes: Array(file.text.utf8), path: file.path, source: source)
        }
        return load
    }
}

/// Vocabulary files read into one vocabulary, with their findings.
public struct VocabularyLoad: Sendable {
    /// What the files hold, added to what there was.
    public var vocabulary: Vocabulary
    /// Every problem in the files.
    public var diagnostics: [Diagnostic] = []
    /// The files' text, for excerpts.
    public var sources: [SourceFile] = []

    /// A load that starts from `vocabulary`.
    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// Parses `bytes` (shown as `path`) as a vocabulary file and adds its entries, naming
    /// `source` as where they come from.
    public mutating func add(bytes: [UInt8], path: String, source: String, limits: Limits = .default) {
        var collector = DiagnosticCollector()
        let parsed = YAMLParser(limits: limits).parse(bytes, path: path, diagnostics: &collector)
        sources.append(parsed.source)
        var document: Document?
        if let root = parsed.root { document = DocumentDecoder(limits: limits).decode(root, diagnostics: &collector) }
        diagnostics += collector.diagnostics
        switch document {
        case .vocabulary(let file):
            vocabulary = vocabulary.adding(file, source: source, diagnostics: &diagnostics)
        case .programme, .library, .patient:
            diagnostics.append(
                Diagnostic(
                    code: VocabularyCode.missingKey, severity: .error, message: "`\(path)` is not a vocabulary file",
                    range: .wholeFile(path), help: "a vocabulary file starts with `regimen-vocabulary: 1`"))
        case nil:
            break
        }
    }
}

extension Vocabulary {
    /// Regimen's own vocabulary (`BuiltInVocabulary`).
    public static var builtIn: Vocabulary { BuiltInVocabulary.vocabulary }
}
