import Foundation
import RegimenExport
import RegimenFormat

/// What `regimen library … --format json` prints: a versioned document, documented in
/// docs/library.md. Keys are camelCase as in the plan; absent values are left out.
public struct LibraryListing: Codable, Sendable, Equatable {
    /// The document's version: 1.
    public var library = 1
    /// The exercises, in the order the command lists them.
    public var exercises: [Exercise]

    /// A listing of `exercises`.
    public init(exercises: [Exercise]) {
        self.exercises = exercises
    }

    /// One exercise.
    public struct Exercise: Codable, Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its name.
        public var name: String
        /// The file it is defined in, as shown (relative to the current directory when inside it).
        public var file: String
        /// The line its definition starts on.
        public var line: Int
        /// Its kind.
        public var kind: ExerciseKind?
        /// The regions it works.
        public var regions: [Region]
        /// Its movement tags, as written.
        public var movements: [String]
        /// What it needs.
        public var equipment: [String]
        /// How demanding it is.
        public var level: Level?
        /// What it is for.
        public var purpose: String?
        /// The conditions its precautions are for, and how strongly.
        public var precautions: [Precaution]
        /// The harder exercise to move on to.
        public var progressTo: String?
        /// The easier exercise to fall back to.
        public var regressTo: String?
        /// How well it matched a search (`search` only): higher is better.
        public var score: Int?
        /// The handout's cards: the exercise, then its easier and harder versions (`show` only).
        public var cards: [Handout.Card]?

        /// `entry` as listed, with its search score and cards when there are any.
        public init(_ entry: ExerciseLibrary.Entry, score: Int? = nil, cards: [Handout.Card]? = nil) {
            let e = entry.exercise
            id = entry.id
            name = entry.name
            file = entry.file
            line = entry.line
            kind = e.kind?.value
            regions = e.regions.map(\.value)
            movements = e.movements.map(\.value)
            equipment = e.equipment.map(\.value)
            level = e.level?.value
            purpose = e.purpose?.value
            precautions = e.precautions.map { Precaution(conditions: $0.conditions.map(\.value), level: $0.level.value) }
            progressTo = e.progressTo?.value
            regressTo = e.regressTo?.value
            self.score = score
            self.cards = cards
        }
    }

    /// A precaution, in brief.
    public struct Precaution: Codable, Sendable, Equatable {
        /// The conditions, as written.
        public var conditions: [String]
        /// `contraindicated` or `precaution`.
        public var level: PrecautionLevel
    }

    /// The document as JSON: sorted keys, two-space indent, ending in a newline.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
