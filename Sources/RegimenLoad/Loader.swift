import Dispatch
import Foundation
import RegimenDiagnostics
import RegimenFormat

/// The exercises a programme can use: its own, then those of its library files, in order.
///
/// Stored as shared, immutable parts (one per library file, built once per load and shared by
/// every programme that includes it), so that ten thousand programmes over a hundred library
/// files hold a hundred copies of the exercises, not ten thousand.
public struct ExerciseCatalogue: Sendable {
    /// Definitions, in the order met, with the position of the first definition of each id.
    @usableFromInline final class Part: @unchecked Sendable {
        // Mutated only while uniquely referenced (`add`), and read-only once shared.
        @usableFromInline var definitions: [Exercise] = []
        @usableFromInline var first: [String: Int] = [:]
        var links: [ExerciseLink] = []

        init(_ exercises: [Exercise] = []) {
            for exercise in exercises { append(exercise) }
        }

        func append(_ exercise: Exercise) {
            if first[exercise.id.value] == nil { first[exercise.id.value] = definitions.count }
            definitions.append(exercise)
            if let target = exercise.progressTo { links.append(ExerciseLink(kind: .progress, from: exercise.id.value, to: target)) }
            if let target = exercise.regressTo { links.append(ExerciseLink(kind: .regress, from: exercise.id.value, to: target)) }
        }
    }

    /// A `progress-to` or `regress-to` of an exercise definition.
    public struct ExerciseLink: Sendable {
        /// Which of the two.
        public enum Kind: Sendable { case progress, regress }
        /// Which of the two.
        public var kind: Kind
        /// The id of the exercise whose definition it is in.
        public var from: String
        /// The exercise it names.
        public var to: Text
    }

    @usableFromInline var parts: [Part] = []

    /// Every definition, duplicates included, in the order met.
    public var definitions: [Exercise] {
        parts.count == 1 ? parts[0].definitions : parts.flatMap(\.definitions)
    }


    /// An empty catalogue.
    public init() {}

    /// A catalogue of `exercises`.
    public init(_ exercises: [Exercise]) {
        if !exercises.isEmpty { parts = [Part(exercises)] }
    }

    /// Adds `exercise`; the first definition of an id wins.
    public mutating func add(_ exercise: Exercise) {
        if parts.isEmpty || !isKnownUniquelyReferenced(&parts[parts.count - 1]) {
            parts.append(Part())
        }
        parts[parts.count - 1].append(exercise)
    }

    /// Adds every definition of `other`, in order, sharing its storage.
    public mutating func add(contentsOf other: ExerciseCatalogue) {
        parts += other.parts
    }

    /// Every definition once, in the order met: a library file listed twice adds the same
    /// definitions twice (it is one shared part), and those are one definition, not a clash.
    public var distinctDefinitions: [Exercise] {
        distinctParts.flatMap(\.definitions)
    }

    /// Each part once, in the order met (a library file listed twice is one shared part). A
    /// catalogue has a handful of parts: a search beats hashing.
    private var distinctParts: [Part] {
        var distinct: [Part] = []
        for part in parts where !distinct.contains(where: { $0 === part }) { distinct.append(part) }
        return distinct
    }

    /// The links of every distinct definition (as `distinctDefinitions`), in the order met:
    /// what following chains needs, without copying the definitions (mostly library files',
    /// and mostly without links).
    public var distinctLinks: [ExerciseLink] {
        distinctParts.flatMap(\.links)
    }

    /// Whether two of the distinct definitions share an id (a quick test before looking closer).
    public var hasDuplicateIDs: Bool {
        let distinct = distinctParts
        if distinct.contains(where: { $0.first.count != $0.definitions.count }) { return true }
        // Each pair of parts, the smaller's ids looked up in the larger's index: a programme's
        // own few exercises against each library file's, without building a set of them all.
        for (index, part) in distinct.enumerated() {
            for other in distinct[(index + 1)...] {
                let (small, large) = part.first.count <= other.first.count ? (part, other) : (other, part)
                for id in small.first.keys where large.first[id] != nil { return true }
            }
        }
        return false
    }

