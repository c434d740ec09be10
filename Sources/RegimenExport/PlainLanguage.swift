import Foundation
import RegimenCompile
import RegimenFormat

/// The words a patient reads for doses, frequencies, sides, weeks and dates: one place for all
/// of them, shared by every handout exporter. What a handout says about safety is
/// `SafetyWording`'s, which words the plan's own conditions and movements with this.
///
/// The reader may be in pain and at home, so the wording is short sentences in the second
/// person, with numbers as digits except where a language says them in words ("once", "twice").
/// The words are a language's catalogue (`Words`, docs/languages.md): a value speaks one
/// language, and the static entry points speak British English for callers that have none
/// (the language server's hovers). Sentences are assembled from the catalogue's patterns, so
/// each language keeps its own word order. Nothing here traps: zero, negative and huge values
/// give a sensible sentence or are left out.
public struct PlainLanguage: Sendable {
    /// The words the sentences are made of: a catalogue, with the language's numbers and dates.
    public let words: Words

    /// Sentences in `words`' language.
    public init(words: Words) {
        self.words = words
    }

    /// Sentences in the language of the shipped catalogue `language` resolves to
    /// (`HandoutLanguage.resolve`): "es-MX" speaks Spanish, "ja" British English.
    public init(language: String?) {
        let tag = HandoutLanguage.resolve(language).catalogue
        self.init(words: MessageCatalogue.shipped[tag].map(Words.init) ?? .britishEnglish)
    }

    /// British English, the reference: what the static entry points say.
    public static let britishEnglish = PlainLanguage(words: .britishEnglish)

    /// What a dose says when it says nothing else, in British English.
    public static var fallbackDose: String { britishEnglish.fallbackDose }

    /// What a dose says when it says nothing else.
    public var fallbackDose: String { words.text("sentence.end", ["text": words.text("dose.asShown")]) }

    // MARK: Doses

