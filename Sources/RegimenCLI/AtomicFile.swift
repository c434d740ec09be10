import Foundation

/// Writes files so that nothing is lost: the bytes go to a temporary file in the same
/// directory, which is flushed and then renamed over the target. A failure at any point
/// leaves the earlier file as it was, and no temporary file behind.
///
/// A process that is killed outright (SIGKILL, or SIGINT and SIGTERM, which Regimen does not
/// catch) between creating the temporary file and renaming it cannot remove it: it is left as
/// `.NAME.regimen-XXXXXX` beside the target, readable by its owner only. The next write of the
/// same target removes such files once they are more than a minute old (a younger one may
/// belong to another run that is still writing).
public enum AtomicFile {
    /// Why a file could not be written.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// What went wrong, in the house style.
        public var description: String
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        _ = try write(data, to: path, replacing: true)
    }

    /// Writes `data` to a new file at `path` atomically, unless something (a file, a folder, a
    /// link) is already there: then nothing is written, and the answer is false. The temporary
    /// file is linked into place, which fails rather than replace what appeared meanwhile.
    public static func create(_ data: Data, at path: String) throws(Failure) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 { return false }
        return try write(data, to: path, replacing: false)
    }

    private static func write(_ data: Data, to path: String, replacing: Bool) throws(Failure) -> Bool {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(description: "`\(path)` is a directory; name a file to write")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Failure(description: "directory `\(directory)` does not exist; create it first")
        }
        guard isDirectory.boolValue else {
            throw Failure(description: "`\(directory)` is a file, not a directory; name a file inside a directory")
        }
        removeStaleTemporaries(of: url.lastPathComponent, in: directory)
        var template = Array("\(directory)/.\(url.lastPathComponent).regimen-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write in `\(directory)`: \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: String?
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, chmod(temporary, mode(replacing: path)) != 0 { failure = String(cString: strerror(errno)) }
        var existed = false
        if failure == nil, replacing, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, !replacing {
            if link(temporary, path) != 0 {
                if errno == EEXIST { existed = true } else { failure = String(cString: strerror(errno)) }
            }
            unlink(temporary)
        }
        if let failure {
            unlink(temporary)
            throw Failure(description: "cannot write `\(path)`: \(failure)")
        }
        return !existed
    }

    /// The permissions the new file gets: those of the regular file it replaces, else 0644. A
    /// symbolic link at `path` is replaced by a file (never written through: it may lead out of
    /// the directory), and a link's own mode, 0777, is not a file's.
    static func mode(replacing path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0o644 }
        return info.st_mode & 0o777
    }

    /// How old a temporary file left by an earlier, killed write must be before it is removed.
    public static let staleAge: TimeInterval = 60

    /// Whether `name` is one of the temporary files a write of `target` makes:
    /// `.TARGET.regimen-` and mkstemp's six letters or digits.
    public static func isTemporary(_ name: String, of target: String) -> Bool {
        let prefix = ".\(target).regimen-"
        guard name.hasPrefix(prefix) else { return false }
        let suffix = name.utf8.dropFirst(prefix.utf8.count)
        return suffix.count == 6
            && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Removes the temporary files an earlier write of `target` in `directory` left behind when it
    /// was killed, once they are `staleAge` old. Only regular files are removed, never links;
    /// a file that cannot be removed is left, silently (the write itself can still succeed).
    static func removeStaleTemporaries(of target: String, in directory: String, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where isTemporary(name, of: target) {
            let path = "\(directory)/\(name)"
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            if now.timeIntervalSince(modified) > staleAge { unlink(path) }
        }
    }
}
