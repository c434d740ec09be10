import Foundation

/// Where framed bytes come from: standard input, a pipe, or a test's bytes.
public protocol ByteSource {
    /// Up to `count` bytes; empty at the end of the input.
    mutating func read(upTo count: Int) -> [UInt8]
}

/// What a framed stream holds next.
public enum Frame: Sendable, Hashable {
    /// One message's body.
    case message([UInt8])
    /// A frame that was read past but could not be taken; the stream goes on after it.
    case invalid(FramingError)
    /// The input ended.
    case end
}

/// Why a frame was not taken.
public enum FramingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The header grew past the bound without ending: its bytes were skipped.
    case headerTooLong(limit: Int)
    /// The header has no `Content-Length`, or one that is not a whole number.
    case missingContentLength
    /// A header line is not `Name: value`.
    case malformedHeader
    /// The body is longer than the bound: its bytes were skipped, never held.
    case bodyTooLarge(length: Int, limit: Int)
    /// The input ended inside a body.
    case truncatedBody

    public var description: String {
        switch self {
        case .headerTooLong(let limit): "a message header was longer than \(limit) bytes"
        case .missingContentLength: "a message header had no valid Content-Length"
        case .malformedHeader: "a message header line was not `Name: value`"
        case .bodyTooLarge(let length, let limit): "a message of \(length) bytes was over the limit of \(limit) bytes"
        case .truncatedBody: "the input ended inside a message"
        }
    }

    /// The JSON-RPC error this is answered with.
    public var responseError: ResponseError {
        switch self {
        case .bodyTooLarge, .truncatedBody: ResponseError(.invalidRequest, description)
        default: ResponseError(.parseError, description)
        }
    }
}

/// Reads `Content-Length`-framed messages (the base protocol of LSP) from a byte source, within
/// bounds: a header of at most `maxHeaderBytes`, a body of at most `maxBodyBytes`. Nothing in the
/// input can make it hold more than those bounds, stop early, or trap.
public struct MessageReader<Source: ByteSource> {
    /// The bytes come from here.
    public private(set) var source: Source
    /// The longest header taken (all its lines).
    public let maxHeaderBytes: Int
    /// The longest body taken.
    public let maxBodyBytes: Int

    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    private static var chunkSize: Int { 64 * 1024 }

    /// A reader of `source` with the given bounds.
    public init(_ source: Source, maxHeaderBytes: Int = 8 * 1024, maxBodyBytes: Int = 16 * 1024 * 1024) {
        self.source = source
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether there are unread bytes in the buffer or the source gave more.
    private mutating func fill() -> Bool {
        if position < buffer.count { return true }
        guard !ended else { return false }
        let chunk = source.read(upTo: Self.chunkSize)
        guard !chunk.isEmpty else {
            ended = true
            return false
        }
        buffer = chunk
        position = 0
        return true
    }

    /// The next frame.
    public mutating func next() -> Frame {
        // The header: lines up to an empty line. CR LF is the protocol's line end; a bare LF is
        // taken too.
        var header: [UInt8] = []
        var tooLong = false
        var sawAnything = false
        while true {
            guard fill() else {
                return sawAnything && !tooLong ? .invalid(.truncatedBody) : .end
            }
            let byte = buffer[position]
            position += 1
            // Line breaks between messages are skipped.
            if !sawAnything && (byte == 0x0A || byte == 0x0D) { continue }
            sawAnything = true
            if tooLong {
                // Skipping to the end of the over-long header, keeping only its last bytes.
                header.append(byte)
                if header.count > 4 { header.removeFirst(header.count - 4) }
                if header.suffix(2) == [0x0A, 0x0A] || header.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] {
                    return .invalid(.headerTooLong(limit: maxHeaderBytes))
                }
                continue
            }
            header.append(byte)
            if byte == 0x0A, header.count >= 2, header[header.count - 2] == 0x0A || header.suffix(4) == [0x0D, 0x0A, 0x0D, 0x0A] {
                break
            }
            if header.count > maxHeaderBytes {
                tooLong = true
                header = Array(header.suffix(4))
            }
        }
        guard let length = Self.contentLength(header) else {
            return .invalid(Self.headerIsWellFormed(header) ? .missingContentLength : .malformedHeader)
        }
        guard length <= maxBodyBytes else {
            guard skip(length) else { return .invalid(.truncatedBody) }
            return .invalid(.bodyTooLarge(length: length, limit: maxBodyBytes))
        }
        var body: [UInt8] = []
        body.reserveCapacity(length)
        while body.count < length {
            guard fill() else { return .invalid(.truncatedBody) }
            let take = min(length - body.count, buffer.count - position)
            body += buffer[position..<(position + take)]
            position += take
        }
        return .message(body)
    }

    /// Reads past `count` bytes without keeping them; false when the input ends first.
    private mutating func skip(_ count: Int) -> Bool {
        var left = count
        while left > 0 {
            guard fill() else { return false }
            let take = min(left, buffer.count - position)
            position += take
            left -= take
        }
        return true
    }

    /// The header's lines, without their line ends; empty lines dropped.
    private static func lines(_ header: [UInt8]) -> [String] {
        header.split(separator: 0x0A).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
        }.filter { !$0.isEmpty }
    }

    /// The `Content-Length` value (the name in any case), when it is a whole number.
    static func contentLength(_ header: [UInt8]) -> Int? {
        for line in lines(header) {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard name.lowercased() == "content-length" else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(value)
        }
        return nil
    }

    private static func headerIsWellFormed(_ header: [UInt8]) -> Bool {
        lines(header).allSatisfy { $0.contains(":") }
    }
}

/// Frames message bodies for writing.
public enum MessageFramer {
    /// `body` with its `Content-Length` header.
    public static func frame(_ body: Data) -> Data {
        var out = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.append(body)
        return out
    }

    /// `message` encoded as JSON and framed.
    public static func frame(_ message: JSONValue) -> Data {
        let encoder = JSONEncoder()
        // Keys sorted: the same message is always the same bytes (tests and logs compare them).
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(message)) ?? Data("{}".utf8)
        return frame(body)
    }
}

/// A byte source over a file descriptor (standard input).
public struct FileDescriptorSource: ByteSource, Sendable {
    /// The descriptor read.
    public let descriptor: Int32

    /// Reads `descriptor`.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    public mutating func read(upTo count: Int) -> [UInt8] {
        let descriptor = self.descriptor
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            var result: Int
            repeat {
                result = Foundation.read(descriptor, buffer.baseAddress, count)
            } while result < 0 && errno == EINTR
            filled = max(result, 0)
        }
    }
}

/// A byte source over bytes in memory, for tests; `chunk` bounds each read, to test frames split
/// across reads.
public struct MemorySource: ByteSource, Sendable {
    private var bytes: [UInt8]
    private var offset = 0
    private let chunk: Int

    /// A source giving `bytes`, at most `chunk` at a time.
    public init(_ bytes: [UInt8], chunk: Int = .max) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    public mutating func read(upTo count: Int) -> [UInt8] {
        let take = min(count, chunk, bytes.count - offset)
        defer { offset += take }
        return Array(bytes[offset..<(offset + take)])
    }
}
