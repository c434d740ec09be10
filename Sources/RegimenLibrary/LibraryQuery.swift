import Foundation
import RegimenDiagnostics
import RegimenFormat

/// Which exercises of a library to show: filters, each a list of values of which an exercise
/// must match one, and free text of which it must hold every word. Filters left empty keep
/// everything.
public struct LibraryQuery: Sendable {
    /// Regions (`hip`, `lower-leg`): an exercise working any of them.
    public var regions: [String] = []
    /// Kinds (`stretch`, `strength`).
    public var kinds: [String] = []
    /// Levels (`beginner`, `intermediate`, `advanced`).
    public var levels: [String] = []
    /// Movements, in any word the vocabulary accepts: an exercise involving the movement or a
    /// kind of it (`lumbar-flexion` finds `loaded-lumbar-flexion`), as restrictions match.
    public var movements: [String] = []
    /// Equipment, as words (`band`, `firm chair`): an exercise with a piece of equipment whose
    /// name holds every word; `none` for exercises that need nothing.
    public var equipment: [String] = []
    /// Conditions, in any word the vocabulary accepts (`THR`, `hip replacement`): exercises with
    /// a precaution or contraindication that applies to a patient with the condition, as
    /// screening finds them.
    public var conditions: [String] = []
    /// Conditions (as `conditions`): exercises contraindicated for a patient with any of them
    /// are left out.
    public var notContraindicatedFor: [String] = []
    /// Free text: every word in the id, name, purpose, steps or tips.
    public var text: String?

    /// A query that keeps everything.
    public init() {}

    /// A value a filter does not know: what was asked for, and the help.
    public struct Problem: Sendable, Equatable, Error {
        /// "no region is called `hipp`".
        public var message: String
        /// "did you mean `hip`?", or what there is to choose from.
        public var help: String
    }

    /// The values that match nothing there is, each with a "did you mean"; empty when the
    /// query can run. Values come from the command line: the messages quote them as written,
    /// for the caller to show through `Visible`.
    public func problems(in library: ExerciseLibrary, vocabulary: Vocabulary) -> [Problem] {
        var out: [Problem] = []
        func closed<T: RawRepresentable & CaseIterable>(_ values: [String], _ type: T.Type, _ what: String) where T.RawValue == String {
            let names = T.allCases.map(\.rawValue)
            for value in values where T(rawValue: Vocabulary.key(value)) == nil {
                let help = Suggestions.closest(to: Vocabulary.key(value), in: names).map { "did you mean `\($0)`?" }
                out.append(
                    Problem(message: "no \(what) is called `\(value)`", help: help ?? "the \(what)s are: \(names.joined(separator: ", "))"))
            }
        }
        closed(regions, Region.self, "region")
        closed(kinds, ExerciseKind.self, "kind")
        closed(levels, Level.self, "level")
        let used = (
            movements: Set(library.entries.flatMap { $0.exercise.movements.map { Vocabulary.key($0.value) } }),
            conditions: Set(library.entries.flatMap { $0.exercise.precautions.flatMap { $0.conditions.map { Vocabulary.key($0.value) } } })
        )
        // A word the vocabulary does not know is still fine when the library itself uses it.
        for word in movements where !vocabulary.knows(word, .movement) && !used.movements.contains(Vocabulary.key(word)) {
            out.append(
                Problem(
                    message: "no movement is called `\(word)`",
                    help: vocabulary.didYouMean(word, .movement) ?? "`regimen vocabulary list --kind movement` lists the movements"))
        }
        for word in conditions + notContraindicatedFor
        where !vocabulary.knows(word, .condition) && !used.conditions.contains(Vocabulary.key(word)) {
            out.append(
                Problem(
                    message: "no condition is called `\(word)`",
                    help: vocabulary.didYouMean(word, .condition) ?? "`regimen vocabulary search WORD` finds a condition"))
        }
        let pieces = Array(Set(library.entries.flatMap { $0.exercise.equipment.map(\.value) })).sorted()
        for wanted in equipment where !Self.isNone(wanted) && !pieces.contains(where: { Self.equipment($0, holds: wanted) }) {
            let words = Set(pieces.flatMap(Self.words)).sorted()
            let near = Self.words(wanted).compactMap { word in words.contains(word) ? word : Suggestions.closest(to: word, in: words) }
            out.append(
                Problem(
                    message: "no exercise needs equipment called `\(wanted)`",
                    help: near.isEmpty || near == Self.words(wanted)
                        ? "`regimen library list` shows what each exercise needs; `none` keeps exercises that need nothing"
                        : "did you mean `\(near.joined(separator: " "))`?"))
        }
        return out
    }

    /// One exercise the query keeps, and how well it matches the text (0 without text).
    public struct Match: Sendable {
        /// The exercise.
        public var entry: ExerciseLibrary.Entry
        /// Higher is better: a word in the name counts most, then the id, the purpose, and the
        /// steps and tips.
        public var score: Int
    }