    /// Whether some definition has the id `id`.
    public func contains(_ id: String) -> Bool {
        parts.contains { $0.first[id] != nil }
    }

    /// Every id defined, each once, sorted.
    public var ids: [String] {
        var found = Set<String>()
        for part in parts { found.formUnion(part.first.keys) }
        return found.sorted()
    }

    /// `body` applied to the exercise called `id`; nil when there is none. For rules that look
    /// at a field or two: inlinable, and through the array's storage, so that `body` is compiled
    /// in and reads those fields in place instead of copying the whole exercise.
    @inlinable
    public func withExercise<Result>(_ id: String, _ body: (Exercise) throws -> Result) rethrows -> Result? {
        for part in parts {
            if let index = part.first[id] { return try part.definitions.withUnsafeBufferPointer { try body($0[index]) } }
        }
        return nil
    }

    /// The exercise called `id`.
    public subscript(id: String) -> Exercise? {
        for part in parts {
            if let index = part.first[id] { return part.definitions[index] }
        }
        return nil
    }
}

/// A programme, read, with the exercises it can use.
public struct LoadedProgramme: Sendable {
    /// The file, as shown.
    public var path: String
    /// The programme.
    public var programme: Programme
    /// Its exercises and those of the library files it includes.
    public var catalogue: ExerciseCatalogue
    /// Each `library:` entry that named a library file that could be read, with that file as
    /// shown: so that findings about what a file brings in can point at the entry.
    public var includes: [LibraryInclude]

    /// The repository root it was read under (absolute): plans name files relative to it.
    public var root: String

    /// The library files it includes that could be read, as shown.
    public var libraryPaths: [String] { includes.map(\.path) }

    /// `programme`, read from `path` under `root`, with the exercises of `catalogue`: for a
    /// programme made in memory (`regimen library show` prints an exercise's card from one that
    /// prescribes it alone).
    public init(path: String, programme: Programme, catalogue: ExerciseCatalogue, includes: [LibraryInclude] = [], root: String) {
        self.path = path
        self.programme = programme
        self.catalogue = catalogue
        self.includes = includes
        self.root = root
    }
}

/// A `library:` entry of a programme, and the library file it names.
public struct LibraryInclude: Sendable {
    /// The entry as written in the programme.
    public var entry: Text
    /// The library file, as shown.
    public var path: String
    /// Whether the file could be read as a library; when not, its own findings say why, and
    /// the exercises it should have defined are unknown.
    public var isReadable: Bool = true
}

/// A library file, read.
public struct LoadedLibrary: Sendable {
    /// The file, as shown.
    public var path: String
    /// The library.
    public var library: Library
}

/// A patient profile, read.
public struct LoadedPatient: Sendable {
    /// The file, as shown.
    public var path: String
    /// The profile.
    public var profile: PatientProfile

    /// The profile `profile`, read from `path`.
    public init(path: String, profile: PatientProfile) {
        self.path = path
        self.profile = profile
    }
}

/// What is known of a file that was read: where it is, and a digest of its bytes.
public struct FileRecord: Sendable, Hashable {
    /// The absolute path.
    public var absolutePath: String
    /// The SHA-256 of the bytes, in lower-case hex.
    public var sha256: String
}

/// Everything one load produced.
public struct LoadResult: Sendable {
    /// The patient profile given with `patient:`, when it could be read.
    public var patient: LoadedPatient?
    /// Every file read, by the path it is shown under.
    public var records: [String: FileRecord] = [:]
    /// The programmes read, in path order.
    public var programmes: [LoadedProgramme] = []
    /// The library files read (named on the command line or included), in path order.
    public var libraries: [LoadedLibrary] = []
    /// Findings in the files.
    public var diagnostics: [Diagnostic] = []
    /// Paths that could not be read at all (a usage problem, not a finding): exit code 2.
    public var inputErrors: [String] = []
    /// The text of every file read, for excerpts.
    public var sources = SourceMap()
    /// How many files were read.
    public var fileCount: Int { fileOrder.count }
    /// The files read, as shown, in the order read.
    public var fileOrder: [String] = []
    /// The vocabulary files among the inputs, as shown (used only when a configuration names
    /// them: see `ConfiguredValidation`).
    public var vocabularyFiles: [String] = []
}

