import CYaml
import RegimenDiagnostics

/// Reads YAML into `YAMLNode`s through libyaml's event API (the parser under Yams), which
/// gives what a good diagnostic needs and Yams' composer hides: end positions, every
/// duplicate key, alias counts, and nesting without recursion.
public struct YAMLParser: Sendable {
    /// The bounds applied while parsing.
    public var limits: Limits

    /// A parser with `limits`.
    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// The result of parsing one file.
    public struct Result: Sendable {
        /// The document's root, or nil when the file could not be read as one document.
        public var root: YAMLNode?
        /// The text, for excerpts (decoded from UTF-8; invalid files are reported, not trapped).
        public var source: SourceFile
    }

    /// Parses `bytes`, shown to the user as `path`, reporting every problem to `diagnostics`.
    public func parse(_ bytes: [UInt8], path: String, diagnostics: inout DiagnosticCollector) -> Result {
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceFile(path: path, text: text)
        guard bytes.count <= limits.maxFileBytes else {
            diagnostics.report(
                Diagnostic(
                    code: LoadCode.limit, severity: .error,
                    message: "file is over the limit of \(limits.maxFileBytes) bytes",
                    range: .wholeFile(path),
                    help: "split the file, or raise the limit with `--limit max-file-bytes=N` (see docs/limits.md)"))
            return Result(root: nil, source: source)
        }
        if let problem = TextCheck.firstProblem(in: bytes, path: path) {
            diagnostics.report(problem)
            return Result(root: nil, source: source)
        }
        var builder = TreeBuilder(source: source, limits: limits)
        let root = bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        diagnostics.report(contentsOf: builder.diagnostics)
        return Result(root: root, source: source)
    }
}

/// Checks that the bytes are UTF-8 text YAML may hold, and says where they are not.
enum TextCheck {
    static func firstProblem(in bytes: [UInt8], path: String) -> Diagnostic? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return Diagnostic(
                code: LoadCode.syntax, severity: .error, message: "file is encoded as UTF-16",
                range: .wholeFile(path), help: "save the file as UTF-8")
        }
        return bytes.withUnsafeBufferPointer { scan($0, path: path) }
    }

    /// One pass over the bytes, decoding UTF-8 by hand: ASCII, nearly all of a programme, costs
    /// one comparison a byte.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Diagnostic? {
        var line = 1
        var column = 1
        var previousCR = false
        var index = 0
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
                index += 1
                column += 1
                previousCR = false
                continue
            }
            var value = UInt32(byte)
            var length = 1
            if byte >= 0x80 {
                guard let decoded = decode(bytes, at: index) else {
                    let at = SourcePosition(line: line, column: column)
                    return Diagnostic(
                        code: LoadCode.syntax, severity: .error, message: "file is not valid UTF-8",
                        range: SourceRange(file: path, start: at, end: SourcePosition(line: line, column: column + 1)),
                        help: "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)")
                }
                (value, length) = decoded
            }
            index += length
            switch value {
            case 0x0A:
                if !previousCR { line += 1; column = 1 }
                previousCR = false
                continue
            case 0x0D:
                line += 1; column = 1; previousCR = true
                continue
            case 0x85, 0x2028, 0x2029:
                line += 1; column = 1; previousCR = false
                continue
            case 0x09, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
                break
            default:
                let hex = String(value, radix: 16, uppercase: true)
                let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                let at = SourcePosition(line: line, column: column)
                return Diagnostic(
                    code: LoadCode.syntax, severity: .error,
                    message: value == 0 ? "file contains a NUL byte" : "file contains the control character \(name)",
                    range: SourceRange(file: path, start: at, end: SourcePosition(line: line, column: column + 1)),
                    help: value == 0
                        ? "a NUL byte usually means the file is binary or UTF-16; save it as UTF-8 text"
                        : "delete the character; YAML files hold printable text only")
            }
            previousCR = false
            column += 1
        }
        return nil
    }

    /// The scalar a multi-byte UTF-8 sequence at `index` encodes, and its length; nil when the
    /// sequence is not well-formed (truncated, overlong, a surrogate, or past U+10FFFF).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        switch length {
        case 3 where value < 0x800 || (0xD800...0xDFFF).contains(value): return nil
        case 4 where value < 0x10000 || value > 0x10FFFF: return nil
        default: return (value, length)
        }
    }
}

