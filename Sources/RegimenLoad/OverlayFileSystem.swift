/// A file system that reads some files from memory and the rest from another file system: an
/// editor's unsaved buffers over the disk, so that a programme is checked with the library file
/// as it is being written rather than as it was last saved.
///
/// Only files are overlaid: a buffer names a path that exists on disk or is about to, and
/// directories, links and listings come from `base` (a new, unsaved file is listed only by
/// `kind(of:)`).
public struct OverlayFileSystem: FileSystem {
    /// What is read where no buffer is.
    public var base: any FileSystem
    /// The buffers, by absolute, normalised path.
    public var buffers: [String: [UInt8]]
    /// The current directory relative paths are taken from (the editor's workspace folder).
    public var currentDirectory: String

    /// `buffers` (absolute paths to their text) over `base`, seen from `currentDirectory`
    /// (`base`'s when nil).
    public init(base: any FileSystem = DiskFileSystem(), buffers: [String: [UInt8]] = [:], currentDirectory: String? = nil) {
        self.base = base
        self.buffers = [:]
        for (path, bytes) in buffers { self.buffers[Paths.normalise(path)] = bytes }
        self.currentDirectory = currentDirectory ?? base.currentDirectory
    }

    private func buffer(_ path: String) -> [UInt8]? {
        buffers.isEmpty ? nil : buffers[Paths.normalise(path)]
    }

    public func kind(of path: String) -> FileKind? {
        buffer(path) != nil ? .file : base.kind(of: path)
    }

    public func isSymlink(_ path: String) -> Bool { base.isSymlink(path) }

    /// The buffer, bounded as a read from disk is (`limit + 1` bytes at most), else `base`'s bytes.
    public func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let bytes = buffer(path) else { return try base.read(path, limit: limit) }
        return bytes.count > limit ? Array(bytes.prefix(max(0, limit) + 1)) : bytes
    }

    public func contents(of path: String) -> [String] { base.contents(of: path) }

    public func entries(of path: String) -> [DirectoryEntry] { base.entries(of: path) }

    public func entry(at path: String) -> DirectoryEntry {
        buffer(path) != nil && base.kind(of: path) == nil
            ? DirectoryEntry(name: Paths.name(of: path), kind: .file, isSymlink: false) : base.entry(at: path)
    }

    /// `base`'s answer; an unsaved new file resolves to itself, so that the repository checks
    /// (which resolve every path) accept it.
    public func resolve(_ path: String) -> String? {
        if let resolved = base.resolve(path) { return resolved }
        return buffer(path) != nil ? Paths.normalise(path) : nil
    }

    public func linkTarget(_ path: String) -> String? { base.linkTarget(path) }
}