/// Finds, reads and decodes programme and library files, following library includes while
/// keeping them inside the repository. Each file is read and parsed once per load.
public struct Loader: Sendable {
    /// Where files come from.
    public var fileSystem: any FileSystem
    /// The bounds applied to every file.
    public var limits: Limits
    /// The repository root; found from each programme when nil.
    public var root: String?
    /// Directories (absolute, or relative to the current directory) searched, in order, for a
    /// `library:` entry that names no file relative to its programme. What is found there must
    /// still be inside the programme's repository.
    public var librarySearchPaths: [String] = []
    /// Files already parsed and decoded, kept across loads by a long-lived process (the language
    /// server); nil parses every file each time, as a command does.
    public var documentCache: DocumentCache?

    /// A loader reading from `fileSystem`.
    public init(
        fileSystem: any FileSystem = DiskFileSystem(), limits: Limits = .default, root: String? = nil,
        librarySearchPaths: [String] = []
    ) {
        self.fileSystem = fileSystem
        self.limits = limits
        self.root = root
        self.librarySearchPaths = librarySearchPaths
    }

    /// Loads the files at `paths` (files, or directories searched for `*.yaml` and `*.yml`),
    /// and the patient profile at `patient`, if given.
    public func load(paths: [String], patient: String? = nil) -> LoadResult {
        var session = LoadSession(loader: self)
        session.learn(paths)
        for path in paths {
            session.addInput(path)
        }
        if let patient { session.loadPatient(patient) }
        return session.finish()
    }

    /// Loads as `load` does, but hands what it reads to `each` in parts of about `chunkSize`
    /// input files, and keeps none of it: so that validating ten thousand files holds one part
    /// in memory at a time, not all of them.
    ///
    /// Each part holds the programmes and library files first read for it (each library file is
    /// in exactly one part, the first that reads it), their findings and their text; the first
    /// part also holds the patient. What is returned holds the rest: the patient, the records,
    /// the file order and the input errors. Library files stay read (not handed over again) for
    /// the programmes of later parts. Together the parts hold the findings `load` returns (in
    /// presentation order, the same list), and there is always at least one part.
    public func load(
        paths: [String], patient: String? = nil, chunkSize: Int, each: (LoadResult) -> Void
    ) -> LoadResult {
        var session = LoadSession(loader: self)
        session.learn(paths)
        for path in paths {
            session.addInput(path)
        }
        if let patient { session.loadPatient(patient) }
        return session.stream(chunkSize: max(1, chunkSize), each: each)
    }

    /// The text of the file shown as `path` in `load`, read again: for excerpts, when a run has
    /// let go of it (`load(paths:patient:chunkSize:each:)`). Nil when the file is not in `load`'s
    /// records, cannot be read, or no longer holds the bytes that were checked.
    public func source(of path: String, in load: LoadResult) -> SourceFile? {
        guard let record = load.records[path],
            let bytes = try? fileSystem.read(record.absolutePath, limit: limits.maxFileBytes),
            Digest.sha256(bytes) == record.sha256
        else { return nil }
        return SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
    }

    /// The `*.yaml` and `*.yml` files under the directory `directory` (absolute), as `load`
    /// finds them: hidden names and linked directories are skipped, and the walk stops 32
    /// levels down. Unsorted.
    public func yamlFiles(under directory: String) -> [String] {
        var found: [String] = []
        walk(directory, depth: 0, into: &found)
        return found
    }

    private func walk(_ directory: String, depth: Int, into found: inout [String]) {
        guard depth < 32 else { return }
        for entry in fileSystem.entries(of: directory).sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let name = entry.name
            let path = directory == "/" ? "/" + name : directory + "/" + name
            switch entry.kind {
            case .directory:
                // Linked directories are not followed: they can loop, or lead out of the tree.
                if !entry.isSymlink { walk(path, depth: depth + 1, into: &found) }
            case .file:
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append(path) }
            case nil:
                continue
            }
        }
    }
}

