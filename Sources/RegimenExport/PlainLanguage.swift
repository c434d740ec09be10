import Foundation
import RegimenCompile
import RegimenFormat

/// The words a patient reads for doses, frequencies, sides, weeks and dates: one place for all
/// of them, shared by every handout exporter. What a handout says about safety is
/// `SafetyWording`'s, which words the plan's own conditions and movements with this.
///
/// The reader may be in pain and at home, so the wording is short sentences in the second
/// person and UK English, with numbers as digits except "once" and "twice". Nothing here traps:
/// zero, negative and huge values give a sensible sentence or are left out.
public enum PlainLanguage {
    /// What a dose says when it says nothing else.
    public static let fallbackDose = "Do this as your physiotherapist showed you."

    // MARK: Doses

    /// The dose in sentences, such as "Hold for 30 seconds. Do this 3 times on your left side,
    /// twice a day." `sessions` is the phase's session frequency, used when the dose gives none.
    public static func dose(_ dose: Plan.DoseInfo, sessions: Plan.FrequencyInfo?) -> String {
        let sets = positive(dose.sets)
        let reps = positive(dose.reps)
        let hold = positive(dose.holdSeconds)
        let duration = positive(dose.durationSeconds)
        let often = (usable(dose.frequency) ?? usable(sessions)).map(frequency)
        // Alternating is its own sentence: "changing sides" does not sit well mid-sentence.
        let alternating = dose.side == .alternating
        let side = alternating ? nil : dose.side.map(side)
        let load = dose.load.flatMap(load)

        enum Count {
            case none
            case times(Int)
            case sets(Int, of: Int)
        }
        let count: Count =
            switch (sets, reps) {
            case (let s?, let r?) where s > 1 && r > 1: .sets(s, of: r)
            case (let s?, let r?): .times(max(s, r))
            case (let s?, nil): .times(s)
            case (nil, let r?): .times(r)
            case (nil, nil): .none
            }

        var before: [String] = []
        var main: String
        var after: [String] = []
        switch count {
        case .sets(let s, let r):
            main = "Do \(s) sets of \(r) repetitions"
            if let hold { after.append("Hold each one for \(time(seconds: hold)).") }
            if let duration { after.append("Each set should take about \(time(seconds: duration)).") }
        case .times(let n):
            if let hold { before.append("Hold for \(time(seconds: hold)).") }
            if let duration { before.append("Keep going for \(time(seconds: duration)).") }
            main = "Do this \(times(n))"
        case .none:
            if let duration {
                if let hold { before.append("Hold for \(time(seconds: hold)) each time.") }
                main = "Do this for \(time(seconds: duration))"
            } else if let hold {
                main = "Hold for \(time(seconds: hold))"
            } else if side != nil || load != nil || alternating {
                main = "Do this"
            } else {
                main = String(fallbackDose.dropLast())
            }
        }
        if let side { main += " \(side)" }
        if let load { main += " \(load)" }
        if let often { main += ", \(often)" }
        main += "."

        if alternating { after.insert("Change sides each time.", at: 0) }
        // The parts say their order; the bare text is for plans made before they did.
        let pace: String? = if let parts = dose.tempoParts { tempo(parts) } else { dose.tempo.flatMap { tempo($0) } }
        if let pace { after.append(pace) }
        if let rest = positive(dose.restSeconds) {
            switch count {
            case .sets: after.append("Rest for \(time(seconds: rest)) between sets.")
            case .times(let n) where n > 1 && (sets ?? 0) > 1: after.append("Rest for \(time(seconds: rest)) in between.")
            default: after.append("Rest for \(time(seconds: rest)) afterwards.")
            }
        }
        if let intensity = dose.intensity.flatMap(intensity) { after.append(intensity) }
        return (before + [main] + after).joined(separator: " ")
    }

    /// "once", "twice", "3 times"; "0 times" for zero or less.
    public static func times(_ count: Int) -> String {
        switch count {
        case 1: "once"
        case 2: "twice"
        case ...0: "0 times"
        default: "\(count) times"
        }
    }

    /// "twice a day", "3 times a week", "every day" (7 a week).
    public static func frequency(_ frequency: Plan.FrequencyInfo) -> String {
        guard frequency.count > 0 else { return "as often as your physiotherapist advised" }
        switch frequency.per {
        case .day: return "\(times(frequency.count)) a day"
        case .week: return frequency.count == 7 ? "every day" : "\(times(frequency.count)) a week"
        }
    }

    /// "Do these exercises twice a day." for a phase's sessions.
    public static func sessions(_ sessions: Plan.FrequencyInfo) -> String {
        "Do these exercises \(frequency(sessions))."
    }

    /// "on your left side", "on each side", "changing sides each time", "on the side that
    /// hurts" (for `affected` before a patient's side is known).
    public static func side(_ side: Side) -> String {
        switch side {
        case .left: "on your left side"
        case .right: "on your right side"
        case .both: "on both sides"
        case .each: "on each side"
        case .alternating: "changing sides each time"
        case .affected: "on the side that hurts"
        case .unaffected: "on the other side"
        }
    }

