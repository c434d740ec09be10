import Foundation
import RegimenLoad
import RegimenValidate

/// The seed corpus (`Tests/Fuzz/corpus/`), made from the repository: the sample programmes (each
/// bundled with the library exercises it uses, alone and with a patient), the library files, the
/// examples of every rule and of the format docs, the hostile corpus (`Tests/Hostile/`), the
/// golden plan, and a few more hostile files.
/// `make fuzz-corpus` rewrites the directory; docs/fuzzing.md describes each kind of seed.
public enum FuzzSeeds {
    /// A seed: a file name and a bundle.
    public struct Seed: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// Every seed, made from the repository at `root`.
    public static func all(repository root: URL) -> [Seed] {
        var seeds: [Seed] = []
        func read(_ path: String) -> String? {
            try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        func files(in directory: String, suffix: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(directory).path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted()
        }
        let patients = files(in: "docs/examples/patients", suffix: ".yaml").compactMap { name in
            read("docs/examples/patients/" + name).map { (name: name, text: $0) }
        }

        // Sample programmes with the library exercises they use, alone and for each patient.
        for (programmeIndex, name) in files(in: "programmes", suffix: ".yaml").enumerated() {
            guard let programme = read("programmes/" + name) else { continue }
            let stem = String(name.dropLast(".yaml".count))
            seeds.append(Seed(name: "programme-\(stem)-alone.yaml", bytes: Array(programme.utf8)))
            let libraries = includes(of: programme).compactMap { path in read("programmes/" + path).map { (path: path, text: $0) } }
            let needed = neededExercises(programme: programme, libraries: libraries.map(\.text))
            var reduced = libraries.map { (path: $0.path, text: reduce($0.text, keeping: needed)) }
            // The pictures those exercises show, as placeholder files (RG213 wants them to exist).
            for library in reduced {
                for image in imagePaths(in: library.text) {
                    reduced.append((Paths.join(Paths.directory(of: "/" + library.path), image).dropFirst().description, "(a picture)\n"))
                }
            }
            seeds.append(Seed(name: "programme-\(stem).yaml", bytes: FuzzHarness.bundle(programme: programme, files: reduced)))
            // One patient each, in turn (the fuzzer splices sections between seeds).
            if !patients.isEmpty {
                let patient = patients[programmeIndex % patients.count]
                let patientStem = String(patient.name.dropLast(".yaml".count))
                seeds.append(
                    Seed(
                        name: "programme-\(stem)-\(patientStem).yaml",
                        bytes: FuzzHarness.bundle(programme: programme, files: reduced + [(FuzzHarness.patientPath, patient.text)])))
            }
        }
        // Library files on their own (as the first file: validated, then refused as no programme).
        for name in files(in: "programmes/library", suffix: ".yaml") {
            if let text = read("programmes/library/" + name) { seeds.append(Seed(name: "library-\(name)", bytes: Array(text.utf8))) }
        }
        // The examples: the deliberate mistakes, each patient with a small programme.
        for name in files(in: "docs/examples", suffix: ".yaml") {
            if let text = read("docs/examples/" + name) { seeds.append(Seed(name: "example-\(name)", bytes: Array(text.utf8))) }
        }
        // The mistakes corpus: a realistic programme with one typical slip each (docs/mistakes.md).
        for name in files(in: "docs/examples/mistakes", suffix: ".yaml") {
            if let text = read("docs/examples/mistakes/" + name) { seeds.append(Seed(name: "mistake-\(name)", bytes: Array(text.utf8))) }
        }
        for patient in patients {
            seeds.append(
                Seed(
                    name: "patient-\(patient.name)",
                    bytes: FuzzHarness.bundle(programme: smallProgramme, files: [(FuzzHarness.patientPath, patient.text)])))
        }
        // Every rule's examples, failing and passing, with their files and patients.
        for rule in RuleRegistry.builtIn.rules {
            let descriptor = rule.descriptor
            for (kind, examples) in [("fail", descriptor.triggering), ("pass", descriptor.nonTriggering)] {
                for (index, example) in examples.enumerated() {
                    var files = example.files.sorted { $0.key < $1.key }.map { (path: $0.key, text: $0.value) }
                    if let patient = example.patient { files.append((FuzzHarness.patientPath, patient)) }
                    seeds.append(
                        Seed(
                            name: "rule-\(descriptor.code)-\(kind)-\(index + 1).yaml",
                            bytes: FuzzHarness.bundle(programme: example.text, files: files)))
                }
            }
        }
        // The YAML examples of the format docs.
        for document in ["docs/format.md", "docs/library.md"] {
            guard let text = read(document) else { continue }
            let stem = document.dropFirst("docs/".count).dropLast(".md".count)
            for (index, example) in yamlBlocks(text).enumerated() {
                seeds.append(Seed(name: "doc-\(stem)-\(index + 1).yaml", bytes: Array(example.utf8)))
            }
        }
        // The hostile corpus of HostileCorpusTests, each file with the others it names beside it.
        let hostileNames = files(in: "Tests/Hostile", suffix: ".yaml")
        for name in hostileNames {
            guard let data = try? Data(contentsOf: root.appendingPathComponent("Tests/Hostile/" + name)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let named = hostileNames.filter { $0 != name && text.contains($0) }.compactMap { other in
                read("Tests/Hostile/" + other).map { (path: other, text: $0) }
            }
            let bytes = named.isEmpty ? [UInt8](data) : FuzzHarness.bundle(programme: text, files: named)
            seeds.append(Seed(name: "hostile-corpus-\(name)", bytes: bytes))
        }
        // The golden plan: JSON is YAML too, in flow style.
        if let plan = read("Tests/RegimenTests/Fixtures/golden/sciatica.plan.json") {
            seeds.append(Seed(name: "fixture-sciatica.plan.json", bytes: Array(plan.utf8)))
        }
        // The small programme using the harness's default library, and hostile files.
        seeds.append(Seed(name: "small-programme.yaml", bytes: Array(smallProgramme.utf8)))
        seeds.append(
            Seed(
                name: "small-programme-embedded-images.yaml",
                bytes: FuzzHarness.bundle(programme: smallProgramme, files: [(FuzzHarness.embedImagesPath, "")])))
        seeds.append(contentsOf: hostile)
        return seeds.filter { $0.bytes.count <= FuzzHarness.limits.maxFileBytes }
    }

    /// A valid programme that uses the default library's exercises, with a progression.
    public static let smallProgramme = """
        regimen: 1
        id: fuzz-basics
        title: Fuzz basics
        condition: [low-back-pain]
        library: [library/lib.yaml]
        red-flags: [Numbness in the saddle area]
        exclusions: [cauda-equina-syndrome, { condition: fracture, why: needs imaging }]
        restrictions:
          - { movement: lumbar-flexion, level: precaution, weeks: 1-2, why: Bending can flare the pain }
        phases:
          - id: settle
            title: Settle
            weeks: 1-2
            sessions: 2 per day
            items:
              - use: knee-hug
                dose: { reps: 10, hold: 5s, side: affected }
          - id: build
            weeks: 3-6
            sessions: 3x/week
            advance-when: [Pain 3/10 or less]
            items:
              - use: bridge
                dose: { sets: 2, reps: 8, hold: 3s, rest: 1 min, tempo: 2-1-2, intensity: RPE 5-7, load: bodyweight }
                progress: { every: 1 week, reps: +2, hold: +1s, until: { reps: 12, hold: 6s } }
                notes: Only as far as is comfortable

        """

    /// Hand-written hostile files: each limit, each refused YAML feature, odd encodings.
    static var hostile: [Seed] {
        func seed(_ name: String, _ text: String) -> Seed { Seed(name: "hostile-\(name).yaml", bytes: Array(text.utf8)) }
        let laughs =
            ["regimen: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            + zip("abcdefghi", "bcdefghij").map { previous, name in
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]"
            }
        return [
            seed("billion-laughs", laughs.joined(separator: "\n") + "\n"),
            seed("aliases", "regimen: 1\nx: &x 1\nlist: [" + Array(repeating: "*x", count: 300).joined(separator: ", ") + "]\n"),
            seed("deep-flow", "regimen: [" + String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_001) + "\n"),
            seed("deep-block", "regimen: 1\nx:\n" + String(repeating: "- ", count: 2_000) + "x\n"),
            seed("tags", "regimen: 1\nid: !!python/object:os.system x\ntitle: !shout Hi\nphases: !!seq []\n"),
            seed(
                "merge",
                smallProgramme.replacingOccurrences(of: "dose: { reps: 10", with: "dose: { <<: *base, reps: 10")
                    .replacingOccurrences(of: "red-flags:", with: "base: &base { sets: 3 }\nred-flags:")),
            seed("duplicates", smallProgramme.replacingOccurrences(of: "title: Fuzz basics", with: "title: Fuzz basics\ntitle: Again")),
            seed("documents", smallProgramme + "---\n" + smallProgramme + "...\n"),
            seed("directives", "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\n" + smallProgramme),
            seed(
                "includes",
                smallProgramme.replacingOccurrences(
                    of: "library: [library/lib.yaml]",
                    with: "library: [library/lib.yaml, ../../etc/passwd, /etc/passwd, programme.yaml, library, library/lib.yml]")),
            seed(
                "weeks",
                smallProgramme.replacingOccurrences(of: "weeks: 3-6", with: "weeks: 3-104")
                    .replacingOccurrences(of: "every: 1 week", with: "every: 1 weeks")),
            seed(
                "numbers",
                smallProgramme.replacingOccurrences(of: "reps: 10", with: "reps: 99999999999999999999")
                    .replacingOccurrences(of: "hold: 5s", with: "hold: .nan").replacingOccurrences(of: "reps: 8", with: "reps: 2.5")),
            seed("crlf", smallProgramme.replacingOccurrences(of: "\n", with: "\r\n")),
            seed("cr", smallProgramme.replacingOccurrences(of: "\n", with: "\r")),
            seed(
                "unicode",
                smallProgramme.replacingOccurrences(
                    of: "title: Fuzz basics", with: "title: \"Fu\\u0000zz \\U0001F600 e\u{301}\u{2028}x\u{85}\"")),
            seed("tabs", "regimen: 1\nphases:\n\t- id: a\n"),
            seed("complex-key", "regimen: 1\n? [a, b]\n: c\n? { x: y }\n: d\n"),
            Seed(
                name: "hostile-bom-utf16.yaml",
                bytes: [0xFF, 0xFE] + Array("regimen: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
            Seed(name: "hostile-bad-utf8.yaml", bytes: Array("regimen: 1\ntitle: caf".utf8) + [0xC3, 0x28, 0x0A, 0x00, 0xFF, 0x0A]),
            Seed(name: "hostile-bom-utf8.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(smallProgramme.utf8)),
            seed("empty", ""),
        ]
    }

    /// The `library:` entries of a programme (a flow list on one line, as the samples write it).
    static func includes(of programme: String) -> [String] {
        for line in programme.split(separator: "\n") where line.hasPrefix("library:") {
            let list = line.dropFirst("library:".count).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
            return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return []
    }

    /// The ids a programme uses, with the exercises they progress and regress to, transitively.
    static func neededExercises(programme: String, libraries: [String]) -> Set<String> {
        var blocks: [String: String] = [:]
        for library in libraries {
            for block in exerciseBlocks(library).blocks where blocks[block.id] == nil { blocks[block.id] = block.text }
        }
        var needed = Set<String>()
        var pending = references(in: programme)
        while let id = pending.popLast() {
            guard needed.insert(id).inserted, let text = blocks[id] else { continue }
            pending.append(contentsOf: references(in: text))
        }
        return needed
    }

    /// The paths after `path:` (of images).
    static func imagePaths(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            var rest = Substring(line.trimmingCharacters(in: .whitespaces))
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
            return rest.hasPrefix("path:") ? rest.dropFirst("path:".count).trimmingCharacters(in: .whitespaces) : nil
        }
    }

    /// The identifiers after `use:`, `progress-to:` and `regress-to:`.
    static func references(in text: String) -> [String] {
        var ids: [String] = []
        for line in text.split(separator: "\n") {
            var rest = Substring(line.trimmingCharacters(in: .whitespaces))
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
            for key in ["use:", "progress-to:", "regress-to:"] where rest.hasPrefix(key) {
                ids.append(rest.dropFirst(key.count).trimmingCharacters(in: .whitespaces))
            }
        }
        return ids
    }

    /// A library file's text up to its exercises, and each exercise's block of lines (an
    /// exercise starts at a line `  id:` under `exercises:`, as the samples are written).
    static func exerciseBlocks(_ library: String) -> (head: String, blocks: [(id: String, text: String)]) {
        var head: [Substring] = []
        var blocks: [(id: String, lines: [Substring])] = []
        var inExercises = false
        for line in library.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inExercises {
                head.append(line)
                inExercises = line == "exercises:"
            } else if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                blocks.append((String(line.dropFirst(2).dropLast()), [line]))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].lines.append(line)
            } else {
                head.append(line)
            }
        }
        return (head.joined(separator: "\n"), blocks.map { ($0.id, $0.lines.joined(separator: "\n")) })
    }

    /// `library` with only the exercises in `keeping`.
    static func reduce(_ library: String, keeping: Set<String>) -> String {
        let (head, blocks) = exerciseBlocks(library)
        let kept = blocks.filter { keeping.contains($0.id) }.map(\.text)
        guard !kept.isEmpty else { return head.replacingOccurrences(of: "exercises:", with: "exercises: {}") + "\n" }
        return ([head] + kept).joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    /// The bodies of the ```yaml blocks of a Markdown text.
    static func yamlBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```yaml" {
                current = []
            } else if let lines = current, trimmed == "```" {
                blocks.append(lines.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }
}
