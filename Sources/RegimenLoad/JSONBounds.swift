/// A single pass over JSON bytes that checks their shape against bounds before anything decodes
/// them: how deep values nest, how many values there are in all, how long one string is, and
/// how many entries a list or object under a given key may hold. It keeps only a stack as deep
/// as the nesting allowed, so its memory is fixed, and it stops at the first bound passed, so
/// 32 MiB of `[{},{},…]` costs a fraction of a second, not the gigabytes a decoder would build.
///
/// It is not a validator: malformed JSON that passes it is left for the decoder to refuse.
public struct JSONBounds: Sendable {
    /// The deepest nesting of lists and objects.
    public var maxDepth: Int
    /// How many values (of any kind, containers included) the whole document may hold.
    public var maxValues: Int
    /// The longest string, in bytes as written (escapes count as written).
    public var maxStringBytes: Int
    /// How many entries a list or object may hold when it is the value of a key, by key; a
    /// limit's `--limit` name comes with it, for the message. Keys not listed use `maxEntries`.
    public var entriesByKey: [String: (limit: Int, name: String?)]
    /// How many entries any other list or object may hold.
    public var maxEntries: Int

    /// Bounds with every part given.
    public init(
        maxDepth: Int, maxValues: Int, maxStringBytes: Int, maxEntries: Int, entriesByKey: [String: (limit: Int, name: String?)] = [:]
    ) {
        self.maxDepth = maxDepth
        self.maxValues = maxValues
        self.maxStringBytes = maxStringBytes
        self.maxEntries = maxEntries
        self.entriesByKey = entriesByKey
    }

    /// A bound the bytes pass.
    public struct Violation: Error, Sendable, Equatable {
        /// What is over the bound, in the house style ("`schedule` has more than 104 entries").
        public var message: String
        /// The `--limit` name that raises it, when one does.
        public var limitName: String?
        /// 1-based line and column (in bytes) where it was passed.
        public var line: Int
        public var column: Int
    }

    /// Checks `bytes`; nil when they are within every bound.
    public func check(_ bytes: some Collection<UInt8>) -> Violation? {
        if let result = bytes.withContiguousStorageIfAvailable({ check(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { check(buffer: $0) }
    }

    private struct Frame {
        var isObject: Bool
        var entries: Int
        var limit: Int
        var limitName: String?
        var key: String?
    }

    // One loop over the bytes; a string is skipped as a whole (its escapes included), and each
    // value start counts once. Keys are kept only as far as the first 64 bytes, for messages.
    private func check(buffer: UnsafeBufferPointer<UInt8>) -> Violation? {
        var stack: [Frame] = []
        var values = 0
        var line = 1
        var lineStart = 0
        var index = 0
        var pendingKey: String?
        var expectingKey = false
        let count = buffer.count

        func violation(_ message: String, _ name: String?, at offset: Int) -> Violation {
            Violation(message: message, limitName: name, line: line, column: offset - lineStart + 1)
        }

        // Counts a value starting at `offset` as an entry of the innermost container.
        func startValue(at offset: Int) -> Violation? {
            values += 1
            if values > maxValues {
                return violation("the document holds more than \(maxValues) values", nil, at: offset)
            }
            if let last = stack.indices.last, !stack[last].isObject {
                stack[last].entries += 1
                if stack[last].entries > stack[last].limit {
                    let frame = stack[last]
                    return violation(
                        "\(frame.key.map { "`\($0)`" } ?? "a list") has more than \(frame.limit) entries", frame.limitName, at: offset)
                }
            }
            return nil
        }

        while index < count {
            let byte = buffer[index]
            switch byte {
            case 0x0A:
                line += 1
                lineStart = index + 1
                index += 1
            case 0x20, 0x09, 0x0D, 0x2C, 0x3A:  // space, tab, CR, comma, colon
                if byte == 0x2C, let last = stack.last, last.isObject { expectingKey = true }
                index += 1
            case 0x7B, 0x5B:  // { [
                if let problem = startValue(at: index) { return problem }
                guard stack.count < maxDepth else {
                    return violation("values nest more than \(maxDepth) deep", nil, at: index)
                }
                let key = pendingKey
                pendingKey = nil
                let bound = key.flatMap { entriesByKey[$0] }
                stack.append(Frame(isObject: byte == 0x7B, entries: 0, limit: bound?.limit ?? maxEntries, limitName: bound?.name, key: key))
                expectingKey = byte == 0x7B
                index += 1
            case 0x7D, 0x5D:  // } ]
                if !stack.isEmpty { stack.removeLast() }
                pendingKey = nil
                expectingKey = false
                index += 1
            case 0x22:  // a string: a key, or a value
                let start = index
                index += 1
                while index < count, buffer[index] != 0x22 {
                    if buffer[index] == 0x5C {
                        index += 2  // the escaped byte goes with its backslash
                        continue
                    }
                    if buffer[index] == 0x0A {
                        line += 1
                        lineStart = index + 1
                    }
                    index += 1
                }
                let length = max(0, min(index, count) - start - 1)
                if length > maxStringBytes {
                    return violation("a string is longer than \(maxStringBytes) bytes", nil, at: start)
                }
                index += 1
                if expectingKey, let last = stack.indices.last, stack[last].isObject {
                    stack[last].entries += 1
                    if stack[last].entries > stack[last].limit {
                        let frame = stack[last]
                        return violation(
                            "\(frame.key.map { "`\($0)`" } ?? "an object") has more than \(frame.limit) entries", frame.limitName, at: start
                        )
                    }
                    // Kept for messages only when it is plain printable ASCII: a key is the
                    // input's own text, and must not bring control characters to a terminal.
                    let key = UnsafeBufferPointer(rebasing: buffer[(start + 1)..<(start + 1 + min(length, 64))])
                    pendingKey = key.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x60 }) ? String(decoding: key, as: UTF8.self) : "?"
                    expectingKey = false
                } else {
                    if let problem = startValue(at: start) { return problem }
                    pendingKey = nil
                }
            default:
                // A number, true, false or null: one value, up to the next delimiter.
                if let problem = startValue(at: index) { return problem }
                pendingKey = nil
                let start = index
                while index < count {
                    let next = buffer[index]
                    if next == 0x2C || next == 0x5D || next == 0x7D || next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09 {
                        break
                    }
                    index += 1
                }
                if index - start > maxStringBytes {
                    return violation("a value is longer than \(maxStringBytes) bytes", nil, at: start)
                }
            }
        }
        return nil
    }
}