/// Builds the tree from libyaml's events with an explicit stack, so that depth costs heap,
/// never the call stack.
///
/// The collections being built are `frames`; the nodes made so far and not yet in a finished
/// collection are on one stack, `values` (a mapping's as key, value, key, value …). A collection
/// takes its nodes off the stack when it ends, into an array of exactly their number: nothing
/// is copied as it grows, and no frame is moved to add a node.
private struct TreeBuilder {
    let path: String
    let source: SourceFile
    let limits: Limits
    var diagnostics: [Diagnostic] = []

    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var tag: YAMLNode.Tag?
        var anchor: String?
        /// Where the collection's nodes start on `values`.
        var base: Int
        /// Its size once aliases are expanded (itself included).
        var size = 1
        /// A mapping whose key is on `values`, waiting for its value.
        var pendingKey = false
        /// A mapping whose key was dropped (a duplicate, or `<<`): its value is dropped too.
        var skipValue = false
        /// A large mapping's keys, where each was first written (see `indexAfter`).
        var seen: [String: SourceRange]?
    }

    private var frames: [Frame] = []
    private var values: [YAMLNode] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasCount = 0
    private var nodeCount = 0
    private var root: YAMLNode?
    private var documents = 0
    private var stop = false
    /// Past the first document: the rest of the file is only scanned, for syntax errors.
    private var skipping = false

    /// The deepest nesting libyaml itself accepts, for every parse in the process. libyaml
    /// keeps it in a C global, so it is set once, to the hard ceiling of `max-depth`, never per
    /// parse (threads parse at once, perhaps with different limits); each run's own `max-depth`
    /// is enforced by the tree builder (`push`). libyaml's scanner looks ahead through flow
    /// collections and may meet the ceiling first: that is reported as the run's limit.
    static let nestingCeiling = Limits.ceiling("max-depth") ?? 256

    private static let nestingCeilingSet: Void = {
        yaml_set_max_nest_level(Int32(clamping: nestingCeiling))
    }()

    /// Whether the text holds ` #` at all: only then can a value have been cut by a comment.
    private let mayHoldCutText: Bool

    init(source: SourceFile, limits: Limits) {
        self.path = source.path
        self.source = source
        self.limits = limits
        self.mayHoldCutText = source.contains(" #")
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.append(error(LoadCode.syntax, "the YAML parser could not start", at: .start))
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        _ = Self.nestingCeilingSet
        var event = yaml_event_t()
        while !stop {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                diagnostics.append(syntaxError(parser))
                // A syntax error after the first document (which is whole) leaves that document
                // to be read and checked as usual.
                return skipping ? root : nil
            }
            let done = event.type == YAML_STREAM_END_EVENT
            handle(event)
            yaml_event_delete(&event)
            if done { break }
        }
        if documents == 0 {
            diagnostics.append(
                Diagnostic(
                    code: LoadCode.empty, severity: .error, message: "file is empty", range: .wholeFile(path),
                    help: "a programme starts with `regimen: 1`; a library file with `regimen-library: 1`"))
            return nil
        }
        if let root, root.isNull {
            diagnostics.append(
                Diagnostic(
                    code: LoadCode.empty, severity: .error, message: "document is empty", range: root.range,
                    help: "a programme starts with `regimen: 1`; a library file with `regimen-library: 1`"))
            return nil
        }
        return root
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func range(_ event: yaml_event_t) -> SourceRange {
        SourceRange(file: path, start: position(event.start_mark), end: position(event.end_mark))
    }

    private func error(_ code: String, _ message: String, at start: SourcePosition, help: String? = nil) -> Diagnostic {
        Diagnostic(
            code: code, severity: .error, message: message,
            range: SourceRange(file: path, start: start, end: SourcePosition(line: start.line, column: start.column + 1)),
            help: help)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private mutating func handle(_ event: yaml_event_t) {
        switch event.type {
        case _ where skipping:
            // Past the first document: nothing more is built.
            break
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(
                    Diagnostic(
                        code: LoadCode.multipleDocuments, severity: .error,
                        message: "file holds more than one YAML document",
                        range: range(event),
                        help: "keep one programme per file; remove the `---` line and what follows, or move it to a file of its own"))
                // The rest is scanned (in bounded memory: nothing is built) so that a syntax
                // error in it is reported in the same run.
                skipping = true
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text: String
            if let value = scalar.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
            } else {
                text = ""
            }
            let style: YAMLNode.ScalarStyle =
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            let tag = checkedTag(Self.string(scalar.tag), at: range(event))
            var node = YAMLNode(content: .scalar(text, style), explicitTag: tag, range: range(event))
            if mayHoldCutText, style == .plain, frames.last.map({ !$0.isMapping || $0.pendingKey }) ?? false {
                node.cutByComment = Self.commentFollows(in: source, at: node.range.end)
            }
            // RG107 for values; a key with one is an unknown key or an invalid id, named as such.
            if frames.last.map({ !$0.isMapping || $0.pendingKey }) ?? true,
                let problem = ControlCharacters.finding(in: text, at: node.range)
            {
                diagnostics.append(problem)
            }
            register(anchor: Self.string(scalar.anchor), node: node, size: 1)
            add(node, size: 1, counted: 1)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            push(
                Frame(
                    isMapping: false, start: position(event.start_mark),
                    tag: start.implicit != 0 ? nil : checkedTag(Self.string(start.tag), at: range(event)),
                    anchor: Self.string(start.anchor), base: values.count))
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            push(
                Frame(
                    isMapping: true, start: position(event.start_mark),
                    tag: start.implicit != 0 ? nil : checkedTag(Self.string(start.tag), at: range(event)),
                    anchor: Self.string(start.anchor), base: values.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { return }
            let range = SourceRange(file: path, start: frame.start, end: position(event.end_mark))
            let content: YAMLNode.Content
            if frame.isMapping {
                // A key left waiting (libyaml always gives its value) is dropped.
                if frame.pendingKey && !frame.skipValue { _ = values.popLast() }
                content = .mapping(takePairs(from: frame.base))
            } else {
                content = .sequence(takeNodes(from: frame.base))
            }
            let node = YAMLNode(content: content, explicitTag: frame.tag, range: range)
            register(anchor: frame.anchor, node: node, size: frame.size)
            add(node, size: frame.size, counted: 1)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            aliasCount += 1
            guard aliasCount <= limits.maxAliases else {
                diagnostics.append(
                    Diagnostic(
                        code: LoadCode.limit, severity: .error,
                        message: "file uses more than \(limits.maxAliases) aliases",
                        range: range(event),
                        help: "write the values out, or raise the limit with `--limit max-aliases=N` (see docs/limits.md)"))
                stop = true
                return
            }
            guard let anchored = anchors[name] else {
                diagnostics.append(
                    Diagnostic(
                        code: LoadCode.syntax, severity: .error,
                        message: anchors.isEmpty
                            ? "text that starts with `*` must be in quotes"
                            : "`*\(name)` repeats a value marked `&\(name)`, and there is none",
                        range: range(event),
                        help: Suggestions.closest(to: name, in: anchors.keys.sorted()).map { "did you mean `*\($0)`?" }
                            ?? "YAML reads `*\(name)` as a reference to a value marked `&\(name)` earlier in the file; "
                            + "to write text that starts with `*`, put the whole text in quotes, such as `\"*\(name) …\"`"))
                stop = true
                return
            }
            var node = anchored.node
            node.range = range(event)
            add(node, size: anchored.size, counted: anchored.size)
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame) {
        guard frames.count < limits.maxDepth else {
            diagnostics.append(
                Diagnostic(
                    code: LoadCode.limit, severity: .error,
                    message: "lists and mappings are nested more than \(limits.maxDepth) deep",
                    range: SourceRange(file: path, start: frame.start, end: frame.start),
                    help: "flatten the structure, or raise the limit with `--limit max-depth=N` (see docs/limits.md)"))
            stop = true
            return
        }
        frames.append(frame)
    }

    /// The nodes on `values` from `base` up, taken off it, in order: each is moved (popped
    /// straight into its place in the new array), not copied.
    private mutating func takeNodes(from base: Int) -> [YAMLNode] {
        let count = max(0, values.count - base)
        return [YAMLNode](unsafeUninitializedCapacity: count) { buffer, initialized in
            // `count` nodes are above `base`, so each pop finds one.
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer.initializeElement(at: index, to: values.removeLast())
            }
            initialized = count
        }
    }

    /// The keys and values on `values` from `base` up, taken off it as pairs, in order (moved,
    /// as `takeNodes`).
    private mutating func takePairs(from base: Int) -> [YAMLPair] {
        let count = max(0, values.count - base) / 2
        return [YAMLPair](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in stride(from: count - 1, through: 0, by: -1) {
                let value = values.removeLast()
                buffer.initializeElement(at: index, to: YAMLPair(key: values.removeLast(), value: value))
            }
            initialized = count
        }
    }

    private mutating func register(anchor: String?, node: YAMLNode, size: Int) {
        if let anchor { anchors[anchor] = (node, size) }
    }

    /// Tags that only restate what YAML infers are fine; any other tag asks for a type Regimen
    /// will never construct, so it is reported (and otherwise ignored).
    private mutating func checkedTag(_ tag: String?, at range: SourceRange) -> YAMLNode.Tag? {
        guard let tag else { return nil }
        if let known = YAMLNode.Tag(name: tag) { return known }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        diagnostics.append(
            Diagnostic(
                code: LoadCode.unsupportedYAML, severity: .error, message: "tag `\(shown)` is not supported",
                range: range, help: "remove the tag; Regimen files hold plain text, numbers, lists and mappings"))
        return nil
    }

    /// Adds `node` to the collection being built. `size` is its size once aliases are expanded
    /// (carried up to its parent, for an alias of an anchored parent); `counted` is how many
    /// values it adds to the file's count: 1 for a scalar or a collection (whose values were
    /// counted as they were added), the expanded size for an alias.
    private mutating func add(_ node: YAMLNode, size: Int, counted: Int) {
        nodeCount += counted
        if nodeCount > limits.maxNodes {
            diagnostics.append(
                Diagnostic(
                    code: LoadCode.limit, severity: .error,
                    message: "file expands to more than \(limits.maxNodes) values",
                    range: node.range,
                    help:
                        "aliases that repeat large values multiply them; write less, or raise the limit with `--limit max-nodes=N` (see docs/limits.md)"
                ))
            stop = true
            return
        }
        guard let top = frames.indices.last else {
            if documents == 1 { root = node }
            return
        }
        frames[top].size += size
        guard frames[top].isMapping else {
            values.append(node)
            return
        }
        if frames[top].pendingKey {
            frames[top].pendingKey = false
            if frames[top].skipValue {
                frames[top].skipValue = false
            } else {
                values.append(node)
            }
            return
        }
        frames[top].pendingKey = true
        if case .scalar(let name, let style) = node.content {
            if name == "<<" && style == .plain {
                diagnostics.append(
                    Diagnostic(
                        code: LoadCode.unsupportedYAML, severity: .error, message: "merge keys (`<<`) are not supported",
                        range: node.range, help: "write the keys out in this mapping"))
                frames[top].skipValue = true
                return
            }
            if let first = earlier(name, in: top) {
                diagnostics.append(
                    Diagnostic(
                        code: LoadCode.duplicateKey, severity: .error, message: "key `\(name)` appears twice in this mapping",
                        range: node.range, help: "remove one of them; only the first is read",
                        notes: [.init("`\(name)` first appears here", at: first)]))
                frames[top].skipValue = true
                return
            }
            if frames[top].seen != nil { frames[top].seen?[name] = node.range }
        }
        values.append(node)
    }

    /// How many keys a mapping has before its keys are looked up in a table rather than by a
    /// search (most mappings have a handful: hashing each key costs more than comparing).
    static let indexAfter = 16

    /// Where the key `name` first appears in the mapping of `frames[frame]` so far, if it does.
    /// Once the mapping is large, its keys are put in its `seen` (once), and looked up there
    /// from then on.
    private mutating func earlier(_ name: String, in frame: Int) -> SourceRange? {
        let base = frames[frame].base
        if frames[frame].seen == nil, (values.count - base) / 2 >= Self.indexAfter {
            var table: [String: SourceRange] = [:]
            for index in stride(from: base, to: values.count, by: 2) {
                if case .scalar(let key, _) = values[index].content, table[key] == nil { table[key] = values[index].range }
            }
            frames[frame].seen = table
        }
        if let seen = frames[frame].seen { return seen[name] }
        for index in stride(from: base, to: values.count, by: 2) {
            if case .scalar(let key, _) = values[index].content, key == name { return values[index].range }
        }
        return nil
    }

    /// Whether `#` and a word (no space between) follow `end` on its line, after a space.
    static func commentFollows(in source: SourceFile, at end: SourcePosition) -> Bool {
        guard end.column >= 1, let line = source.line(end.line) else { return false }
        // Walked in place: this runs for every plain value of a file that has ` #` in it.
        var rest = line.unicodeScalars.dropFirst(end.column - 1)[...]
        guard let first = rest.first, first == " " || first == "\t" else { return false }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.first == "#", let next = rest.dropFirst().first else { return false }
        return next != " " && next != "\t" && next != "#"
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = Self.string(parser.problem) ?? "malformed YAML"
        let context = Self.string(parser.context)
        let at = position(parser.problem_mark)
        if problem.contains("Maximum nesting level") || (context ?? "").contains("Maximum nesting level") {
            return Diagnostic(
                code: LoadCode.limit, severity: .error,
                message: "lists and mappings are nested more than \(limits.maxDepth) deep",
                range: SourceRange(file: path, start: at, end: SourcePosition(line: at.line, column: at.column + 1)),
                help: "flatten the structure, or raise the limit with `--limit max-depth=N` (see docs/limits.md)")
        }
        return SyntaxExplainer(source: source).explain(
            SyntaxProblem(
                problem: problem, context: context, at: at,
                contextAt: context == nil ? nil : position(parser.context_mark)))
    }
}

#if canImport(Darwin)
    import Darwin
#else
    import Foundation
#endif
