import RegimenDiagnostics

/// The directory Regimen may read files from: a repository's root (the nearest directory
/// holding `.git`, or `--root`), or for a file outside any repository its own directory.
///
/// Every file Regimen opens or embeds is asked about here first. A path is inside when it and
/// every link on the way to it stay under the root; a link that leads out is named, with where
/// it leads (its target path, as `ls -l` shows it), and the file behind it is never opened.
public struct RepositoryBoundary: Sendable {
    /// The root, absolute and normalised.
    public let root: String
    /// `root` with every link resolved: what resolved paths are compared with.
    public let realRoot: String
    /// Where files come from.
    public let fileSystem: any FileSystem

    /// A boundary at `root` (absolute, or relative to the file system's current directory).
    public init(root: String, fileSystem: any FileSystem = DiskFileSystem()) {
        let absolute = Paths.join(fileSystem.currentDirectory, root)
        self.root = absolute
        self.realRoot = fileSystem.resolve(absolute) ?? absolute
        self.fileSystem = fileSystem
    }

    /// A boundary at `root` (absolute) whose resolved form `realRoot` is already known.
    public init(root: String, realRoot: String, fileSystem: any FileSystem) {
        self.root = Paths.normalise(root)
        self.realRoot = realRoot
        self.fileSystem = fileSystem
    }

    /// The boundary for the file at `path` (absolute, or relative to the current directory):
    /// `root` when given and the file is inside it, else the nearest directory at or above the
    /// file's own that holds `.git`, else the file's directory.
    public static func enclosing(_ path: String, root: String? = nil, fileSystem: any FileSystem = DiskFileSystem()) -> RepositoryBoundary {
        let absolute = Paths.join(fileSystem.currentDirectory, path)
        if let root, Paths.isInside(absolute, Paths.join(fileSystem.currentDirectory, root)) {
            return RepositoryBoundary(root: root, fileSystem: fileSystem)
        }
        return RepositoryBoundary(root: repositoryRoot(from: Paths.directory(of: absolute), fileSystem: fileSystem), fileSystem: fileSystem)
    }

    /// The nearest directory at or above `start` (absolute) that holds `.git`, else `start`.
    public static func repositoryRoot(from start: String, fileSystem: any FileSystem = DiskFileSystem()) -> String {
        var roots = RepositoryRoots(fileSystem: fileSystem)
        return roots.gitRoot(at: start) ?? start
    }

    /// The repository root for the file or directory at `path` (absolute, or relative to the
    /// current directory): `root` when given, else the nearest directory at or above it (a
    /// directory) or its directory (a file) that holds `.git`, else that directory.
    public static func repositoryRoot(for path: String, root: String?, fileSystem: any FileSystem = DiskFileSystem()) -> String {
        let currentDirectory = fileSystem.currentDirectory
        if let root { return Paths.join(currentDirectory, root) }
        let absolute = Paths.join(currentDirectory, path)
        return repositoryRoot(from: fileSystem.kind(of: absolute) == .directory ? absolute : Paths.directory(of: absolute), fileSystem: fileSystem)
    }

    /// What is at a path, seen from the boundary.
    public enum Verdict: Sendable, Equatable {
        /// Inside, with every link resolved (the path to open).
        case inside(String)
        /// Outside: by its path (`..`, or absolute elsewhere), or through a link.
        case outside(Refusal)
        /// Nothing is there, or a link leads nowhere (or round in a loop).
        case missing
    }

    /// Why a path was refused; the file behind it was not opened.
    public struct Refusal: Error, Sendable, Hashable {
        /// The path asked about (absolute).
        public var path: String
        /// The link that leads out (absolute; `path` itself or a directory on the way), or nil
        /// when the path itself lies outside the root.
        public var link: String?
        /// Where `link` leads, as written in the link; `path` again when there is no link.
        public var target: String
        /// The root that was left (absolute).
        public var root: String

        /// One sentence naming the file, the link and where it leads, with paths shown by `shown`.
        public func message(shown: (String) -> String) -> String {
            guard let link else { return "`\(shown(path))` is outside the repository; it was not read" }
            let through = link == path ? "`\(shown(path))` is" : "`\(shown(path))` is read through `\(shown(link))`,"
            return "\(through) a symbolic link to `\(target)`, outside the repository; it was not read"
        }

