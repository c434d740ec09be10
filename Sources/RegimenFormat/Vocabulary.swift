import Foundation
import RegimenDiagnostics

/// The conditions and movement tags Regimen understands, with the other words for each and
/// what each is a kind of: the built-in vocabulary, and a clinic's additions.
///
/// Every comparison of conditions or movements goes through it: a word resolves to its
/// canonical entry whichever synonym is written (`THR`, `total hip arthroplasty`), and a rule
/// for an entry covers every entry below it (`osteoporosis` covers
/// `postmenopausal-osteoporosis`).
public struct Vocabulary: Sendable {
    /// One entry, resolved.
    public struct Term: Sendable, Hashable, Codable {
        /// Condition or movement.
        public var kind: TermKind
        /// The canonical id.
        public var id: String
        /// The clinician's label.
        public var label: String
        /// Plain words for the patient.
        public var patientLabel: String
        /// Other words for it, as written.
        public var synonyms: [String]
        /// The canonical ids of the entries it is directly a kind of.
        public var parents: [String]
        /// The ICD-10-CM code, when there is one.
        public var icd10cm: String?
        /// The SNOMED CT concept id, when there is one.
        public var snomedCT: String?
        /// Where it was defined: `built-in`, or the clinic file's path.
        public var source: String

        enum CodingKeys: String, CodingKey {
            case kind, id, label, patientLabel = "patient-label", synonyms, parents, icd10cm = "icd-10-cm"
            case snomedCT = "snomed-ct", source
        }

        /// An entry with these fields.
        public init(
            _ kind: TermKind, _ id: String, label: String, patientLabel: String, synonyms: [String] = [], parents: [String] = [],
            icd10cm: String? = nil, snomedCT: String? = nil, source: String
        ) {
            self.kind = kind
            self.id = id
            self.label = label
            self.patientLabel = patientLabel
            self.synonyms = synonyms
            self.parents = parents
            self.icd10cm = icd10cm
            self.snomedCT = snomedCT
            self.source = source
        }
    }

    /// One kind's entries and how words reach them.
    struct Table: Sendable {
        var terms: [Term] = []
        /// Every normalised id and synonym, to the entry's index.
        var keys: [String: Int] = [:]
        /// Where each entry was defined (nil for the built-in entries' when not known).
        var ranges: [SourceRange?] = []
        /// For each entry, itself and every entry above it.
        var lineage: [Set<Int>] = []
        /// What "did you mean" searches, made when first asked for: most runs never ask.
        var search = SearchBox()

