import RegimenFormat

/// Where the cursor is in a YAML document, worked out from indentation alone, so that it is
/// known while the document is half-written and does not parse.
struct YAMLContext: Equatable {
    /// What is being written at the cursor.
    enum Slot: Equatable {
        /// A key of the mapping the path leads to.
        case key
        /// The value of `key` in the mapping the path leads to (after `key:`, or as an entry
        /// of the list under it).
        case value(key: String)
    }

    /// The keys from the top of the document to the mapping the cursor is in.
    var path: [String]
    /// What the cursor is writing.
    var slot: Slot
    /// The word written so far, before the cursor.
    var prefix: String

    /// One line, read: where its key is, and whether it is a list entry.
    struct Line {
        var indent: Int
        var dashColumn: Int?
        var keyColumn: Int
        var key: String?
        var valueAfterColon: String?
        var isBlank: Bool

        init(_ text: Substring) {
            let characters = Array(text)
            var index = 0
            while index < characters.count, characters[index] == " " { index += 1 }
            indent = index
            isBlank = index == characters.count || characters[index] == "#"
            // `- ` entries, possibly nested (`- - a`).
            while index + 1 < characters.count, characters[index] == "-", characters[index + 1] == " " {
                dashColumn = index
                index += 2
                while index < characters.count, characters[index] == " " { index += 1 }
            }
            if index + 1 == characters.count, characters[index] == "-" {
                dashColumn = index
                index += 1
            }
            keyColumn = index
            let rest = String(characters[index...])
            // `key:` then the end, a space or a comment.
            if let colon = rest.firstIndex(of: ":") {
                let after = rest[rest.index(after: colon)...]
                let name = rest[..<colon]
                if (after.isEmpty || after.first == " ") && !name.isEmpty && !name.contains(" ") && !name.hasPrefix("[")
                    && !name.hasPrefix("{") && !name.hasPrefix("\"")
                {
                    key = String(name)
                    valueAfterColon = String(after.drop { $0 == " " })
                }
            }
        }
    }

    /// The context at `column` (in characters) of line `lineNumber` of `lines`.
    static func at(lines: [Substring], line lineNumber: Int, column: Int) -> YAMLContext {
        guard lineNumber >= 0, lineNumber < lines.count else { return YAMLContext(path: [], slot: .key, prefix: "") }
        let full = lines[lineNumber]
        let before = Substring(full.prefix(max(0, column)))
        let current = Line(before)
        let wordStart = before.lastIndex { !Self.isWordCharacter($0) }.map { before.index(after: $0) } ?? before.startIndex
        let prefix = String(before[wordStart...])

        // After `key: `: its value. In a flow list (`key: [a, b`), still that key's value.
        if let key = current.key, current.valueAfterColon != nil, before.count > current.keyColumn + key.count {
            let path = ancestors(lines: lines, above: lineNumber, column: current.keyColumn, entryDash: current.dashColumn)
            return YAMLContext(path: path, slot: .value(key: key), prefix: prefix)
        }
        // `- word` under `key:`: an entry of that key's list.
        if let dash = current.dashColumn, current.key == nil {
            guard let owner = listOwner(lines: lines, above: lineNumber, dashColumn: dash), let key = owner.line.key else {
                return YAMLContext(path: [], slot: .key, prefix: prefix)
            }
            // A list entry that starts a mapping (`- use: …`) is a key of that mapping, unless the
            // list holds words (`movements:`).
            let path = ancestors(lines: lines, above: owner.index, column: owner.line.keyColumn, entryDash: owner.line.dashColumn)
            return YAMLContext(path: path, slot: .value(key: key), prefix: prefix)
        }
        let path = ancestors(lines: lines, above: lineNumber, column: current.keyColumn, entryDash: current.dashColumn)
        return YAMLContext(path: path, slot: .key, prefix: prefix)
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_" || character == "."
    }

    /// The line (and its index) of the key whose list holds an entry at `dashColumn`: the
    /// nearest line above at a lesser (or, for `key:\n- a`, the same) column with a key and no value.
    static func listOwner(lines: [Substring], above lineNumber: Int, dashColumn: Int) -> (line: Line, index: Int)? {
        var index = lineNumber - 1
        while index >= 0 {
            let line = Line(lines[index])
            defer { index -= 1 }
            if line.isBlank { continue }
            if line.dashColumn == dashColumn || line.keyColumn > dashColumn { continue }
            guard line.key != nil, line.valueAfterColon?.isEmpty ?? true else { return nil }
            return (line, index)
        }
        return nil
    }