    /// The dose in sentences, such as "Hold for 30 seconds. Do this 3 times on your left side,
    /// twice a day." `sessions` is the phase's session frequency and `days` its days of the week,
    /// used when the dose gives neither. A range of repetitions ("8 to 12") is done until the
    /// muscles tire, and the sentence says so.
    public func dose(_ dose: Plan.DoseInfo, sessions: Plan.FrequencyInfo?, days: [Weekday]? = nil) -> String {
        let sets = Self.span(dose.sets, dose.setsMax)
        let reps = Self.span(dose.reps, dose.repsMax)
        let hold = Self.span(dose.holdSeconds, dose.holdSecondsMax)
        let duration = Self.span(dose.durationSeconds, dose.durationSecondsMax)
        // The item's own frequency and days, else the phase's.
        let own = Self.usable(dose.frequency) != nil || !(dose.days ?? []).isEmpty
        let often = own ? often(dose.frequency, days: dose.days) : often(sessions, days: days)
        // Alternating is its own sentence: "changing sides" does not sit well mid-sentence.
        let alternating = dose.side == .alternating
        let side = alternating ? nil : dose.side.map(side)
        let load = dose.load.flatMap(load)

        enum Count {
            case none
            case times(Amount<Int>)
            case repetitions(Amount<Int>)
            case sets(Amount<Int>, of: Amount<Int>)
        }
        let count: Count =
            switch (sets, reps) {
            case (let s?, let r?) where s.high > 1 && r.high > 1: .sets(s, of: r)
            case (let s?, let r?) where r.isRange: s.high > 1 ? .sets(s, of: r) : .repetitions(r)
            case (let s?, let r?) where s.isRange: .times(s)
            case (let s?, let r?): .times(Amount(max(s.low, r.low)))
            case (let s?, nil): .times(s)
            case (nil, let r?): r.isRange ? .repetitions(r) : .times(r)
            case (nil, nil): .none
            }

        var before: [String] = []
        var main: String
        var after: [String] = []
        var untilTired: String?
        switch count {
        case .sets(let s, let r):
            main = words.text("dose.setsOf", ["sets": counted("count.sets", s), "reps": counted("count.repetitions", r)])
            if r.isRange { untilTired = "dose.untilTiredEachSet" }
            if let hold { after.append(words.text("dose.holdEach", ["time": time(hold)])) }
            if let duration { after.append(words.text("dose.eachSetTakes", ["time": time(duration)])) }
        case .repetitions(let r):
            if let hold { before.append(words.text("dose.holdFor", ["time": time(hold)])) }
            if let duration { before.append(words.text("dose.keepGoing", ["time": time(duration)])) }
            main = words.text("dose.doReps", ["reps": counted("count.repetitions", r)])
            untilTired = "dose.untilTired"
        case .times(let n):
            if let hold { before.append(words.text("dose.holdFor", ["time": time(hold)])) }
            if let duration { before.append(words.text("dose.keepGoing", ["time": time(duration)])) }
            main = words.text("dose.doTimes", ["times": times(n)])
        case .none:
            if let duration {
                if let hold { before.append(words.text("dose.holdEachTime", ["time": time(hold)])) }
                main = words.text("dose.doFor", ["time": time(duration)])
            } else if let hold {
                main = words.text("dose.holdOnly", ["time": time(hold)])
            } else if side != nil || load != nil || alternating {
                main = words.text("dose.doThis")
            } else {
                main = words.text("dose.asShown")
            }
        }
        if let side { main = words.text("dose.withSide", ["action": main, "side": side]) }
        if let load { main = words.text("dose.withLoad", ["action": main, "load": load]) }
        if let often { main = words.text("dose.withFrequency", ["action": main, "frequency": often]) }
        if let untilTired { main = words.text(untilTired, ["action": main]) }
        main = words.text("sentence.end", ["text": main])

        if alternating { after.insert(words.text("dose.alternating"), at: 0) }
        // The parts say their order; the bare text is for plans made before they did.
        let pace: String? = if let parts = dose.tempoParts { tempo(parts) } else { dose.tempo.flatMap { tempo($0) } }
        if let pace { after.append(pace) }
        if let rest = Self.span(dose.restSeconds, dose.restSecondsMax) {
            let time = time(rest)
            switch count {
            case .sets: after.append(words.text("rest.betweenSets", ["time": time]))
            case .times(let n) where n.high > 1 && (sets?.high ?? 0) > 1: after.append(words.text("rest.inBetween", ["time": time]))
            default: after.append(words.text("rest.afterwards", ["time": time]))
            }
        }
        if let intensity = dose.intensity.flatMap(intensity) { after.append(intensity) }
        return (before + [main] + after).joined(separator: " ")
    }

    /// The positive `low`, up to `high` when that is larger; nil for no positive `low`.
    static func span(_ low: Int?, _ high: Int?) -> Amount<Int>? {
        guard let low = positive(low) else { return nil }
        return Amount(low: low, high: max(low, high ?? low))
    }

    /// "10 repetitions", or "8 to 12 repetitions" (the `…Range` form of `key`, by the larger number).
    func counted(_ key: String, _ span: Amount<Int>) -> String {
        guard span.isRange else { return words.count(key, span.low) }
        return words.count(key + "Range", span.high, ["range": range(span.low, span.high)])
    }

    /// "8 to 12".
    func range(_ low: Int, _ high: Int) -> String {
        words.text("range", ["low": String(low), "high": String(high)])
    }

    /// "30 seconds", "20 to 30 seconds", "1 to 2 minutes", "30 seconds to 1 minute 30 seconds".
    func time(_ span: Amount<Int>) -> String {
        guard span.isRange else { return time(seconds: span.low) }
        // In seconds up to 3 minutes, unless both are whole minutes: "60 to 90 seconds".
        let wholeMinutes = span.low % 60 == 0 && span.high % 60 == 0
        if span.high < 60 || (!wholeMinutes && span.high <= 180) {
            return words.count("count.secondsRange", span.high, ["range": range(span.low, span.high)])
        }
        if wholeMinutes, span.high < 3600 {
            return words.count("count.minutesRange", span.high / 60, ["range": range(span.low / 60, span.high / 60)])
        }
        return words.text("range", ["low": time(seconds: span.low), "high": time(seconds: span.high)])
    }

