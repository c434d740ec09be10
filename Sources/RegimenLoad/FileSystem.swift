import Foundation

/// What is at a path.
public enum FileKind: Sendable, Equatable {
    case file, directory
}

/// An entry of a directory: its name, what it is (following links) and whether it is a link.
public struct DirectoryEntry: Sendable, Equatable {
    /// The name, without the directory.
    public var name: String
    /// What is there, following links; nil when nothing is (a link that leads nowhere).
    public var kind: FileKind?
    /// Whether the entry itself is a symbolic link.
    public var isSymlink: Bool

    /// An entry named `name`.
    public init(name: String, kind: FileKind?, isSymlink: Bool) {
        self.name = name
        self.kind = kind
        self.isSymlink = isSymlink
    }
}

extension FileSystem {
    /// `kind(of:)` and `isSymlink`, asked one after the other.
    public func entry(at path: String) -> DirectoryEntry {
        DirectoryEntry(name: Paths.name(of: path), kind: kind(of: path), isSymlink: isSymlink(path))
    }

    /// `contents(of:)`, with each entry's kind and whether it is a link asked one by one.
    public func entries(of path: String) -> [DirectoryEntry] {
        contents(of: path).map { name in
            let entry = path == "/" ? "/" + name : path + "/" + name
            return DirectoryEntry(name: name, kind: kind(of: entry), isSymlink: isSymlink(entry))
        }
    }

    /// Nil: a file system that does not model links has no link targets to tell.
    public func linkTarget(_ path: String) -> String? { nil }
}

/// The file operations the loader needs; the real one reads the disk, tests use `MemoryFileSystem`.
/// Paths are absolute and use `/`.
public protocol FileSystem: Sendable {
    /// What is at `path` (following symlinks), or nil when nothing is, or it cannot be reached.
    func kind(of path: String) -> FileKind?
    /// Whether `path` itself is a symbolic link.
    func isSymlink(_ path: String) -> Bool
    /// The bytes of the file at `path`, reading at most `limit + 1` of them.
    func read(_ path: String, limit: Int) throws -> [UInt8]
    /// The names in the directory at `path`.
    func contents(of path: String) -> [String]
    /// The entries of the directory at `path`, each with what `kind(of:)` and `isSymlink`
    /// would say of it, in no particular order.
    func entries(of path: String) -> [DirectoryEntry]
    /// What `kind(of:)` and `isSymlink` say of `path`, asked together.
    func entry(at path: String) -> DirectoryEntry
    /// `path` with every symlink resolved, or nil when that fails (a loop, a dangling link).
    func resolve(_ path: String) -> String?
    /// What the symbolic link at `path` says it leads to (as `readlink(2)` gives it), without
    /// following it; nil when `path` is not a link.
    func linkTarget(_ path: String) -> String?
    /// The current directory.
    var currentDirectory: String { get }
}

/// The disk.
public struct DiskFileSystem: FileSystem {
    /// The disk, seen from the process's current directory.
    public init() {}

