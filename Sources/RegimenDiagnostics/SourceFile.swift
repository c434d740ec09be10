import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of one source file, split into lines the way libyaml splits them, so that a
/// diagnostic's line and column always find the right excerpt.
///
/// The text is kept once, with the byte offset where each line starts: splitting is one pass
/// over the UTF-8 bytes, made the first time a line is asked for (most files checked have no
/// finding, and are never shown), and a line is only made into a `String` when an excerpt
/// needs it.
public struct SourceFile: Sendable {
    /// The path as shown to the user.
    public let path: String
    /// The text (a leading byte-order mark included, if there was one).
    public let text: String
    /// For each line, the UTF-8 offsets of its first byte and of its line break (its end).
    private let lineTable = LineTable()

    private var bounds: [Bounds] { lineTable.bounds(of: text) }

    fileprivate struct Bounds: Sendable {
        var start: Int32
        var end: Int32
    }

    /// The lines' bounds, split once, when first asked for, by whichever thread asks.
    private final class LineTable: @unchecked Sendable {
        private let lock = NSLock()
        private var split: [Bounds]?

        func bounds(of text: String) -> [Bounds] {
            lock.lock()
            defer { lock.unlock() }
            if let split { return split }
            var bounds: [Bounds] = []
            var text = text
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { bytes in
                bounds = SourceFile.split(bytes)
            }
            split = bounds
            return bounds
        }
    }

    /// The text of a file, split into lines at LF, CR LF, CR, NEL, LS and PS (the breaks YAML
    /// 1.1 knows) when a line is first asked for. A leading byte-order mark is not part of
    /// line 1.
    public init(path: String, text: String) {
        self.path = path
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    /// Splits UTF-8 `bytes` into lines. Offsets are 32-bit: the loader refuses files that large
    /// long before (`Limits.maxFileBytes`); a larger text keeps its first 2 GB of lines.
    fileprivate static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Bounds] {
        var bounds: [Bounds] = []
        bounds.reserveCapacity(bytes.count / 32 + 1)
        let count = min(bytes.count, Int(Int32.max) - 4)
        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var start = index
        while index < count {
            let byte = bytes[index]
            // Every break starts with LF, CR, 0xC2 (NEL) or 0xE2 (LS, PS); nothing else can.
            if byte > 0x0D && byte != 0xC2 && byte != 0xE2 {
                index += 1
                continue
            }
            var breakLength = 0
            switch byte {
            case 0x0A: breakLength = 1
            case 0x0D: breakLength = index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
            case 0xC2: breakLength = index + 1 < count && bytes[index + 1] == 0x85 ? 2 : 0
            case 0xE2:
                breakLength = index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
            default: breakLength = 0
            }
            guard breakLength > 0 else {
                index += 1
                continue
            }
            bounds.append(Bounds(start: Int32(start), end: Int32(index)))
            index += breakLength
            start = index
        }
        bounds.append(Bounds(start: Int32(start), end: Int32(count)))
        return bounds
    }

    /// How many lines there are (a text that ends with a line break has an empty last line).
    public var lineCount: Int { bounds.count }

    /// The lines, without their line breaks.
    public var lines: [String] { (1...bounds.count).map { line($0) ?? "" } }

    /// The text of 1-based `line`, or nil past the end.
    public func line(_ line: Int) -> String? {
        guard line >= 1, line <= bounds.count else { return nil }
        let bound = bounds[line - 1]
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: Int(bound.start))
        let end = utf8.index(utf8.startIndex, offsetBy: Int(bound.end))
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// A rough rank of how often `byte` appears in English YAML text (higher: more often).
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"),
            UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "-"), UInt8(ascii: "\n"):
            3
        case UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "u"), UInt8(ascii: "m"),
            UInt8(ascii: ":"):
            2
        default: 1
        }
    }

    /// Whether the text holds `needle` anywhere (a byte search, for cheap tests such as "has
    /// this file any suppression comment?").
    public func contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return true }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= pattern.count, let base = bytes.baseAddress else { return false }
            // memchr (vectorised) for the needle's rarest-looking byte, then memcmp around it.
            let anchor = pattern.indices.max { Self.commonness(pattern[$0]) > Self.commonness(pattern[$1]) } ?? 0
            return pattern.withUnsafeBytes { needle -> Bool in
                guard let needleBase = needle.baseAddress else { return false }
                var from = anchor
                let end = bytes.count - (pattern.count - 1 - anchor)
                while from < end {
                    guard let hit = memchr(base + from, Int32(pattern[anchor]), end - from) else { return false }
                    let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + (offset - anchor), needleBase, pattern.count) == 0 { return true }
                    from = offset + 1
                }
                return false
            }
        } ?? text.contains(needle)
    }
}

/// The source files a run has read, by the path they are shown under.
public struct SourceMap: Sendable {
    private var files: [String: SourceFile] = [:]

    /// An empty map.
    public init() {}

    /// Adds (or replaces) `file`.
    public mutating func add(_ file: SourceFile) {
        files[file.path] = file
    }

    /// Adds the files of `other`.
    public mutating func merge(_ other: SourceMap) {
        files.merge(other.files) { _, new in new }
    }

    /// The file shown as `path`.
    public subscript(path: String) -> SourceFile? { files[path] }

    /// The paths of the files held, unsorted.
    public var paths: Dictionary<String, SourceFile>.Keys { files.keys }

    /// Keeps only the files whose paths `keep` accepts.
    public mutating func retain(where keep: (String) -> Bool) {
        files = files.filter { keep($0.key) }
    }
}
