import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenExport
import RegimenFormat
import RegimenLibrary
import RegimenLoad
import RegimenValidate
import RegimenVocabulary
import Testing

/// `regimen library list|search|show` as a clinician meets it, through the binary run in the
/// repository (exit codes, output, JSON parsed by Python's json), and the library module.
@Suite struct LibraryCommandTests {
    /// The library the sample programmes use.
    static let from = ["--from", "programmes/library"]

    static func run(_ arguments: [String], in directory: URL = Harness.repositoryRoot) throws -> (status: Int32, out: String, err: String) {
        try BinaryTests.run(["library"] + arguments, in: directory)
    }

    /// The JSON listing, read by Python's json module (the consumer a clinic's script uses):
    /// the ids in order, and every exercise's keys.
    static func parsed(_ json: String) throws -> (ids: [String], keys: Set<String>) {
        let script = """
            import json, sys
            doc = json.load(sys.stdin)
            assert doc["library"] == 1, doc.get("library")
            for e in doc["exercises"]:
                assert isinstance(e["id"], str) and isinstance(e["name"], str) and isinstance(e["line"], int)
                assert isinstance(e["regions"], list) and isinstance(e["precautions"], list)
            print(" ".join(e["id"] for e in doc["exercises"]))
            print(" ".join(sorted(set(k for e in doc["exercises"] for k in e))))
            """
        let result = try Python.run(script, input: json)
        #expect(result.status == 0, "\(result.out)")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (
            lines.first.map { $0.split(separator: " ").map(String.init) } ?? [],
            Set((lines.dropFirst().first ?? "").split(separator: " ").map(String.init))
        )
    }

    @Test func listPrintsEveryExerciseOnceByID() throws {
        let result = try Self.run(["list"] + Self.from)
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID ") == true && lines.first?.contains("EQUIPMENT") == true)
        // docs/library.md: 103 exercises in all.
        #expect(lines.count == 1 + 103, "\(lines.count)")
        #expect(result.out.contains("clamshell "))
        let ids = lines.dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(ids == ids.sorted())
    }

    /// Each filter keeps what it says, as read back from the JSON.
    @Test(arguments: [
        (["--region", "hip", "--level", "beginner"], "clamshell", "hip-hitch"),
        (["--kind", "stretch"], "piriformis-stretch", "clamshell"),
        (["--region", "Lower Leg"], "heel-raise", "clamshell"),
        (["--equipment", "band"], "band-row", "walking"),
        (["--equipment", "none"], "ankle-pumps", "clamshell"),
        (["--condition", "THR"], "piriformis-stretch-supine", "clamshell"),
        (["--condition", "total hip arthroplasty"], "piriformis-stretch-supine", "clamshell"),
        (["--not-contraindicated-for", "THR", "--region", "buttock"], "clamshell", "piriformis-stretch-supine"),
        // A restriction on lumbar flexion catches loaded lumbar flexion (the vocabulary's is-a).
        (["--movement", "lumbar-flexion"], "swan-dive-flat-back", "cobra-stretch"),
        (["--movement", "lumbar-flexion"], "knee-to-chest", "clamshell"),
        (["--movement", "lumbar-flexion", "--movement", "lumbar-extension"], "cobra-stretch", "clamshell"),
    ])
    func filtersKeepWhatTheySay(_ filters: [String], _ kept: String, _ leftOut: String) throws {
        let result = try Self.run(["list", "--format", "json"] + Self.from + filters)
        #expect(result.status == 0, "\(result.err)")
        let ids = try Self.parsed(result.out).ids
        #expect(ids.contains(kept), "\(filters): \(ids)")
        #expect(!ids.contains(leftOut), "\(filters): \(ids)")
    }

    /// A value no filter knows is a usage error (exit 2) with "did you mean", and nothing is
    /// printed on standard output.
    @Test(arguments: [
        (["--region", "hipp"], "no region is called `hipp`", "did you mean `hip`?"),
        (["--kind", "strech"], "no kind is called `strech`", "did you mean `stretch`?"),
        (["--level", "beginer"], "no level is called `beginer`", "did you mean `beginner`?"),
        (["--region", "xyzzy"], "no region is called `xyzzy`", "the regions are: neck, thoracic"),
        (["--condition", "osteoporsis"], "no condition is called `osteoporsis`", "did you mean `osteoporosis`?"),
        (["--movement", "lumbar-flexon"], "no movement is called `lumbar-flexon`", "did you mean `lumbar-flexion`"),
        (["--equipment", "resistence band"], "no exercise needs equipment called `resistence band`", "did you mean `resistance band`?"),
    ])
    func unknownFilterValuesSuggest(_ filters: [String], _ message: String, _ help: String) throws {
        let result = try Self.run(["list"] + Self.from + filters)
        #expect(result.status == 2, "\(result.out)\(result.err)")
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: \(message)\nhelp: \(help)"), "\(result.err)")
    }

    /// Search ranks a name match first, ignores case and accents, and reports a miss with the
    /// nearest exercise.
    @Test(arguments: [
        (["buttock", "stretch"], ["piriformis-stretch", "piriformis-stretch-supine", "seated-piriformis-stretch"]),
        (["BUTTOCK", "STRÉTCH"], ["piriformis-stretch", "piriformis-stretch-supine", "seated-piriformis-stretch"]),
        (["clam"], ["clamshell"]),
        (["knee", "chest"], ["knee-to-chest", "double-knee-to-chest"]),
    ])
    func searchRanksNamesFirst(_ words: [String], _ first: [String]) throws {
        let result = try Self.run(["search"] + words + Self.from + ["--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let parsed = try Self.parsed(result.out)
        #expect(Set(parsed.ids.prefix(first.count)) == Set(first), "\(words): \(parsed.ids)")
        #expect(parsed.keys.contains("score"))
    }

    @Test func searchFindsWordsInStepsAndTips() throws {
        // "worktop" is in no name, only in steps and equipment of standing exercises.
        let result = try Self.run(["search", "hips", "stacked"] + Self.from)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("clamshell"), "\(result.out)")
    }

    @Test func aSearchThatMatchesNothingExitsOneWithTheNearest() throws {
        let result = try Self.run(["search", "clamshels"] + Self.from)
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("no exercise matches `clamshels`; did you mean `clamshell` (Clam)?"), "\(result.err)")
    }

    @Test func showPrintsTheHandoutCardAndTheFacts() throws {
        let result = try Self.run(["show", "clamshell"] + Self.from)
        #expect(result.status == 0, "\(result.err)")
        let expected = [
            "clamshell: Clam\n  defined in: programmes/library/hip.yaml:172\n  kind:       strength",
            "Card 1. Clam\n------------\nLibrary exercise `clamshell`, from programmes/library/hip.yaml.",
            "What to do:\n  1. Lie on your side with your knees bent and your feet together.",
            "Harder version: card 2, Side-lying leg lift.",
            "Card 2. Side-lying leg lift",
        ]
        for text in expected { #expect(result.out.contains(text), "\(text)\n---\n\(result.out)") }
        // Its own precautions, in the handout's words (no patient was screened).
        let lift = try Self.run(["show", "piriformis-stretch-supine"] + Self.from)
        #expect(lift.out.contains("Do not do this exercise if this applies to you:"), "\(lift.out)")
        #expect(lift.out.contains("  contraindicated: total-hip-replacement"), "\(lift.out)")
    }

    @Test func showJSONHoldsTheCards() throws {
        let result = try Self.run(["show", "clamshell", "--format", "json"] + Self.from)
        #expect(result.status == 0, "\(result.err)")
        let listing = try JSONDecoder().decode(LibraryListing.self, from: Data(result.out.utf8))
        #expect(listing.library == 1)
        let exercise = try #require(listing.exercises.first)
        #expect(exercise.id == "clamshell" && exercise.file == "programmes/library/hip.yaml" && exercise.line == 172)
        #expect(exercise.cards?.map(\.id) == ["clamshell", "side-lying-hip-abduction"])
        #expect(try Self.parsed(result.out).keys.contains("cards"))
    }

    @Test(arguments: [
        ("clamshel", "did you mean `clamshell` (Clam)?"),
        ("bird dog", "did you mean `bird-dog` (Bird dog)?"),
        ("buttock-stretch-lying", "did you mean `piriformis-stretch-supine` (Buttock stretch lying down)?"),
    ])
    func showOfAnUnknownIDSuggests(_ id: String, _ help: String) throws {
        let result = try Self.run(["show", id] + Self.from)
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("error: no exercise is called `\(id)`; \(help)"), "\(result.err)")
    }

    /// A programme brings its own exercises and the library files it includes.
    @Test func aProgrammeBringsItsOwnExercisesAndItsIncludes() throws {
        let result = try Self.run(["list", "--format", "json", "--from", "programmes/sciatica-muscle-imbalance.yaml"])
        #expect(result.status == 0, "\(result.err)")
        let listing = try JSONDecoder().decode(LibraryListing.self, from: Data(result.out.utf8))
        #expect(listing.exercises.contains { $0.id == "walking" && $0.file == "programmes/sciatica-muscle-imbalance.yaml" })
        #expect(listing.exercises.contains { $0.id == "bird-dog" && $0.file == "programmes/library/lumbar.yaml" })
        #expect(!listing.exercises.contains { $0.file == "programmes/library/shoulder.yaml" })
    }

    /// By default, the repository holding the current directory; a missing path is exit 2.
    @Test func theDefaultIsTheRepositoryAndAMissingPathIsAUsageError() throws {
        let root = try CLITests.repository([
            "library/hip.yaml": """
            regimen-library: 1
            exercises:
              clam-shell:
                name: Clam shell
                region: [hip]
                steps: [Lie on your side, Lift your top knee]
            """,
            "programmes/notes.txt": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let listed = try Self.run(["list"], in: root.appendingPathComponent("programmes"))
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("clam-shell  Clam shell  hip"), "\(listed.out)")
        let missing = try Self.run(["list", "--from", "nowhere"], in: root)
        #expect(missing.status == 2)
        #expect(missing.err.contains("error: nowhere: no such file or directory"), "\(missing.err)")
    }

    /// A repository is read as `validate` reads it: the files its `.regimen.yml` ignores are
    /// left out (an old copy of a library kept for reference lists nothing twice).
    @Test func theConfigurationsIgnoredFilesAreLeftOut() throws {
        let library = """
            regimen-library: 1
            exercises:
              clam-shell:
                name: Clam shell
                region: [hip]
                steps: [Lie on your side, Lift your top knee]
            """
        let root = try CLITests.repository([
            ".regimen.yml": "regimen-config: 1\nignore:\n  - archive/**\n",
            "library/hip.yaml": library,
            "archive/hip.yaml": library.replacingOccurrences(of: "clam-shell", with: "old-clam-shell"),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let listed = try Self.run(["list"], in: root)
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("clam-shell  Clam shell  hip"), "\(listed.out)")
        #expect(!listed.out.contains("old-clam-shell"), "\(listed.out)")
        // Named on the command line, an ignored file is still read, as `validate` reads it.
        let named = try Self.run(["list", "--from", "archive/hip.yaml"], in: root)
        #expect(named.out.contains("old-clam-shell"), "\(named.out)")
    }

    /// Text from the files reaches the terminal with hidden characters shown as escapes; the
    /// JSON keeps the exact text, escaped as JSON.
    @Test func hiddenCharactersAreShownNotObeyed() throws {
        let root = try CLITests.repository([
            "library.yaml": """
            regimen-library: 1
            exercises:
              clam-shell:
                name: "Clam\\e[31m shell\\u202E"
                region: [hip]
                equipment: ["::error file=x::owned"]
                steps: [Lie on your side, Lift your top knee]
            """
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        for arguments in [["list"], ["search", "clam"], ["show", "clam-shell"]] {
            let result = try Self.run(arguments, in: root)
            #expect(!result.out.contains("\u{1B}") && !result.out.contains("\u{202E}"), "\(arguments)")
            #expect(!result.out.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("::") }, "\(arguments)")
            #expect(!result.err.contains("\u{1B}"), "\(arguments)")
        }
        let listed = try Self.run(["list"], in: root)
        #expect(listed.out.contains(#"Clam\u{1B}[31m shell\u{202E}"#), "\(listed.out)")
        let json = try Self.run(["list", "--format", "json"], in: root)
        #expect(!json.out.contains("\u{1B}") && json.out.contains(#"\u001b[31m"#), "\(json.out)")
        let listing = try JSONDecoder().decode(LibraryListing.self, from: Data(json.out.utf8))
        #expect(listing.exercises.first?.name == "Clam\u{1B}[31m shell\u{202E}")
    }

    /// A library file with errors: what could be read is listed, and a note names the file
    /// (`regimen validate` reports the errors).
    @Test func filesWithErrorsAreNamed() throws {
        let root = try CLITests.repository([
            "library.yaml": """
            regimen-library: 1
            exercises:
              clam-shell:
                name: Clam shell
                level: expert
                steps: [Lie on your side, Lift your top knee]
            """
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.run(["list"], in: root)
        #expect(result.status == 0)
        #expect(result.out.contains("clam-shell"), "\(result.out)")
        #expect(
            result.err
                == "note: `library.yaml` has errors, so some exercises may be missing or incomplete (`regimen validate` shows the errors)\n",
            "\(result.err)")
    }
}

/// The library module without a process: the show card is the handout's own, and suggestions.
@Suite struct LibraryModuleTests {
    /// `TextExporter.cards(of:)` prints what the whole handout prints for the same cards.
    @Test func theCardsEntryPointPrintsTheHandoutsCards() throws {
        let root = Harness.repositoryRoot.path
        let loader = Loader(root: root)
        let load = loader.load(paths: [root + "/programmes/sciatica-muscle-imbalance.yaml"])
        let programme = try #require(load.programmes.first)
        var diagnostics = DiagnosticCollector()
        let plan = Compiler().compile(programme, load: load, diagnostics: &diagnostics)
        let handout = Handout(plan)
        let whole = TextExporter.handout(handout)
        let cards = TextExporter.cards(of: handout)
        #expect(!cards.isEmpty && whole.contains(cards.trimmingCharacters(in: .newlines)))
        #expect(!cards.contains("HOW TO DO EACH EXERCISE"))
    }

    static let candidates = [
        ("bird-dog", "Bird dog"), ("clam-shell", "Clam shell"), ("hamstring-stretch", "Hamstring stretch"),
        ("piriformis-stretch", "Buttock stretch"), ("clamshell-band", "Clam with a band"),
    ].map { ExerciseSuggestions.Candidate(id: $0.0, name: $0.1) }

    @Test(arguments: [
        ("bird dog", ["bird-dog"]),
        ("Bird Dog", ["bird-dog"]),
        ("clamshells", ["clam-shell"]),
        ("hamstring-strech", ["hamstring-stretch"]),
        ("buttock-stretch", ["piriformis-stretch"]),
        ("Búttock stretch", ["piriformis-stretch"]),
        ("clam-with-band", ["clamshell-band"]),
        ("stretches", ["hamstring-stretch", "piriformis-stretch"]),
        ("knee-rolls", []),
        ("", []),
    ])
    func exerciseSuggestionsMatchIDsAndNames(_ word: String, _ expected: [String]) {
        #expect(ExerciseSuggestions.closest(to: word, in: Self.candidates).map(\.id) == expected, "\(word)")
    }

    @Test func theSameQueryGivesTheSameOrder() throws {
        let root = Harness.repositoryRoot.path
        let library = ExerciseLibrary.read([root + "/programmes/library"], loader: Loader(root: root))
        var query = LibraryQuery()
        query.text = "stretch"
        let first = query.select(from: library, vocabulary: .builtIn).map(\.entry.id)
        #expect(first.count > 10)
        #expect(first == query.select(from: library, vocabulary: .builtIn).map(\.entry.id))
        #expect(query.problems(in: library, vocabulary: .builtIn).isEmpty)
    }
}

/// RG201's help names the closest exercises by id and by name.
@Suite struct UnknownExerciseSuggestionTests {
    static let library = """
        regimen-library: 1
        exercises:
          clam-shell: { name: Clam shell, steps: [Lie on your side] }
          bird-dog: { name: Bird dog, steps: [Kneel on all fours] }
          piriformis-stretch: { name: Buttock stretch, steps: [Lie on your back] }
          hamstring-stretch: { name: Hamstring stretch, steps: [Sit on the floor] }
        """

    static func programme(_ use: String) -> String {
        """
        regimen: 1
        id: hip-basics
        title: Hip basics
        red-flags: [Sudden severe pain]
        library: [library.yaml]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: \(use)
        """
    }

    @Test(arguments: [
        ("clamshells", "did you mean `clam-shell` (Clam shell)?"),
        ("hamstring-strech", "did you mean `hamstring-stretch` (Hamstring stretch)?"),
        ("birddog", "did you mean `bird-dog` (Bird dog)?"),
        ("buttock-stretch", "did you mean `piriformis-stretch` (Buttock stretch)?"),
        ("clam", "did you mean `clam-shell` (Clam shell)?"),
        ("stretch", "did you mean `hamstring-stretch` (Hamstring stretch) or `piriformis-stretch` (Buttock stretch)?"),
        ("knee-rolls", "define it under `exercises:`, or in one of the included library files"),
    ])
    func helpNamesTheClosestExercises(_ use: String, _ help: String) throws {
        let report = Harness.validate(Self.programme(use), files: ["library.yaml": Self.library])
        let finding = try #require(report.diagnostics.first { $0.code == "RG201" }, "\(Harness.summary(report))")
        #expect(finding.message == "exercise `\(use)` is not defined")
        #expect(finding.help == help)
    }
}