private struct LoadSession {
    let loader: Loader
    var fs: any FileSystem { loader.fileSystem }
    var result = LoadResult()
    /// Parsed documents by resolved path.
    var cache: [String: (shown: String, document: Document?)] = [:]
    var inputs: [(absolute: String, shown: String)] = []
    var seenInputs = Set<String>()
    /// Outcomes read ahead by `prefetchInputs`, by resolved path, until `document(at:)` takes them.
    var prefetched: [String: Outcome] = [:]
    /// Where each programme's `library:` entries lead (`Outcome.read`), by resolved path, until
    /// `resolveLibraries` takes them.
    var libraryTargets: [String: PathCheck.Libraries] = [:]
    /// The catalogue of each library file, by resolved path: built once, shared by programmes.
    var libraryCatalogues: [String: ExerciseCatalogue] = [:]
    /// Each path's kind and resolved form, asked of the file system once (it is read as it is
    /// at the start), shared with the path checks on other threads.
    let facts: PathFacts
    /// The nearest directory holding `.git` at or above each directory asked about.
    var roots: RepositoryRoots
    /// The current directory, asked once.
    let currentDirectory: String

    init(loader: Loader) {
        self.loader = loader
        currentDirectory = loader.fileSystem.currentDirectory
        facts = PathFacts(loader.fileSystem)
        roots = RepositoryRoots(fileSystem: loader.fileSystem)
    }

    func absolute(_ path: String) -> String { Paths.join(currentDirectory, path) }

    func shown(_ absolute: String) -> String {
        absolute == currentDirectory ? "." : Paths.relative(absolute, to: currentDirectory)
    }

    /// `path` with every link resolved (`FileSystem.resolve`), asked of the file system once.
    func resolve(_ path: String) -> String? { facts.resolve(path) }

    /// Asks the file system about every path in `paths` on every core, ahead of `addInput`:
    /// ten thousand files named one by one are otherwise ten thousand `stat`s on one thread.
    func learn(_ paths: [String]) {
        guard paths.count >= 64 else { return }
        let files = paths.map { absolute($0) }
        let facts = self.facts
        _ = Parallel.map(files.count) { facts.resolve(files[$0]) != nil }
    }

    mutating func addInput(_ path: String) {
        let abs = absolute(path)
        switch facts.kind(of: abs) {
        case .file:
            appendInput(abs)
        case .directory:
            let found = loader.yamlFiles(under: abs)
            if found.isEmpty {
                result.inputErrors.append("\(path): no .yaml or .yml files found in this directory")
            }
            for file in found.sorted() { appendInput(file) }
        case nil:
            result.inputErrors.append(
                fs.isSymlink(abs)
                    ? "\(path): symbolic link leads nowhere (or round in a loop)"
                    : "\(path): no such file or directory")
        }
    }

    mutating func loadPatient(_ path: String) {
        let abs = absolute(path)
        guard fs.kind(of: abs) == .file else {
            result.inputErrors.append(
                "\(path): " + (fs.kind(of: abs) == .directory ? "is a directory, not a patient profile" : "no such file"))
            return
        }
        guard let loaded = document(at: abs) else { return }
        switch loaded.document {
        case .patient(let profile):
            result.patient = LoadedPatient(path: loaded.shown, profile: profile)
        case .programme, .library, .vocabulary:
            result.diagnostics.append(
                Diagnostic(
                    code: LoadCode.missingKey, severity: .error, message: "`\(path)` is not a patient profile",
                    range: .wholeFile(loaded.shown), help: "a patient profile starts with `regimen-patient: 1`"))
        case nil:
            break
        }
    }

    mutating func appendInput(_ abs: String) {
        let key = resolve(abs) ?? abs
        guard seenInputs.insert(key).inserted else { return }
        inputs.append((abs, shown(abs)))
    }

