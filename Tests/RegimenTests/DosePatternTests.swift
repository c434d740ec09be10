import Foundation
import RegimenCompile
import RegimenExport
import RegimenFormat
import RegimenLoad
import Testing

/// Doses as clinicians prescribe them (docs/format.md): ranges, sets by repetitions in one
/// string, loads relative to the patient, every other day and named days of the week. Every
/// form has a passing and a failing example, and the sample programme is followed through to
/// the handouts, the log and a calendar read by a real iCalendar parser.
@Suite struct DosePatternTests {
    /// A programme around one item's dose (and a phase's own keys).
    static func programme(dose: String, phase: String = "") -> String {
        """
        regimen: 1
        id: knee
        title: Knee
        red-flags: [Your knee becomes hot and swollen]
        exercises:
          squat:
            name: Squat
            steps: [Bend your knees, Stand up]
        phases:
          - id: one
            weeks: 1-4
        \(phase.isEmpty ? "" : "    " + phase + "\n")    items:
              - use: squat
                dose: \(dose)
        """
    }

    static let passing: [(String, String)] = [
        ("{ reps: 8-12 }", ""), ("{ reps: 8 to 12 }", ""), ("{ reps: 8–12 }", ""), ("{ sets: 2-3, reps: 10 }", ""),
        ("{ hold: 20-30s }", ""), ("{ hold: 20s-30s }", ""), ("{ hold: 20 to 30 seconds }", ""), ("{ duration: 10-15 min }", ""),
        ("{ rest: 30s to 1 min }", ""), ("{ reps: 10, intensity: RPE 6-7 }", ""), ("3x10", ""), ("3 x 10", ""), ("3×10", ""),
        ("3 sets of 10", ""), ("3x8-12", ""), ("2-3 sets of 10 reps", ""), ("{ reps: 10, load: 10RM }", ""),
        ("{ reps: 10, load: 70% 1RM }", ""), ("{ reps: 10, load: 70% of 1RM }", ""), ("{ reps: 10, load: RPE 7 }", ""),
        ("{ reps: 10, load: bodyweight }", ""), ("{ reps: 10, load: light band }", ""), ("3x10", "sessions: every other day"),
        ("3x10", "sessions: alternate days"), ("3x10", "sessions: every 3 days"), ("3x10", "days: [mon, wed, fri]"),
        ("3x10", "days: [Monday, Thursday]"), ("3x10", "days: weekdays"), ("{ reps: 10, days: [mon, fri] }", "days: [mon, wed, fri]"),
        ("{ reps: 10, frequency: every other day }", ""),
    ]

    @Test(arguments: passing.indices)
    func eachFormReadsClean(_ index: Int) {
        let (dose, phase) = Self.passing[index]
        let report = Harness.validate(Self.programme(dose: dose, phase: phase))
        #expect(report.diagnostics.isEmpty, "\(dose) \(phase): \(Harness.summary(report))")
    }

    /// A failing example: the code, the line and column of the value, and the help line.
    static let failing: [(dose: String, phase: String, code: String, help: String)] = [
        ("{ reps: 12-8 }", "", "RG104", "write the smaller number first, such as `8-12`"),
        ("{ reps: eight }", "", "RG104", "write the number in digits: `8`"),
        ("{ reps: lots }", "", "RG104", "`10`, `8-12`, `8 to 12`"),
        ("{ hold: 30-20s }", "", "RG104", "write the shorter time first"),
        ("{ hold: 20-30 }", "", "RG104", "`20-30s`, `20 to 30 seconds`"),
        ("{ reps: 3x10 }", "", "RG104", "write `sets: 3` and `reps: 10`, or give the whole dose in one string: `dose: 3x10`"),
        ("3x30s", "", "RG104", "`{ sets: 3, hold: 30s }` (hold each repetition) or `{ sets: 3, duration: 30s }`"),
        ("3x10x2", "", "RG104", "`3x10`, `3 x 10`, `3×10`, `3 sets of 10`"),
        ("three sets", "", "RG104", "`3x10`, `3 x 10`, `3×10`, `3 sets of 10`"),
        ("10x3", "", "RG109", "`10 sets of 3` or `3 sets of 10`"),
        ("{ reps: 12, load: 10RM }", "", "RG203", "a 10RM load can be lifted 10 times at most"),
        ("{ reps: 10, load: 31RM }", "", "RG104", "`10RM`, `70% 1RM`, `RPE 7`"),
        ("{ reps: 10, load: 120% 1RM }", "", "RG104", "`10RM`, `70% 1RM`, `RPE 7`"),
        ("{ reps: 20-25, load: 85% 1RM }", "", "RG217", "give about 5 repetitions or fewer"),
        ("3x10", "sessions: every other week", "RG104", "`every other day`, `every 3 days`"),
        ("3x10", "days: [mon, wedensday]", "RG105", "did you mean `wednesday`?"),
        ("3x10", "days: [mon, mon]", "RG105", "name each day once"),
        ("3x10", "sessions: 3x/week\n    days: [mon, thu]", "RG216", "`days` says how many already"),
        ("3x10", "sessions: every other day\n    days: [mon, thu]", "RG216", "keep one"),
        ("{ reps: 10, frequency: daily }", "days: [mon]", "RG216", "give the item days the phase has sessions on"),
        ("{ reps: 10, days: [tue] }", "days: [mon, wed, fri]", "RG216", "give the item days the phase has sessions on"),
    ]

