import RegimenFormat
import RegimenLoad
import Testing

@Suite struct QuantityParserTests {
    @Test(arguments: [
        ("30s", 30), ("30 s", 30), ("30 sec", 30), ("30 secs", 30), ("45 seconds", 45), ("1 min", 60),
        ("1.5 min", 90), ("2 minutes", 120), ("1 min 30 s", 90), ("1m30s", 90), ("1:30", 90), ("1 hour", 3600),
        ("0.5 min", 30), ("10 MIN", 600),
    ])
    func readsTimes(_ text: String, _ seconds: Int) {
        #expect(QuantityParser.time(text) == TimeSpan(seconds: seconds))
    }

    @Test(arguments: [
        "30", "", "thirty seconds", "-5s", "30 s 1 min", "1.25 s", "nan s", "inf min", "1e9 s", "99999999999999999999 s",
        "5 kg", "30s 30s", "1:75", ".s", "1..5 min", "2 days",
    ])
    func refusesTimes(_ text: String) {
        #expect(QuantityParser.time(text) == nil)
    }

    @Test(arguments: [
        ("2 per day", 2, Frequency.Period.day), ("2x/day", 2, .day), ("2x per day", 2, .day), ("2 times a day", 2, .day),
        ("twice a day", 2, .day), ("twice daily", 2, .day), ("daily", 1, .day), ("once a week", 1, .week),
        ("3x/week", 3, .week), ("3 times a week", 3, .week), ("3 per week", 3, .week), ("weekly", 1, .week),
        ("3x/wk", 3, .week), ("5 times per week", 5, .week),
    ])
    func readsFrequencies(_ text: String, _ count: Int, _ period: Frequency.Period) {
        #expect(QuantityParser.frequency(text) == Frequency(count: count, per: period))
    }

    @Test(arguments: ["2", "per day", "0 per day", "2 per month", "often", "2 per per day", "-1 per day", "1000 per day"])
    func refusesFrequencies(_ text: String) {
        #expect(QuantityParser.frequency(text) == nil)
    }

    @Test(arguments: [
        ("5 kg", Load.mass(value: 5, unit: .kg)), ("2.5kg", .mass(value: 2.5, unit: .kg)), ("10 lb", .mass(value: 10, unit: .lb)),
        ("bodyweight", .bodyweight), ("body weight", .bodyweight), ("light band", .band(.light)), ("heavy band", .band(.heavy)),
    ])
    func readsLoads(_ text: String, _ load: Load) {
        #expect(QuantityParser.load(text) == load)
    }

    @Test(arguments: ["5", "5 stone", "-5 kg", "nan kg", "blue band", "5000 kg", "kg"])
    func refusesLoads(_ text: String) {
        #expect(QuantityParser.load(text) == nil)
    }

    @Test(arguments: [
        ("RPE 6", Intensity.rpe(low: 6, high: 6)), ("rpe 5-7", .rpe(low: 5, high: 7)), ("pain up to 3/10", .painAtMost(3)),
        ("pain 3/10", .painAtMost(3)), ("pain <= 3/10", .painAtMost(3)), ("pain ≤ 2/10", .painAtMost(2)), ("moderate", .effort(.moderate)),
    ])
    func readsIntensities(_ text: String, _ intensity: Intensity) {
        #expect(QuantityParser.intensity(text) == intensity)
    }

    @Test(arguments: ["RPE 11", "RPE 7-5", "pain 11/10", "pain 3/5", "very hard", "6"])
    func refusesIntensities(_ text: String) {
        #expect(QuantityParser.intensity(text) == nil)
    }

