import LanguageServerProtocol
import RegimenConfig
import RegimenFormat

/// What to offer at the cursor: keys of the mapping it is in, exercise ids, conditions and
/// movement tags from the vocabulary, the words of closed sets, and the forms of quantities.
struct Completion {
    /// The exercises the document can name.
    var exercises: [Exercise]
    /// The vocabulary in force.
    var vocabulary: Vocabulary
    /// The most items one answer holds: the client filters them as the user types.
    static let maxItems = 500

    /// The items for the cursor at `position` in a document with lines `lines`.
    func items(lines: [Substring], position: Position, characterColumn: Int) -> CompletionList {
        var context = YAMLContext.at(lines: lines, line: position.line, column: characterColumn)
        guard let root = FormatLookup.rootSpec(lines: lines) else {
            return CompletionList(items: context.slot == .key && context.path.isEmpty ? configurationKeys() : [])
        }
        // Inside a flow mapping (`dose: { ho`): its keys, or the value of the key before the cursor.
        if case .value(let outer) = context.slot, position.line < lines.count {
            let line = Array(lines[position.line])
            if let flow = FlowContext.at(line, from: YAMLContext.Line(lines[position.line]).keyColumn, column: characterColumn) {
                context.path = flow.fullPath(context.path, valueOf: outer)
                context.slot = flow.key.map { .value(key: $0) } ?? .key
            }
        }
        guard let spec = FormatLookup.spec(at: context.path, root: root) else { return CompletionList(items: []) }
        var items: [CompletionItem]
        switch context.slot {
        case .key:
            items = spec.keys.enumerated().map { index, key in
                CompletionItem(
                    label: key.name, kind: .property, detail: key.summary + (key.required ? " (required)" : ""),
                    documentation: .markdown("Example: `\(key.name): \(key.example)`"), insertText: key.name + ": ",
                    sortText: Completion.sortKey(index))
            }
        case .value(let name):
            guard let key = spec.key(name) else { return CompletionList(items: []) }
            items = values(for: key)
        }
        let wanted = context.prefix.lowercased()
        if !wanted.isEmpty {
            // The client filters too; this keeps a long list short on the wire.
            let matching = items.filter { $0.label.lowercased().contains(wanted) }
            if !matching.isEmpty { items = matching }
        }
        return CompletionList(isIncomplete: items.count > Self.maxItems, items: Array(items.prefix(Self.maxItems)))
    }

    /// The values `key` takes.
    func values(for key: KeySpec) -> [CompletionItem] {
        switch key.name {
        case "use", "progress-to", "regress-to":
            return exercises.map { exercise in
                let purpose = exercise.purpose.map { " — " + Self.oneLine($0.value) } ?? ""
                return CompletionItem(
                    label: exercise.id.value, kind: .reference, detail: Self.oneLine(exercise.name.value) + purpose,
                    documentation: exercise.purpose.map { .plainText(Self.oneLine($0.value)) })
            }
        case "condition", "when", "conditions":
            return terms(.condition)
        case "movement", "movements":
            return terms(.movement)
        default:
            return shapeValues(key.shape, key: key)
        }
    }

    private func shapeValues(_ shape: ValueShape, key: KeySpec) -> [CompletionItem] {
        switch shape {
        case .choice(let words):
            return words.map { CompletionItem(label: $0, kind: .enumMember, detail: key.summary) }
        case .list(let inner), .oneOrList(let inner):
            return shapeValues(inner, key: key)
        case .quantity(let kind), .quantityOrObject(let kind, _):
            return Self.forms(kind).enumerated().map { index, form in
                CompletionItem(
                    label: form, kind: .value, detail: "an accepted form of \(key.name)", insertText: form,
                    sortText: Completion.sortKey(index))
            }
        case .integer(let range) where range.count == 1:
            return [CompletionItem(label: String(range.lowerBound), kind: .value, detail: key.summary)]
        default:
            return []
        }
    }

    private func terms(_ kind: TermKind) -> [CompletionItem] {
        vocabulary.terms(kind).map { term in
            CompletionItem(
                label: term.id, kind: .enumMember, detail: term.label,
                documentation: term.synonyms.isEmpty ? nil : .plainText("Also: " + term.synonyms.joined(separator: ", ")))
        }
    }

    private func configurationKeys() -> [CompletionItem] {
        ConfigurationKeys.all.map { CompletionItem(label: $0.name, kind: .property, detail: $0.summary, insertText: $0.name + ": ") }
    }

    /// The forms a quantity takes, from the words the format's messages show (`30s`, `1 min 30 s`).
    static func forms(_ kind: QuantityKind) -> [String] {
        let text = kind.acceptedForms
        var forms: [String] = []
        var inside = false
        var current = ""
        for character in text {
            if character == "`" {
                if inside, !current.isEmpty, !forms.contains(current) { forms.append(current) }
                current = ""
                inside.toggle()
            } else if inside {
                current.append(character)
            }
        }
        return forms
    }

    /// `index` as text that sorts as numbers do.
    static func sortKey(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 80 ? line : String(line.prefix(79)) + "…"
    }
}