    @Test(arguments: failing.indices)
    func eachMistakeIsReportedWithTheAcceptedForms(_ index: Int) {
        let example = Self.failing[index]
        let report = Harness.validate(Self.programme(dose: example.dose, phase: example.phase))
        let found = report.diagnostics.first { $0.code == example.code }
        #expect(found != nil, "\(example.dose) \(example.phase): \(Harness.summary(report))")
        #expect(found?.help?.contains(example.help) == true, "\(example.dose): help was \(found?.help ?? "none")")
        #expect((found?.range.start.line ?? 0) >= 10, "\(example.dose): reported at \(String(describing: found?.range))")
    }

    // MARK: Progressions move a range

    @Test func aRangeMovesAsAWholeUntilItsTopReachesTheCeiling() {
        func moved(_ steps: Int, ceiling: Amount<Int>?) -> Amount<Int> {
            Progressions.moved(Amount(low: 8, high: 12), 2, steps, ceiling)
        }
        #expect(moved(1, ceiling: Amount(15)) == Amount(low: 10, high: 14))
        #expect(moved(2, ceiling: Amount(15)) == Amount(low: 11, high: 15))
        #expect(moved(9, ceiling: Amount(15)) == Amount(low: 11, high: 15))
        #expect(moved(3, ceiling: nil) == Amount(low: 14, high: 18))
        #expect(moved(5, ceiling: Amount(low: 12, high: 20)) == Amount(low: 12, high: 20))
        #expect(Progressions.moved(Amount(low: 60, high: 90), -15, 3, Amount(30)) == Amount(low: 30, high: 60))
        #expect(Progressions.moved(Amount(10), 2, 3, Amount(15)) == Amount(15))
    }

    // MARK: The sample, through to the handouts and the calendar

    static let sample = "docs/examples/dose-patterns.yaml"
    static let patient = "docs/examples/patients/left-sciatica.yaml"

    @Test func theSampleValidatesCleanAndCompiles() throws {
        let validate = try BinaryTests.run(["validate", Self.sample])
        #expect(validate.status == 0 && validate.out.contains("no problems found"), "\(validate.out)\(validate.err)")
        let compile = try BinaryTests.run(["compile", Self.sample, "--patient", Self.patient])
        #expect(compile.status == 0, "\(compile.err)")
        let plan = try Plan.decode(Data(compile.out.utf8))
        try PlanSchema.expectValid(Data(compile.out.utf8))
        let build = try #require(plan.phases.first)
        #expect(build.sessions == Plan.FrequencyInfo(count: 1, per: .day, interval: 2))
        #expect(plan.phases.last?.days == [.mon, .wed, .fri])
        let first = try #require(plan.schedule.first)
        #expect(first.items[0].dose.reps == 8 && first.items[0].dose.repsMax == 12)
        #expect(plan.schedule[1].items[0].dose.reps == 10 && plan.schedule[1].items[0].dose.repsMax == 14)
        #expect(first.items[1].dose.sets == 3 && first.items[1].dose.reps == 10 && first.items[1].dose.repsMax == nil)
        // Every other day from the phase's first day, on to the next week; then Monday, Wednesday, Friday.
        #expect(first.days?.map(\.weekday) == [.mon, .wed, .fri, .sun])
        #expect(plan.schedule[1].days?.map(\.weekday) == [.tue, .thu, .sat])
        #expect(plan.schedule[2].days?.compactMap(\.date).map(\.description) == ["2026-12-21", "2026-12-23", "2026-12-25"])
        #expect(plan.schedule[3].days?.map(\.weekday) == [.mon, .wed, .fri])
    }