    @Test func readsWeeksTemposAndIncrements() {
        #expect(QuantityParser.weeks("1-2", maxWeek: 104) == WeekRange(first: 1, last: 2))
        #expect(QuantityParser.weeks("3", maxWeek: 104) == WeekRange(first: 3, last: 3))
        #expect(QuantityParser.weeks("0-2", maxWeek: 104) == nil)
        #expect(QuantityParser.weeks("4-2", maxWeek: 104) == nil)
        #expect(QuantityParser.weeks("1-500", maxWeek: 104) == nil)
        #expect(QuantityParser.tempo("3-1-3")?.bare == "3-1-3")
        #expect(QuantityParser.tempo("2-0-x-1")?.bare == "2-0-X-1")
        #expect(QuantityParser.tempo("3-1") == nil)
        #expect(QuantityParser.interval("2 weeks") == 2)
        #expect(QuantityParser.interval("week") == 1)
        #expect(QuantityParser.interval("0 weeks") == nil)
        #expect(QuantityParser.countIncrement("+2") == 2)
        #expect(QuantityParser.countIncrement("2") == nil)
        #expect(QuantityParser.timeIncrement("-10s") == TimeSpan(seconds: -10))
        #expect(QuantityParser.loadIncrement("+1 kg") == .mass(value: 1, unit: .kg))
        #expect(QuantityParser.loadIncrement("+bodyweight") == nil)
    }

    struct TempoCase: CustomTestStringConvertible, Sendable {
        let text: String
        /// The parts as read, `kind seconds` (X for as fast as is safe), in order.
        let parts: String
        /// The bare form, lower first.
        let bare: String
        /// Whether the numbers would mean something else read lift first (RG108).
        var ambiguous = false
        var testDescription: String { text }
    }

    static let tempos: [TempoCase] = [
        TempoCase(text: "3-1-3", parts: "lower 3, pause 1, lift 3", bare: "3-1-3", ambiguous: true),
        TempoCase(text: "3-0-1", parts: "lower 3, pause 0, lift 1", bare: "3-0-1", ambiguous: true),
        TempoCase(text: "2-0-x-1", parts: "lower 2, pause 0, lift X, pause 1", bare: "2-0-X-1", ambiguous: true),
        TempoCase(text: "2-0-2", parts: "lower 2, pause 0, lift 2", bare: "2-0-2"),
        TempoCase(text: "3-1-3-1", parts: "lower 3, pause 1, lift 3, pause 1", bare: "3-1-3-1"),
        TempoCase(text: "2-0-2-0", parts: "lower 2, pause 0, lift 2, pause 0", bare: "2-0-2-0"),
        TempoCase(text: "X-0-X", parts: "lower X, pause 0, lift X", bare: "X-0-X"),
        TempoCase(text: "2-X-2-0", parts: "lower 2, pause X, lift 2, pause 0", bare: "2-X-2-0"),
        TempoCase(text: " 3 - 1 - 3 - 1 ", parts: "lower 3, pause 1, lift 3, pause 1", bare: "3-1-3-1"),
        TempoCase(text: "lower 3, pause 1, lift 1", parts: "lower 3, pause 1, lift 1", bare: "3-1-1"),
        TempoCase(text: "lift 1, pause 1, lower 3", parts: "lift 1, pause 1, lower 3", bare: "3-0-1-1"),
        TempoCase(text: "lift 1, pause 2, lower 3, pause 1", parts: "lift 1, pause 2, lower 3, pause 1", bare: "3-1-1-2"),
        TempoCase(text: "lower 3, lift 1, pause 2", parts: "lower 3, lift 1, pause 2", bare: "3-0-1-2"),
        TempoCase(text: "lift 1 lower 3", parts: "lift 1, lower 3", bare: "3-0-1"),
        TempoCase(text: "Lower 2s, Lift X", parts: "lower 2, lift X", bare: "2-0-X"),
        TempoCase(text: "lower 3 seconds,lift 1 sec , pause 0", parts: "lower 3, lift 1, pause 0", bare: "3-0-1-0"),
        TempoCase(text: "LIFT X LOWER X", parts: "lift X, lower X", bare: "X-0-X"),
    ]