    /// The exercises of `library` the query keeps: by id without text, best first with it (ties
    /// by id). Run it after `problems` is empty: an unknown value simply matches nothing.
    public func select(from library: ExerciseLibrary, vocabulary: Vocabulary) -> [Match] {
        let words = text.map(Self.words) ?? []
        var out: [Match] = []
        for entry in library.entries where keeps(entry.exercise, vocabulary) {
            if words.isEmpty {
                out.append(Match(entry: entry, score: 0))
            } else if let score = Self.score(entry.exercise, words: words, phrase: text.map(Self.words) ?? []) {
                out.append(Match(entry: entry, score: score))
            }
        }
        guard !words.isEmpty else { return out }
        return out.enumerated().sorted { ($1.element.score, $0.offset) < ($0.element.score, $1.offset) }.map(\.element)
    }

    func keeps(_ exercise: Exercise, _ vocabulary: Vocabulary) -> Bool {
        if !regions.isEmpty,
            !exercise.regions.contains(where: { region in regions.contains { Vocabulary.key($0) == region.value.rawValue } })
        {
            return false
        }
        if !kinds.isEmpty, !kinds.contains(where: { Vocabulary.key($0) == exercise.kind?.value.rawValue }) { return false }
        if !levels.isEmpty, !levels.contains(where: { Vocabulary.key($0) == exercise.level?.value.rawValue }) { return false }
        if !movements.isEmpty,
            !exercise.movements.contains(where: { tag in movements.contains { vocabulary.covers($0, tag.value, .movement) } })
        {
            return false
        }
        if !equipment.isEmpty,
            !equipment.contains(where: { wanted in
                Self.isNone(wanted) ? exercise.equipment.isEmpty : exercise.equipment.contains { Self.equipment($0.value, holds: wanted) }
            })
        {
            return false
        }
        // As screening: a precaution written for a condition applies to a patient with that
        // condition or a kind of it.
        func applies(_ precaution: Precaution, to patient: String) -> Bool {
            precaution.conditions.contains { vocabulary.covers($0.value, patient, .condition) }
        }
        if !conditions.isEmpty, !exercise.precautions.contains(where: { p in conditions.contains { applies(p, to: $0) } }) {
            return false
        }
        if exercise.precautions.contains(where: { p in
            p.level.value == .contraindicated && notContraindicatedFor.contains { applies(p, to: $0) }
        }) {
            return false
        }
        return true
    }

    // MARK: Text

    /// `text` as words to compare: lower case, accents off, split at anything that is not a
    /// letter or a digit.
    public static func words(_ text: String) -> [String] {
        text.prefix(10_000).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Whether `wanted` asks for exercises that need nothing.
    static func isNone(_ wanted: String) -> Bool {
        words(wanted) == ["none"]
    }

    /// Whether the equipment `piece` holds every word of `wanted` (a word also matching the
    /// start of a longer one: `band` finds `bands`).
    static func equipment(_ piece: String, holds wanted: String) -> Bool {
        let have = words(piece)
        let want = words(wanted)
        return !want.isEmpty && want.allSatisfy { word in have.contains { $0 == word || $0.hasPrefix(word) } }
    }

    /// How well `exercise` matches the words of a search; nil when some word is nowhere in it.
    /// Each word counts by the best field it is in, a whole word more than the start of one
    /// (`stretch` in `stretches`, for words of three letters or more); the whole text in the
    /// name, or as the name, counts extra.
    static func score(_ exercise: Exercise, words query: [String], phrase: [String]) -> Int? {
        let name = words(exercise.name.value)
        let fields: [(words: [String], weight: Int)] = [
            (name, 10),
            (exercise.id.value.split(separator: "-").map(String.init), 8),
            (words(exercise.purpose?.value ?? ""), 3),
            (exercise.steps.flatMap { words($0.value) } + (exercise.position.map { words($0.value) } ?? []), 1),
            (exercise.cues.flatMap { words($0.value) }, 1),
        ]
        var total = 0
        for word in query {
            var best = 0
            for field in fields {
                if field.words.contains(word) {
                    best = max(best, field.weight * 2)
                } else if word.count >= 3, field.words.contains(where: { $0.hasPrefix(word) }) {
                    best = max(best, field.weight)
                }
            }
            guard best > 0 else { return nil }
            total += best
        }
        if name == phrase {
            total += 50
        } else if contains(name, phrase) {
            total += 20
        }
        return total
    }

    /// Whether `words` holds `run` as consecutive words.
    static func contains(_ words: [String], _ run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= words.count else { return false }
        return (0...(words.count - run.count)).contains { Array(words[$0..<($0 + run.count)]) == run }
    }
}