        mutating func relink() {
            let byID = Dictionary(terms.indices.map { (terms[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
            var memo: [Set<Int>?] = Array(repeating: nil, count: terms.count)
            // Iterative, so that a long chain cannot exhaust the stack; cycles are refused when
            // entries are added, and a visited set keeps a walk finite regardless.
            for start in terms.indices {
                var seen: Set<Int> = [start]
                var pending = [start]
                while let next = pending.popLast() {
                    if let known = memo[next], next != start {
                        seen.formUnion(known)
                        continue
                    }
                    for parent in terms[next].parents {
                        if let index = byID[parent], seen.insert(index).inserted { pending.append(index) }
                    }
                }
                memo[start] = seen
            }
            lineage = memo.map { $0 ?? [] }
            search = SearchBox()
        }
    }

    /// The keys of a table, indexed for "did you mean".
    struct Search: Sendable {
        /// Every key, sorted.
        let sortedKeys: [String]
        /// The keys, indexed by spelling.
        let index: SuggestionIndex
        /// For each word of a key, the keys (indices into `sortedKeys`) that have it.
        let keysByWord: [Substring: [Int]]

        init(keys: [String: Int]) {
            sortedKeys = keys.keys.sorted()
            index = SuggestionIndex(sortedKeys)
            var byWord: [Substring: [Int]] = [:]
            for (index, key) in sortedKeys.enumerated() {
                for word in Set(key.split(separator: "-")) { byWord[word, default: []].append(index) }
            }
            keysByWord = byWord
        }
    }

    /// A `Search` made once, by whichever thread asks first, and shared by every copy of the
    /// table it belongs to.
    final class SearchBox: @unchecked Sendable {
        private let lock = NSLock()
        private var made: Search?

        func search(_ keys: [String: Int]) -> Search {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let search = Search(keys: keys)
            made = search
            return search
        }
    }

    var tables: [TermKind: Table] = [.condition: Table(), .movement: Table()]

    /// A vocabulary with no entries.
    public init() {}

    /// A vocabulary of `terms` already checked (the built-in vocabulary, compiled in): each id
    /// and synonym is taken to name one entry, and each parent to be an entry.
    public init(checked terms: [Term]) {
        for kind in TermKind.allCases {
            var table = Table()
            table.terms = terms.filter { $0.kind == kind }
            table.ranges = Array(repeating: nil, count: table.terms.count)
            for (index, term) in table.terms.enumerated() {
                table.keys[term.id] = index
                for synonym in term.synonyms { table.keys[Self.key(synonym)] = index }
            }
            table.relink()
            tables[kind] = table
        }
    }

    // MARK: Words

    /// The form words are compared in: lower case, accents and apostrophes dropped, and every
    /// run of other characters one hyphen (`Total hip arthroplasty` → `total-hip-arthroplasty`,
    /// `Parkinson's disease` → `parkinsons-disease`).
    public static func key(_ word: String) -> String {
        if Identifier.isValid(word) { return word }
        // Most words are ASCII, and need no Unicode tables (Foundation's folding is slow enough to
        // show in a cold start). Folded text keeps other letters, which the byte loop then reads
        // as separators, as it does any other byte that is not a-z or 0-9.
        guard !word.utf8.allSatisfy({ $0 < 0x80 }) else { return keyOfBytes(word.utf8.prefix(256)) }
        let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return keyOfBytes(folded.replacingOccurrences(of: "\u{2019}", with: "'").utf8.prefix(256))
    }

    /// `key` of text on its bytes: ASCII letters lower-cased, apostrophes dropped, and every run
    /// of other bytes one hyphen.
    private static func keyOfBytes(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingHyphen = false
        for byte in bytes {
            if byte == UInt8(ascii: "'") { continue }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The entry `word` names (its id or a synonym), if any.
    public func term(_ word: String, _ kind: TermKind) -> Term? {
        guard let table = tables[kind], let index = table.keys[Self.key(word)] else { return nil }
        return table.terms[index]
    }

    /// Whether `word` names an entry.
    public func knows(_ word: String, _ kind: TermKind) -> Bool { term(word, kind) != nil }

    /// The canonical id of `word`, or `word` itself when it names no entry.
    public func canonical(_ word: String, _ kind: TermKind) -> String { term(word, kind)?.id ?? word }

    /// Whether what `specific` names is what `general` names, or a kind of it: a rule written
    /// for `general` applies to it. Words that name no entry cover only themselves.
    public func covers(_ general: String, _ specific: String, _ kind: TermKind) -> Bool {
        guard let table = tables[kind] else { return general == specific }
        let generalKey = Self.key(general)
        let specificKey = Self.key(specific)
        guard let g = table.keys[generalKey], let s = table.keys[specificKey] else { return generalKey == specificKey }
        return table.lineage[s].contains(g)
    }

    /// Every entry of `kind`, in the order defined.
    public func terms(_ kind: TermKind) -> [Term] { tables[kind]?.terms ?? [] }

    /// The canonical ids of every entry above `word`'s, nearest first (not its own).
    public func ancestors(of word: String, _ kind: TermKind) -> [String] {
        guard let table = tables[kind], let index = table.keys[Self.key(word)] else { return [] }
        var out: [String] = []
        var level = table.terms[index].parents
        while !level.isEmpty {
            var next: [String] = []
            for id in level where !out.contains(id) && id != table.terms[index].id {
                out.append(id)
                if let parent = table.keys[id] { next += table.terms[parent].parents }
            }
            level = next
        }
        return out
    }

    /// How a finding names what `word` means: its canonical id, and the word as written when
    /// that was another one ("`total-hip-replacement` (written `thr`)").
    public func shown(_ word: String, _ kind: TermKind) -> String {
        let id = canonical(word, kind)
        return id == word ? "`\(id)`" : "`\(id)` (written `\(word)`)"
    }

    // MARK: Suggestions and search

    /// A word close to an unknown one: the word itself (an id or a synonym, as a key), and the
    /// entry it leads to.
    public struct Suggestion: Sendable, Hashable {
        /// The id or synonym, in the form to write it (an identifier).
        public var word: String
        /// The canonical id it names.
        public var id: String
    }

    /// Up to `limit` entries close to `word`: by spelling against every id and synonym, else
    /// by the words it shares with them.
    public func suggestions(for word: String, _ kind: TermKind, limit: Int = 3) -> [Suggestion] {
        guard let table = tables[kind] else { return [] }
        let target = Self.key(word)
        guard !target.isEmpty else { return [] }
        var out: [Suggestion] = []
        func add(_ key: String) {
            guard out.count < limit, let index = table.keys[key] else { return }
            let id = table.terms[index].id
            guard !out.contains(where: { $0.id == id }) else { return }
            out.append(Suggestion(word: key, id: id))
        }
        let search = table.search.search(table.keys)
        for key in search.index.ranked(target) { add(key) }
        if out.isEmpty {
            // No near spelling: entries whose words include all of the unknown word's.
            let postings = Set(target.split(separator: "-").prefix(8)).map { search.keysByWord[$0] ?? [] }
            if var sharing = postings.min(by: { $0.count < $1.count }).map(Set.init) {
                for other in postings where sharing.count > 0 { sharing.formIntersection(other) }
                let keys = sharing.map { search.sortedKeys[$0] }
                for key in keys.sorted(by: { ($0.count, $0) < ($1.count, $1) }) { add(key) }
            }
        }
        return out
    }

    /// How many unknown words of one kind in one file get a "did you mean": a search is cheap,
    /// but a hostile file can hold tens of thousands of words.
    public static let suggestionsPerFile = 200

    /// The "did you mean" help for an unknown word: "did you mean `thr` (`total-hip-replacement`)?"
    public func didYouMean(_ word: String, _ kind: TermKind) -> String? {
        let found = suggestions(for: word, kind)
        guard !found.isEmpty else { return nil }
        let listed = found.map { $0.word == $0.id ? "`\($0.id)`" : "`\($0.word)` (`\($0.id)`)" }
        return "did you mean " + (listed.count == 1 ? listed[0] : listed.dropLast().joined(separator: ", ") + " or " + listed.last!) + "?"
    }

    /// Entries whose id, labels, synonyms or codes contain every word of `query` (any kind when
    /// `kind` is nil), in the order defined.
    public func search(_ query: String, kind: TermKind? = nil) -> [Term] {
        let words = query.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).map {
            $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        let kinds = kind.map { [$0] } ?? TermKind.allCases
        return kinds.flatMap { terms($0) }.filter { term in
            let haystack = ([term.id, term.label, term.patientLabel, term.icd10cm ?? "", term.snomedCT ?? ""] + term.synonyms)
                .joined(separator: " | ").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}