    @Test func theTextHandoutSaysEachForm() throws {
        let text = try BinaryTests.run(["export", Self.sample, "--patient", Self.patient, "--format", "text"])
        #expect(text.status == 0, "\(text.err)")
        let flat = text.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in [
            "Do these exercises every other day.",
            "Week 1: Do 3 sets of 8 to 12 repetitions, every other day, stopping each set when your muscles feel tired. Rest for 60 to 90 seconds between sets.",
            "Week 2: Do 3 sets of 10 to 14 repetitions",
            "Do 3 sets of 10 repetitions, every other day.",
            "Hold for 20 to 30 seconds. Do this 2 to 3 times, every other day.",
            "Do these exercises on Monday, Wednesday and Friday.",
            "Do 3 sets of 8 to 12 repetitions with about 70% of the heaviest weight you can lift once, on Monday, Wednesday and Friday, stopping each set when your muscles feel tired.",
            "with a weight you can lift 15 times, but not 16, on Monday, Wednesday and Friday.",
            "Card 1. Sit to stand, every other day: Week 1: Mon [ ] Wed [ ] Fri [ ] Sun [ ] Week 2: Tue [ ] Thu [ ] Sat [ ]",
            "Card 4. Leg press, on Monday, Wednesday and Friday: Week 3: Mon [ ] Wed [ ] Fri [ ] Week 4: Mon [ ] Wed [ ] Fri [ ]",
        ] {
            #expect(flat.contains(expected), "the text handout lacks: \(expected)")
        }
    }

    @Test func theHTMLLogHasBoxesOnlyOnSessionDays() throws {
        let html = try BinaryTests.run(["export", Self.sample, "--patient", Self.patient, "--format", "html"])
        #expect(html.status == 0, "\(html.err)")
        // The boxes' labels name the day of the week they are for, in the order of the days.
        let model = try Handout(Plan.decode(Data(try BinaryTests.run(["compile", Self.sample, "--patient", Self.patient]).out.utf8)))
        let sitToStand = try #require(model.log.first?.rows.first)
        #expect(sitToStand.cells.map(\.perDay) == [[1, 0, 1, 0, 1, 0, 1], [0, 1, 0, 1, 0, 1, 0]])
        let legPress = try #require(model.log.last?.rows.first)
        #expect(legPress.cells.map(\.perDay) == [[1, 0, 1, 0, 1, 0, 0], [1, 0, 1, 0, 1, 0, 0]])
        #expect(model.log.first?.weeks.first?.days == ["M", "T", "W", "T", "F", "S", "S"])
        // 3 items × 7 sessions in phase 1, 2 items × 6 in phase 2: one box each.
        #expect(html.out.components(separatedBy: "class=\"box\"").count - 1 == 3 * 7 + 2 * 6)
        #expect(html.out.contains("class=\"no-session\" aria-hidden=\"true\">–</span>"))
        #expect(html.out.contains("Do 3 sets of 8 to 12 repetitions, every other day, stopping each set when your muscles feel tired."))
    }