        /// What to do about it, with paths shown by `shown`.
        public func help(shown: (String) -> String) -> String {
            let inside = "Regimen reads files only inside `\(shown(root))`"
            return link == nil
                ? "\(inside); copy the file in, or point `--root` at the repository that holds it"
                : "\(inside), and follows a link only when it stays inside; copy the file in instead of linking to it"
        }
    }

    /// Where `path` (absolute, or relative to the current directory) leads, without opening it.
    /// `resolved` is the path with its links resolved when the caller already knows it (the
    /// loader asks once per directory), so that only a path that leads out costs more questions.
    public func check(_ path: String, resolved: String? = nil) -> Verdict {
        let absolute = path.hasPrefix("/") ? Paths.normalise(path) : Paths.join(fileSystem.currentDirectory, path)
        guard Paths.isInside(absolute, root) else {
            return .outside(Refusal(path: absolute, link: nil, target: absolute, root: root))
        }
        guard let real = resolved ?? fileSystem.resolve(absolute) else { return .missing }
        if Paths.isInside(real, realRoot) { return .inside(real) }
        // Name the first link on the way that leads out: the file itself, or a directory.
        var current = root
        for component in Paths.relative(absolute, to: root).split(separator: "/") {
            current = current == "/" ? "/" + component : current + "/" + component
            guard fileSystem.isSymlink(current), let leads = fileSystem.resolve(current), !Paths.isInside(leads, realRoot) else {
                continue
            }
            return .outside(Refusal(path: absolute, link: current, target: fileSystem.linkTarget(current) ?? leads, root: root))
        }
        // The root itself moved between the two questions: refuse, naming the path.
        return .outside(Refusal(path: absolute, link: absolute, target: real, root: root))
    }

    /// Why `read` gave no bytes.
    public enum ReadFailure: Error, Sendable, Equatable {
        /// The path leads out of the boundary; nothing was opened.
        case outside(Refusal)
        /// Nothing is there.
        case missing
        /// It is there but could not be read (permissions, a directory).
        case unreadable
    }

    /// The bytes of the file at `path`, at most `limit + 1` of them (as `FileSystem.read`), when
    /// it is inside the boundary; the resolved path is what is opened. `resolved` is as for `check`.
    public func read(_ path: String, limit: Int, resolved: String? = nil) throws(ReadFailure) -> [UInt8] {
        switch check(path, resolved: resolved) {
        case .outside(let refusal): throw .outside(refusal)
        case .missing: throw .missing
        case .inside(let real):
            do {
                return try fileSystem.read(real, limit: limit)
            } catch {
                throw .unreadable
            }
        }
    }

    /// The finding for a file that was refused (RG008), against the whole file shown as `shownPath`.
    public static func diagnostic(_ refusal: Refusal, shownPath: String, shown: (String) -> String) -> Diagnostic {
        Diagnostic(
            code: LoadCode.outsideRepository, severity: .error, message: refusal.message(shown: shown), range: .wholeFile(shownPath),
            help: refusal.help(shown: shown))
    }
}

/// The one search for a repository root: the nearest directory holding `.git`, each directory
/// asked about once (the loader asks for every file it reads, so the answers are kept).
public struct RepositoryRoots: Sendable {
    /// Where files come from.
    public let fileSystem: any FileSystem
    /// The answer for each directory asked about (nil: no repository above it).
    private var known: [String: String?] = [:]

    /// A search of `fileSystem`, remembering nothing yet.
    public init(fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// The nearest directory at or above `directory` (absolute) that holds `.git`; nil when none does.
    public mutating func gitRoot(at directory: String) -> String? {
        var visited: [String] = []
        var current = directory
        var found: String?
        // Bounded: a path has at most as many levels as it has slashes, and 4,096 bytes.
        for _ in 0..<4096 {
            if let answer = known[current] {
                found = answer
                break
            }
            visited.append(current)
            if fileSystem.kind(of: current == "/" ? "/.git" : current + "/.git") != nil {
                found = current
                break
            }
            if current == "/" { break }
            current = Paths.directory(of: current)
        }
        for directory in visited { known[directory] = .some(found) }
        return found
    }
}