    /// The keys above line `lineNumber` that lead to the mapping whose keys start at `column`;
    /// `entryDash` is the column of the `- ` when that mapping is an entry of a list.
    static func ancestors(lines: [Substring], above lineNumber: Int, column: Int, entryDash: Int?) -> [String] {
        var path: [String] = []
        var column = column
        var entryDash = entryDash
        var index = lineNumber - 1
        while index >= 0 {
            let line = Line(lines[index])
            index -= 1
            if line.isBlank { continue }
            if let dash = entryDash {
                // The key that holds the list whose entries start at `dash`; other entries are passed.
                if line.dashColumn == dash || line.keyColumn > dash { continue }
            } else {
                if line.keyColumn > column { continue }
                if line.keyColumn == column {
                    // A sibling key; when it starts a list entry, the mapping is that entry.
                    entryDash = line.dashColumn
                    continue
                }
            }
            guard let key = line.key else { return path }
            path.insert(key, at: 0)
            column = line.keyColumn
            entryDash = line.dashColumn
        }
        return path
    }
}

/// The format's description of where a context is: the mapping it is in and, for a value, its key.
enum FormatLookup {
    /// The kind of document, from its first key.
    static func rootSpec(lines: [Substring]) -> ObjectSpec? {
        for line in lines.prefix(200) {
            let read = YAMLContext.Line(line)
            guard read.indent == 0, read.dashColumn == nil, let key = read.key else { continue }
            switch key {
            case "regimen-library": return FormatSpec.library
            case "regimen-patient": return FormatSpec.patient
            case "regimen-vocabulary": return FormatSpec.vocabulary
            case "regimen-config": return nil
            default: return FormatSpec.programme
            }
        }
        return FormatSpec.programme
    }

    /// The mapping `path` leads to from `root`; nil when the path leaves the format.
    static func spec(at path: [String], root: ObjectSpec) -> ObjectSpec? {
        var spec = root
        var index = 0
        while index < path.count {
            guard let key = spec.key(path[index]) else { return nil }
            index += 1
            switch key.shape {
            case .object(let name), .list(.object(let name)), .list(.textOrObject(let name)), .textOrObject(let name),
                .quantityOrObject(_, let name):
                guard let next = FormatSpec.objects[name] else { return nil }
                spec = next
            case .identifierMap(let name):
                // The next key is an id of the author's choosing.
                guard let next = FormatSpec.objects[name] else { return nil }
                index += 1
                if index > path.count { return nil }
                spec = next
            default:
                return nil
            }
        }
        return spec
    }
}

/// The cursor inside a flow mapping on one line (`dose: { sets: 3, hold: 1 min }`), which the
/// samples use for doses and progressions.
struct FlowContext: Equatable {
    /// The keys of the mappings the cursor is in, outermost first (`["dose"]`).
    var path: [String]
    /// The key whose value the cursor is on; nil when it is where a key goes.
    var key: String?
    /// The span (in characters of the line) of that value, or of the key being written.
    var span: Swift.Range<Int>

    /// The keys from the top of the document to the mapping the cursor is in, given the path to
    /// the line's mapping and the key whose value holds the braces: `dose: {` names its key;
    /// `- {` is an entry of the list under `key`.
    func fullPath(_ linePath: [String], valueOf key: String) -> [String] {
        guard let first = path.first else { return linePath }
        return first.isEmpty ? linePath + [key] + path.dropFirst() : linePath + path
    }

    /// The context at `column` of `line`, scanning from `start` (the column of the line's own
    /// key); nil when the cursor is not inside braces.
    static func at(_ line: [Character], from start: Int, column: Int) -> FlowContext? {
        var stack: [String] = []
        var segmentStart = start
        var key: String?
        var valueStart = start
        var quote: Character?
        var index = start
        func trimmed(_ range: Swift.Range<Int>) -> Swift.Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, line[lower] == " " { lower += 1 }
            while upper > lower, line[upper - 1] == " " { upper -= 1 }
            return lower..<upper
        }
        /// The context when the cursor lies in the segment that ends at `end`.
        func here(_ end: Int) -> FlowContext? {
            guard !stack.isEmpty, column >= segmentStart, column <= end else { return nil }
            if let key { return FlowContext(path: stack, key: key, span: trimmed(valueStart..<end)) }
            return FlowContext(path: stack, key: nil, span: trimmed(segmentStart..<end))
        }
        while index < line.count {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
                index += 1
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
            case "#" where index > 0 && line[index - 1] == " ":
                return here(index)
            case "{":
                stack.append(key ?? "")
                segmentStart = index + 1
                key = nil
            case "}", ",":
                if let found = here(index) { return found }
                if character == "}" { _ = stack.popLast() }
                segmentStart = index + 1
                key = nil
            case ":" where key == nil && (index + 1 == line.count || line[index + 1] == " "):
                let name = trimmed(segmentStart..<index)
                key = String(line[name])
                valueStart = index + 1
            default: break
            }
            index += 1
        }
        return here(line.count)
    }
}