    @Test func theCalendarHasEventsOnlyOnSessionDays() throws {
        let ics = try BinaryTests.run(
            ["export", Self.sample, "--patient", Self.patient, "--format", "ics"], environment: ["SOURCE_DATE_EPOCH": "1796601600"])
        #expect(ics.status == 0, "\(ics.err)")
        let events = try PluginSelectionTests.events(ics.out)
        let days = events.map { String($0.start.prefix(10)) }
        #expect(
            days == [
                "2026-12-07", "2026-12-09", "2026-12-11", "2026-12-13", "2026-12-15", "2026-12-17", "2026-12-19",
                "2026-12-21", "2026-12-23", "2026-12-25", "2026-12-28", "2026-12-30", "2027-01-01",
            ], "\(days)")
        #expect(events.first?.description.contains("Sit to stand: 3 sets, 8-12 reps") == true, "\(events.first?.description ?? "")")
        #expect(events.last?.description.contains("70% 1RM") == true)
    }

    // MARK: Words in every language

    /// Every combination of a range with sets, side, load and frequency, and the new schedules
    /// and loads, in British English, as a patient reads them.
    static let english: [(String, String, String?, [Weekday]?)] = [
        (#"{"reps": 8, "repsMax": 12}"#, "Do 8 to 12 repetitions, stopping when your muscles feel tired.", nil, nil),
        (#"{"sets": 3, "reps": 8, "repsMax": 12}"#, "Do 3 sets of 8 to 12 repetitions, stopping each set when your muscles feel tired.", nil, nil),
        (#"{"sets": 2, "setsMax": 3, "reps": 10}"#, "Do 2 to 3 sets of 10 repetitions.", nil, nil),
        (#"{"sets": 2, "setsMax": 3}"#, "Do this 2 to 3 times.", nil, nil),
        (#"{"holdSeconds": 20, "holdSecondsMax": 30}"#, "Hold for 20 to 30 seconds.", nil, nil),
        (#"{"durationSeconds": 600, "durationSecondsMax": 900}"#, "Do this for 10 to 15 minutes.", nil, nil),
        (#"{"durationSeconds": 30, "durationSecondsMax": 300}"#, "Do this for 30 seconds to 5 minutes.", nil, nil),
        (#"{"sets": 3, "reps": 10, "restSeconds": 60, "restSecondsMax": 90}"#, "Do 3 sets of 10 repetitions. Rest for 60 to 90 seconds between sets.", nil, nil),
        (
            #"{"reps": 8, "repsMax": 12, "side": "each", "load": {"kind": "repetitionMaximum", "value": 12}}"#,
            "Do 8 to 12 repetitions on each side with a weight you can lift 12 times, but not 13, twice a day, stopping when your muscles feel tired.",
            #"{"count": 2, "per": "day"}"#, nil
        ),
        (#"{"reps": 5, "load": {"kind": "repetitionMaximum", "value": 1}}"#, "Do this 5 times with the heaviest weight you can lift once.", nil, nil),
        (#"{"reps": 10, "load": {"kind": "percentOfMaximum", "value": 72.5}}"#, "Do this 10 times with about 72.5% of the heaviest weight you can lift once.", nil, nil),
        (#"{"reps": 10, "load": {"kind": "perceivedExertion", "low": 6, "high": 7}}"#, "Do this 10 times with a weight that feels like 6 to 7 out of 10 effort.", nil, nil),
        (#"{"reps": 10, "load": {"kind": "perceivedExertion", "low": 7, "high": 7}}"#, "Do this 10 times with a weight that feels like about 7 out of 10 effort.", nil, nil),
        (#"{"reps": 10}"#, "Do this 10 times, every other day.", #"{"count": 1, "per": "day", "interval": 2}"#, nil),
        (#"{"reps": 10}"#, "Do this 10 times, every 3 days.", #"{"count": 1, "per": "day", "interval": 3}"#, nil),
        (#"{"reps": 10}"#, "Do this 10 times, on Monday, Wednesday and Friday.", nil, [.mon, .wed, .fri]),
        (#"{"reps": 10}"#, "Do this 10 times, twice a day on Tuesday and Thursday.", #"{"count": 2, "per": "day"}"#, [.tue, .thu]),
        (#"{"reps": 10}"#, "Do this 10 times, from Monday to Friday.", nil, [.mon, .tue, .wed, .thu, .fri]),
        (#"{"reps": 10}"#, "Do this 10 times, every day.", nil, Weekday.allCases),
        (#"{"reps": 10, "days": ["sat"]}"#, "Do this 10 times, on Saturday.", #"{"count": 1, "per": "day"}"#, [.mon, .wed, .fri]),
    ]

    @Test(arguments: english.indices)
    func eachCombinationReadsAsWrittenInBritishEnglish(_ index: Int) throws {
        let (dose, expected, sessions, days) = Self.english[index]
        let said = PlainLanguage.britishEnglish.dose(
            try WordsInEveryLanguageTests.decode(dose), sessions: try sessions.map { try WordsInEveryLanguageTests.decode($0) }, days: days)
        #expect(said == expected)
    }

    /// In every shipped language: each form is worded from the language's own catalogue (no
    /// message key, no placeholder and no English left), with its numbers and days.
    @Test(arguments: WordsInEveryLanguageTests.languages.filter { !$0.hasPrefix("en") })
    func everyFormIsInTheLanguage(_ language: String) throws {
        let words = PlainLanguage(language: language)
        let english = PlainLanguage.britishEnglish
        for (dose, _, sessions, days) in Self.english {
            let info: Plan.DoseInfo = try WordsInEveryLanguageTests.decode(dose)
            let often = try sessions.map { try WordsInEveryLanguageTests.decode($0) as Plan.FrequencyInfo }
            let said = words.dose(info, sessions: often, days: days)
            let inEnglish = english.dose(info, sessions: often, days: days)
            #expect(!said.contains("{") && !said.contains("dose.") && !said.contains("frequency.") && !said.contains("load."), "\(language): \(said)")
            for phrase in ["repetitions", "stopping", "feel tired", "weight you", "every other", "Monday", "heaviest", "seconds"]
            where inEnglish.contains(phrase) {
                #expect(!said.contains(phrase), "\(language) has English `\(phrase)`: \(said)")
            }
            for number in ["8", "12", "20", "30", "72", "13", "6", "7"] where inEnglish.contains(" \(number) ") || inEnglish.contains("\(number)%") {
                #expect(said.contains(number) || language == "ar", "\(language) lost \(number): \(said)")
            }
        }
    }
}
