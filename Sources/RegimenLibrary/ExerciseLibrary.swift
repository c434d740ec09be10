import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// The exercises a repository offers, read once: what `regimen library list`, `search` and
/// `show` browse.
///
/// It holds the exercises of every library file read (named, found in a directory, or included
/// by a programme), and the programme's own exercises for a programme named as a file (those
/// are what that programme can use). Programmes found in a directory bring their library files,
/// not their own exercises: those belong to one programme, not to the library.
public struct ExerciseLibrary: Sendable {
    /// One definition of an exercise, and where it is.
    public struct Entry: Sendable {
        /// The definition.
        public var exercise: Exercise
        /// The file it is defined in, as shown.
        public var file: String

        /// Its id.
        public var id: String { exercise.id.value }
        /// Its name.
        public var name: String { exercise.name.value }
        /// The line of its id, where its definition starts.
        public var line: Int { exercise.id.range.start.line }
    }

    /// Every definition, by id, then file (an id defined in two files is listed twice).
    public var entries: [Entry]
    /// The files the exercises come from, as shown, sorted.
    public var files: [String]
    /// What the loader found wrong in those files (and in library files that could not be read
    /// as such): their exercises may be missing.
    public var diagnostics: [Diagnostic]
    /// The files with errors among `diagnostics`, sorted.
    public var filesWithErrors: [String] {
        Set(diagnostics.filter { $0.severity == .error }.map(\.range.file)).sorted()
    }
    /// Paths that could not be read at all (a missing path): a usage problem.
    public var inputErrors: [String]
    /// The text of the files, for excerpts.
    public var sources: SourceMap
    /// What was loaded: the card of an exercise is compiled from it.
    public var load: LoadResult

    /// The library at `paths` (files, or directories searched for YAML files), read by `loader`.
    public static func read(_ paths: [String], loader: Loader) -> ExerciseLibrary {
        let currentDirectory = loader.fileSystem.currentDirectory
        let named = Set(paths.map { Paths.join(currentDirectory, $0) }.filter { loader.fileSystem.kind(of: $0) == .file })
        return ExerciseLibrary(load: loader.load(paths: paths), namedFiles: named)
    }

    /// The library in `load`, where `namedFiles` are the absolute paths of the files named
    /// (a programme among them brings its own exercises too).
    public init(load: LoadResult, namedFiles: Set<String>) {
        var entries: [Entry] = []
        var files = Set<String>()
        for library in load.libraries {
            files.insert(library.path)
            entries += library.library.exercises.map { Entry(exercise: $0, file: library.path) }
        }
        // Library files a programme includes but that could not be read as such: their
        // problems say why exercises may be missing.
        var relevant = files
        for programme in load.programmes {
            relevant.formUnion(programme.includes.map(\.path))
            guard let record = load.records[programme.path], namedFiles.contains(record.absolutePath) else { continue }
            relevant.insert(programme.path)
            if !programme.programme.exercises.isEmpty { files.insert(programme.path) }
            entries += programme.programme.exercises.map { Entry(exercise: $0, file: programme.path) }
        }
        self.entries = entries.sorted { ($0.id, $0.file, $0.line) < ($1.id, $1.file, $1.line) }
        self.files = files.sorted()
        self.diagnostics = load.diagnostics.filter { relevant.contains($0.range.file) }
        self.inputErrors = load.inputErrors
        self.sources = load.sources
        self.load = load
    }

    /// The definitions of `id`, in file order.
    public func entries(_ id: String) -> [Entry] {
        entries.filter { $0.id == id }
    }

    /// Every exercise once, by id, for "did you mean".
    public var candidates: [ExerciseSuggestions.Candidate] {
        var seen = Set<String>()
        return entries.compactMap { seen.insert($0.id).inserted ? .init(id: $0.id, name: $0.name) : nil }
    }
}