    /// "30 seconds", or "20 to 30 seconds" for a range of times in seconds.
    public func time(from low: Int, to high: Int) -> String { time(Amount(low: low, high: max(low, high))) }

    /// "8 to 12".
    public func range(from low: Int, to high: Int) -> String { range(low, high) }

    /// "once", "twice", "3 times", "2 to 3 times".
    func times(_ span: Amount<Int>) -> String {
        span.isRange ? words.count("timesRange", span.high, ["range": range(span.low, span.high)]) : times(span.low)
    }

    /// How often, on which days: "twice a day", "every other day", "on Monday, Wednesday and
    /// Friday", "twice a day on Monday and Thursday"; nil when neither says anything.
    public func often(_ frequency: Plan.FrequencyInfo?, days: [Weekday]?) -> String? {
        let frequency = Self.usable(frequency)
        guard let days, !days.isEmpty else { return frequency.map(self.frequency) }
        let unique = Array(Set(days)).sorted()
        let perDay = frequency.flatMap { $0.per == .day && ($0.interval ?? 1) == 1 && $0.count > 1 ? $0.count : nil }
        if unique.count == 7 {
            return perDay.map { words.text("frequency.perDay", ["times": times($0)]) } ?? words.text("frequency.everyDay")
        }
        if unique == [.mon, .tue, .wed, .thu, .fri] {
            return perDay.map { words.text("frequency.perDayOnWeekdays", ["times": times($0)]) } ?? words.text("frequency.onWeekdays")
        }
        let named = words.list(unique.map(words.weekdayName))
        return perDay.map { words.text("frequency.perDayOnDays", ["times": times($0), "days": named]) }
            ?? words.text("frequency.onDays", ["days": named])
    }

    /// "once", "twice", "3 times"; "0 times" for zero or less.
    public func times(_ count: Int) -> String {
        words.count("times", max(0, count))
    }

    /// "twice a day", "3 times a week", "every day" (7 a week).
    public func frequency(_ frequency: Plan.FrequencyInfo) -> String {
        guard frequency.count > 0 else { return words.text("frequency.asAdvised") }
        if let interval = frequency.interval, interval > 1, frequency.per == .day {
            return interval == 2 ? words.text("frequency.everyOtherDay") : words.count("frequency.everyDays", interval)
        }
        switch frequency.per {
        case .day: return words.text("frequency.perDay", ["times": times(frequency.count)])
        case .week:
            return frequency.count == 7
                ? words.text("frequency.everyDay") : words.text("frequency.perWeek", ["times": times(frequency.count)])
        }
    }

    /// "Do these exercises twice a day." for a phase's sessions.
    public func sessions(_ sessions: Plan.FrequencyInfo) -> String {
        words.text("sessions", ["frequency": frequency(sessions)])
    }

    /// "Do these exercises on Monday, Wednesday and Friday." for a phase's sessions and days;
    /// nil when the phase gives neither.
    public func sessions(_ sessions: Plan.FrequencyInfo?, days: [Weekday]?) -> String? {
        often(sessions, days: days).map { words.text("sessions", ["frequency": $0]) }
    }

    /// "on your left side", "on each side", "changing sides each time", "on the side that
    /// hurts" (for `affected` before a patient's side is known).
    public func side(_ side: Side) -> String {
        words.text("side.\(side.rawValue)")
    }

    /// "with a 5 kg weight", "using your own body weight", "with a light resistance band"; nil
    /// for a load that cannot be said (negative, not a number).
    public func load(_ load: Plan.LoadInfo) -> String? {
        switch load.kind {
        case .mass:
            guard let value = load.value, Self.number(value) != nil else { return nil }
            if value == 0 { return words.text("load.none") }
            switch load.unit {
            case let unit?: return words.amount("load.mass", value, ["unit": words.text("unit.\(unit.rawValue)")])
            case nil: return words.amount("load.massNoUnit", value)
            }
        case .bodyweight:
            return words.text("load.bodyweight")
        case .band:
            return words.text("load.band.\(load.band?.rawValue ?? "any")")
        case .repetitionMaximum:
            guard let value = load.value, value >= 1, value <= 100, value == value.rounded() else { return nil }
            return words.count("load.repetitionMaximum", Int(value), ["next": String(Int(value) + 1)])
        case .percentOfMaximum:
            guard let value = load.value, value > 0, value <= 100, let percent = words.number(value) else { return nil }
            return words.text("load.percentOfMaximum", ["percent": percent])
        case .perceivedExertion:
            guard let low = load.low ?? load.high, let high = load.high ?? load.low else { return nil }
            let (a, b) = (Self.outOfTen(min(low, high)), Self.outOfTen(max(low, high)))
            return a == b
                ? words.text("load.perceivedExertion", ["level": String(a)])
                : words.text("load.perceivedExertionRange", ["low": String(a), "high": String(b)])
        }
    }

