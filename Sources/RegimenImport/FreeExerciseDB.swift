import Foundation
import RegimenFormat
import RegimenLoad
import Yams

/// One exercise of free-exercise-db (public domain), as its exercises.json has it.
public struct FreeExerciseDBEntry: Decodable, Sendable {
    public var id: String
    public var name: String
    public var level: String?
    public var equipment: String?
    public var category: String?
    public var primaryMuscles: [String]?
    public var secondaryMuscles: [String]?
    public var instructions: [String]?
    public var images: [String]?
}

/// Converts free-exercise-db's exercises.json into Regimen library files: one file per body
/// region, exercises in id order, photos copied where the data set has them. Only what the
/// data set says is written; dosage, precautions and movement tags are left for the clinician.
public struct FreeExerciseDBImporter: Sendable {
    /// A library file to write, and the images to copy beside it.
    public struct Output: Sendable {
        /// Files to write, by path relative to the output directory, with their text.
        public var files: [(path: String, text: String)]
        /// Images to copy: from (absolute) → to (relative to the output directory).
        public var images: [(from: String, to: String)]
        /// How many exercises were converted.
        public var exerciseCount: Int
        /// How many have at least one photo.
        public var withPhotos: Int
        /// The ids of exercises the data set gives no instructions for.
        public var withoutSteps: [String]
    }

    /// Why an import failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The credit every imported file and photo carries.
    public static let credit = "free-exercise-db (public domain, Unlicense)"

    /// Whether an image exists at a path (absolute).
    public var fileExists: @Sendable (String) -> Bool

    /// An importer that checks image files on the disk.
    public init(fileExists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) {
        self.fileExists = fileExists
    }

