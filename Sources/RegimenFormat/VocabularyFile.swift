import RegimenDiagnostics

/// The two kinds of word a vocabulary holds.
public enum TermKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A condition: a diagnosis, a post-operative state, a red-flag condition.
    case condition
    /// A movement tag: what an exercise involves, what a restriction restricts.
    case movement

    /// The key of a vocabulary file that holds this kind (`conditions`, `movements`).
    public var sectionKey: String { rawValue + "s" }
}

/// A vocabulary file as written (`regimen-vocabulary: 1`): Regimen's own, compiled in, or a
/// clinic's additions, named by `.regimen.yml`.
public struct VocabularyFile: Sendable {
    /// The format version.
    public var formatVersion: Located<Int>
    /// The conditions, in the order written.
    public var conditions: [TermDefinition]
    /// The movement tags, in the order written.
    public var movements: [TermDefinition]
    /// The whole document.
    public var range: SourceRange

    /// A vocabulary file with these entries.
    public init(formatVersion: Located<Int>, conditions: [TermDefinition], movements: [TermDefinition], range: SourceRange) {
        self.formatVersion = formatVersion
        self.conditions = conditions
        self.movements = movements
        self.range = range
    }

    /// The entries of `kind`.
    public func definitions(_ kind: TermKind) -> [TermDefinition] {
        kind == .condition ? conditions : movements
    }
}

/// One entry of a vocabulary file, as written. A new entry has both labels; an entry for an id
/// already defined may only add synonyms and parents.
public struct TermDefinition: Sendable {
    /// The canonical id (the key it was written under).
    public var id: Text
    /// The clinician's label.
    public var label: Text?
    /// Plain words for the patient.
    public var patientLabel: Text?
    /// Other words and abbreviations for it.
    public var synonyms: [Text]
    /// The ids of the more general entries it is a kind of.
    public var parents: [Text]
    /// The ICD-10-CM code (conditions).
    public var icd10cm: Text?
    /// The SNOMED CT concept id (conditions).
    public var snomedCT: Text?
    /// The whole mapping.
    public var range: SourceRange

    /// An entry with only its id; the rest empty.
    public init(id: Text, range: SourceRange) {
        self.id = id
        self.synonyms = []
        self.parents = []
        self.range = range
    }
}