    /// What reading, parsing and decoding one file gives, before it is added to the result:
    /// a pure function of the file, so that files can be read on several threads at once.
    enum Outcome: Sendable {
        case unreadable
        /// The file leads out of its repository through a link, and was not opened: the finding says which.
        case refused(Diagnostic)
        /// `diagnostics` are the file's own, its images' included; `libraries` are where a
        /// programme's `library:` entries lead, with findings about those that lead nowhere
        /// allowed (reported only if the programme is an input, not merely named by one).
        case read(
            record: FileRecord, source: SourceFile, diagnostics: [Diagnostic], document: Document?,
            libraries: PathCheck.Libraries?)
    }

    /// Reads, parses and decodes the file at `abs` (shown as `shownPath`), and checks the paths
    /// it names with `paths`. Touches nothing shared.
    static func read(_ abs: String, shown shownPath: String, loader: Loader, paths: PathCheck) -> Outcome {
        var diagnostics = DiagnosticCollector()
        let bytes: [UInt8]
        do {
            // Through the boundary: a walked or named file that links out of its repository is
            // never opened, so no excerpt of it can be shown.
            bytes = try paths.boundary(reading: abs).read(abs, limit: loader.limits.maxFileBytes, resolved: paths.facts.resolve(abs))
        } catch .outside(let refusal) {
            return .refused(RepositoryBoundary.diagnostic(refusal, shownPath: shownPath, shown: paths.shown))
        } catch {
            return .unreadable
        }
        let record = FileRecord(absolutePath: abs, sha256: Digest.sha256(bytes))
        let key = DocumentCache.Key(shownPath: shownPath, sha256: record.sha256, limits: loader.limits)
        let source: SourceFile
        var document: Document?
        if let cached = loader.documentCache?.entry(key) {
            source = cached.source
            document = cached.document
            diagnostics.report(contentsOf: cached.diagnostics)
        } else {
            let parsed = YAMLParser(limits: loader.limits).parse(bytes, path: shownPath, diagnostics: &diagnostics)
            source = parsed.source
            if let root = parsed.root {
                document = DocumentDecoder(limits: loader.limits).decode(root, diagnostics: &diagnostics)
            }
            loader.documentCache?.store(.init(source: source, diagnostics: diagnostics.diagnostics, document: document), for: key)
        }
        var libraries: PathCheck.Libraries?
        switch document {
        case .programme(let programme):
            diagnostics.report(contentsOf: paths.images(of: programme.exercises, in: abs))
            libraries = paths.libraries(programme.library, from: abs)
        case .library(let library):
            diagnostics.report(contentsOf: paths.images(of: library.exercises, in: abs))
        case .patient, .vocabulary, nil:
            break
        }
        return .read(
            record: record, source: source, diagnostics: diagnostics.diagnostics, document: document, libraries: libraries)
    }

    /// The path checks for files in the repository of the file at `abs`.
    mutating func pathCheck(for abs: String) -> PathCheck {
        let root = repositoryRoot(for: abs)
        return PathCheck(
            loader: loader, facts: facts, currentDirectory: currentDirectory, root: root, realRoot: resolve(root) ?? root)
    }

    /// Reads the input files on every core, ahead of `finish`, which then adds each outcome in
    /// the order it always has: results and findings do not depend on the threads. Library
    /// files named only by `library:` entries are read when met, as before.
    mutating func prefetchInputs(_ range: Range<Int>) {
        startReading(range)?.wait(into: &prefetched)
    }

    /// Starts reading the input files in `range` on every core, in the background, and returns
    /// the reads to wait for (nil when there is one core, or nothing worth reading ahead).
    mutating func startReading(_ range: Range<Int>) -> Reads? {
        var jobs: [Reads.Job] = []
        var keys = Set<String>()
        for input in inputs[range] {
            let key = resolve(input.absolute) ?? input.absolute
            guard cache[key] == nil, keys.insert(key).inserted else { continue }
            jobs.append(Reads.Job(key: key, absolute: input.absolute, shown: input.shown, paths: pathCheck(for: input.absolute)))
        }
        guard jobs.count >= 2, Parallel.coreCount > 1 else { return nil }
        return Reads(jobs, loader: loader)
    }

