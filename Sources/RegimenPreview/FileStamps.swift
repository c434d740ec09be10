import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a poll of the watched files saw: for each path, its size, modification time and inode,
/// or that it is absent. Two polls that differ mean a file was saved, created, replaced (an
/// editor's atomic save) or removed.
public struct FileStamps: Equatable, Sendable {
    /// One file's stamp; nil in `stamps` when the file is absent or cannot be examined.
    public struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    /// The stamp of each watched path, by absolute path.
    public private(set) var stamps: [String: Stamp?]

    /// The stamps of `paths` now: one `stat` each, nothing read.
    public static func current(_ paths: [String]) -> FileStamps {
        var stamps: [String: Stamp?] = [:]
        for path in paths { stamps[path] = stamp(path) }
        return FileStamps(stamps: stamps)
    }

    /// `newer` for paths it has, with `older`'s stamps kept for the paths both have: a file that
    /// changed while a render ran (after `older` was taken) still differs at the next poll.
    public static func carrying(_ older: FileStamps, into newer: FileStamps) -> FileStamps {
        var merged = newer.stamps
        for (path, stamp) in older.stamps where merged[path] != nil { merged[path] = stamp }
        return FileStamps(stamps: merged)
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            return Stamp(
                size: Int64(info.st_size), seconds: Int(info.st_mtimespec.tv_sec), nanoseconds: Int(info.st_mtimespec.tv_nsec),
                inode: UInt64(info.st_ino))
        #else
            return Stamp(
                size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                inode: UInt64(info.st_ino))
        #endif
    }
}