    /// "It should feel like about 6 out of 10 effort.", "Some pain is fine, up to 3 out of
    /// 10.", "It should feel easy."; nil when it cannot be said.
    public func intensity(_ intensity: Plan.IntensityInfo) -> String? {
        switch intensity.kind {
        case .rpe:
            guard let low = intensity.low ?? intensity.high, let high = intensity.high ?? intensity.low else { return nil }
            let (a, b) = (Self.outOfTen(min(low, high)), Self.outOfTen(max(low, high)))
            return a == b
                ? words.text("intensity.rpe", ["level": String(a)])
                : words.text("intensity.rpeRange", ["low": String(a), "high": String(b)])
        case .pain:
            guard let max = intensity.max else { return nil }
            return max <= 0 ? words.text("intensity.noPain") : words.text("intensity.painUpTo", ["level": String(Self.outOfTen(max))])
        case .effort:
            return intensity.effort.map { words.text("intensity.\($0.rawValue)") }
        }
    }

    /// "Lower for 3 seconds, pause for 1, lift for 3." from a bare tempo such as `3-1-3` or
    /// `2-0-X-1` (lowering, pause, lifting, pause; `X` is as fast as is safe, 0 is left out);
    /// nil for a tempo that cannot be read.
    public func tempo(_ tempo: String) -> String? {
        Self.tempoParts(tempo).flatMap { self.tempo($0) }
    }