    /// Input files being read in the background (`startReading`).
    final class Reads: @unchecked Sendable {
        struct Job: Sendable {
            var key: String
            var absolute: String
            var shown: String
            var paths: PathCheck
        }

        private let jobs: [Job]
        private let done = DispatchGroup()
        // Written once by the background read, read once after `done`: the group orders the two.
        private var outcomes: [Outcome] = []

        init(_ jobs: [Job], loader: Loader) {
            self.jobs = jobs
            DispatchQueue.global().async(group: done) {
                self.outcomes = Parallel.map(jobs.count) {
                    LoadSession.read(jobs[$0].absolute, shown: jobs[$0].shown, loader: loader, paths: jobs[$0].paths)
                }
            }
        }

        /// Waits for the reads to finish, and puts each outcome under its file's key.
        func wait(into prefetched: inout [String: Outcome]) {
            done.wait()
            for (job, outcome) in zip(jobs, outcomes) { prefetched[job.key] = outcome }
            outcomes = []
        }
    }

    /// Reads, parses and decodes the file at `abs` once; later calls return the cached document.
    mutating func document(at abs: String) -> (shown: String, document: Document?)? {
        let key = resolve(abs) ?? abs
        if let cached = cache[key] { return cached }
        let shownPath = shown(abs)
        let outcome = prefetched.removeValue(forKey: key) ?? Self.read(abs, shown: shownPath, loader: loader, paths: pathCheck(for: abs))
        if case .refused(let diagnostic) = outcome {
            result.diagnostics.append(diagnostic)
            cache[key] = (shownPath, nil)
            return (shownPath, nil)
        }
        guard case .read(let record, let source, let diagnostics, let document, let libraries) = outcome else {
            result.inputErrors.append("\(shownPath): cannot be read")
            cache[key] = (shownPath, nil)
            return nil
        }
        result.fileOrder.append(shownPath)
        result.records[shownPath] = record
        result.sources.add(source)
        result.diagnostics.append(contentsOf: diagnostics)
        if let libraries { libraryTargets[key] = libraries }
        cache[key] = (shownPath, document)
        switch document {
        case .library(let library): result.libraries.append(LoadedLibrary(path: shownPath, library: library))
        case .vocabulary: result.vocabularyFiles.append(shownPath)
        default: break
        }
        return (shownPath, document)
    }

    mutating func finish() -> LoadResult {
        readInputs(inputs.indices)
        result.programmes.sort { $0.path < $1.path }
        result.libraries.sort { $0.path < $1.path }
        return result
    }

    /// Reads the inputs in `range` (and the library files they include) into `result`.
    mutating func readInputs(_ range: Range<Int>) {
        prefetchInputs(range)
        addInputs(range)
    }

    /// Adds the inputs in `range` (and the library files they include) to `result`, taking
    /// what was read ahead, and reading the rest.
    mutating func addInputs(_ range: Range<Int>) {
        for input in inputs[range] {
            guard let loaded = document(at: input.absolute), case .programme(let programme) = loaded.document else { continue }
            result.programmes.append(resolveLibraries(programme, at: input.absolute, shown: loaded.shown))
        }
        // What was read ahead and not taken: files first read as another input's library file.
        prefetched.removeAll()
    }