    @Test(arguments: tempos)
    func readsTempos(_ c: TempoCase) throws {
        let tempo = try #require(QuantityParser.tempo(c.text))
        #expect(tempo.parts.map { "\($0.kind.rawValue) \($0.seconds.map(String.init) ?? "X")" }.joined(separator: ", ") == c.parts)
        #expect(tempo.bare == c.bare)
        #expect(tempo.readsTheSameEitherWay == !c.ambiguous)
        // The bare form lower first means the same as what was written.
        let again = try #require(QuantityParser.tempo(tempo.bare))
        #expect(again.bare == tempo.bare)
    }

    /// Tempos refused, with the help line's reason (nil: the accepted forms alone).
    @Test(
        arguments: [
            ("3-1", nil), ("3-1-61", nil), ("slow", "`slow` is not a part of a tempo"), ("", nil),
            ("lowr 3, lift 1", "`lowr` is not a part of a tempo (did you mean `lower`?)"),
            ("lower 3", "name both `lower` and `lift`"), ("lower 3, lower 1, lift 1", "name `lower` and `lift` once each"),
            ("pause 1, lower 3, lift 1", "start with `lower` or `lift`"), ("lower 3, pause 1, pause 1, lift 1", "not two in a row"),
            ("lower 3, pause X, lift 1", "X (as fast as is safe) is for `lower` and `lift`"),
            ("lower 0, lift 1", "`lower` takes a whole number of seconds from 1 to 60"),
            ("lower 61, lift 1", "`lower` takes a whole number of seconds from 1 to 60"),
            ("lower 1.5, lift 1", "`lower` takes a whole number"), ("lower 3, lift 1, pause 61", "a pause takes a whole number"),
            ("lower, lift 1", "give `lower` its seconds"), ("lower 3, lift", "give `lift` its seconds"),
            ("lower 3,, lift 1", "separate the parts with one comma, or none"), ("lower 3 - lift 1", "separate the parts"),
            ("lower 3, lift 1,", "end the tempo without a comma"), ("lower 3 min, lift 1", "`min` is not a part of a tempo"),
        ] as [(String, String?)])
    func refusesTempos(_ text: String, _ reason: String?) {
        #expect(QuantityParser.tempo(text) == nil)
        let problem = QuantityParser.tempoProblem(text)
        if let reason {
            #expect(problem?.contains(reason) == true, "\(problem ?? "no reason")")
        } else {
            #expect(problem == nil)
        }
    }

    /// Nearly every dose is ASCII and is tokenised on bytes; any other text goes through the
    /// general, character-by-character path. A no-break space is whitespace to the general path
    /// and forces it: each text must read the same either way, in every kind of quantity.
    @Test func theASCIIPathReadsAsTheGeneralPathDoes() {
        let pieces = ["", " ", "1", "30", "1.5", ".5", "5.", "1..5", "1234567", "min", "S", "kg", "x", "/", "per", "day", "%", ":", "-", "+", "RPE", "10"]
        var compared = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let ascii = a + " " + b + c + " " + a
                    let general = ascii.replacingOccurrences(of: " ", with: "\u{A0}")
                    #expect(QuantityParser.time(ascii) == QuantityParser.time(general), "\(ascii)")
                    #expect(QuantityParser.frequency(ascii) == QuantityParser.frequency(general), "\(ascii)")
                    #expect(QuantityParser.load(ascii) == QuantityParser.load(general), "\(ascii)")
                    #expect(QuantityParser.intensity(ascii) == QuantityParser.intensity(general), "\(ascii)")
                    #expect(QuantityParser.interval(ascii) == QuantityParser.interval(general), "\(ascii)")
                    #expect(QuantityParser.timeIncrement(ascii) == QuantityParser.timeIncrement(general), "\(ascii)")
                    compared += 1
                }
            }
        }
        #expect(compared == pieces.count * pieces.count * pieces.count)
    }
}
