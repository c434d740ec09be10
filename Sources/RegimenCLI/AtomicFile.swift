import Foundation

/// Writes files so that nothing is lost: the bytes go to a temporary file in the same
/// directory, which is flushed and then renamed over the target. A failure at any point
/// leaves the earlier file as it was, and no temporary file behind.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// What went wrong, in the house style.
        public var description: String
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(description: "`\(path)` is a directory; name a file to write")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "directory `\(directory)` does not exist; create it first")
        }
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
        // Keep the permissions an existing file had; a new file gets the usual 0644.
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
        if failure == nil, chmod(temporary, mode_t(mode)) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw Failure(description: "cannot write `\(path)`: \(failure)")
        }
    }
}
