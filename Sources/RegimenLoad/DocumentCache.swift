import Foundation
import RegimenDiagnostics

/// Files already parsed and decoded, by what was read: a long-lived process (the language
/// server) checks the same programme again on every keystroke, and the library files it includes
/// have not changed since the last check. Only parsing and decoding are kept; the path checks
/// (includes, pictures, the repository boundary) still run on every read, since what is on disk
/// around the file may have changed.
///
/// The key is the path as shown, the SHA-256 of the bytes and the limits they were read under,
/// so a changed file, a moved one or new limits are read again. Bounded: past `capacity` entries,
/// or `maxBytes` of source text, the oldest are let go (a file larger than `maxBytes` is not kept).
public final class DocumentCache: @unchecked Sendable {
    /// What one read of a file leaves: what `Loader` would otherwise parse and decode again.
    struct Entry: Sendable {
        var source: SourceFile
        var diagnostics: [Diagnostic]
        var document: Document?
    }

    struct Key: Hashable, Sendable {
        var shownPath: String
        var sha256: String
        var limits: Limits
    }

    /// The most files kept.
    public let capacity: Int
    /// The most bytes of source text kept, over every file.
    public let maxBytes: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private var bytes = 0

    /// An empty cache of at most `capacity` files and `maxBytes` bytes of their text.
    public init(capacity: Int = 256, maxBytes: Int = 64 * 1024 * 1024) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
    }

    /// How many files are kept.
    public var count: Int { lock.withLock { entries.count } }

    func entry(_ key: Key) -> Entry? { lock.withLock { entries[key] } }

    func store(_ entry: Entry, for key: Key) {
        let size = entry.source.text.utf8.count
        guard size <= maxBytes else { return }
        lock.withLock {
            if let old = entries.updateValue(entry, forKey: key) {
                bytes -= old.source.text.utf8.count
            } else {
                order.append(key)
            }
            bytes += size
            var dropped = 0
            while order.count - dropped > capacity || bytes > maxBytes, dropped < order.count {
                if let gone = entries.removeValue(forKey: order[dropped]) { bytes -= gone.source.text.utf8.count }
                dropped += 1
            }
            order.removeFirst(dropped)
        }
    }
}