    /// The parts of a bare tempo such as `3-1-3`; nil when it cannot be read.
    static func tempoParts(_ tempo: String) -> [Plan.TempoPart]? {
        let fields = tempo.split(separator: "-", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard (3...4).contains(fields.count) else { return nil }
        var parts: [Plan.TempoPart] = []
        for (kind, field) in zip(Tempo.bareOrder, fields) {
            if field.uppercased() == "X" {
                parts.append(Plan.TempoPart(part: kind, seconds: nil))
            } else if let seconds = Int(field), seconds >= 0, field.allSatisfy({ $0.isASCII && $0.isNumber }) {
                parts.append(Plan.TempoPart(part: kind, seconds: seconds))
            } else {
                return nil
            }
        }
        return parts
    }

    /// The parts of a tempo in the order given: "Lift for 1 second, pause for 1, lower for 3."
    /// (`X`, `fast`, is "lift quickly", or "do not pause"; parts of 0 seconds are left out); nil
    /// when no part can be said, or one cannot be read (neither seconds nor fast, or negative).
    public func tempo(_ parts: [Plan.TempoPart]) -> String? {
        var phrases: [String] = []
        var unitGiven = false
        for part in parts {
            let verb = part.part.rawValue
            if part.fast == true {
                phrases.append(words.text("tempo.\(verb).fast"))
            } else if let seconds = part.seconds, seconds >= 0 {
                guard seconds > 0 else { continue }
                // The unit is said once, with the first part: "lower for 3 seconds, lift for 3".
                let amount = unitGiven ? String(seconds) : words.count("count.seconds", seconds)
                unitGiven = true
                phrases.append(words.text("tempo.\(verb)", ["time": amount]))
            } else {
                return nil
            }
        }
        guard let first = phrases.first else { return nil }
        let joined = phrases.dropFirst().reduce(Self.capitalised(first)) { words.text("join.comma", ["first": $0, "second": $1]) }
        return words.text("sentence.end", ["text": joined])
    }

    /// "Rest for 30 seconds between sets."; nil for no rest (zero or negative).
    public func rest(seconds: Int) -> String? {
        Self.positive(seconds).map { words.text("rest.betweenSets", ["time": time(seconds: $0)]) }
    }

    /// How an item's dose grows through its phase, such as "Each week, add 2 repetitions, up
    /// to 12."; nil when nothing grows: no increment, a field the starting dose does not
    /// have, a ceiling already reached, or a phase too short for a step (`weeks`).
    public func progress(_ progress: Plan.ProgressInfo, from start: Plan.DoseInfo, weeks: Plan.WeekSpan? = nil) -> String? {
        let every = max(1, progress.everyWeeks)
        if let weeks {
            let (length, overflow) = weeks.last.subtractingReportingOverflow(weeks.first)
            if !overflow, length < every { return nil }
        }
        let until = progress.until
        var clauses: [String] = []

        func bounded(_ clause: String, _ increment: Bool, _ limit: String?) -> String {
            guard let limit else { return clause }
            return words.text(increment ? "progress.upTo" : "progress.downTo", ["clause": clause, "limit": limit])
        }
        func count(_ increment: Int?, _ start: Int?, _ ceiling: Int?, noun: String) {
            guard let increment, increment != 0, let start, !Self.reached(start, increment, ceiling) else { return }
            let amount = words.count(noun, Int(clamping: increment.magnitude))
            let clause = words.text(increment > 0 ? "progress.add" : "progress.drop", ["amount": amount])
            clauses.append(bounded(clause, increment > 0, ceiling.map(String.init)))
        }
        func span(_ increment: Int?, _ start: Int?, _ ceiling: Int?, field: String) {
            guard let increment, increment != 0, let start, !Self.reached(start, increment, ceiling) else { return }
            let clause = words.text("progress.\(field).\(increment > 0 ? "more" : "less")", ["time": time(magnitude: increment.magnitude)])
            clauses.append(bounded(clause, increment > 0, ceiling.map { time(seconds: $0) }))
        }

        count(progress.sets, Self.positive(start.sets), until.sets, noun: "count.sets")
        count(progress.reps, Self.positive(start.reps), until.reps, noun: "count.repetitions")
        span(progress.holdSeconds, Self.positive(start.holdSeconds), until.holdSeconds, field: "hold")
        span(progress.durationSeconds, Self.positive(start.durationSeconds), until.durationSeconds, field: "duration")
        span(progress.restSeconds, Self.positive(start.restSeconds), until.restSeconds, field: "rest")
        if let increment = progress.load, increment.kind == .mass, let step = increment.value, step.isFinite, step != 0,
            let begin = start.load, begin.kind == .mass, begin.unit == increment.unit, let from = begin.value,
            let unit = increment.unit, let amount = mass(abs(step), unit)
        {
            let ceiling = until.load.flatMap { $0.kind == .mass && $0.unit == increment.unit ? $0.value : nil }
            let done = ceiling.map { step > 0 ? $0 <= from : $0 >= from } ?? false
            if !done {
                let clause = words.text(step > 0 ? "progress.load.more" : "progress.load.less", ["amount": amount])
                clauses.append(bounded(clause, step > 0, ceiling.flatMap { mass($0, unit) }))
            }
        }

        guard !clauses.isEmpty else { return nil }
        let when = words.count("progress.every", every)
        if clauses.count == 1 { return words.text("progress.one", ["when": when, "clause": clauses[0]]) }
        let joined = clauses.dropFirst().reduce(clauses[0]) { words.text("join.semicolon", ["first": $0, "second": $1]) }
        return words.text("progress.several", ["when": when, "clauses": joined])
    }

    /// "2.5 kg", "1,5 kg": an amount of weight; nil for a negative or non-finite one.
    public func mass(_ value: Double, _ unit: Load.Unit) -> String? {
        words.amount("mass", value, ["unit": words.text("unit.\(unit.rawValue)")])
    }

    /// Whether a step of `increment` from `start` is already stopped by `ceiling`.
    private static func reached(_ start: Int, _ increment: Int, _ ceiling: Int?) -> Bool {
        guard let ceiling else { return false }
        return increment > 0 ? ceiling <= start : ceiling >= start
    }

    // MARK: Time and dates

    /// "Week 3", "Weeks 1 to 2".
    public func weeks(_ span: Plan.WeekSpan) -> String {
        span.first == span.last
            ? words.text("weeks.one", ["week": String(span.first)])
            : words.text("weeks.range", ["first": String(span.first), "last": String(span.last)])
    }

    /// "week 3", "weeks 1 to 2": the weeks inside a sentence.
    public func weeksInSentence(_ span: Plan.WeekSpan) -> String {
        span.first == span.last
            ? words.text("weeks.inSentence.one", ["week": String(span.first)])
            : words.text("weeks.inSentence.range", ["first": String(span.first), "last": String(span.last)])
    }

    /// "30 seconds", "1 minute 30 seconds", "1 hour 5 minutes"; "0 seconds" for zero or less.
    public func time(seconds: Int) -> String {
        guard seconds > 0 else { return words.count("count.seconds", 0) }
        return time(magnitude: seconds.magnitude)
    }

    private func time(magnitude seconds: UInt) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        var parts: [String] = []
        if hours > 0 { parts.append(words.count("count.hours", Int(clamping: hours))) }
        if minutes > 0 { parts.append(words.count("count.minutes", Int(minutes))) }
        if rest > 0 { parts.append(words.count("count.seconds", Int(rest))) }
        return parts.dropFirst().reduce(parts.first ?? "") { words.text("time.join", ["first": $0, "second": $1]) }
    }

