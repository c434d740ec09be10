import RegimenDiagnostics

/// "Did you mean" for a word that names no exercise: the defined exercises closest to it, by id
/// and by name. A clinician may write the id nearly right (`hamstring-strech`), the name instead
/// of the id (`use: bird dog`, `use: Clam`), or a few words of the name (`buttock stretch`).
public enum ExerciseSuggestions {
    /// An exercise that can be suggested.
    public struct Candidate: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// Its name, as written.
        public var name: String

        /// The exercise `id`, called `name`.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Up to `limit` of `candidates` close to `word`, nearest first (ties in the order given):
    /// those whose id or name is spelt nearly as `word` is (within the distance
    /// `Suggestions.closest(to:in:)` allows, after both are folded as `Vocabulary.key` folds
    /// words: case, accents and punctuation do not count); when none is, those whose id and name
    /// hold every word of `word`, a word also matching a longer one it begins (`stretch` and
    /// `stretches`, `clam` and `clams`) when the shorter has four letters or more.
    public static func closest(to word: String, in candidates: [Candidate], limit: Int = 3) -> [Candidate] {
        let target = Vocabulary.key(String(word.unicodeScalars.prefix(200)))
        guard !target.isEmpty, limit > 0 else { return [] }
        var near: [(index: Int, distance: Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let distances = [candidate.id, Vocabulary.key(candidate.name)].compactMap { Suggestions.distance(from: target, to: $0) }
            if let distance = distances.min() { near.append((index, distance)) }
        }
        if !near.isEmpty {
            return near.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map { candidates[$0.index] }
        }
        let wanted = target.split(separator: "-")
        var sharing: [(index: Int, extra: Int)] = []
        for (index, candidate) in candidates.enumerated() {
            let words = Set(candidate.id.split(separator: "-") + Vocabulary.key(candidate.name).split(separator: "-"))
            guard wanted.allSatisfy({ want in words.contains { matches(want, $0) } }) else { continue }
            // Fewer words besides the ones asked for: closer to what was meant.
            sharing.append((index, words.count - wanted.count))
        }
        return sharing.sorted { ($0.extra, $0.index) < ($1.extra, $1.index) }.prefix(limit).map { candidates[$0.index] }
    }

    /// Whether `a` and `b` are the same word, or one begins the other and the shorter is long
    /// enough not to match by chance.
    static func matches(_ a: Substring, _ b: Substring) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        return short.count >= 4 && long.hasPrefix(short)
    }

    /// The help for an unknown exercise: "did you mean `clamshell` (Clam)?", or "did you mean
    /// `a` (A), `b` (B) or `c` (C)?"; nil when nothing is close.
    public static func didYouMean(_ word: String, in candidates: [Candidate], limit: Int = 3) -> String? {
        didYouMean(closest(to: word, in: candidates, limit: limit))
    }

    /// The help naming `found` (what `closest(to:in:limit:)` gave); nil when it is empty.
    public static func didYouMean(_ found: [Candidate]) -> String? {
        guard !found.isEmpty else { return nil }
        let listed = found.map { "`\($0.id)` (\(shortName($0.name)))" }
        guard let last = listed.last else { return nil }
        return "did you mean " + (listed.count == 1 ? last : listed.dropLast().joined(separator: ", ") + " or " + last) + "?"
    }

    /// A name on one line and at most 60 characters: a help line names several.
    public static func shortName(_ name: String) -> String {
        let line = name.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 60 ? line : String(line.prefix(59)) + "…"
    }
}
