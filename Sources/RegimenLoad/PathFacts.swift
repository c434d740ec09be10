import Foundation

/// What one load has learnt about paths on the file system: each path's kind and where it
/// leads once links are resolved, asked once per run (the file system is read as it is at the
/// start) and shared by every thread of the run.
///
/// Resolving is done a directory at a time: `realpath(3)` reads every component of a path with
/// a system call, and thousands of files in a few directories would ask the same questions
/// over and over. A path whose last component is not a link leads where its directory leads,
/// plus its name; only links are handed to `FileSystem.resolve`.
final class PathFacts: @unchecked Sendable {
    private let fs: any FileSystem
    private let lock = NSLock()
    private var known: [String: Fact] = [:]

    private struct Fact {
        var kind: FileKind?
        var real: String?
    }

    init(_ fs: any FileSystem) {
        self.fs = fs
    }

    /// What is at `path` (absolute), following links: `FileSystem.kind(of:)`.
    func kind(of path: String) -> FileKind? { fact(path).kind }

    /// `path` (absolute) with every link resolved, or nil when nothing is there (or a link
    /// leads nowhere): `FileSystem.resolve`.
    func resolve(_ path: String) -> String? { fact(path).real }

    private func fact(_ path: String) -> Fact {
        lock.lock()
        let cached = known[path]
        lock.unlock()
        if let cached { return cached }
        // Worked out without the lock (a directory's fact is asked for on the way): two threads
        // may both work out the same fact, and agree.
        let fact = work(path)
        lock.lock()
        known[path] = fact
        lock.unlock()
        return fact
    }

    private func work(_ path: String) -> Fact {
        let entry = fs.entry(at: path)
        guard let kind = entry.kind else { return Fact(kind: nil, real: nil) }
        // Only a normal absolute path splits plainly into its directory and a name (not `/`,
        // and no `.`, `..` or empty components).
        guard path.hasPrefix("/"), Paths.isNormal(path), !entry.isSymlink,
            let realDirectory = fact(Paths.directory(of: path)).real
        else { return Fact(kind: kind, real: fs.resolve(path)) }
        let name = Paths.name(of: path)
        return Fact(kind: kind, real: realDirectory == "/" ? "/" + name : realDirectory + "/" + name)
    }
}