    /// "with a 5 kg weight", "using your own body weight", "with a light resistance band"; nil
    /// for a load that cannot be said (negative, not a number).
    public static func load(_ load: Plan.LoadInfo) -> String? {
        switch load.kind {
        case .mass:
            guard let value = load.value, let amount = number(value) else { return nil }
            if value == 0 { return "with no added weight" }
            switch load.unit {
            case let unit?: return "with a \(amount) \(unit.rawValue) weight"
            case nil: return "with a weight of \(amount)"
            }
        case .bodyweight:
            return "using your own body weight"
        case .band:
            switch load.band {
            case let band?: return "with a \(band.rawValue) resistance band"
            case nil: return "with a resistance band"
            }
        }
    }

    /// "It should feel like about 6 out of 10 effort.", "Some pain is fine, up to 3 out of
    /// 10.", "It should feel easy."; nil when it cannot be said.
    public static func intensity(_ intensity: Plan.IntensityInfo) -> String? {
        switch intensity.kind {
        case .rpe:
            guard let low = intensity.low ?? intensity.high, let high = intensity.high ?? intensity.low else { return nil }
            let (a, b) = (outOfTen(min(low, high)), outOfTen(max(low, high)))
            return a == b
                ? "It should feel like about \(a) out of 10 effort."
                : "It should feel like \(a) to \(b) out of 10 effort."
        case .pain:
            guard let max = intensity.max else { return nil }
            return max <= 0 ? "It should not hurt. Stop if it does." : "Some pain is fine, up to \(outOfTen(max)) out of 10."
        case .effort:
            switch intensity.effort {
            case .light?: return "It should feel easy."
            case .moderate?: return "It should feel moderately hard."
            case .hard?: return "It should feel hard."
            case nil: return nil
            }
        }
    }

    /// "Lower for 3 seconds, pause for 1, lift for 3." from a bare tempo such as `3-1-3` or
    /// `2-0-X-1` (lowering, pause, lifting, pause; `X` is as fast as is safe, 0 is left out);
    /// nil for a tempo that cannot be read.
    public static func tempo(_ tempo: String) -> String? {
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
        return self.tempo(parts)
    }

    /// The parts of a tempo in the order given: "Lift for 1 second, pause for 1, lower for 3."
    /// (`X`, `fast`, is "lift quickly", or "do not pause"; parts of 0 seconds are left out); nil
    /// when no part can be said, or one cannot be read (neither seconds nor fast, or negative).
    public static func tempo(_ parts: [Plan.TempoPart]) -> String? {
        var phrases: [String] = []
        var unitGiven = false
        for part in parts {
            let verb = part.part.rawValue
            if part.fast == true {
                phrases.append(part.part == .pause ? "do not pause" : "\(verb) quickly")
            } else if let seconds = part.seconds, seconds >= 0 {
                guard seconds > 0 else { continue }
                let amount = unitGiven ? "\(seconds)" : seconds == 1 ? "1 second" : "\(seconds) seconds"
                unitGiven = true
                phrases.append("\(verb) for \(amount)")
            } else {
                return nil
            }
        }
        guard let first = phrases.first else { return nil }
        return ([capitalised(first)] + phrases.dropFirst()).joined(separator: ", ") + "."
    }

    /// "Rest for 30 seconds between sets."; nil for no rest (zero or negative).
    public static func rest(seconds: Int) -> String? {
        positive(seconds).map { "Rest for \(time(seconds: $0)) between sets." }
    }

