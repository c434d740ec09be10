import RegimenDiagnostics
import RegimenLoad
import RegimenTranslate

extension Validator {
    /// Whether the registry holds the translation rules (RG701–RG706): a registry without them
    /// (a test's, a plugin host's) does not look for translation files.
    public var checksTranslations: Bool {
        registry.rules.contains { $0.descriptor.stage == .translation }
    }

    /// The findings about the translation files (`NAME.LANG.po`) beside each programme and
    /// library file of `load`, read from `fileSystem`, and the text of those files for
    /// excerpts. Each directory is listed once.
    public func translationFindings(_ load: LoadResult, fileSystem: any FileSystem) -> (diagnostics: [Diagnostic], sources: [SourceFile]) {
        guard checksTranslations else { return ([], []) }
        var units: [(path: String, texts: () -> [TranslatableText])] = []
        for programme in load.programmes { units.append((programme.path, { TextPaths.texts(of: programme.programme) })) }
        for library in load.libraries { units.append((library.path, { TextPaths.texts(of: library.library) })) }
        let listing = CachingListing(base: fileSystem)
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        let check = TranslationCheck()
        for unit in units {
            let found = TranslationFiles.translations(besides: unit.path, fileSystem: listing)
            guard !found.isEmpty else { continue }
            let texts = unit.texts()
            for (language, path) in found {
                guard let (result, source) = TranslationFiles.read(path, fileSystem: fileSystem) else { continue }
                sources.append(source)
                diagnostics += result.diagnostics
                diagnostics += check.check(texts: texts, sourcePath: unit.path, po: result.file, poPath: path, language: language)
            }
        }
        return (diagnostics, sources)
    }
}

/// A file system whose directory listings are made once (the translation check asks for the
/// directory of every file, and most files share a few directories).
private final class CachingListing: FileSystem, @unchecked Sendable {
    let base: any FileSystem
    private var listed: [String: [DirectoryEntry]] = [:]

    init(base: any FileSystem) {
        self.base = base
    }

    func entries(of path: String) -> [DirectoryEntry] {
        if let known = listed[path] { return known }
        let entries = base.entries(of: path)
        listed[path] = entries
        return entries
    }

    func kind(of path: String) -> FileKind? { base.kind(of: path) }
    func isSymlink(_ path: String) -> Bool { base.isSymlink(path) }
    func read(_ path: String, limit: Int) throws -> [UInt8] { try base.read(path, limit: limit) }
    func contents(of path: String) -> [String] { base.contents(of: path) }
    func entry(at path: String) -> DirectoryEntry { base.entry(at: path) }
    func resolve(_ path: String) -> String? { base.resolve(path) }
    func linkTarget(_ path: String) -> String? { base.linkTarget(path) }
    var currentDirectory: String { base.currentDirectory }
}
