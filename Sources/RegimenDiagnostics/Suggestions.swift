/// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough
/// to be a likely typo.
public enum Suggestions {
    /// The candidate nearest to `word`, if one is within a third of its length (at least 1 edit,
    /// at most 3), ignoring case, `_` versus `-` and spaces.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = normalise(word)
        guard !target.isEmpty else { return nil }
        let limit = min(3, max(1, target.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let normalised = normalise(candidate)
            if normalised == target { return candidate }
            // Only whole-word slips: a prefix ("sess" for "sessions") is not suggested here, since
            // a short prefix of a key is often a different key. Exercise names, where a word may
            // be shortened or pluralised, are matched word by word (`ExerciseSuggestions`).
            let distance = editDistance(target, normalised, limit: limit + 1)
            if distance <= limit, best.map({ distance < $0.1 }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// The edit distance between `word` and `candidate` (compared as `closest(to:in:)` compares
    /// them), when it is within what `closest(to:in:)` allows for `word`; nil when it is not.
    public static func distance(from word: String, to candidate: String) -> Int? {
        let target = normalise(word)
        guard !target.isEmpty else { return nil }
        let limit = min(3, max(1, target.count / 3))
        let distance = editDistance(target, normalise(candidate), limit: limit + 1)
        return distance <= limit ? distance : nil
    }

    static func normalise(_ s: String) -> [Unicode.Scalar] {
        Array(s.lowercased().unicodeScalars.map { $0 == "_" || $0 == " " ? "-" : $0 }.prefix(64))
    }

    /// Levenshtein distance with adjacent transpositions, stopping early past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}

/// "Did you mean" over a fixed list of candidates that is searched many times (a vocabulary's
/// words): each candidate is prepared once, and most are ruled out without an edit distance,
/// by length and by the letter pairs they share, so that a file of thousands of unknown words
/// costs little more than reading it.
public struct SuggestionIndex: Sendable {
    private struct Entry: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        let pairs: Set<UInt64>
    }

    private let entries: [Entry]
    /// Entry indices by normalised length.
    private let byLength: [Int: [Int]]

    /// An index of `candidates`, in the order given (which breaks ties).
    public init(_ candidates: [String]) {
        let entries = candidates.map { text in
            let scalars = Suggestions.normalise(text)
            return Entry(text: text, scalars: scalars, pairs: Self.pairs(scalars))
        }
        var byLength: [Int: [Int]] = [:]
        for (index, entry) in entries.enumerated() { byLength[entry.scalars.count, default: []].append(index) }
        self.entries = entries
        self.byLength = byLength
    }

    /// Each pair of neighbouring characters, with the ends marked, as a number.
    private static func pairs(_ scalars: [Unicode.Scalar]) -> Set<UInt64> {
        var out = Set<UInt64>()
        var previous: UInt64 = 0x11_0000
        for scalar in scalars + ["\u{0}"] {
            let current = UInt64(scalar.value)
            out.insert(previous << 21 | current)
            previous = current
        }
        return out
    }

    /// Every candidate within the distance `Suggestions.closest(to:in:)` allows, nearest first
    /// (ties in the order given).
    public func ranked(_ word: String) -> [String] {
        let target = Suggestions.normalise(word)
        guard !target.isEmpty else { return [] }
        let limit = min(3, max(1, target.count / 3))
        let targetPairs = Self.pairs(target)
        var found: [(index: Int, distance: Int)] = []
        for length in (target.count - limit)...(target.count + limit) {
            for index in byLength[length] ?? [] {
                let entry = entries[index]
                // An edit (or a swap) changes at most three of a word's letter pairs.
                var shared = 0
                for pair in targetPairs where entry.pairs.contains(pair) { shared += 1 }
                guard shared >= entry.pairs.count - 3 * limit else { continue }
                let distance = Suggestions.editDistance(target, entry.scalars, limit: limit + 1)
                if distance <= limit { found.append((index, distance)) }
            }
        }
        return found.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.map { entries[$0.index].text }
    }
}
