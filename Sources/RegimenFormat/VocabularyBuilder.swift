import RegimenDiagnostics

/// The codes of the findings about words and vocabulary files (the rules that explain them are
/// registered in RegimenValidate).
public enum VocabularyCode {
    /// RG214: a condition the vocabulary does not know.
    public static let unknownCondition = "RG214"
    /// RG215: a movement tag the vocabulary does not know.
    public static let unknownMovement = "RG215"
    /// RG305: a patient's condition the vocabulary does not know (screening: never suppressed).
    public static let unknownPatientCondition = "RG305"
    /// RG601: a vocabulary entry that contradicts another.
    public static let conflict = "RG601"
    /// RG602: a vocabulary entry that repeats what is already there.
    public static let duplicate = "RG602"
    /// RG603: a vocabulary file that no configuration names.
    public static let unusedFile = "RG603"
    /// RG103 (missing-key), as the loader words it.
    public static let missingKey = "RG103"
    /// RG105 (invalid-value), as the loader words it.
    public static let invalidValue = "RG105"

    /// The code of an unknown word of `kind` in a programme, library, rule pack or vocabulary.
    public static func unknown(_ kind: TermKind) -> String { kind == .condition ? unknownCondition : unknownMovement }
}

extension Vocabulary {
    /// This vocabulary with the entries of `file` added (`source` names it: `built-in`, or the
    /// file's path), and a finding for each entry or word that contradicts or repeats what is
    /// already there. An entry whose id is already defined adds its synonyms and parents to it;
    /// its labels and codes, if given, must be the same.
    public func adding(_ file: VocabularyFile, source: String, diagnostics: inout [Diagnostic]) -> Vocabulary {
        var copy = self
        for kind in TermKind.allCases {
            copy.tables[kind]?.add(file.definitions(kind), kind: kind, source: source, diagnostics: &diagnostics)
        }
        // Parents may name entries defined later in the file: checked once all are in.
        let entries = copy
        for kind in TermKind.allCases {
            copy.tables[kind]?.link(file.definitions(kind), kind: kind, vocabulary: entries, diagnostics: &diagnostics)
        }
        return copy
    }
}

extension Vocabulary.Table {
    fileprivate mutating func add(_ definitions: [TermDefinition], kind: TermKind, source: String, diagnostics: inout [Diagnostic]) {
        // The keys change: "did you mean" must search the new ones.
        search = Vocabulary.SearchBox()
        func report(_ code: String, _ severity: Severity, _ message: String, at range: SourceRange, help: String?, notes: [Diagnostic.Note] = []) {
            diagnostics.append(Diagnostic(code: code, severity: severity, message: message, range: range, help: help, notes: notes))
        }
        for definition in definitions {
            let id = definition.id.value
            let index: Int
            if let existing = keys[id] {
                guard terms[existing].id == id else {
                    report(
                        VocabularyCode.conflict, .error,
                        "`\(id)` is already a word for the \(kind.rawValue) `\(terms[existing].id)`", at: definition.id.range,
                        help: "add your words as synonyms of `\(terms[existing].id)` (an entry `\(terms[existing].id):` with `synonyms:`), or choose another id",
                        notes: ranges[existing].map { [.init("`\(terms[existing].id)` is defined here", at: $0)] } ?? [])
                    continue
                }
                index = existing
                compare(definition, with: index, kind: kind, report: report)
            } else {
                guard let label = definition.label, let patientLabel = definition.patientLabel else {
                    let missing = definition.label == nil ? "label" : "patient-label"
                    report(
                        VocabularyCode.missingKey, .error, "missing required key `\(missing)` in the new \(kind.rawValue) `\(id)`",
                        at: definition.id.range,
                        help: "a new entry needs `label` (the clinician's words) and `patient-label` (plain words for handouts)")
                    continue
                }
                index = terms.count
                terms.append(
                    Vocabulary.Term(
                        kind, id, label: label.value, patientLabel: patientLabel.value, synonyms: [], parents: [],
                        icd10cm: definition.icd10cm?.value, snomedCT: definition.snomedCT?.value, source: source))
                ranges.append(definition.id.range)
                keys[id] = index
            }
            for synonym in definition.synonyms {
                let key = Vocabulary.key(synonym.value)
                guard !key.isEmpty else {
                    report(
                        VocabularyCode.invalidValue, .error, "synonym `\(synonym.value)` has no letters or digits", at: synonym.range,
                        help: "write the word as records write it, such as `THR` or `hip replacement`")
                    continue
                }
                if let other = keys[key] {
                    if other == index {
                        report(
                            VocabularyCode.duplicate, .warning,
                            key == id
                                ? "synonym `\(synonym.value)` is the id `\(id)` itself"
                                : "`\(synonym.value)` is already a word for `\(id)`",
                            at: synonym.range, help: "remove it: words are compared in lower case, with hyphens for spaces")
                    } else {
                        report(
                            VocabularyCode.conflict, .error,
                            "synonym `\(synonym.value)` of `\(id)` already names the \(kind.rawValue) `\(terms[other].id)`",
                            at: synonym.range,
                            help: "a word may name one entry only: remove it here, or, if it is a kind of `\(terms[other].id)`, add `\(terms[other].id)` to `parents`",
                            notes: ranges[other].map { [.init("`\(terms[other].id)` is defined here", at: $0)] } ?? [])
                    }
                    continue
                }
                keys[key] = index
                terms[index].synonyms.append(synonym.value)
            }
        }
    }

