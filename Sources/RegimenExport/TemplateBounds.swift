import Foundation
import Mustache

/// The bounds on rendering a handout template. Sections nested over lists multiply (`{{#a}}` in
/// `{{#a}}` in `{{#a}}`… renders the list's length to the power of the depth), so a template is
/// checked for depth before it is parsed, and rendering is charged as it goes: every list entry
/// rendered costs the literal text of its section's body, every value its length. Past the
/// budget no further entry is rendered, and the export is refused (docs/limits.md).
enum TemplateBounds {
    /// The largest template read, in bytes.
    static let maxTemplateBytes = 1024 * 1024
    /// How deeply sections may nest (the built-in template nests 4).
    static let maxSectionDepth = 24
    /// The largest handout, in bytes: room for a few embedded photographs.
    static let maxOutputBytes = 64 * 1024 * 1024

    /// The size and the section depth of `text`, with the place the depth is passed.
    static func check(_ text: String, name: String) throws(ExportError) {
        guard text.utf8.count <= maxTemplateBytes else {
            throw ExportError(
                "\(name) is larger than \(maxTemplateBytes) bytes (1 MiB)", help: "a handout template is at most 1 MiB (docs/limits.md)")
        }
        var depth = 0
        for tag in tags(text) {
            switch tag.sigil {
            case "#", "^":
                depth += 1
                if depth > maxSectionDepth {
                    throw ExportError(
                        "\(name):\(tag.line):\(tag.column): sections nest more than \(maxSectionDepth) deep",
                        help: "a handout template nests sections at most \(maxSectionDepth) deep (docs/limits.md)")
                }
            case "/": depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// One `{{…}}` tag: its sigil (`#`, `^`, `/`, `!`, or nil for a variable), its name, where it
    /// starts, and the literal text before it since the previous tag (in bytes).
    struct Tag {
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int
        var literalBefore: Int
    }

    /// The tags of `text`, in order, with a last pseudo-tag carrying the trailing text. Handout
    /// templates cannot change the delimiters (`HTMLExporter.check` refuses it), so `{{` and
    /// `}}` are the only ones.
    static func tags(_ text: String) -> [Tag] {
        let bytes = Array(text.utf8)
        var out: [Tag] = []
        var line = 1
        var lineStart = 0
        var index = 0
        var literalStart = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            guard bytes[index] == 0x7B, index + 1 < bytes.count, bytes[index + 1] == 0x7B else {
                index += 1
                continue
            }
            let start = index
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == 0x7D && bytes[end + 1] == 0x7D) { end += 1 }
            let inner = String(decoding: bytes[(start + 2)..<min(end, bytes.count)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var sigil: Character? = inner.first.flatMap { "#^/!".contains($0) ? $0 : nil }
            if sigil == nil, inner.first == "{" || inner.first == "&" { sigil = "&" }
            let name = sigil == nil ? inner : String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            out.append(Tag(sigil: sigil, name: name, line: line, column: start - lineStart + 1, literalBefore: start - literalStart))
            for byte in bytes[start..<min(end + 2, bytes.count)] where byte == 0x0A {
                line += 1
            }
            if let newline = bytes[start..<min(end + 2, bytes.count)].lastIndex(of: 0x0A) { lineStart = newline + 1 }
            index = end + 2
            literalStart = index
        }
        out.append(Tag(sigil: nil, name: "", line: line, column: 1, literalBefore: max(0, bytes.count - literalStart)))
        return out
    }

    /// What one entry of a list under each key costs: the longest literal text of a section of
    /// that name, counting the sections inside it that render at most once per entry (those
    /// over keys that are not lists) and leaving out those over lists, which are charged per
    /// entry themselves. `listKeys` are the keys whose values are always lists.
    static func entryCosts(_ text: String, listKeys: Set<String>) -> (byKey: [String: Int], most: Int) {
        var stack: [(key: String, list: Bool, direct: Int)] = [("", false, 0)]
        var costs: [String: Int] = [:]
        for tag in tags(text) {
            stack[stack.count - 1].direct += tag.literalBefore
            switch tag.sigil {
            case "#", "^":
                // `reversed(steps)` and `sorted(steps)` are lists too; `empty(steps)`,
                // `first(steps)`… render at most once, like any other section.
                var name = Substring(tag.name)
                var listTransform = true
                if let open = name.lastIndex(of: "("), let close = name.firstIndex(of: ")"), open < close {
                    listTransform = ["reversed", "sorted"].contains(name[..<open].split(separator: "(").last.map(String.init) ?? "")
                    name = name[name.index(after: open)..<close]
                }
                let key = name.split(separator: ".").last.map(String.init) ?? String(name)
                stack.append((key, tag.sigil == "#" && listTransform && listKeys.contains(key), 0))
            case "/":
                guard stack.count > 1 else { continue }
                let closed = stack.removeLast()
                if closed.list {
                    costs[closed.key] = max(costs[closed.key] ?? 0, closed.direct)
                } else {
                    stack[stack.count - 1].direct += closed.direct
                }
            default: break
            }
        }
        return (costs, max(costs.values.max() ?? 0, stack.map(\.direct).max() ?? 0))
    }

    /// The keys of `model` whose values are lists wherever the key appears.
    static func listKeys(_ model: Any) -> Set<String> {
        var lists: Set<String> = []
        var others: Set<String> = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if child is [Any] { lists.insert(key) } else { others.insert(key) }
                    visit(child)
                }
            } else if let list = value as? [Any] {
                list.forEach(visit)
            }
        }
        visit(model)
        return lists.subtracting(others)
    }