    /// Converts the data set's JSON; `imagesDirectory` is where its `images/` folder is.
    public func convert(json: Data, imagesDirectory: String) throws(Failure) -> Output {
        let entries: [FreeExerciseDBEntry]
        do {
            entries = try JSONDecoder().decode([FreeExerciseDBEntry].self, from: json)
        } catch {
            throw Failure(description: "exercises.json is not the free-exercise-db format (\(Self.describe(error)))")
        }
        var usedIDs = Set<String>()
        var byRegion: [String: [(id: String, node: Node)]] = [:]
        var images: [(from: String, to: String)] = []
        var withPhotos = 0
        var withoutSteps: [String] = []
        for entry in entries.sorted(by: { $0.id < $1.id }) {
            let id = Self.uniqueID(for: entry, used: &usedIDs)
            var pairs: [(Node, Node)] = [(Self.key("name"), Self.text(entry.name))]
            if let kind = entry.category.flatMap(Self.kind) { pairs.append((Self.key("kind"), Self.text(kind.rawValue))) }
            let regions = Self.regions(entry)
            if !regions.isEmpty { pairs.append((Self.key("region"), Self.list(regions.map(\.rawValue)))) }
            if let equipment = entry.equipment, equipment != "body only" { pairs.append((Self.key("equipment"), Self.list([equipment]))) }
            if let level = entry.level.flatMap(Self.level) { pairs.append((Self.key("level"), Self.text(level.rawValue))) }
            var instructions = (entry.instructions ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            // The data set often opens with the starting position; the format has a key for it.
            if instructions.count > 1, instructions[0].lowercased().contains("starting position") {
                pairs.append((Self.key("position"), Self.text(instructions.removeFirst())))
            }
            if instructions.isEmpty { withoutSteps.append(id) }
            pairs.append((Self.key("steps"), Self.list(instructions)))
            var photos: [Node] = []
            let available = (entry.images ?? []).filter { Self.isSafeRelativePath($0) && fileExists(imagesDirectory + "/" + $0) }
            for (index, path) in available.enumerated() {
                images.append((from: imagesDirectory + "/" + path, to: "images/" + path))
                photos.append(
                    Node.mapping(
                        Node.Mapping([
                            (Self.key("path"), Self.text("images/" + path)),
                            (Self.key("alt"), Self.text("Photo \(index + 1) of \(available.count): \(entry.name)")),
                            (Self.key("credit"), Self.text(Self.credit)),
                        ])))
            }
            if !photos.isEmpty {
                withPhotos += 1
                pairs.append((Self.key("images"), Node.sequence(Node.Sequence(photos))))
            }
            byRegion[regions.first?.rawValue ?? "other", default: []].append((id, Node.mapping(Node.Mapping(pairs))))
        }
        var files: [(path: String, text: String)] = []
        for (region, exercises) in byRegion.sorted(by: { $0.key < $1.key }) {
            let document = Node.mapping(
                Node.Mapping([
                    (Self.key("regimen-library"), Node.scalar(.init("1"))),
                    (Self.key("title"), Self.text(Self.title(region) + " (imported from free-exercise-db)")),
                    (Self.key("credits"), Self.list(["Exercises and photos: " + Self.credit])),
                    (Self.key("exercises"), Node.mapping(Node.Mapping(exercises.map { (Self.key($0.id), $0.node) }))),
                ]))
            let body: String
            do {
                body = try Yams.serialize(node: document, indent: 2, width: -1, allowUnicode: true)
            } catch {
                throw Failure(description: "the library file for `\(region)` could not be written as YAML")
            }
            let header = """
                # Imported by `regimen import free-exercise-db` from free-exercise-db (public domain,
                # Unlicense). The data set has no dosage, precautions or movement tags: add them before
                # prescribing these exercises.

                """
            files.append((path: region + ".yaml", text: header + body))
        }
        return Output(files: files, images: images, exerciseCount: entries.count, withPhotos: withPhotos, withoutSteps: withoutSteps)
    }

    // MARK: Mapping the data set's vocabulary

    static func kind(_ category: String) -> ExerciseKind? {
        switch category {
        case "strength": .strength
        case "stretching": .stretch
        case "plyometrics": .plyometric
        case "powerlifting", "olympic weightlifting", "strongman": .power
        case "cardio": .aerobic
        default: nil
        }
    }

    static func level(_ level: String) -> Level? {
        switch level {
        case "beginner": .beginner
        case "intermediate": .intermediate
        case "expert": .advanced
        default: nil
        }
    }

    static func region(ofMuscle muscle: String) -> Region? {
        switch muscle {
        case "abdominals": .abdomen
        case "quadriceps", "hamstrings": .thigh
        case "glutes": .buttock
        case "calves": .lowerLeg
        case "lower back": .lumbar
        case "middle back", "lats": .thoracic
        case "traps", "shoulders": .shoulder
        case "neck": .neck
        case "chest": .chest
        case "biceps", "triceps": .upperArm
        case "forearms": .forearm
        case "adductors", "abductors": .hip
        default: nil
        }
    }

    /// Regions from the primary muscles, then the secondary ones, without repeats.
    static func regions(_ entry: FreeExerciseDBEntry) -> [Region] {
        var out: [Region] = []
        for muscle in (entry.primaryMuscles ?? []) + (entry.secondaryMuscles ?? []) {
            if let region = region(ofMuscle: muscle), !out.contains(region) { out.append(region) }
        }
        return out
    }

    static func title(_ region: String) -> String {
        region.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    static func uniqueID(for entry: FreeExerciseDBEntry, used: inout Set<String>) -> String {
        let base = Identifier.suggestion(for: entry.id) ?? Identifier.suggestion(for: entry.name) ?? "exercise"
        var id = String(base.prefix(72))
        while id.hasSuffix("-") { id.removeLast() }
        var candidate = id
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Image paths from the data set stay inside its images folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..") && !path.contains("\0")
    }

    // MARK: YAML nodes

    static func key(_ name: String) -> Node { Node.scalar(.init(name)) }

    /// Text that reads back as the same text: quoted whenever plain YAML would read it as
    /// something else (a number, a boolean, null) or could not hold it.
    static func text(_ value: String) -> Node {
        Node.scalar(.init(value, Tag(.str), YAMLNode.yaml11Booleans.contains(value) ? .doubleQuoted : .any))
    }

    static func list(_ values: [String]) -> Node { Node.sequence(Node.Sequence(values.map(text))) }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing `\(key.stringValue)` at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "malformed JSON"
        }
    }
}