    /// "7 December 2026".
    public func date(_ date: CalendarDate) -> String {
        words.date(date)
    }

    /// "Monday 7 December 2026".
    public func dateWithWeekday(_ date: CalendarDate) -> String {
        words.text("date.withWeekday", ["weekday": words.weekday(date), "date": words.date(date)])
    }

    /// 0 for Monday to 6 for Sunday.
    public static func weekday(_ date: CalendarDate) -> Int { date.weekday.index }

    /// "7 Dec", for a narrow column.
    public func shortDate(_ date: CalendarDate) -> String {
        words.shortDate(date)
    }

    /// "7 to 13 December 2026", "30 November to 6 December 2026", "28 December 2026 to 3
    /// January 2027", or one date when the span is one day.
    public func dates(_ span: Plan.DateSpan) -> String {
        dates(from: span.first, to: span.last)
    }

    /// The days from `first` to `last`, as `dates(_:)` says them.
    public func dates(from first: CalendarDate, to last: CalendarDate) -> String {
        if first == last { return date(first) }
        // `first` is as much of the first date as the message needs (all of it, its day and
        // month, its day); the parts are there too for an order such as "December 7 to 13, 2026".
        var values = [
            "last": date(last), "firstDay": words.day(first), "firstDayMonth": words.dayAndMonth(first), "firstFull": date(first),
            "lastDay": words.day(last), "lastDayMonth": words.dayAndMonth(last), "year": String(last.year),
        ]
        if first.year != last.year {
            values["first"] = values["firstFull"]
            return words.text("dates.otherYear", values)
        }
        if first.month != last.month {
            values["first"] = values["firstDayMonth"]
            return words.text("dates.otherMonth", values)
        }
        values["first"] = values["firstDay"]
        return words.text("dates.sameMonth", values)
    }

    // MARK: British English, for callers without a language

    /// The dose in British English (`dose(_:sessions:)`).
    public static func dose(_ dose: Plan.DoseInfo, sessions: Plan.FrequencyInfo?, days: [Weekday]? = nil) -> String {
        britishEnglish.dose(dose, sessions: sessions, days: days)
    }

    /// "once", "twice", "3 times", in British English.
    public static func times(_ count: Int) -> String { britishEnglish.times(count) }

    /// "twice a day", in British English.
    public static func frequency(_ frequency: Plan.FrequencyInfo) -> String { britishEnglish.frequency(frequency) }

    /// "Do these exercises twice a day.", in British English.
    public static func sessions(_ sessions: Plan.FrequencyInfo) -> String { britishEnglish.sessions(sessions) }