    /// How an item's dose grows through its phase, such as "Each week, add 2 repetitions, up
    /// to 12."; nil when nothing grows: no increment, a field the starting dose does not
    /// have, a ceiling already reached, or a phase too short for a step (`weeks`).
    public static func progress(_ progress: Plan.ProgressInfo, from start: Plan.DoseInfo, weeks: Plan.WeekSpan? = nil) -> String? {
        let every = max(1, progress.everyWeeks)
        if let weeks {
            let (length, overflow) = weeks.last.subtractingReportingOverflow(weeks.first)
            if !overflow, length < every { return nil }
        }
        let until = progress.until
        var clauses: [String] = []

        func count(_ increment: Int?, _ start: Int?, _ ceiling: Int?, one: String, many: String) {
            guard let increment, increment != 0, let start, !reached(start, increment, ceiling) else { return }
            let amount = "\(increment.magnitude) \(increment.magnitude == 1 ? one : many)"
            let bound = ceiling.map { increment > 0 ? ", up to \($0)" : ", down to \($0)" } ?? ""
            clauses.append(increment > 0 ? "add \(amount)\(bound)" : "drop \(amount)\(bound)")
        }
        func span(_ increment: Int?, _ start: Int?, _ ceiling: Int?, more: String, less: String) {
            guard let increment, increment != 0, let start, !reached(start, increment, ceiling) else { return }
            let amount = time(seconds: increment.magnitude)
            let bound = ceiling.map { increment > 0 ? ", up to \(time(seconds: $0))" : ", down to \(time(seconds: $0))" } ?? ""
            clauses.append((increment > 0 ? more : less).replacingOccurrences(of: "TIME", with: amount) + bound)
        }

        count(progress.sets, positive(start.sets), until.sets, one: "set", many: "sets")
        count(progress.reps, positive(start.reps), until.reps, one: "repetition", many: "repetitions")
        span(progress.holdSeconds, positive(start.holdSeconds), until.holdSeconds, more: "hold TIME longer", less: "hold TIME less")
        span(progress.durationSeconds, positive(start.durationSeconds), until.durationSeconds, more: "add TIME", less: "do TIME less")
        span(progress.restSeconds, positive(start.restSeconds), until.restSeconds, more: "rest TIME longer", less: "rest TIME less")
        if let increment = progress.load, increment.kind == .mass, let step = increment.value, step.isFinite, step != 0,
            let begin = start.load, begin.kind == .mass, begin.unit == increment.unit, let from = begin.value,
            let unit = increment.unit?.rawValue, let amount = number(abs(step))
        {
            let ceiling = until.load.flatMap { $0.kind == .mass && $0.unit == increment.unit ? $0.value : nil }
            let done = ceiling.map { step > 0 ? $0 <= from : $0 >= from } ?? false
            if !done {
                let bound = ceiling.flatMap(number).map { step > 0 ? ", up to \($0) \(unit)" : ", down to \($0) \(unit)" } ?? ""
                clauses.append((step > 0 ? "add \(amount) \(unit)" : "use \(amount) \(unit) less") + bound)
            }
        }

        guard !clauses.isEmpty else { return nil }
        let when = every == 1 ? "Each week" : "Every \(every) weeks"
        return clauses.count == 1 ? "\(when), \(clauses[0])." : "\(when): \(clauses.joined(separator: "; "))."
    }

    /// Whether a step of `increment` from `start` is already stopped by `ceiling`.
    private static func reached(_ start: Int, _ increment: Int, _ ceiling: Int?) -> Bool {
        guard let ceiling else { return false }
        return increment > 0 ? ceiling <= start : ceiling >= start
    }

    // MARK: Time and dates

    /// "Week 3", "Weeks 1 to 2".
    public static func weeks(_ span: Plan.WeekSpan) -> String {
        span.first == span.last ? "Week \(span.first)" : "Weeks \(span.first) to \(span.last)"
    }

    /// "30 seconds", "1 minute 30 seconds", "1 hour 5 minutes"; "0 seconds" for zero or less.
    public static func time(seconds: Int) -> String {
        guard seconds > 0 else { return "0 seconds" }
        return time(seconds: seconds.magnitude)
    }

    private static func time(seconds: UInt) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        var parts: [String] = []
        if hours > 0 { parts.append(hours == 1 ? "1 hour" : "\(hours) hours") }
        if minutes > 0 { parts.append(minutes == 1 ? "1 minute" : "\(minutes) minutes") }
        if rest > 0 { parts.append(rest == 1 ? "1 second" : "\(rest) seconds") }
        return parts.joined(separator: " ")
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "7 December 2026".
    public static func date(_ date: CalendarDate) -> String {
        "\(date.day) \(month(date)) \(date.year)"
    }

    /// "Monday 7 December 2026".
    public static func dateWithWeekday(_ date: CalendarDate) -> String {
        "\(weekdays[weekday(date)]) \(self.date(date))"
    }

    /// 0 for Monday to 6 for Sunday (day 0, 1 January 1970, was a Thursday).
    public static func weekday(_ date: CalendarDate) -> Int {
        ((date.dayNumber % 7) + 7 + 3) % 7
    }

    /// "7 Dec", for a narrow column.
    public static func shortDate(_ date: CalendarDate) -> String {
        "\(date.day) \(month(date).prefix(3))"
    }

    /// "7 to 13 December 2026", "30 November to 6 December 2026", "28 December 2026 to 3
    /// January 2027", or one date when the span is one day.
    public static func dates(_ span: Plan.DateSpan) -> String {
        dates(from: span.first, to: span.last)
    }

    /// The days from `first` to `last`, as `dates(_:)` says them.
    public static func dates(from first: CalendarDate, to last: CalendarDate) -> String {
        if first == last { return date(first) }
        if first.year != last.year { return "\(date(first)) to \(date(last))" }
        if first.month != last.month { return "\(first.day) \(month(first)) to \(date(last))" }
        return "\(first.day) to \(date(last))"
    }

    private static func month(_ date: CalendarDate) -> String {
        months.indices.contains(date.month - 1) ? months[date.month - 1] : "month \(date.month)"
    }

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

    private static func positive(_ value: Int?) -> Int? {
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