    public func kind(of path: String) -> FileKind? {
        var status = stat()
        guard !Self.hasNUL(path), stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    public func isSymlink(_ path: String) -> Bool {
        var status = stat()
        return !Self.hasNUL(path) && lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether `path` holds a NUL, which C would take for its end: such a path names nothing
    /// (rather than the shorter path before the NUL, which was never checked).
    static func hasNUL(_ path: String) -> Bool { path.utf8.contains(0) }

    /// Reads with `open(2)` and `read(2)` straight into the array. Opening does not block: a FIFO
    /// named like a programme would otherwise wait for a writer for ever (with no writer it
    /// reads as empty). Reading then blocks as usual, so that a writer's data is read.
    public func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard !Self.hasNUL(path) else { throw CocoaError(.fileReadInvalidFileName) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(descriptor) }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            throw CocoaError(.fileReadUnknown)
        }
        let wanted = max(0, limit) + 1
        // The size is a hint (the file may grow or shrink while read); the bound is `wanted`.
        var capacity = min(wanted, max(Int(status.st_size), 0) + 1)
        var bytes: [UInt8] = []
        while bytes.count < wanted {
            if bytes.count == capacity { capacity = min(wanted, capacity * 2) }
            let chunk = capacity - bytes.count
            var failed = false
            let got = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, count in
                var result: Int
                repeat {
                    result = Foundation.read(descriptor, buffer.baseAddress, chunk)
                } while result < 0 && errno == EINTR
                if result < 0 { failed = true }
                count = max(result, 0)
            }
            if failed { throw CocoaError(.fileReadUnknown) }
            if got.isEmpty { break }
            if bytes.isEmpty { bytes = got } else { bytes += got }
        }
        return bytes
    }

    public func contents(of path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// One `lstat`, and a `stat` only for a link.
    public func entry(at path: String) -> DirectoryEntry {
        var status = stat()
        guard !Self.hasNUL(path), lstat(path, &status) == 0 else {
            return DirectoryEntry(name: Paths.name(of: path), kind: nil, isSymlink: false)
        }
        guard (status.st_mode & S_IFMT) != S_IFLNK else {
            return DirectoryEntry(name: Paths.name(of: path), kind: kind(of: path), isSymlink: true)
        }
        return DirectoryEntry(
            name: Paths.name(of: path), kind: (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file, isSymlink: false)
    }

    /// Reads the directory with `readdir(3)`, whose entry types spare a `stat` per entry; a
    /// link, or an entry of a type the file system does not give, is asked about as usual.
    public func entries(of path: String) -> [DirectoryEntry] {
        guard !Self.hasNUL(path), let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while let record = readdir(directory) {
            let name = withUnsafeBytes(of: record.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            switch Int(record.pointee.d_type) {
            case Int(DT_DIR): entries.append(DirectoryEntry(name: name, kind: .directory, isSymlink: false))
            case Int(DT_REG): entries.append(DirectoryEntry(name: name, kind: .file, isSymlink: false))
            default:
                entries.append(entry(at: path == "/" ? "/" + name : path + "/" + name))
            }
        }
        return entries
    }

    public func resolve(_ path: String) -> String? {
        guard !Self.hasNUL(path), let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func linkTarget(_ path: String) -> String? {
        guard !Self.hasNUL(path) else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var currentDirectory: String { FileManager.default.currentDirectoryPath }
}

/// Files held in memory, for tests and for documentation examples. Symlinks are not modelled.
public struct MemoryFileSystem: FileSystem {
    /// The files, by absolute path.
    public var files: [String: [UInt8]]
    /// The current directory.
    public var currentDirectory: String

    /// A file system holding `files` (absolute paths to text), seen from `currentDirectory`.
    public init(files: [String: String], currentDirectory: String = "/repo") {
        self.files = files.mapValues { Array($0.utf8) }
        self.currentDirectory = currentDirectory
    }

    /// A file system holding `files` (absolute paths to raw bytes), seen from `currentDirectory`.
    public init(bytes files: [String: [UInt8]], currentDirectory: String = "/repo") {
        self.files = files
        self.currentDirectory = currentDirectory
    }

    public func kind(of path: String) -> FileKind? {
        if files[path] != nil { return .file }
        let prefix = path == "/" ? "/" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
    }

    public func isSymlink(_ path: String) -> Bool { false }

    public func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let bytes = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(bytes.prefix(limit + 1))
    }

    public func contents(of path: String) -> [String] {
        let prefix = path == "/" ? "/" : path + "/"
        var names = Set<String>()
        for key in files.keys where key.hasPrefix(prefix) {
            if let name = key.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return names.sorted()
    }

    public func resolve(_ path: String) -> String? { kind(of: path) == nil ? nil : Paths.normalise(path) }
}

/// Path arithmetic on `/`-separated strings, without touching the disk.
public enum Paths {
    /// `path` with `.` and `..` folded and doubled slashes removed; absolute stays absolute.
    public static func normalise(_ path: String) -> String {
        if isNormal(path) { return path }
        // On the bytes: `/` and `.` are ASCII, so components split there are whole characters.
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let bytes = Array(path.utf8)
        let absolute = bytes.first == slash
        var kept: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] != slash else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count && bytes[end] != slash { end += 1 }
            let length = end - index
            if length == 1 && bytes[index] == dot {
                // `.`: nothing.
            } else if length == 2 && bytes[index] == dot && bytes[index + 1] == dot {
                if let last = kept.last, !(last.count == 2 && bytes[last.lowerBound] == dot && bytes[last.lowerBound + 1] == dot) {
                    kept.removeLast()
                } else if !absolute {
                    kept.append(index..<end)
                }
            } else {
                kept.append(index..<end)
            }
            index = end
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        if absolute { out.append(slash) }
        for (number, range) in kept.enumerated() {
            if number > 0 { out.append(slash) }
            out += bytes[range]
        }
        return out.isEmpty ? "." : String(decoding: out, as: UTF8.self)
    }

    /// Whether `normalise` would return `path` as it is, so that the work can be skipped: no
    /// empty, `.` or `..` component and no trailing `/`. One pass over the bytes; `false` for
    /// the few normal paths it does not try to recognise (`/`, `.`, the empty path).
    static func isNormal(_ path: String) -> Bool {
        let bytes = path.utf8
        var componentLength = 0
        var componentDots = 0
        var index = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                // An empty component (`//`, or a trailing `/`), or one of only dots up to two.
                if index > 0 && (componentLength == 0 || (componentDots == componentLength && componentLength <= 2)) { return false }
                componentLength = 0
                componentDots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { componentDots += 1 }
            }
            index += 1
        }
        return componentLength > 0 && !(componentDots == componentLength && componentLength <= 2)
    }

    /// `relative` joined to the directory `base` (unless `relative` is absolute).
    public static func join(_ base: String, _ relative: String) -> String {
        relative.hasPrefix("/") ? normalise(relative) : normalise(base + "/" + relative)
    }

    /// The directory part of `path`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    public static func name(of path: String) -> String {
        // The last run of bytes that are not `/` (an ASCII byte, so the bounds are characters').
        let utf8 = path.utf8
        let slash = UInt8(ascii: "/")
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return path }
        var start = end
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != slash { start = utf8.index(before: start) }
        return String(path[start..<end])
    }

    /// Whether `path` is `directory` or inside it.
    public static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }

    /// A relative path that leads from the directory `base` to `path` (both absolute), using
    /// `..` where needed: `relativePath(from: "/a/out", to: "/a/img/x.jpg")` is `../img/x.jpg`.
    public static func relativePath(from base: String, to path: String) -> String {
        let from = normalise(base).split(separator: "/")
        let to = normalise(path).split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `path` relative to `base` when it is inside it, else `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        guard isInside(path, base), path != base else { return path }
        return String(path.dropFirst(base == "/" ? 1 : base.count + 1))
    }
}