    /// "on your left side", in British English.
    public static func side(_ side: Side) -> String { britishEnglish.side(side) }

    /// "with a 5 kg weight", in British English.
    public static func load(_ load: Plan.LoadInfo) -> String? { britishEnglish.load(load) }

    /// "It should feel easy.", in British English.
    public static func intensity(_ intensity: Plan.IntensityInfo) -> String? { britishEnglish.intensity(intensity) }

    /// A bare tempo such as `3-1-3` in British English.
    public static func tempo(_ tempo: String) -> String? { britishEnglish.tempo(tempo) }

    /// A tempo's parts in British English.
    public static func tempo(_ parts: [Plan.TempoPart]) -> String? { britishEnglish.tempo(parts) }

    /// "Rest for 30 seconds between sets.", in British English.
    public static func rest(seconds: Int) -> String? { britishEnglish.rest(seconds: seconds) }

    /// How an item's dose grows, in British English.
    public static func progress(_ progress: Plan.ProgressInfo, from start: Plan.DoseInfo, weeks: Plan.WeekSpan? = nil) -> String? {
        britishEnglish.progress(progress, from: start, weeks: weeks)
    }

    /// "Week 3", "Weeks 1 to 2", in British English.
    public static func weeks(_ span: Plan.WeekSpan) -> String { britishEnglish.weeks(span) }

    /// "30 seconds", "1 minute 30 seconds", in British English.
    public static func time(seconds: Int) -> String { britishEnglish.time(seconds: seconds) }

    /// "7 December 2026".
    public static func date(_ date: CalendarDate) -> String { britishEnglish.date(date) }

    /// "Monday 7 December 2026".
    public static func dateWithWeekday(_ date: CalendarDate) -> String { britishEnglish.dateWithWeekday(date) }

    /// "7 Dec".
    public static func shortDate(_ date: CalendarDate) -> String { britishEnglish.shortDate(date) }

    /// "7 to 13 December 2026", in British English.
    public static func dates(_ span: Plan.DateSpan) -> String { britishEnglish.dates(span) }

    /// The days from `first` to `last`, in British English.
    public static func dates(from first: CalendarDate, to last: CalendarDate) -> String { britishEnglish.dates(from: first, to: last) }

    // MARK: Text

    /// `text` as a sentence: control characters and runs of white space made single spaces,
    /// and a full stop added when it ends in a letter, a digit or a bracket.
    public static func sentence(_ text: String) -> String {
        let text = clean(text)
        guard let last = text.last else { return text }
        return last.isLetter || last.isNumber || last == ")" ? text + "." : text
    }

    /// `text` on one line: white space (newlines included) made single spaces, control and
    /// bidirectional-override characters removed, so nothing in a plan can change how the
    /// handout is laid out.
    public static func clean(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                if !out.isEmpty, out.last != " " { out.append(" ") }
                continue
            }
            let kept = character.unicodeScalars.filter { scalar in
                scalar.properties.generalCategory != .control && !(0x202A...0x202E).contains(scalar.value)
                    && !(0x2066...0x2069).contains(scalar.value)
            }
            if kept.count == character.unicodeScalars.count {
                out.append(character)
            } else if !kept.isEmpty {
                out.unicodeScalars.append(contentsOf: kept)
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    // MARK: Numbers

    static func positive(_ value: Int?) -> Int? {
        guard let value, value > 0 else { return nil }
        return value
    }

    private static func usable(_ frequency: Plan.FrequencyInfo?) -> Plan.FrequencyInfo? {
        guard let frequency, frequency.count > 0 else { return nil }
        return frequency
    }

    private static func outOfTen(_ value: Int) -> Int { min(10, max(0, value)) }

    /// "5", "2.5", "1.25" (to three decimal places); nil for a negative or non-finite value.
    static func number(_ value: Double) -> String? {
        guard value.isFinite, value >= 0 else { return nil }
        let rounded = value < 1e12 ? (value * 1000).rounded() / 1000 : value.rounded()
        if rounded < 1e15, rounded == rounded.rounded(), let whole = Int(exactly: rounded) { return "\(whole)" }
        return "\(rounded)"
    }

    private static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
