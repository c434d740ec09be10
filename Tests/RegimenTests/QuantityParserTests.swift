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
        #expect(QuantityParser.tempo("3-1-3")?.phases == ["3", "1", "3"])
        #expect(QuantityParser.tempo("2-0-x-1")?.phases == ["2", "0", "X", "1"])
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