    /// `finish`, a part at a time (`Loader.load(paths:patient:chunkSize:each:)`). While one part
    /// is added and checked, the next is read in the background: the adding is on one thread,
    /// and the other core would otherwise wait for it.
    mutating func stream(chunkSize: Int, each: (LoadResult) -> Void) -> LoadResult {
        var start = 0
        var reads = startReading(0..<min(inputs.count, chunkSize))
        repeat {
            let end = min(inputs.count, start + chunkSize)
            reads?.wait(into: &prefetched)
            reads = end < inputs.count ? startReading(end..<min(inputs.count, end + chunkSize)) : nil
            addInputs(start..<end)
            // The programmes of this part are done with once it is handed over: later, a
            // programme named as a library file need only be told apart, so their documents need
            // not stay. (A programme read early because another names it stays until its part.)
            for input in inputs[start..<end] {
                let key = resolve(input.absolute) ?? input.absolute
                guard let entry = cache[key], case .programme(let programme)? = entry.document else { continue }
                let husk = Programme(formatVersion: programme.formatVersion, id: programme.id, title: programme.title, range: programme.range)
                cache[key] = (entry.shown, .programme(husk))
            }
            var part = LoadResult()
            part.patient = result.patient
            swap(&part.programmes, &result.programmes)
            swap(&part.libraries, &result.libraries)
            swap(&part.diagnostics, &result.diagnostics)
            swap(&part.sources, &result.sources)
            part.programmes.sort { $0.path < $1.path }
            part.libraries.sort { $0.path < $1.path }
            each(part)
            var programmes: [LoadedProgramme] = []
            swap(&programmes, &part.programmes)
            Parallel.discard(programmes)
            start = end
        } while start < inputs.count
        // What the run remembered (a document for every file) is let go of on another thread:
        // thousands of entries to free would otherwise be a serial tail of the run.
        Parallel.discardLater(Leftovers(cache: cache, libraryCatalogues: libraryCatalogues, facts: facts))
        cache = [:]
        libraryCatalogues = [:]
        return result
    }

    /// What `stream` lets go of once done.
    struct Leftovers: Sendable {
        var cache: [String: (shown: String, document: Document?)]
        var libraryCatalogues: [String: ExerciseCatalogue]
        var facts: PathFacts
    }

    mutating func repositoryRoot(for file: String) -> String {
        if let root = loader.root { return absolute(root) }
        let start = Paths.directory(of: file)
        return gitRoot(at: start) ?? start
    }

    /// The nearest directory at or above `directory` that holds `.git`, asked once per directory.
    mutating func gitRoot(at directory: String) -> String? {
        roots.gitRoot(at: directory)
    }

    mutating func resolveLibraries(_ programme: Programme, at abs: String, shown: String) -> LoadedProgramme {
        var catalogue = ExerciseCatalogue(programme.exercises)
        var includes: [LibraryInclude] = []
        let root = repositoryRoot(for: abs)
        let checked = libraryTargets.removeValue(forKey: resolve(abs) ?? abs)
            ?? pathCheck(for: abs).libraries(programme.library, from: abs)
        result.diagnostics += checked.diagnostics
        for library in checked.targets {
            let entry = library.entry
            guard let target = library.target else { continue }
            guard let loaded = document(at: target) else {
                report(entry, "library file `\(entry.value)` cannot be read", help: "check the file's permissions")
                continue
            }
            switch loaded.document {
            case .library(let library):
                includes.append(LibraryInclude(entry: entry, path: loaded.shown))
                let key = resolve(target) ?? target
                if libraryCatalogues[key] == nil { libraryCatalogues[key] = ExerciseCatalogue(library.exercises) }
                catalogue.add(contentsOf: libraryCatalogues[key] ?? ExerciseCatalogue(library.exercises))
            case .programme, .patient, .vocabulary:
                let what =
                    switch loaded.document {
                    case .patient: "a patient profile"
                    case .vocabulary: "a vocabulary file"
                    default: "a programme"
                    }
                report(
                    entry, "`\(entry.value)` is \(what), not a library file",
                    help: "a library file starts with `regimen-library: 1` and holds `exercises:`")
            case nil:
                // Its own problems are reported against it; the programme's references to its
                // exercises would only repeat them.
                includes.append(LibraryInclude(entry: entry, path: loaded.shown, isReadable: false))
            }
        }
        return LoadedProgramme(
            path: shown, programme: programme, catalogue: catalogue, includes: includes, root: root)
    }

    mutating func report(_ entry: Text, _ message: String, help: String?) {
        result.diagnostics.append(
            Diagnostic(code: LoadCode.libraryFile, severity: .error, message: message, range: entry.range, help: help))
    }
}
