import Foundation
import RegimenCompile
import RegimenExport
import RegimenFormat
import Testing

/// The patient's wording, exactly, over the combinations a dose can take. Plan values are
/// written as the plan's JSON, the form other tools hand to exporters. The wording about safety
/// is `SafetyWording`'s, tested in HandoutSafetyTests.
@Suite struct PlainLanguageTests {
    static func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    static let twiceADay = #"{"count": 2, "per": "day"}"#

    struct DoseCase: CustomTestStringConvertible, Sendable {
        let name: String
        let dose: String
        var sessions: String? = nil
        let expected: String
        var testDescription: String { name }
    }

    static let doseCases: [DoseCase] = [
        DoseCase(name: "nothing at all", dose: "{}", expected: "Do this as your physiotherapist showed you."),
        DoseCase(
            name: "nothing but the phase's sessions", dose: "{}", sessions: twiceADay,
            expected: "Do this as your physiotherapist showed you, twice a day."),
        DoseCase(name: "sets only", dose: #"{"sets": 3}"#, expected: "Do this 3 times."),
        DoseCase(name: "reps only", dose: #"{"reps": 10}"#, expected: "Do this 10 times."),
        DoseCase(name: "sets and reps", dose: #"{"sets": 2, "reps": 10}"#, expected: "Do 2 sets of 10 repetitions."),
        DoseCase(name: "one set of reps", dose: #"{"sets": 1, "reps": 10}"#, expected: "Do this 10 times."),
        DoseCase(name: "sets of one rep", dose: #"{"sets": 3, "reps": 1}"#, expected: "Do this 3 times."),
        DoseCase(name: "once", dose: #"{"reps": 1}"#, expected: "Do this once."),
        DoseCase(name: "twice", dose: #"{"sets": 2, "holdSeconds": 30}"#, expected: "Hold for 30 seconds. Do this twice."),
        DoseCase(
            name: "hold, sets, side and the dose's own frequency",
            dose: #"{"sets": 3, "holdSeconds": 30, "side": "left", "frequency": {"count": 2, "per": "day"}}"#,
            expected: "Hold for 30 seconds. Do this 3 times on your left side, twice a day."),
        DoseCase(
            name: "hold with reps, the phase's sessions", dose: #"{"reps": 10, "holdSeconds": 5}"#,
            sessions: #"{"count": 1, "per": "day"}"#, expected: "Hold for 5 seconds. Do this 10 times, once a day."),
        DoseCase(
            name: "hold with sets and reps, rest", dose: #"{"sets": 3, "reps": 10, "holdSeconds": 3, "restSeconds": 30}"#,
            expected: "Do 3 sets of 10 repetitions. Hold each one for 3 seconds. Rest for 30 seconds between sets."),
        DoseCase(
            name: "hold without a count", dose: #"{"holdSeconds": 90, "side": "each"}"#,
            expected: "Hold for 1 minute 30 seconds on each side."),
        DoseCase(
            name: "duration, the dose's frequency beats the sessions",
            dose: #"{"durationSeconds": 600, "frequency": {"count": 3, "per": "day"}}"#, sessions: twiceADay,
            expected: "Do this for 10 minutes, 3 times a day."),
        DoseCase(
            name: "duration with sets", dose: #"{"sets": 3, "durationSeconds": 60}"#, expected: "Keep going for 1 minute. Do this 3 times."),
        DoseCase(
            name: "duration with sets and reps", dose: #"{"sets": 2, "reps": 12, "durationSeconds": 45}"#,
            expected: "Do 2 sets of 12 repetitions. Each set should take about 45 seconds."),
        DoseCase(
            name: "hold and duration without a count", dose: #"{"holdSeconds": 30, "durationSeconds": 300}"#,
            expected: "Hold for 30 seconds each time. Do this for 5 minutes."),
        DoseCase(
            name: "per week", dose: #"{"sets": 2, "reps": 8, "frequency": {"count": 3, "per": "week"}}"#,
            expected: "Do 2 sets of 8 repetitions, 3 times a week."),
        DoseCase(
            name: "seven a week is every day", dose: #"{"durationSeconds": 1800, "frequency": {"count": 7, "per": "week"}}"#,
            expected: "Do this for 30 minutes, every day."),
        DoseCase(
            name: "once a week", dose: #"{"reps": 5, "frequency": {"count": 1, "per": "week"}}"#, expected: "Do this 5 times, once a week."),
        DoseCase(
            name: "an unusable dose frequency falls back to the sessions", dose: #"{"reps": 5, "frequency": {"count": 0, "per": "day"}}"#,
            sessions: twiceADay, expected: "Do this 5 times, twice a day."),
        DoseCase(
            name: "affected side before a patient is known", dose: #"{"sets": 2, "reps": 10, "side": "affected"}"#,
            expected: "Do 2 sets of 10 repetitions on the side that hurts."),
        DoseCase(
            name: "unaffected side", dose: #"{"sets": 3, "holdSeconds": 30, "side": "unaffected"}"#,
            expected: "Hold for 30 seconds. Do this 3 times on the other side."),
        DoseCase(name: "right side", dose: #"{"reps": 10, "side": "right"}"#, expected: "Do this 10 times on your right side."),
        DoseCase(name: "both sides", dose: #"{"reps": 10, "side": "both"}"#, expected: "Do this 10 times on both sides."),
        DoseCase(
            name: "alternating sides", dose: #"{"sets": 2, "reps": 6, "holdSeconds": 5, "side": "alternating"}"#, sessions: twiceADay,
            expected: "Do 2 sets of 6 repetitions, twice a day. Change sides each time. Hold each one for 5 seconds."),
        DoseCase(
            name: "side and nothing else", dose: #"{"side": "right"}"#, sessions: twiceADay,
            expected: "Do this on your right side, twice a day."),
        DoseCase(
            name: "a mass", dose: #"{"sets": 2, "reps": 10, "load": {"kind": "mass", "value": 5, "unit": "kg"}}"#,
            expected: "Do 2 sets of 10 repetitions with a 5 kg weight."),
        DoseCase(
            name: "a fractional mass on each side",
            dose: #"{"reps": 12, "side": "each", "load": {"kind": "mass", "value": 2.5, "unit": "lb"}}"#,
            expected: "Do this 12 times on each side with a 2.5 lb weight."),
        DoseCase(
            name: "body weight", dose: #"{"reps": 10, "load": {"kind": "bodyweight"}}"#,
            expected: "Do this 10 times using your own body weight."),
        DoseCase(
            name: "a band and nothing else", dose: #"{"load": {"kind": "band", "band": "light"}}"#,
            expected: "Do this with a light resistance band."),
        DoseCase(
            name: "effort out of 10", dose: #"{"sets": 3, "reps": 8, "intensity": {"kind": "rpe", "low": 6, "high": 6}}"#,
            expected: "Do 3 sets of 8 repetitions. It should feel like about 6 out of 10 effort."),
        DoseCase(
            name: "pain allowed", dose: #"{"sets": 3, "holdSeconds": 60, "intensity": {"kind": "pain", "max": 3}}"#, sessions: twiceADay,
            expected: "Hold for 1 minute. Do this 3 times, twice a day. Some pain is fine, up to 3 out of 10."),
        DoseCase(
            name: "tempo and rest", dose: #"{"sets": 3, "reps": 8, "tempo": "3-1-3", "restSeconds": 90}"#,
            expected: "Do 3 sets of 8 repetitions. Lower for 3 seconds, pause for 1, lift for 3. Rest for 1 minute 30 seconds between sets."
        ),
        DoseCase(
            name: "rest between sets without reps", dose: #"{"sets": 3, "holdSeconds": 30, "restSeconds": 60}"#,
            expected: "Hold for 30 seconds. Do this 3 times. Rest for 1 minute in between."),
        DoseCase(
            name: "rest after a single set", dose: #"{"reps": 10, "restSeconds": 30}"#,
            expected: "Do this 10 times. Rest for 30 seconds afterwards."),
        DoseCase(
            name: "everything",
            dose: """
                {"sets": 3, "reps": 10, "holdSeconds": 2, "restSeconds": 60, "side": "left", "tempo": "2-0-X-1",
                 "load": {"kind": "band", "band": "medium"}, "intensity": {"kind": "effort", "effort": "moderate"},
                 "frequency": {"count": 3, "per": "week"}}
                """, sessions: twiceADay,
            expected: "Do 3 sets of 10 repetitions on your left side with a medium resistance band, 3 times a week. "
                + "Hold each one for 2 seconds. Lower for 2 seconds, lift quickly, pause for 1. Rest for 1 minute between sets. "
                + "It should feel moderately hard."),
        DoseCase(
            name: "zeros and negatives are left out",
            dose:
                #"{"sets": 0, "reps": -3, "holdSeconds": 0, "durationSeconds": -60, "restSeconds": -30, "frequency": {"count": 0, "per": "day"}}"#,
            expected: "Do this as your physiotherapist showed you."),
        DoseCase(
            name: "huge numbers",
            dose: #"{"sets": 9223372036854775807, "reps": 9223372036854775807, "holdSeconds": 9223372036854775807}"#,
            expected: "Do 9223372036854775807 sets of 9223372036854775807 repetitions. "
                + "Hold each one for 2562047788015215 hours 30 minutes 7 seconds."),
        DoseCase(
            name: "unreadable extras are left out",
            dose:
                #"{"reps": 10, "tempo": "slow", "load": {"kind": "mass", "value": -5, "unit": "kg"}, "intensity": {"kind": "rpe"}}"#,
            expected: "Do this 10 times."),
    ]

    @Test(arguments: doseCases)
    func doses(_ c: DoseCase) throws {
        let sessions = try c.sessions.map { try Self.decode($0, as: Plan.FrequencyInfo.self) }
        #expect(PlainLanguage.dose(try Self.decode(c.dose), sessions: sessions) == c.expected)
    }

    @Test(arguments: [
        (0, "0 seconds"), (-5, "0 seconds"), (Int.min, "0 seconds"), (1, "1 second"), (30, "30 seconds"), (60, "1 minute"),
        (90, "1 minute 30 seconds"), (120, "2 minutes"), (3600, "1 hour"), (3725, "1 hour 2 minutes 5 seconds"),
        (7260, "2 hours 1 minute"), (Int.max, "2562047788015215 hours 30 minutes 7 seconds"),
    ])
    func times(_ seconds: Int, _ expected: String) throws {
        #expect(PlainLanguage.time(seconds: seconds) == expected)
    }

    @Test(arguments: [
        (1, Frequency.Period.day, "once a day"), (2, .day, "twice a day"), (3, .day, "3 times a day"), (1, .week, "once a week"),
        (2, .week, "twice a week"), (3, .week, "3 times a week"), (7, .week, "every day"),
        (0, .day, "as often as your physiotherapist advised"), (-1, .week, "as often as your physiotherapist advised"),
    ])
    func frequencies(_ count: Int, _ per: Frequency.Period, _ expected: String) throws {
        #expect(PlainLanguage.frequency(try Self.decode(#"{"count": \#(count), "per": "\#(per.rawValue)"}"#)) == expected)
    }

    @Test func sessions() throws {
        #expect(PlainLanguage.sessions(try Self.decode(Self.twiceADay)) == "Do these exercises twice a day.")
    }

    @Test(arguments: [
        (Side.left, "on your left side"), (.right, "on your right side"), (.both, "on both sides"), (.each, "on each side"),
        (.alternating, "changing sides each time"), (.affected, "on the side that hurts"), (.unaffected, "on the other side"),
    ])
    func sides(_ side: Side, _ expected: String) throws {
        #expect(PlainLanguage.side(side) == expected)
    }

    @Test(arguments: [
        (#"{"kind": "mass", "value": 5, "unit": "kg"}"#, "with a 5 kg weight"),
        (#"{"kind": "mass", "value": 1.25, "unit": "kg"}"#, "with a 1.25 kg weight"),
        (#"{"kind": "mass", "value": 10, "unit": "lb"}"#, "with a 10 lb weight"),
        (#"{"kind": "mass", "value": 0, "unit": "kg"}"#, "with no added weight"),
        (#"{"kind": "mass", "value": 1e300, "unit": "kg"}"#, "with a 1e+300 kg weight"),
        (#"{"kind": "bodyweight"}"#, "using your own body weight"),
        (#"{"kind": "band", "band": "light"}"#, "with a light resistance band"),
        (#"{"kind": "band", "band": "heavy"}"#, "with a heavy resistance band"),
        (#"{"kind": "band"}"#, "with a resistance band"),
    ])
    func loads(_ json: String, _ expected: String) throws {
        #expect(PlainLanguage.load(try Self.decode(json)) == expected)
    }

    @Test(arguments: [#"{"kind": "mass", "value": -1, "unit": "kg"}"#, #"{"kind": "mass", "unit": "kg"}"#])
    func loadsThatCannotBeSaid(_ json: String) throws {
        #expect(PlainLanguage.load(try Self.decode(json)) == nil)
    }

    /// Words outside the plan's closed sets are refused when the plan is read, so the wording
    /// never meets them.
    @Test(arguments: [
        #"{"load": {"kind": "rope"}}"#, #"{"load": {"kind": "mass", "value": 5, "unit": "stone"}}"#,
        #"{"load": {"kind": "band", "band": "purple"}}"#, #"{"intensity": {"kind": "borg"}}"#,
        #"{"intensity": {"kind": "effort", "effort": "extreme"}}"#, #"{"frequency": {"count": 2, "per": "fortnight"}}"#,
        #"{"reps": 10, "side": ""}"#, #"{"reps": 10, "side": "sideways"}"#,
    ])
    func wordsOutsideTheSetsAreRefused(_ dose: String) throws {
        #expect(throws: DecodingError.self) { try Self.decode(dose, as: Plan.DoseInfo.self) }
    }

    @Test(arguments: [
        (#"{"kind": "rpe", "low": 6, "high": 6}"#, "It should feel like about 6 out of 10 effort."),
        (#"{"kind": "rpe", "low": 5, "high": 7}"#, "It should feel like 5 to 7 out of 10 effort."),
        (#"{"kind": "rpe", "low": 7, "high": 5}"#, "It should feel like 5 to 7 out of 10 effort."),
        (#"{"kind": "rpe", "low": 12, "high": 40}"#, "It should feel like about 10 out of 10 effort."),
        (#"{"kind": "pain", "max": 3}"#, "Some pain is fine, up to 3 out of 10."),
        (#"{"kind": "pain", "max": 0}"#, "It should not hurt. Stop if it does."),
        (#"{"kind": "effort", "effort": "light"}"#, "It should feel easy."),
        (#"{"kind": "effort", "effort": "moderate"}"#, "It should feel moderately hard."),
        (#"{"kind": "effort", "effort": "hard"}"#, "It should feel hard."),
    ])
    func intensities(_ json: String, _ expected: String) throws {
        #expect(PlainLanguage.intensity(try Self.decode(json)) == expected)
    }

    @Test(arguments: [
        ("3-1-3", "Lower for 3 seconds, pause for 1, lift for 3."),
        ("3-1-3-0", "Lower for 3 seconds, pause for 1, lift for 3."),
        ("2-0-X-1", "Lower for 2 seconds, lift quickly, pause for 1."),
        ("1-0-1", "Lower for 1 second, lift for 1."),
        ("X-0-x", "Lower quickly, lift quickly."),
        ("0-2-1", "Pause for 2 seconds, lift for 1."),
    ])
    func tempos(_ tempo: String, _ expected: String) throws {
        #expect(PlainLanguage.tempo(tempo) == expected)
    }

    @Test(arguments: ["0-0-0", "slow", "3-1", "3-1-3-0-1", "3-a-3", "99999999999999999999-1-1", "-1-1", ""])
    func temposThatCannotBeRead(_ tempo: String) throws {
        #expect(PlainLanguage.tempo(tempo) == nil)
    }

    /// A tempo's parts are worded in the order the programme gives them.
    @Test(arguments: [
        (
            #"[{"part": "lift", "seconds": 1}, {"part": "pause", "seconds": 1}, {"part": "lower", "seconds": 3}]"#,
            "Lift for 1 second, pause for 1, lower for 3."
        ),
        (
            #"[{"part": "lower", "seconds": 3}, {"part": "pause", "seconds": 1}, {"part": "lift", "seconds": 1}]"#,
            "Lower for 3 seconds, pause for 1, lift for 1."
        ),
        (
            #"[{"part": "lift", "seconds": 2}, {"part": "lower", "seconds": 4}, {"part": "pause", "seconds": 2}]"#,
            "Lift for 2 seconds, lower for 4, pause for 2."
        ),
        (
            #"[{"part": "lift", "fast": true}, {"part": "pause", "seconds": 2}, {"part": "lower", "seconds": 3}]"#,
            "Lift quickly, pause for 2 seconds, lower for 3."
        ),
        (
            #"[{"part": "lower", "seconds": 2}, {"part": "pause", "seconds": 0}, {"part": "lift", "fast": true}, {"part": "pause", "seconds": 1}]"#,
            "Lower for 2 seconds, lift quickly, pause for 1."
        ),
        (
            #"[{"part": "lower", "seconds": 2}, {"part": "pause", "fast": true}, {"part": "lift", "seconds": 2}]"#,
            "Lower for 2 seconds, do not pause, lift for 2."
        ),
        (#"[{"part": "lift", "fast": true}, {"part": "lower", "fast": true}]"#, "Lift quickly, lower quickly."),
    ])
    func temposInTheOrderWritten(_ json: String, _ expected: String) throws {
        #expect(PlainLanguage.tempo(try Self.decode(json, as: [Plan.TempoPart].self)) == expected)
    }

    @Test(arguments: [
        "[]", #"[{"part": "pause", "seconds": 0}]"#, #"[{"part": "lift"}, {"part": "lower", "seconds": 3}]"#,
        #"[{"part": "lift", "seconds": -1}, {"part": "lower", "seconds": 3}]"#, #"[{"part": "lift", "fast": false}]"#,
    ])
    func tempoPartsThatCannotBeSaid(_ json: String) throws {
        #expect(PlainLanguage.tempo(try Self.decode(json, as: [Plan.TempoPart].self)) == nil)
    }

    /// The parts win over the bare text, which plans made before them carry alone.
    @Test func aDoseWordsItsTempoPartsBeforeItsBareText() throws {
        let both = #"""
            {"reps": 8, "tempo": "3-0-1-1",
             "tempoParts": [{"part": "lift", "seconds": 1}, {"part": "pause", "seconds": 1}, {"part": "lower", "seconds": 3}]}
            """#
        #expect(PlainLanguage.dose(try Self.decode(both), sessions: nil) == "Do this 8 times. Lift for 1 second, pause for 1, lower for 3.")
        let old = #"{"reps": 8, "tempo": "3-0-1-1"}"#
        #expect(PlainLanguage.dose(try Self.decode(old), sessions: nil) == "Do this 8 times. Lower for 3 seconds, lift for 1, pause for 1.")
        let unreadable = #"{"reps": 8, "tempo": "3-0-1-1", "tempoParts": [{"part": "lift"}]}"#
        #expect(PlainLanguage.dose(try Self.decode(unreadable), sessions: nil) == "Do this 8 times.")
    }

    @Test(arguments: [(30, "Rest for 30 seconds between sets."), (75, "Rest for 1 minute 15 seconds between sets.")])
    func rests(_ seconds: Int, _ expected: String) throws {
        #expect(PlainLanguage.rest(seconds: seconds) == expected)
        #expect(PlainLanguage.rest(seconds: -seconds) == nil)
    }

    struct ProgressCase: CustomTestStringConvertible, Sendable {
        let name: String
        let progress: String
        let start: String
        var weeks: (Int, Int)? = nil
        let expected: String?
        var testDescription: String { name }
    }

    static let progressionCases: [ProgressCase] = [
        ProgressCase(
            name: "reps", progress: #"{"everyWeeks": 1, "reps": 2, "until": {"reps": 12}}"#, start: #"{"sets": 2, "reps": 8}"#,
            expected: "Each week, add 2 repetitions, up to 12."),
        ProgressCase(
            name: "one rep, every 2 weeks", progress: #"{"everyWeeks": 2, "reps": 1, "until": {"reps": 12}}"#, start: #"{"reps": 8}"#,
            expected: "Every 2 weeks, add 1 repetition, up to 12."),
        ProgressCase(
            name: "hold", progress: #"{"everyWeeks": 1, "holdSeconds": 5, "until": {"holdSeconds": 10}}"#,
            start: #"{"reps": 10, "holdSeconds": 5}"#, expected: "Each week, hold 5 seconds longer, up to 10 seconds."),
        ProgressCase(
            name: "duration", progress: #"{"everyWeeks": 1, "durationSeconds": 300, "until": {"durationSeconds": 900}}"#,
            start: #"{"durationSeconds": 600}"#, expected: "Each week, add 5 minutes, up to 15 minutes."),
        ProgressCase(
            name: "shorter rest", progress: #"{"everyWeeks": 1, "restSeconds": -10, "until": {"restSeconds": 30}}"#,
            start: #"{"sets": 3, "reps": 10, "restSeconds": 60}"#, expected: "Each week, rest 10 seconds less, down to 30 seconds."),
        ProgressCase(
            name: "load",
            progress:
                #"{"everyWeeks": 1, "load": {"kind": "mass", "value": 1, "unit": "kg"}, "until": {"load": {"kind": "mass", "value": 10, "unit": "kg"}}}"#,
            start: #"{"reps": 10, "load": {"kind": "mass", "value": 5, "unit": "kg"}}"#, expected: "Each week, add 1 kg, up to 10 kg."),
        ProgressCase(
            name: "several at once", progress: #"{"everyWeeks": 1, "sets": 1, "reps": 2, "until": {"sets": 4, "reps": 12}}"#,
            start: #"{"sets": 2, "reps": 8}"#, expected: "Each week: add 1 set, up to 4; add 2 repetitions, up to 12."),
        ProgressCase(
            name: "no ceiling for the field", progress: #"{"everyWeeks": 1, "sets": 1, "until": {"reps": 12}}"#,
            start: #"{"sets": 2, "reps": 8}"#, expected: "Each week, add 1 set."),
        ProgressCase(
            name: "ceiling already reached", progress: #"{"everyWeeks": 1, "reps": 2, "until": {"reps": 8}}"#, start: #"{"reps": 8}"#,
            expected: nil),
        ProgressCase(
            name: "a field the dose does not have", progress: #"{"everyWeeks": 1, "holdSeconds": 5, "until": {"holdSeconds": 30}}"#,
            start: #"{"reps": 8}"#, expected: nil),
        ProgressCase(
            name: "a phase too short to grow", progress: #"{"everyWeeks": 2, "reps": 2, "until": {"reps": 12}}"#, start: #"{"reps": 8}"#,
            weeks: (3, 4), expected: nil),
        ProgressCase(
            name: "a phase long enough", progress: #"{"everyWeeks": 2, "reps": 2, "until": {"reps": 12}}"#, start: #"{"reps": 8}"#,
            weeks: (3, 5), expected: "Every 2 weeks, add 2 repetitions, up to 12."),
        ProgressCase(
            name: "every 0 weeks counts as each week", progress: #"{"everyWeeks": 0, "reps": 2, "until": {"reps": 12}}"#,
            start: #"{"reps": 8}"#, expected: "Each week, add 2 repetitions, up to 12."),
        ProgressCase(
            name: "no increment", progress: #"{"everyWeeks": 1, "reps": 0, "until": {"reps": 12}}"#, start: #"{"reps": 8}"#, expected: nil),
    ]

    @Test(arguments: progressionCases)
    func progressions(_ c: ProgressCase) throws {
        let weeks = try c.weeks.map { try Self.decode(#"{"first": \#($0.0), "last": \#($0.1)}"#, as: Plan.WeekSpan.self) }
        #expect(PlainLanguage.progress(try Self.decode(c.progress), from: try Self.decode(c.start), weeks: weeks) == c.expected)
    }

    @Test func weeks() throws {
        #expect(PlainLanguage.weeks(try Self.decode(#"{"first": 3, "last": 3}"#)) == "Week 3")
        #expect(PlainLanguage.weeks(try Self.decode(#"{"first": 1, "last": 2}"#)) == "Weeks 1 to 2")
    }

    @Test(arguments: [
        ("2026-12-07", "2026-12-13", "7 to 13 December 2026"), ("2026-11-30", "2026-12-06", "30 November to 6 December 2026"),
        ("2026-12-28", "2027-01-03", "28 December 2026 to 3 January 2027"), ("2026-12-07", "2026-12-07", "7 December 2026"),
    ])
    func dates(_ first: String, _ last: String, _ expected: String) throws {
        #expect(PlainLanguage.dates(try Self.decode(#"{"first": "\#(first)", "last": "\#(last)"}"#)) == expected)
    }

    @Test(arguments: [
        ("2026-12-07", "Monday 7 December 2026"), ("1970-01-01", "Thursday 1 January 1970"), ("2028-02-29", "Tuesday 29 February 2028"),
        ("0001-01-01", "Monday 1 January 1"), ("9999-12-31", "Friday 31 December 9999"),
    ])
    func datesWithWeekdays(_ date: String, _ expected: String) throws {
        #expect(PlainLanguage.dateWithWeekday(try #require(CalendarDate(parsing: date))) == expected)
    }

    @Test(arguments: [
        ("Hold, then relax", "Hold, then relax."), ("Stop.", "Stop."), ("Really?", "Really?"), ("(optional)", "(optional)."),
        ("  two\n  lines\t here ", "two lines here."), ("bell\u{7}\u{1B}[31m red", "bell[31m red."), ("\u{202E}evil", "evil."), ("", ""),
    ])
    func sentences(_ text: String, _ expected: String) throws {
        #expect(PlainLanguage.sentence(text) == expected)
    }
}
