import Foundation
import RegimenDiagnostics

/// Files already parsed and decoded, by what was read: a long-lived process (the language
/// server) checks the same programme again on every keystroke, and the library files it includes
/// have not changed since the last check. Only parsing and decoding are kept; the path checks
/// (includes, pictures, the repository boundary) still run on every read, since what is on disk
/// around the file may have changed.
///
/// The key is the path as shown, the SHA-256 of the bytes and the limits they were read under,
/// so a changed file, a moved one or new limits are read again. Bounded: past `capacity` entries
/// the oldest are let go.
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
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []

    /// An empty cache of at most `capacity` files.
    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// How many files are kept.
    public var count: Int { lock.withLock { entries.count } }

    func entry(_ key: Key) -> Entry? { lock.withLock { entries[key] } }

    func store(_ entry: Entry, for key: Key) {
        lock.withLock {
            if entries.updateValue(entry, forKey: key) == nil { order.append(key) }
            if order.count > capacity {
                let dropped = order.count - capacity
                for old in order.prefix(dropped) { entries[old] = nil }
                order.removeFirst(dropped)
            }
        }
    }
}