    /// Findings for an entry that names an id already defined and gives its labels or codes again.
    private func compare(
        _ definition: TermDefinition, with index: Int, kind: TermKind,
        report: (String, Severity, String, SourceRange, String?, [Diagnostic.Note]) -> Void
    ) {
        let term = terms[index]
        let given: [(String, Text?, String?)] = [
            ("label", definition.label, term.label), ("patient-label", definition.patientLabel, term.patientLabel),
            ("icd-10-cm", definition.icd10cm, term.icd10cm), ("snomed-ct", definition.snomedCT, term.snomedCT),
        ]
        let notes: [Diagnostic.Note] = ranges[index].map { [.init("`\(term.id)` is defined here", at: $0)] } ?? []
        for (key, written, existing) in given {
            guard let written else { continue }
            if written.value == existing {
                report(
                    VocabularyCode.duplicate, .warning, "`\(key)` repeats what the \(kind.rawValue) `\(term.id)` already says",
                    written.range, "remove it: an entry for an id already defined only adds `synonyms` and `parents`", notes)
            } else {
                report(
                    VocabularyCode.conflict, .error,
                    "`\(key)` contradicts the \(kind.rawValue) `\(term.id)` (\(term.source == "built-in" ? "built in" : "defined in \(term.source)") as `\(existing ?? "none")`)",
                    written.range,
                    "an entry for an id already defined may only add `synonyms` and `parents`; to mean something else, choose a new id",
                    notes)
            }
        }
    }

    fileprivate mutating func link(
        _ definitions: [TermDefinition], kind: TermKind, vocabulary: Vocabulary, diagnostics: inout [Diagnostic]
    ) {
        var unknown = 0
        for definition in definitions {
            guard let index = keys[definition.id.value], terms[index].id == definition.id.value else { continue }
            for parent in definition.parents {
                guard let target = keys[Vocabulary.key(parent.value)] else {
                    unknown += 1
                    diagnostics.append(
                        Diagnostic(
                            code: VocabularyCode.unknown(kind), severity: .error,
                            message: "unknown \(kind.rawValue) `\(parent.value)` as a parent of `\(definition.id.value)`",
                            range: parent.range,
                            help: (unknown <= Vocabulary.suggestionsPerFile ? vocabulary.didYouMean(parent.value, kind) : nil)
                                ?? "a parent must be an entry of the vocabulary (built in, or defined in a vocabulary file)"))
                    continue
                }
                if reaches(from: target, to: index) {
                    diagnostics.append(
                        Diagnostic(
                            code: VocabularyCode.conflict, severity: .error,
                            message: target == index
                                ? "`\(definition.id.value)` cannot be a kind of itself"
                                : "`\(terms[target].id)` is already a kind of `\(definition.id.value)`: this parent would make a loop",
                            range: parent.range, help: "remove this parent"))
                    continue
                }
                if !terms[index].parents.contains(terms[target].id) { terms[index].parents.append(terms[target].id) }
            }
        }
        relink()
    }

    /// Whether `goal` is `start` or above it, following the parents as they stand.
    private func reaches(from start: Int, to goal: Int) -> Bool {
        var seen: Set<Int> = [start]
        var pending = [start]
        while let next = pending.popLast() {
            if next == goal { return true }
            for parent in terms[next].parents {
                if let index = keys[parent], seen.insert(index).inserted { pending.append(index) }
            }
        }
        return false
    }
}
