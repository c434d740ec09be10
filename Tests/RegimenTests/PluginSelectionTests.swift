import Foundation
import RegimenCompile
import RegimenExport
import RegimenPlugins
import Testing

/// Exporter plugins and the part of a programme chosen with `--phase`, `--week` or `--on`: the
/// request carries the narrowed plan, its handout and the selection; the Markdown plugin prints
/// the handout model (every phase, progression and easier or harder version it holds, and only
/// those); the calendar plugin puts only the weeks chosen on the calendar; a selection that
/// matches nothing is refused before any plugin runs. All through the real binary.
@Suite struct PluginSelectionTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"
    static let patient = "docs/examples/patients/left-sciatica.yaml"

    /// The time of the exports (2026-12-01T10:00:00Z), for the calendar's stamps.
    static let epoch = 1_796_119_200

    /// `regimen export` of the sample as `format`, for the sample patient unless `patient` is false.
    static func export(
        _ format: String, _ selection: [String] = [], patient: Bool = true, extra: [String] = []
    ) throws -> (status: Int32, out: String, err: String) {
        try BinaryTests.run(
            ["export", programme] + (patient ? ["--patient", Self.patient] : []) + ["--format", format] + selection + extra,
            environment: ["SOURCE_DATE_EPOCH": String(epoch)])
    }

    // MARK: The request

    /// A plugin that answers its request: what Regimen sends, as the plugin reads it.
    static func request(_ selection: [String]) throws -> ExportRequest {
        let plugins = try PluginFixture.directory(["regimen-export-echo": PluginFixture.shell("echo", kind: "exporter", body: "cat")])
        defer { try? FileManager.default.removeItem(at: plugins) }
        let result = try export("echo", selection, extra: ["--plugin-path", plugins.path])
        #expect(result.status == 0, "\(result.err)")
        return try JSONDecoder().decode(ExportRequest.self, from: Data(result.out.utf8))
    }

    @Test func theRequestCarriesTheHandoutOfThePlanItIsSent() throws {
        let whole = try Self.request([])
        #expect(whole.contract == 1, "additive fields keep the contract version (docs/plugins.md)")
        #expect(whole.selection == nil && whole.plan.selection == nil)
        #expect(whole.handout == Handout(whole.plan))
        #expect(whole.handout.coverage.part == .whole)
        #expect(whole.handout.phases.map(\.id) == ["settle", "restore-movement", "strengthen"])
        #expect(whole.safety?.redFlags == whole.handout.redFlags, "`safety` is still sent, for plugins written before `handout`")

        let part = try Self.request(["--phase", "restore-movement"])
        #expect(part.plan.phases.map(\.id) == ["restore-movement"], "the plugin is sent the narrowed plan")
        #expect(Set(part.plan.schedule.map(\.week)) == [3, 4])
        let selection = try #require(part.selection)
        #expect(selection == part.plan.selection)
        #expect((selection.by, selection.phase, selection.weeks.first, selection.weeks.last) == (.phase, "restore-movement", 3, 4))
        #expect(selection.next == "strengthen" && selection.outline.map(\.id) == ["settle", "restore-movement", "strengthen"])
        #expect(part.handout == Handout(part.plan), "the handout is built from the narrowed plan")
        #expect(part.handout.coverage.part == .phase && part.handout.phases.map(\.id) == ["restore-movement"])
        #expect(part.safety?.redFlags == whole.safety?.redFlags, "red flags are never narrowed away")

        let week = try #require(try Self.request(["--week", "3"]).selection)
        #expect((week.by, week.phase, week.weeks.first, week.weeks.last) == (.week, "restore-movement", 3, 3))
        let day = try #require(try Self.request(["--on", "2026-12-22"]).selection)
        #expect((day.by, day.phase, day.on?.description) == (.on, "restore-movement", "2026-12-22"))
    }

    // MARK: Markdown

    @Test func markdownPrintsEveryPhaseProgressionAndVersionOfTheWholeProgramme() throws {
        let result = try Self.export("markdown")
        #expect(result.status == 0, "\(result.err)")
        let text = result.out
        #expect(text.contains("This handout covers your whole programme: 3 phases, weeks 1 to 8"))
        for heading in [
            "## Phase 1: Settle the pain (weeks 1 to 2, 7 to 20 December 2026)",
            "## Phase 2: Get moving again (weeks 3 to 4, 21 December 2026 to 3 January 2027)",
            "## Phase 3: Build strength and control (weeks 5 to 8, 4 to 31 January 2027)",
        ] {
            #expect(text.contains(heading + "\n"), "missing `\(heading)`")
        }
        // The dose steps, with their weeks, and the progression sentence (dropped before).
        #expect(
            text.contains(
                """
                - **Card 11. Bird dog**
                  - From week 5: Do 2 sets of 6 repetitions, once a day.
                """), "\(text)")
        #expect(text.contains("  - Each week, add 2 repetitions, up to 10.\n"))
        #expect(text.contains("- **Card 1. Lying on your elbows**: Hold for 1 minute. Do this 3 times, twice a day."))
        // The easier and harder versions (dropped before).
        #expect(text.contains("Too easy? Move on to card 6, Cobra stretch (press-up), when your physiotherapist agrees.\n"))
        #expect(text.contains("Too hard or too sore? Do card 1, Lying on your elbows, instead.\n"))
        // Safety first; then the schedule, the cards, and the advice.
        let order = [
            "## Stop and get help if", "## If an exercise makes you worse", "## Take care in daily life", "## Phase 1: ",
            "## Phase 2: ", "## Phase 3: ", "## How to do each exercise", "## Good to know", "## References",
        ]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "a section is missing: \(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "the sections are out of order")
        #expect(text.contains("> **Take care with this exercise, because this applies to you: narrowing of the spinal canal.**"))

        // Nothing the handout model holds is left out: every row's progression, every card
        // (once), and every easier and harder version, as the model words them.
        let plan = try JSONDecoder().decode(Plan.self, from: Data(try Self.export("json").out.utf8))
        let handout = Handout(plan)
        for row in handout.phases.flatMap(\.rows) {
            if let progression = row.progression { #expect(text.contains("  - \(progression)\n"), "missing `\(progression)`") }
            for step in row.doses { #expect(text.contains(step.text), "missing the dose `\(step.text)`") }
        }
        for card in handout.cards {
            let heading = "### Card \(card.number). \(card.name)\n"
            #expect(text.components(separatedBy: heading).count == 2, "`\(heading)` should be printed once")
            if let easier = card.easier {
                #expect(text.contains("Too hard or too sore? Do card \(easier.card), \(easier.name), instead."))
            }
            if let harder = card.harder {
                #expect(text.contains("Too easy? Move on to card \(harder.card), \(harder.name), when your physiotherapist agrees."))
            }
        }
        #expect(text.components(separatedBy: "\n### Card ").count - 1 == handout.cards.count)
    }

    struct Part: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let covers: String
        let next: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let parts = [
        Part(
            arguments: ["--phase", "restore-movement"],
            covers: "This handout covers phase 2 of 3, Get moving again: weeks 3 to 4 (21 December 2026 to 3 January 2027).",
            next: "Next: phase 3, Build strength and control, from week 5 (4 January 2027)."),
        Part(
            arguments: ["--week", "3"], covers: "This handout covers week 3 (21 to 27 December 2026), in phase 2 of 3, Get moving again.",
            next: "Next: week 4, in the same phase."),
        Part(
            arguments: ["--on", "2026-12-22"],
            covers: "This handout covers phase 2 of 3, Get moving again: weeks 3 to 4 (21 December 2026 to 3 January 2027).",
            next: "22 December 2026 is in week 3 of your programme. Next: phase 3, Build strength and control, from week 5"),
    ]

    @Test(arguments: parts)
    func markdownPrintsOnlyThePartChosenAndSaysWhatComesNext(_ part: Part) throws {
        let result = try Self.export("markdown", part.arguments)
        #expect(result.status == 0, "\(result.err)")
        let text = result.out
        #expect(text.contains("\n\(part.covers)\n"), "\(text.prefix(1200))")
        #expect(text.contains("\n\(part.next)"), "\(text.prefix(1200))")
        #expect(text.contains("\n## Phase 2: Get moving again ("))
        #expect(!text.contains("Settle the pain"), "another phase is printed")
        #expect(!text.contains("## Phase 1") && !text.contains("## Phase 3"))
        // Safety is never narrowed away.
        #expect(text.contains("## Stop and get help if\n\n- Numbness, tingling or loss of feeling"))
        #expect(text.contains("## If an exercise makes you worse\n\n"))
        // The cards are the part's own, numbered from 1, with their versions.
        #expect(text.contains("### Card 1. Cobra stretch (press-up)\n"))
        #expect(text.contains("Too hard or too sore? Do card 8, Lying on your elbows, instead."))
        // A part prints the easier versions only; the harder one is named, to ask about.
        #expect(text.contains("Too easy? Ask your physiotherapist about the harder version, Swan dive and flat back."))
        #expect(!text.contains("### Card 10. Swan dive"), "a harder version is printed as a card on a part")
        #expect(!text.contains(", Swan dive and flat back, when"), "a part points to a harder version's card")
        if part.arguments.first == "--week" {
            #expect(text.contains("## Phase 2: Get moving again (week 3, 21 to 27 December 2026)"))
            #expect(!text.contains("Week 4:"), "only week 3's doses are printed")
            // The progression the weeks printed do not show.
            #expect(text.contains("  - Week 3: Do this for 20 minutes, once a day.\n  - Each week, add 5 minutes, up to 25 minutes.\n"))
        } else {
            #expect(text.contains("  - Week 4: Do this for 25 minutes, once a day.\n"))
        }
    }

    @Test func markdownWithoutAHandoutSaysSoAndFails() throws {
        let script = Harness.repositoryRoot.appendingPathComponent("plugins/regimen-export-markdown").path
        func run(_ request: String) throws -> (status: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script]
            let input = Pipe()
            let out = Pipe()
            let err = Pipe()
            (process.standardInput, process.standardOutput, process.standardError) = (input, out, err)
            try process.run()
            input.fileHandleForWriting.write(Data(request.utf8))
            try input.fileHandleForWriting.close()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            let error = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
        }
        let old = try run(
            #"{"contract": 1, "kind": "export", "format": "markdown", "plan": {"plan": 1}, "options": {"planDirectory": "/"}}"#)
        #expect(old.status != 0 && old.out.isEmpty)
        #expect(old.err.hasPrefix("regimen-export-markdown: the request holds no `handout`"), "\(old.err)")
        let future = try run(#"{"contract": 1, "kind": "export", "format": "markdown", "handout": {"version": 3}}"#)
        #expect(future.status != 0 && future.out.isEmpty)
        #expect(future.err.contains("this plugin reads handout model version 2; the request's is version 3"), "\(future.err)")
    }

    // MARK: The calendar

    struct Event: Decodable {
        let start: String
        let stamp: String
        let modified: String
        let sequence: Int
        let uid: String
        let summary: String
        let description: String
    }

    /// The events of an iCalendar file as the `icalendar` package (a real consumer) reads them.
    static func events(_ ics: String) throws -> [Event] {
        let script = """
            import json, sys
            import icalendar
            calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            print(json.dumps([{"start": event.decoded("DTSTART").isoformat(), "stamp": event.decoded("DTSTAMP").isoformat(),
                               "modified": event.decoded("LAST-MODIFIED").isoformat(), "sequence": int(event["SEQUENCE"]),
                               "uid": str(event["UID"]), "summary": str(event["SUMMARY"]),
                               "description": str(event["DESCRIPTION"])} for event in calendar.walk("VEVENT")]))
            """
        let parsed = try Python.run(script, input: ics)
        if parsed.out.contains("No module named 'icalendar'") {
            Issue.record("python's icalendar is missing: pip install icalendar (.ci/run installs it)")
            return []
        }
        #expect(parsed.status == 0, "\(parsed.out)")
        return try JSONDecoder().decode([Event].self, from: Data(parsed.out.utf8))
    }

    @Test func theCalendarHasOnlyTheWeeksChosen() throws {
        let whole = try Self.export("ics")
        #expect(whole.status == 0, "\(whole.err)")
        let all = try Self.events(whole.out)
        #expect(all.count == 70)

        let phase = try Self.export("ics", ["--phase", "strengthen"])
        #expect(phase.status == 0, "\(phase.err)")
        _ = try ICalendar.check(Data(phase.out.utf8))
        let strengthen = try Self.events(phase.out)
        #expect(strengthen.count == 28, "once a day in weeks 5 to 8")
        #expect(strengthen.allSatisfy { "2027-01-04" <= $0.start && $0.start <= "2027-01-31" }, "\(strengthen.map(\.start))")
        #expect(Set(strengthen.map(\.start)).count == 28, "every day of weeks 5 to 8")
        #expect(strengthen.allSatisfy { $0.summary == "Exercises: Build strength and control" })
        #expect(strengthen.first?.description.hasPrefix("Week 5 of 8: Build strength and control") == true)
        #expect(strengthen.last?.description.hasPrefix("Week 8 of 8: ") == true, "the week of the whole programme")

        let week = try Self.export("ics", ["--week", "1"])
        #expect(week.status == 0, "\(week.err)")
        let first = try Self.events(week.out)
        #expect(first.count == 14, "twice a day in week 1")
        #expect(first.allSatisfy { "2026-12-07" <= $0.start && $0.start <= "2026-12-13" }, "\(first.map(\.start))")
        #expect(first.first?.summary == "Exercises: Settle the pain (session 1 of 2)")
        #expect(first.first?.description.hasPrefix("Week 1 of 8: ") == true)

        // A session is the same event whichever part it was exported with: importing a phase's
        // calendar after the whole programme's updates it, rather than adding it twice.
        let uids = Set(all.map(\.uid))
        #expect(Set(strengthen.map(\.uid)).isSubset(of: uids) && Set(first.map(\.uid)).isSubset(of: uids))
        #expect(Set((all + strengthen + first).map(\.stamp)) == ["2026-12-01T10:00:00+00:00"])
        let byUID = Dictionary(all.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(strengthen.allSatisfy { byUID[$0.uid]?.description == $0.description && byUID[$0.uid]?.start == $0.start })
    }

    /// A patient who imports a revised programme's calendar gets each session updated, not
    /// twice: a one-word edit keeps every UID, and the new events say they are newer.
    @Test func aRevisedProgrammeKeepsItsSessionsAndIsNewer() throws {
        let text = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(Self.programme), encoding: .utf8)
        var files = [
            "programmes/sciatica.yaml": text,
            "patient.yaml": try String(
                contentsOf: Harness.repositoryRoot.appendingPathComponent(Self.patient), encoding: .utf8),
        ]
        for library in ["lumbar", "hip"] {
            files["programmes/library/\(library).yaml"] = try String(
                contentsOf: Harness.repositoryRoot.appendingPathComponent("programmes/library/\(library).yaml"), encoding: .utf8)
        }
        let repository = try CLITests.repository(files)
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("programmes/library/images"),
            to: repository.appendingPathComponent("programmes/library/images"))
        func export(at epoch: Int) throws -> [Event] {
            let result = try BinaryTests.run(
                [
                    "export", "programmes/sciatica.yaml", "--patient", "patient.yaml", "--format", "ics", "--plugin-path",
                    Harness.repositoryRoot.appendingPathComponent("plugins").path,
                ], in: repository, environment: ["SOURCE_DATE_EPOCH": String(epoch)])
            #expect(result.status == 0, "\(result.err)")
            return try Self.events(result.out)
        }
        let before = try export(at: Self.epoch)
        #expect(before.count == 70)
        let original = "find positions that calm your leg."
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: "find positions that soothe your leg.").write(
            to: repository.appendingPathComponent("programmes/sciatica.yaml"), atomically: true, encoding: .utf8)
        let after = try export(at: Self.epoch + 86_400)

        #expect(after.map(\.uid) == before.map(\.uid), "every session keeps its UID")
        #expect(after.map(\.start) == before.map(\.start))
        let settle = before.filter { $0.description.contains("calm your leg") }.count
        #expect(settle == 28, "twice a day in weeks 1 and 2")
        #expect(after.filter { $0.description.contains("soothe your leg") }.count == settle, "the sessions say the new word")
        #expect(after.allSatisfy { $0.stamp == "2026-12-02T10:00:00+00:00" && $0.modified == $0.stamp })
        #expect(Set(before.map(\.sequence)) == [Self.epoch / 60] && Set(after.map(\.sequence)) == [(Self.epoch + 86_400) / 60])
    }

    // MARK: A selection that matches nothing

    struct Nothing: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let patient: Bool
        let expected: [String]
        var testDescription: String { arguments.joined(separator: " ") + (patient ? " (patient)" : "") }
    }

    static let phases = ["`settle` (weeks 1 to 2", "`restore-movement` (weeks 3 to 4", "`strengthen` (weeks 5 to 8"]

    static let nothing = [
        Nothing(
            arguments: ["--phase", "nope"], patient: true,
            expected: ["error: no phase is called `nope`\n", "help: the phases are: "] + phases),
        Nothing(
            arguments: ["--phase", "strenghten"], patient: false,
            expected: ["error: no phase is called `strenghten`; did you mean `strengthen`?"] + phases),
        Nothing(
            arguments: ["--week", "99"], patient: true,
            expected: ["error: week 99 is not in this programme", "help: choose a week from 1 to 8; the phases are: "] + phases),
        Nothing(
            arguments: ["--on", "2020-01-01"], patient: true,
            expected: ["error: 2020-01-01 is before the programme starts", "it runs from 2026-12-07 to 2027-01-31; the phases are: "]
                + phases),
        Nothing(
            arguments: ["--on", "2026-12-22"], patient: false,
            expected: [
                "error: --on needs the patient's start date", "export the programme with --patient PROFILE",
                "choose with --phase or --week",
            ]
                + phases),
    ]

    @Test(arguments: nothing, ["markdown", "ics", "text"])
    func aSelectionThatMatchesNothingIsRefused(_ case_: Nothing, format: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-selection-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.export(format, case_.arguments, patient: case_.patient, extra: ["-o", out.path])
        #expect(result.status == 2, "\(result.err)")
        #expect(result.out.isEmpty)
        for expected in case_.expected {
            #expect(result.err.contains(expected), "missing `\(expected)` in:\n\(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
    }
    // MARK: docs/plugins.md

    /// The page's exporter example runs as a plugin, and prints what the page shows after it
    /// (every chunk between `…` lines); the page names every key of the request.
    @Test func theDocumentedExporterRunsAsThePageSays() throws {
        let page = try DocsTests.read("docs/plugins.md")
        let match = try #require(
            page.firstMatch(of: /```python\n((?s)[^`]*?"name": "checklist"[^`]*?)```\n((?s).*?)```text\n((?s).*?)```/),
            "docs/plugins.md should show the checklist exporter and what it prints")
        let (script, shown) = (String(match.1), String(match.3))
        let plugins = try PluginFixture.directory(["regimen-export-checklist": script])
        defer { try? FileManager.default.removeItem(at: plugins) }
        let result = try Self.export("checklist", ["--week", "3"], extra: ["--plugin-path", plugins.path])
        #expect(result.status == 0, "\(result.err)")
        for chunk in shown.components(separatedBy: "…\n") {
            let trimmed = chunk.trimmingCharacters(in: .newlines)
            guard !trimmed.isEmpty else { continue }
            #expect(result.out.contains(trimmed), "docs/plugins.md shows output the plugin does not print:\n\(trimmed)\n---\n\(result.out)")
        }

        let request = try Self.request(["--phase", "restore-movement"])
        let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(request)) as? [String: Any]
        for key in try #require(encoded).keys where !["contract", "kind"].contains(key) {
            #expect(
                page.contains("| `\(key)` |") || page.contains("| `\(key)."), "docs/plugins.md does not describe the request's `\(key)`")
        }
    }

    /// The calendar section shows a real event of the week it exports, and the UID recipe it
    /// states gives that event's UID.
    @Test func theCalendarSectionShowsWhatThePluginWrites() throws {
        let page = try DocsTests.read("docs/plugins.md")
        let match = try #require(
            page.firstMatch(
                of: /SOURCE_DATE_EPOCH=([0-9]+) regimen export [^`]*?--week 1 [^`]*?```\n(?:(?s).*?)```text\n(BEGIN:VEVENT\n(?:(?s).*?))```/
            ),
            "docs/plugins.md should show an event of the calendar plugin")
        let epoch = String(match.1)
        #expect(Int(epoch) == Self.epoch)
        let shown = String(match.2).split(separator: "\n").joined(separator: "\r\n") + "\r\n"
        let result = try Self.export("ics", ["--week", "1"])
        #expect(result.status == 0, "\(result.err)")
        #expect(
            result.out.contains(shown),
            "docs/plugins.md shows an event the plugin does not write:\n\(shown)\n---\n\(result.out.prefix(1200))")
        let uid = try #require(shown.firstMatch(of: /UID:([0-9a-f]{32})@regimen/)).1
        let recipe = try Python.run(
            "import hashlib, sys; print(hashlib.sha256(sys.stdin.read().encode()).hexdigest()[:32])",
            input: "sciatica-muscle-imbalance/2026-12-07/1")
        #expect(recipe.out == uid + "\n", "the UID is not SHA-256 of PROGRAMME-ID/YYYY-MM-DD/SESSION: \(recipe.out)")
    }
}
