import Foundation
import RegimenCompile
import RegimenExport
import Testing

/// The plain-text handout as the real binary writes it: golden files (RECORD=1 re-records
/// them), the 72-column limit, red flags first, and hostile text passed through as text.
@Suite struct TextHandoutTests {
    static let programme = CompileTests.programme
    static let patient = CompileTests.patient

    /// Runs `regimen export … --format text`, expecting success; returns the raw bytes.
    static func export(_ arguments: [String], in directory: URL = Harness.repositoryRoot) throws -> Data {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-handout-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try BinaryTests.run(["export"] + arguments + ["--format", "text", "-o", output.path], in: directory)
        #expect(result.status == 0, "\(result.err)")
        return try Data(contentsOf: output)
    }

    /// The checks every handout must pass: valid UTF-8, lines of at most 72 characters, one
    /// final newline, no control characters but newlines, red flags before the exercises.
    static func expectWellFormed(_ data: Data, firstExercise: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try #require(String(validating: data, as: UTF8.self), "the handout is not valid UTF-8", sourceLocation: sourceLocation)
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), sourceLocation: sourceLocation)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (number, line) in lines.enumerated() {
            #expect(line.count <= 72, "line \(number + 1) has \(line.count) characters: \(line)", sourceLocation: sourceLocation)
            #expect(line.last != " ", "line \(number + 1) ends in a space", sourceLocation: sourceLocation)
        }
        let controls = text.unicodeScalars.filter { $0.properties.generalCategory == .control && $0 != "\n" }
        #expect(controls.isEmpty, "control characters: \(controls.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        let flags = try #require(text.range(of: "STOP AND GET HELP"), sourceLocation: sourceLocation)
        let exercise = try #require(text.range(of: firstExercise), sourceLocation: sourceLocation)
        #expect(flags.upperBound < exercise.lowerBound, "red flags come before the first exercise", sourceLocation: sourceLocation)
    }

    /// The text with its lines joined and indents dropped, for looking up sentences that wrap.
    static func joined(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
    }

    @Test func sciaticaHandoutMatchesTheGoldenFile() throws {
        let data = try Self.export([Self.programme])
        try Self.expectWellFormed(data, firstExercise: "Lying on your elbows")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("<"), "no markup")
        #expect(Self.joined(data).contains("Card 2. Sciatic nerve slider (sitting)"))
        #expect(!text.contains("ABOUT YOU"), "no patient, no patient details")
        // No patient: each card shows the exercise's own precautions, conditions in the patient's words.
        #expect(Self.joined(data).contains("Do not do this exercise if this applies to you: hip replacement."))
        try CompileTests.golden("sciatica.handout.txt", text)
    }

    @Test func sciaticaHandoutForAPatientMatchesTheGoldenFile() throws {
        let data = try Self.export([Self.programme, "--patient", Self.patient])
        try Self.expectWellFormed(data, firstExercise: "Lying on your elbows")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("<"), "no markup")
        let joined = Self.joined(data)
        #expect(joined.contains("You start on Monday 7 December 2026."))
        #expect(joined.contains("Weeks 1 to 2, 7 to 20 December 2026"))
        #expect(joined.contains("Hold for 30 seconds. Do this 3 times on your left side, twice a day."))
        #expect(!joined.contains("the side that hurts"))
        // Screened: the patient's own precaution is printed, in the patient's words; others' are not.
        #expect(joined.contains("Take care with this exercise, because this applies to you: narrowing of the spinal canal."))
        #expect(!joined.contains("applies to you: pregnancy"))
        #expect(!joined.contains("spinal-stenosis") && !joined.contains("spinal stenosis."))
        // A restriction says its movement and its level's words, with the patient's dates.
        #expect(
            joined.contains(
                "- Take care with bending your lower back forwards while lifting or holding a weight in weeks 1 to 4 (7 December 2026 to 3 January 2027)."
            ))
        try CompileTests.golden("sciatica.left-sciatica.handout.txt", text)
    }

    @Test func theGoldenHandoutsAreWellFormed() throws {
        for name in ["sciatica.handout.txt", "sciatica.left-sciatica.handout.txt"] {
            let data = try Data(contentsOf: Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/\(name)"))
            try Self.expectWellFormed(data, firstExercise: "Lying on your elbows")
        }
    }

    @Test func aPlanFileGivesTheSameBytesAsItsProgramme() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for patient in [[], ["--patient", Self.patient]] {
            let planFile = directory.appendingPathComponent("plan.json")
            let compiled = try BinaryTests.run(["compile", Self.programme, "-o", planFile.path] + patient)
            #expect(compiled.status == 0, "\(compiled.err)")
            let fromProgramme = try Self.export([Self.programme] + patient)
            let fromPlan = try Self.export([planFile.path])
            #expect(fromPlan == fromProgramme)
            #expect(try Self.export([Self.programme] + patient) == fromProgramme, "the same input gives the same bytes")
        }
    }

    static let hostile = """
        regimen: 1
        id: neck-basics
        title: "<b>Neck</b> basics &amp; <i>more</i>"
        summary: "Line one\\nline two\\ttabbed [31mred[0m"
        clinician: { name: "Dr <Evil>", contact: "<a href='x'>call</a>" }
        red-flags: ["<script>alert('flag')</script> Sudden severe headache"]
        exercises:
          chin-tuck:
            name: "<script>alert(1)</script> Chin tuck"
            position: "Sitting <tall>"
            steps:
              - "Draw your chin straight back"
              - "Hold, then relax <img src=x onerror=alert(1)>"
              - "\(String(repeating: "Superlongword", count: 12))"
        phases:
          - id: "start"
            title: "</pre><h1>Start</h1>"
            weeks: 1-4
            items:
              - use: chin-tuck
                dose: { reps: 10, hold: 5s }
                notes: "&lt;not an entity&gt;"

        """

    @Test func hostileTextIsPassedThroughAsPlainText() throws {
        let root = try CLITests.repository(["programme.yaml": Self.hostile])
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Self.export(["programme.yaml"], in: root)
        try Self.expectWellFormed(data, firstExercise: "Chin tuck")
        let text = Self.joined(data)
        for fragment in [
            "<b>Neck</b> basics &amp; <i>more</i>", "<script>alert('flag')</script> Sudden severe headache.",
            "<script>alert(1)</script> Chin tuck", "Starting position: Sitting <tall> What to do:", "<img src=x onerror=alert(1)>",
            "</pre><h1>Start</h1>", "Note: &lt;not an entity&gt;", "Prepared by: Dr <Evil>", "Contact: <a href='x'>call</a>",
            // Control characters themselves (`\e`, `\u202E`) are RG107 before a handout is made:
            // EscapingTests.
            "Line one line two tabbed [31mred[0m.",
        ] {
            #expect(text.contains(fragment), "missing: \(fragment)")
        }
        #expect(!text.contains("&lt;script"), "nothing is escaped: it is text")
        // A word longer than a line is broken, not left to overflow.
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains { $0 == "  3. " + String(repeating: "Superlongword", count: 12).prefix(67) })
    }

    @Test(
        arguments: [
            ("short", "", "", 72, ["short"]),
            ("one two three four", "", "", 9, ["one two", "three", "four"]),
            ("one two three", "- ", "  ", 9, ["- one two", "  three"]),
            ("abcdefghijkl", "", "", 5, ["abcde", "fghij", "kl"]),
            ("ab abcdefghijkl", "1. ", "   ", 8, ["1. ab", "   abcde", "   fghij", "   kl"]),
            ("", "- ", "  ", 72, ["-"]),
            ("  lots   of\n\nspace\t ", "", "", 72, ["lots of space"]),
        ] as [(String, String, String, Int, [String])])
    func wrapping(_ text: String, _ indent: String, _ hanging: String, _ width: Int, _ expected: [String]) {
        #expect(TextExporter.wrap(text, width: width, indent: indent, hanging: hanging) == expected)
    }

    @Test func aHugeWordIsBrokenInLinearTime() {
        let lines = TextExporter.wrap(String(repeating: "é", count: 700_070) + " end", indent: "- ", hanging: "  ")
        #expect(lines.count == 10_002)
        #expect(lines.allSatisfy { $0.count <= 72 })
        #expect(lines.last == "  end")
    }

    @Test func anUnusualPlanNeverTrapsAndStaysInsideTheMargin() throws {
        let json = """
            {"plan": 1, "inputs": {"sha256": "", "files": []},
             "programme": {"id": "x", "title": "", "conditions": [], "references": [],
                           "clinician": {"role": "Osteopath", "contact": ""},
                           "delivery": {"education": []}},
             "redFlags": [], "exclusions": [], "restrictions": [{"movement": "m", "level": "contraindicated", "why": ""}],
             "exercises": {"a": {"name": "", "regions": [], "movements": [], "equipment": [""], "steps": ["", "\(String(repeating: "x", count: 500))"],
                                 "cues": [], "mistakes": [], "images": [], "precautions": [{"conditions": [], "level": "contraindicated", "why": ""}],
                                 "regressTo": "missing"}},
             "phases": [{"id": "p", "weeks": {"first": 9223372036854775807, "last": -9223372036854775808},
                         "sessions": {"count": -1, "per": "week"}, "advanceWhen": [""],
                         "items": [{"exercise": "a", "dose": {"sets": -1, "reps": 9223372036854775807, "holdSeconds": -9223372036854775808,
                                                               "side": "unaffected", "tempo": "-", "load": {"kind": "mass", "value": 1e308, "unit": "kg"}},
                                    "progress": {"everyWeeks": -9223372036854775808, "reps": 9223372036854775807,
                                                 "holdSeconds": -9223372036854775808, "until": {"reps": -1}},
                                    "regressTo": "a", "progressTo": "missing"},
                                   {"exercise": "missing", "dose": {}}]},
                        {"id": "q", "weeks": {"first": 1, "last": 1}, "advanceWhen": [], "items": []}],
             "schedule": [], "screening": {"screened": false, "precautions": [], "warnings": []}}
            """
        let plan = try Plan.decode(Data(json.utf8))
        let data = try TextExporter().export(plan, options: ExportOptions())
        try Self.expectWellFormed(data, firstExercise: "Ask your physiotherapist how to do this exercise")
        let text = Self.joined(data)
        #expect(text.contains("If anything new or worrying happens, stop the exercises and get medical advice."))
        #expect(text.contains("Prepared by: Osteopath"))
    }
}