    /// What rendering has cost so far. One render uses one budget, on one thread.
    final class Budget: @unchecked Sendable {
        let limit: Int
        private(set) var spent = 0
        private(set) var exceeded = false

        init(limit: Int) { self.limit = limit }

        /// Charges `bytes`; false once the budget is spent.
        func charge(_ bytes: Int) -> Bool {
            guard !exceeded else { return false }
            spent += bytes
            if spent > limit { exceeded = true }
            return !exceeded
        }
    }

    /// `model` with every object and list wrapped so that rendering charges `budget`.
    static func charged(_ model: [String: Any], template: String, budget: Budget) -> Any {
        let costs = entryCosts(template, listKeys: listKeys(model))
        func wrap(_ value: Any, key: String?) -> Any {
            if let object = value as? [String: Any] {
                return ChargedObject(values: object, wrap: wrap, budget: budget)
            }
            if let list = value as? [Any] {
                let cost = key.flatMap { costs.byKey[$0] } ?? costs.most
                return ChargedList(elements: list.map { wrap($0, key: nil) }, cost: cost, budget: budget)
            }
            return value
        }
        return wrap(model, key: nil)
    }

    /// An object whose text values are charged as they are looked up.
    struct ChargedObject: MustacheParent {
        let values: [String: Any]
        let wrap: (Any, String?) -> Any
        let budget: Budget

        func child(named name: String) -> Any? {
            guard let value = values[name] else { return nil }
            if let text = value as? String {
                return budget.charge(text.utf8.count) ? text : ""
            }
            return wrap(value, name)
        }
    }

    /// A list whose entries are charged as they are rendered; past the budget it has no more.
    /// It has no children by name (as an array has none), so that its own fields cannot be
    /// reached by a dotted name, and it offers the transforms an array does.
    struct ChargedList: MustacheSequence, MustacheParent, MustacheTransformable {
        let elements: [Any]
        let cost: Int
        let budget: Budget

        func child(named name: String) -> Any? { nil }

        func transform(_ name: String) -> Any? {
            switch name {
            case "first": elements.first
            case "last": elements.last
            case "count": elements.count
            case "empty": elements.isEmpty
            case "reversed": ChargedList(elements: elements.reversed(), cost: cost, budget: budget)
            case "sorted":
                (elements as? [String]).map { ChargedList(elements: $0.sorted(), cost: cost, budget: budget) }
            default: nil
            }
        }

        func makeIterator() -> Iterator { Iterator(list: self) }

        struct Iterator: IteratorProtocol {
            let list: ChargedList
            var index = 0

            mutating func next() -> Any? {
                guard index < list.elements.count else { return nil }
                let element = list.elements[index]
                let text = (element as? String)?.utf8.count ?? 0
                guard list.budget.charge(list.cost + text + 1) else { return nil }
                index += 1
                return element
            }
        }
    }
}
