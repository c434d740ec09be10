import Foundation
import RegimenCompile
import RegimenFormat
import Testing

/// `regimen export … --phase ID | --week N | --on DATE`, as a clinic prints one part of a
/// programme at a review visit: what the patient is handed (the text and HTML handouts) and what
/// an app is sent (the JSON plan), from the real binary.
///
/// The sample programme has three phases: `settle` (weeks 1 to 2), `restore-movement` (3 to 4)
/// and `strengthen` (5 to 8); the sample patient starts on Monday 7 December 2026.
@Suite struct SelectionTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"
    static let patient = "docs/examples/patients/left-sciatica.yaml"

    /// A way of asking for part of the second phase.
    struct Selector: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let by: Plan.SelectedBy
        /// The weeks it covers.
        let weeks: [Int]
        /// How the handout says what it covers (each line run together).
        let coverage: String
        /// How the handout says what comes next.
        let next: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let phaseCoverage =
        "This handout covers phase 2 of 3, Get moving again: weeks 3 to 4 (21 December 2026 to 3 January 2027)."
    static let nextPhase = "Next: phase 3, Build strength and control, from week 5 (4 January 2027)."

    static let selectors = [
        Selector(arguments: ["--phase", "restore-movement"], by: .phase, weeks: [3, 4], coverage: phaseCoverage, next: nextPhase),
        Selector(
            arguments: ["--week", "3"], by: .week, weeks: [3],
            coverage: "This handout covers week 3 (21 to 27 December 2026), in phase 2 of 3, Get moving again.",
            next: "Next: week 4, in the same phase."),
        Selector(
            arguments: ["--on", "2026-12-22"], by: .on, weeks: [3, 4], coverage: phaseCoverage,
            next: "22 December 2026 is in week 3 of your programme. " + nextPhase),
    ]

    static let formats = ["text", "html", "json"]

    /// `regimen export PROGRAMME --patient PATIENT --format FORMAT ARGUMENTS…`.
    static func export(_ format: String, _ arguments: [String], patient: Bool = true) throws -> (status: Int32, out: String, err: String) {
        try BinaryTests.run(["export", programme] + (patient ? ["--patient", Self.patient] : []) + ["--format", format] + arguments)
    }

    /// The whole plan, for the patient.
    static func whole() throws -> Plan {
        let compiled = try BinaryTests.run(["compile", programme, "--patient", patient])
        #expect(compiled.status == 0, "\(compiled.err)")
        return try Plan.decode(Data(compiled.out.utf8))
    }

    /// A new temporary directory, for plan files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-selection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A handout's text with its lines run together, so that a wrapped sentence can be found.
    static func flowing(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The numbers of the week rows (`Week 3: …`, and the log's `Week 3: [ ] …`) of a text handout.
    static func weekRows(_ text: String) -> Set<Int> {
        Set(text.split(separator: "\n").compactMap { line in line.firstMatch(of: /^Week (\d+):/).flatMap { Int($0.1) } })
    }

    /// The exercises `phase` uses, and the easier and harder versions they offer (not the
    /// versions of those: a sheet links only to cards it prints).
    static func offered(by phase: Plan.PhaseInfo, in plan: Plan) -> Set<String> {
        var kept = Set<String>()
        for item in phase.items {
            for id in [item.exercise, item.progressTo, item.regressTo].compactMap(\.self) where plan.exercises[id] != nil {
                kept.insert(id)
            }
            if let exercise = plan.exercises[item.exercise] {
                for id in [exercise.progressTo, exercise.regressTo].compactMap(\.self) where plan.exercises[id] != nil {
                    kept.insert(id)
                }
            }
        }
        return kept
    }

    // MARK: The part asked for, and only it

    /// The JSON plan holds one phase, the weeks covered, the exercises they use or offer, and
    /// says what it covers; the safety text is the whole programme's.
    @Test(arguments: selectors)
    func jsonHoldsOnlyThePartAskedFor(_ selector: Selector) throws {
        let result = try Self.export("json", selector.arguments)
        #expect(result.status == 0, "\(result.err)")
        let plan = try Plan.decode(Data(result.out.utf8))
        let whole = try Self.whole()
        #expect(plan.phases.map(\.id) == ["restore-movement"])
        #expect(plan.schedule.map(\.week) == selector.weeks)
        #expect(plan.schedule.allSatisfy { $0.phase == "restore-movement" })
        let selection = try #require(plan.selection)
        #expect(selection.by == selector.by)
        #expect(selection.phase == "restore-movement")
        #expect(selection.weeks == Plan.WeekSpan(first: selector.weeks[0], last: selector.weeks[selector.weeks.count - 1]))
        #expect(selection.on == (selector.by == .on ? CalendarDate(year: 2026, month: 12, day: 22) : nil))
        #expect(selection.next == "strengthen")
        #expect(selection.outline.map(\.id) == ["settle", "restore-movement", "strengthen"])
        #expect(selection.outline.map(\.title) == whole.phases.map(\.title))
        #expect(selection.outline.map(\.weeks) == [.init(first: 1, last: 2), .init(first: 3, last: 4), .init(first: 5, last: 8)])
        #expect(
            selection.outline.map { $0.dates.map { "\($0.first) to \($0.last)" } } == [
                "2026-12-07 to 2026-12-20", "2026-12-21 to 2027-01-03", "2027-01-04 to 2027-01-31",
            ])
        // The days of each week are the whole plan's.
        #expect(plan.schedule.map(\.dates) == whole.schedule.filter { selector.weeks.contains($0.week) }.map(\.dates))
        // Exercises: those the phase uses or offers, each as the whole plan has it.
        let phase = try #require(whole.phases.first { $0.id == "restore-movement" })
        #expect(Set(plan.exercises.keys) == Self.offered(by: phase, in: whole))
        for (id, exercise) in plan.exercises { #expect(exercise == whole.exercises[id], "\(id)") }
        // Safety is never narrowed away: red flags, exclusions and warnings whole; the restriction
        // of weeks 1 to 4 applies in weeks 3 and 4.
        #expect(plan.redFlags == whole.redFlags && !plan.redFlags.isEmpty)
        #expect(plan.exclusions == whole.exclusions)
        #expect(plan.screening.warnings == whole.screening.warnings)
        #expect(plan.restrictions == whole.restrictions && plan.restrictions.map(\.movement) == ["loaded-lumbar-flexion"])
        #expect(plan.patient == whole.patient)
    }

    /// The text handout says what it covers and what comes next, and prints only that phase's
    /// schedule: its heading, its weeks and its log; the outline still names every phase.
    @Test(arguments: selectors)
    func textHandoutShowsOnlyThePartAskedFor(_ selector: Selector) throws {
        let result = try Self.export("text", selector.arguments)
        #expect(result.status == 0, "\(result.err)")
        let text = result.out
        let flowing = Self.flowing(text)
        #expect(flowing.contains(selector.coverage), "\(text.prefix(1200))")
        #expect(flowing.contains(selector.next))
        #expect(!flowing.contains("This is the last phase"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Page 1's outline names every phase, and marks the one printed.
        #expect(lines.contains("Phase 1: Settle the pain. Weeks 1 to 2, 7 to 20 December 2026."))
        #expect(lines.contains("Phase 3: Build strength and control. Weeks 5 to 8, 4 to 31 January 2027."))
        #expect(flowing.contains("2027. (in this handout)"))
        // Every other line about a phase is the second phase's: its schedule heading and its log,
        // and its cards ("Phase 2."); none of phase 1 or 3, and no card shared with them.
        let phaseLines = lines.filter { $0.hasPrefix("Phase") && !$0.contains(". Weeks ") }
        #expect(Set(phaseLines) == ["Phase 2: Get moving again", "Phase 2."], "\(phaseLines)")
        #expect(lines.filter { $0 == "Phase 2: Get moving again" }.count == 2, "the schedule heading and the log's")
        let heading = selector.by == .week ? "Week 3, 21 to 27 December 2026" : "Weeks 3 to 4, 21 December 2026 to 3 January 2027"
        #expect(lines.contains(heading))
        #expect(!lines.contains("Weeks 1 to 2, 7 to 20 December 2026"))
        #expect(!lines.contains("Weeks 5 to 8, 4 to 31 January 2027"))
        // Dose rows and log rows only for the weeks covered (the bridge changes weekly).
        #expect(Self.weekRows(text) == Set(selector.weeks))
        #expect(text.contains("Week 3: Do 2 sets of 8 repetitions, once a day."))
        #expect(text.contains("Week 4: Do 2 sets of 10 repetitions, once a day.") == selector.weeks.contains(4))
        // Safety text is kept: the red flags as the whole handout has them, and the restriction.
        let whole = try Self.export("text", []).out
        let redFlags = try #require(whole.firstMatch(of: /STOP AND GET HELP(?s:.*?)\n=+\nIF AN EXERCISE/)).0
        #expect(text.contains(redFlags))
        #expect(text.contains("MOVEMENTS TO TAKE CARE WITH"))
        // With its days, though the weeks before this part are not printed.
        #expect(
            flowing.contains(
                "Take care with bending your lower back forwards while lifting or holding a weight in weeks 1 to 4 (7 December 2026 to 3 January 2027)."))
        // The easier versions get cards; the harder ones are named, to ask about at review.
        #expect(lines.contains("Card 8. Lying on your elbows"))
        #expect(!lines.contains { $0.hasPrefix("Card ") && $0.hasSuffix("Swan dive and flat back") })
        #expect(flowing.contains("Harder version: Swan dive and flat back. When this one feels easy, ask your physiotherapist about moving on to it."))
    }

    /// The HTML handout likewise: the coverage and the next step, the second phase's section
    /// only, week rows and log columns only for the weeks covered, and the red flags whole.
    @Test(arguments: selectors)
    func htmlHandoutShowsOnlyThePartAskedFor(_ selector: Selector) throws {
        let result = try Self.export("html", selector.arguments)
        #expect(result.status == 0, "\(result.err)")
        let html = result.out
        #expect(html.contains("<p class=\"coverage\">\(selector.coverage)</p>"))
        #expect(html.contains("<p class=\"next\">\(selector.next)"))
        // The outline at a glance lists every phase and marks the one printed.
        #expect(html.contains("<td>Phase 1: Settle the pain</td>"))
        #expect(html.contains("<td>Phase 3: Build strength and control</td>"))
        #expect(html.contains("<tr class=\"here\"><td>Phase 2: Get moving again<span class=\"mark\">in this handout</span>"))
        // Only the second phase's schedule.
        #expect(html.contains("<h2 id=\"phase-2-heading\">Phase 2: Get moving again</h2>"))
        #expect(!html.contains("phase-1-heading") && !html.contains("phase-3-heading"))
        #expect(!html.contains("<section class=\"phase\" id=\"phase-1\"") && !html.contains("<section class=\"phase\" id=\"phase-3\""))
        let facts =
            selector.by == .week ? "Week 3 &middot; 21 to 27 December 2026" : "Weeks 3 to 4 &middot; 21 December 2026 to 3 January 2027"
        #expect(html.contains("<p class=\"phase-facts\">\(facts) &middot;"))
        let rows = Set(html.matches(of: /<span class="weeks">Week (\d+):<\/span>/).compactMap { Int($0.1) })
        #expect(rows == Set(selector.weeks))
        let columns = html.matches(of: /<th scope="col">Week (\d+)</).compactMap { Int($0.1) }
        #expect(columns == selector.weeks)
        #expect(!html.contains("<caption>Phase 1") && !html.contains("<caption>Phase 3"))
        #expect(!html.contains("class=\"used\">Phase 1") && !html.contains("class=\"used\">Phases"))
        // The red flags as the whole handout has them.
        let whole = try Self.export("html", []).out
        let redFlags = try #require(whole.firstMatch(of: /<aside class="red-flags"(?s:.*?)<\/aside>/)).0
        #expect(html.contains(redFlags))
        #expect(html.contains("Take care in daily life"))
        // Easier versions only, and the harder ones named; the summary was on the first sheet.
        #expect(html.contains("<h3 class=\"versions-heading\">Easier versions <span"))
        #expect(html.contains("<strong>Too easy?</strong> Ask your physiotherapist about the harder version, Swan dive and flat back."))
        #expect(!html.contains("Swan dive and flat back</a>"), "a part points to a harder version's card")
        #expect(!whole.contains("Ask your physiotherapist about the harder version"), "the whole handout prints every version's card")
        #expect(!html.contains("An eight-week home programme") && whole.contains("An eight-week home programme"))
    }

    /// `--week 3` covers week 3 alone, in every format.
    @Test func weekThreeCoversOnlyWeekThree() throws {
        let plan = try Plan.decode(Data(try Self.export("json", ["--week", "3"]).out.utf8))
        #expect(plan.schedule.map(\.week) == [3])
        #expect(plan.selection?.weeks == Plan.WeekSpan(first: 3, last: 3))
        let text = try Self.export("text", ["--week", "3"]).out
        #expect(!text.contains("Week 4"), "week 4 is only named as what comes next")
        #expect(!text.contains("\nWeeks 3 to 4"), "the outline names the phase's weeks; the heading only week 3")
        #expect(text.contains("Week 3: [ ] [ ] [ ] [ ] [ ] [ ] [ ]"))
        let html = try Self.export("html", ["--week", "3"]).out
        #expect(!html.contains("Week 4"), "week 4 is only named as what comes next")
        #expect(html.contains("Next: week 4, in the same phase."))
    }

    /// The last phase says so, and offers no next one; the restriction of weeks 1 to 4 does not
    /// apply in weeks 5 to 8 and is left out, while the red flags and precautions stay.
    @Test func theLastPhaseSaysItIsTheLast() throws {
        let json = try Self.export("json", ["--phase", "strengthen"])
        #expect(json.status == 0, "\(json.err)")
        let plan = try Plan.decode(Data(json.out.utf8))
        let whole = try Self.whole()
        #expect(plan.phases.map(\.id) == ["strengthen"])
        #expect(plan.schedule.map(\.week) == [5, 6, 7, 8])
        #expect(plan.selection?.next == nil)
        #expect(plan.selection?.by == .phase)
        #expect(plan.restrictions.isEmpty)
        #expect(plan.redFlags == whole.redFlags)
        #expect(!plan.screening.precautions.isEmpty)
        let text = try Self.export("text", ["--phase", "strengthen"])
        #expect(text.status == 0)
        let flowing = Self.flowing(text.out)
        #expect(flowing.contains("This handout covers phase 3 of 3, Build strength and control: weeks 5 to 8 (4 to 31 January 2027)."))
        #expect(flowing.contains("This is the last phase of your programme."))
        #expect(!flowing.contains("Next:"))
        #expect(!text.out.contains("MOVEMENTS TO TAKE CARE WITH"))
        #expect(text.out.contains("STOP AND GET HELP"))
        #expect(Self.weekRows(text.out) == [5, 6, 7, 8])
        let html = try Self.export("html", ["--phase", "strengthen"])
        #expect(html.status == 0)
        #expect(html.out.contains("<p class=\"next\">This is the last phase of your programme.</p>"))
    }

    /// An exercise only the other phases use or offer is not printed at all.
    @Test func anExerciseOfAnotherPhaseIsLeftOut() throws {
        let plan = try Plan.decode(Data(try Self.export("json", ["--phase", "settle"]).out.utf8))
        #expect(plan.exercises["hip-flexor-stretch"] == nil)
        #expect(plan.exercises["prone-on-elbows"] != nil)
        let text = try Self.export("text", ["--phase", "settle"]).out
        #expect(!text.contains("Kneeling hip flexor stretch"))
        #expect(Self.flowing(text).contains("This handout covers phase 1 of 3, Settle the pain: weeks 1 to 2"))
        #expect(Self.flowing(text).contains("Next: phase 2, Get moving again, from week 3 (21 December 2026)."))
    }

    // MARK: Mistakes

    struct Mistake: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var patient = true
        /// What standard error must say.
        let says: [String]
        var testDescription: String { arguments.joined(separator: " ") + (patient ? "" : " (no patient)") }
    }

    static let phases =
        "`settle` (weeks 1 to 2, 2026-12-07 to 2026-12-20), `restore-movement` (weeks 3 to 4, 2026-12-21 to 2027-01-03), `strengthen` (weeks 5 to 8, 2027-01-04 to 2027-01-31)"

    static let mistakes = [
        Mistake(
            arguments: ["--phase", "strenght"],
            says: ["error: no phase is called `strenght`; did you mean `strengthen`?", "help: the phases are: \(phases)"]),
        Mistake(arguments: ["--phase", "setle"], says: ["did you mean `settle`?"]),
        Mistake(
            arguments: ["--week", "0"],
            says: ["error: week 0 is not in this programme", "help: choose a week from 1 to 8; the phases are: \(phases)"]),
        Mistake(arguments: ["--week", "9"], says: ["error: week 9 is not in this programme", "help: choose a week from 1 to 8"]),
        Mistake(arguments: ["--week", "-1"], says: ["error: week -1 is not in this programme", "help: choose a week from 1 to 8"]),
        Mistake(arguments: ["--week", "three"], says: ["'three' is invalid for '--week <n>'"]),
        Mistake(
            arguments: ["--on", "2026-12-01"],
            says: [
                "error: 2026-12-01 is before the programme starts",
                "help: it runs from 2026-12-07 to 2027-01-31; the phases are: \(phases)",
            ]),
        Mistake(
            arguments: ["--on", "2029-01-01"],
            says: ["error: 2029-01-01 is after the programme ends", "help: it runs from 2026-12-07 to 2027-01-31"]),
        Mistake(
            arguments: ["--on", "2026-12-22"], patient: false,
            says: ["error: --on needs the patient's start date", "--patient PROFILE", "`start: YYYY-MM-DD`", "--phase or --week"]),
        Mistake(arguments: ["--on", "2026-13-01"], says: ["--on takes a date as YYYY-MM-DD, such as 2026-12-07, not `2026-13-01`"]),
        Mistake(arguments: ["--on", "22/12/2026"], says: ["--on takes a date as YYYY-MM-DD"]),
        Mistake(arguments: ["--phase", "settle", "--week", "3"], says: ["choose one of --phase, --week and --on, not 2"]),
        Mistake(
            arguments: ["--phase", "settle", "--week", "3", "--on", "2026-12-22"], says: ["choose one of --phase, --week and --on, not 3"]),
    ]

    /// A selection that chooses nothing is a usage error (exit 2) that names what there is, in
    /// every format, and writes nothing: an existing output file is left as it was.
    @Test(arguments: mistakes)
    func aSelectionThatChoosesNothingExitsTwo(_ mistake: Mistake) throws {
        for format in Self.formats {
            let result = try Self.export(format, mistake.arguments, patient: mistake.patient)
            #expect(result.status == 2, "\(format): \(result.err)")
            #expect(result.out.isEmpty)
            for words in mistake.says {
                #expect(result.err.contains(words), "\(format): stderr lacks \(words):\n\(result.err)")
            }
        }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("handout.txt")
        try "the last handout\n".write(to: output, atomically: true, encoding: .utf8)
        let result = try Self.export("text", mistake.arguments + ["-o", output.path], patient: mistake.patient)
        #expect(result.status == 2)
        #expect(try String(contentsOf: output, encoding: .utf8) == "the last handout\n")
    }

    // MARK: From a compiled plan

    /// Selecting from a plan written by `regimen compile` gives the same bytes as selecting
    /// from the programme (images embedded, so that neither names them by where it was written).
    @Test(arguments: formats)
    func aCompiledPlanSelectsTheSame(_ format: String) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let planFile = directory.appendingPathComponent("plan.json").path
        let compiled = try BinaryTests.run(["compile", Self.programme, "--patient", Self.patient, "--embed-images", "-o", planFile])
        #expect(compiled.status == 0, "\(compiled.err)")
        for selector in Self.selectors + [
            Selector(arguments: ["--phase", "strengthen"], by: .phase, weeks: [5, 6, 7, 8], coverage: "", next: "")
        ] {
            let fromPlan = try BinaryTests.run(["export", planFile, "--format", format] + selector.arguments)
            #expect(fromPlan.status == 0, "\(selector.testDescription): \(fromPlan.err)")
            #expect(fromPlan.err.isEmpty, "a compiled plan is not compiled again: \(fromPlan.err)")
            let fromProgramme = try Self.export(format, selector.arguments + ["--embed-images"])
            #expect(fromPlan.out == fromProgramme.out, "\(format) \(selector.testDescription) differs from the programme's")
        }
        // Its mistakes are the programme's.
        let typo = try BinaryTests.run(["export", planFile, "--format", format, "--phase", "strenght"])
        #expect(typo.status == 2)
        #expect(typo.err.contains("no phase is called `strenght`; did you mean `strengthen`?"))
        let late = try BinaryTests.run(["export", planFile, "--format", format, "--on", "2029-01-01"])
        #expect(late.status == 2)
        #expect(late.err.contains("2029-01-01 is after the programme ends"))
    }

    /// A plan compiled without a patient has no dates: `--on` says how to get them, and
    /// `--patient` cannot be added to a compiled plan.
    @Test func aPlanWithoutDatesRefusesOn() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let planFile = directory.appendingPathComponent("plan.json").path
        #expect(try BinaryTests.run(["compile", Self.programme, "-o", planFile]).status == 0)
        let on = try BinaryTests.run(["export", planFile, "--format", "text", "--on", "2026-12-22"])
        #expect(on.status == 2)
        #expect(on.err.contains("--on needs the patient's start date, and this plan has none"))
        #expect(on.err.contains("compile it with one"))
        let phase = try BinaryTests.run(["export", planFile, "--format", "json", "--phase", "restore-movement"])
        #expect(phase.status == 0)
        let plan = try Plan.decode(Data(phase.out.utf8))
        #expect(plan.selection?.outline.allSatisfy { $0.dates == nil } == true)
        #expect(plan.schedule.allSatisfy { $0.dates == nil })
    }

    /// A plan that is already narrowed can be narrowed again within what it holds (the same
    /// bytes as asking the programme), and says plainly when asked for another part of the
    /// programme, and where to get it.
    @Test func aNarrowedPlanNarrowsAgainOrSaysWhy() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let narrowed = directory.appendingPathComponent("narrowed.json").path
        let written = try Self.export("json", ["--phase", "restore-movement", "--embed-images", "-o", narrowed])
        #expect(written.status == 0, "\(written.err)")

        for format in Self.formats {
            let again = try BinaryTests.run(["export", narrowed, "--format", format, "--week", "3"])
            #expect(again.status == 0, "\(format): \(again.err)")
            let direct = try Self.export(format, ["--week", "3", "--embed-images"])
            #expect(again.out == direct.out, "\(format): narrowing twice differs from asking the programme for week 3")
            // Exported as it is, it still says what it covers.
            let asItIs = try BinaryTests.run(["export", narrowed, "--format", format])
            #expect(asItIs.status == 0)
            #expect(asItIs.out == (try Self.export(format, ["--phase", "restore-movement", "--embed-images"])).out)
        }
        let plan = try Plan.decode(Data(try BinaryTests.run(["export", narrowed, "--format", "json", "--week", "4"]).out.utf8))
        #expect(plan.selection?.by == .week && plan.selection?.weeks == Plan.WeekSpan(first: 4, last: 4))
        #expect(plan.selection?.outline.count == 3 && plan.selection?.next == "strengthen")

        let refusals: [([String], [String])] = [
            (
                ["--week", "5"],
                [
                    "error: week 5 (in phase `strengthen`) is not in this plan, which holds only `restore-movement` (weeks 3 to 4",
                    "help: choose a week from 3 to 4; or export week 5 from the programme, or from a plan of the whole programme",
                ]
            ),
            (["--week", "9"], ["error: week 9 is not in this programme", "help: choose a week from 3 to 4"]),
            (
                ["--phase", "settle"],
                [
                    "error: phase `settle` is not in this plan, which holds only `restore-movement`",
                    "help: export it from the programme, or from a plan of the whole programme (`regimen compile`), with --phase settle",
                ]
            ),
            (["--phase", "setle"], ["no phase is called `setle`; did you mean `settle`?", "this plan holds only `restore-movement`"]),
            (
                ["--on", "2026-12-10"],
                [
                    "error: 2026-12-10 is in week 1 (phase `settle`), which is not in this plan",
                    "help: choose a day from 2026-12-21 to 2027-01-03; or export 2026-12-10 from the programme",
                ]
            ),
            (["--on", "2026-12-01"], ["error: 2026-12-01 is before the programme starts", "help: it runs from 2026-12-07 to 2027-01-31"]),
        ]
        for (arguments, says) in refusals {
            let result = try BinaryTests.run(["export", narrowed, "--format", "text"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.out.isEmpty)
            for words in says {
                #expect(result.err.contains(words), "\(arguments): stderr lacks \(words):\n\(result.err)")
            }
        }
    }

    // MARK: The schema, with a consumer's validator

    /// Runs check-jsonschema (PyPI; .ci/run installs it), as a consumer of plans would, on
    /// `files` against docs/plan.schema.json.
    static func checkJSONSchema(_ files: [URL]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", "-m", "check_jsonschema", "--schemafile",
                Harness.repositoryRoot.appendingPathComponent("docs/plan.schema.json").path,
            ]
            + files.map(\.path)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Every narrowed plan, the golden whole plans, and a plan narrowed twice validate against
    /// docs/plan.schema.json; a `selection` the format does not have does not.
    @Test func narrowedPlansValidateWithCheckJSONSchema() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        let asks: [(String, [String], Bool)] =
            Self.selectors.map { ($0.testDescription, $0.arguments, true) } + [
                ("last", ["--phase", "strengthen"], true), ("first, no patient", ["--phase", "settle"], false),
                ("week, no patient", ["--week", "8"], false),
            ]
        for (index, ask) in asks.enumerated() {
            let file = directory.appendingPathComponent("narrowed-\(index).json")
            let result = try Self.export("json", ask.1 + ["-o", file.path], patient: ask.2)
            #expect(result.status == 0, "\(ask.0): \(result.err)")
            files.append(file)
        }
        let twice = directory.appendingPathComponent("twice.json")
        #expect(try BinaryTests.run(["export", files[0].path, "--format", "json", "--week", "4", "-o", twice.path]).status == 0)
        files.append(twice)
        for name in ["sciatica.plan.json", "sciatica.left-sciatica.plan.json"] {
            files.append(Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/\(name)"))
        }
        let checked = try Self.checkJSONSchema(files)
        try #require(
            !checked.output.contains("No module named check_jsonschema"),
            "check-jsonschema is missing: pip install check-jsonschema (.ci/run installs it)")
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.contains("ok -- validation done"), "\(checked.output)")

        // The schema checks `selection` itself: a word outside `by`, or a key it does not know.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: files[0])) as? [String: Any])
        var selection = try #require(object["selection"] as? [String: Any])
        selection["by"] = "month"
        selection["printedAt"] = "reception"
        object["selection"] = selection
        let wrong = directory.appendingPathComponent("wrong.json")
        try JSONSerialization.data(withJSONObject: object).write(to: wrong)
        let refused = try Self.checkJSONSchema([wrong])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("month") && refused.output.contains("printedAt"), "\(refused.output)")
    }
}
